import Foundation
import Testing
@testable import Taxonomy

@Suite("Topic phrases and the archive's tag choice")
struct TopicPhraseFinderTests {
    let finder = TopicPhraseFinder()

    @Test("a phrase repeated in varied sentences is a topic; its parts and a repeated sentence are not")
    func variedRepetition() {
        let body = ScannedText("""
        China and Azerbaijan agreed to expand cooperation on money laundering, a joint statement said.
        Business leaders asked for clearer rules on money laundering. Officials in London responded cautiously, saying they would study the proposals before commenting.
        The reserve board says progress on money laundering depends on funding. Officials in Baku responded cautiously, saying they would study the proposals before commenting.
        Asked about money laundering, she declined to comment. Officials in Rome responded cautiously, saying they would study the proposals before commenting.
        """)
        let phrases = finder.phrases(in: body).map(\.text)
        #expect(phrases == ["money laundering"])
    }

    @Test("`of` and `and` may sit inside a topic, never at its end; numbers and capitals are no topic")
    func joiners() {
        let body = ScannedText("""
        The government declared a state of emergency on Monday. Critics said the state of emergency was unlawful.
        Under a state of emergency, gatherings are banned. In 2024, 2024 and 2024 Karachi saw the same.
        """)
        #expect(finder.phrases(in: body).map(\.text) == ["state of emergency"])
    }

    @Test("a phrase mostly written after `the` is a body the story refers to, not a topic")
    func definiteReferences() {
        let body = ScannedText("""
        The planning commission met on Monday. Figures released by the planning commission showed growth.
        Critics of the planning commission, and of tuberculosis policy, spoke. Tuberculosis cases rose; tuberculosis deaths fell.
        Doctors said tuberculosis remained common.
        """)
        #expect(finder.phrases(in: body).map(\.text) == ["tuberculosis"])
    }

    @Test("verbs, adjectives and vague nouns are never topics on their own")
    func vagueWords() {
        let body = ScannedText("""
        The issue was raised again. Another issue, he said, was made worse. That issue remains.
        Political parties met; political leaders spoke. A political crisis followed, political or not.
        They made progress. It was made clear. Nothing was made public.
        """)
        #expect(finder.phrases(in: body).isEmpty)
    }

    @Test("a capitalised run that opens a sentence is not taken apart into names")
    func sentenceStartRuns() {
        // `African` of `South African` is no name, nor a tag.
        let tags = TagExtractor().tags(title: "South African and African Union talks",
                                       body: "South African officials met. The African Union and South African envoys spoke.")
        #expect(!tags.contains("African"))
        #expect(tags.contains("African Union") == false, "named once in the body only")
    }

    @Test("the archive keeps shared candidates, folds plurals, drops general words, applies aliases")
    func selection() {
        var sample = WordSample()
        for index in 0..<100 {
            sample.add(index < 40 ? ["talks", "refugee"] : ["refugee"])
        }
        let candidates = [
            ["refugees", "talks", "Daesh", "lonely phrase"],
            ["refugee", "talks", "ISIS"],
            ["refugees", "talks"],
        ]
        let aliases = TagAliases(["Islamic State": ["Daesh", "ISIS"]])
        let selector = AutomaticTagSelector(candidates: candidates, sample: sample, aliases: aliases, minimumArticles: 2)
        // The sample finds `refugee` in every article and `talks` in 40%: too general to browse by.
        #expect(selector.select(candidates[0]) == ["Islamic State"])
        let small = AutomaticTagSelector(candidates: candidates, sample: WordSample(), aliases: aliases, minimumArticles: 2)
        #expect(small.select(candidates[0]) == ["refugees", "talks", "Islamic State"])
        #expect(small.select(candidates[1]) == ["refugees", "talks", "Islamic State"])
        #expect(AutomaticTagSelector.singulars(of: "policies") == ["policy", "polici", "policie"])
        #expect(AutomaticTagSelector.singulars(of: "crisis").isEmpty)
    }

    @Test("a lexicon topic needs the headline or two body mentions, in any case")
    func lexicon() {
        let lexicon = TopicLexicon(["climate change": ["global warming", "climate crisis"], "floods": ["flooding"]])
        let tags = lexicon.tags(title: ScannedText("Global Warming hits the north"),
                                body: ScannedText("Flooding closed roads. The climate crisis deepens."))
        #expect(tags == ["climate change"])
        let twice = lexicon.tags(title: ScannedText("Roads closed"), body: ScannedText("Flooding closed roads; more flooding is expected."))
        #expect(twice == ["floods"])
    }
}
