import Testing
@testable import Taxonomy

@Suite("Splitting text into words")
struct WordScannerTests {
    /// Each word as `text`, with `^` before it when it starts a sentence and `|` after it when
    /// punctuation ends its phrase.
    private func marked(_ text: String) -> [String] {
        let scanned = ScannedText(text)
        return scanned.words.map { ($0.startsSentence ? "^" : "") + scanned.text(of: $0) + ($0.endsPhrase ? "|" : "") }
    }

    @Test("sentence starts and phrase ends follow the punctuation between words")
    func sentencesAndPhrases() {
        #expect(marked("The talks ended. Officials said: \"No deal\", and left!") == [
            "^The", "talks", "ended|", "^Officials", "said|", "^No", "deal|", "^and", "left|",
        ])
        // Spaces, tabs, apostrophes and no-break spaces do not end a phrase; a line break does.
        #expect(marked("Pakistan’s army\tmoved\u{A0}north's way\nThen rain") == [
            "^Pakistan", "s", "army", "moved", "north", "s", "way|", "^Then", "rain",
        ])
        // An opening curly quote starts a sentence, a closing one ends the phrase.
        #expect(marked("he said \u{201C}Never again\u{201D} twice") == ["^he", "said|", "^Never", "again|", "twice"])
        #expect(marked("") == [])
        #expect(marked(" ... ") == [])
    }

    @Test("abbreviations of single capitals keep their dots; joiners keep words together")
    func abbreviationsAndJoiners() {
        #expect(marked("The U.S. and U.K. met. U.S.A. too") == ["^The", "U.S.", "and", "U.K.", "met|", "^U.S.A.", "too"])
        #expect(marked("in the U.S. Officials") == ["^in", "the", "U.S.", "Officials"])
        // A capital right after the dot continues the abbreviation only when it is one letter.
        #expect(marked("U.S.A U.S.Army") == ["^U.S.A", "U.S|", "^Army"])
        #expect(marked("I.T. Mr. Smith") == ["^I.T.", "Mr|", "^Smith"])
        #expect(marked("Guinea-Bissau and AT&T, not co- or &x") == ["^Guinea-Bissau", "and", "AT&T|", "not", "co|", "or|", "x"])
        #expect(marked("A.b. x") == ["^A|", "^b|", "^x"])
    }

    @Test("letters and digits of any script, with their combining marks")
    func scripts() {
        #expect(marked("Côte d’Ivoire, São Paulo and 2025 Zürich") == ["^Côte", "d", "Ivoire|", "São", "Paulo", "and", "2025", "Zürich"])
        // `e` followed by a combining acute accent is one word; so are Arabic and Devanagari words.
        #expect(marked("cafe\u{301} كراتشي नमस्ते ٣") == ["^cafe\u{301}", "كراتشي", "नमस्ते", "٣"])
        // An emoji is punctuation between words.
        #expect(marked("rain🌧️sun") == ["^rain|", "sun"])
    }

    @Test("texts put together keep each word as written, and look for a word's punctuation in its own text")
    func joinedTexts() {
        let joined = ScannedText("Talks ended.") + ScannedText("Officials left, quietly")
        #expect(joined.words.map { String(joined.text(of: $0)) } == ["Talks", "ended", "Officials", "left", "quietly"])
        let words = joined.words
        #expect(joined.byte(after: words[1]) == UInt8(ascii: "."))
        #expect(joined.byte(before: words[1]) == UInt8(ascii: "s"))
        // The first word of the second text has nothing before it, the last of the first nothing after.
        #expect(joined.byte(before: words[2]) == nil)
        let unpunctuated = ScannedText("Talks ended") + ScannedText("Officials")
        #expect(unpunctuated.byte(after: unpunctuated.words[1]) == nil)
        #expect(joined.byte(after: words[3]) == UInt8(ascii: ","))
        #expect(joined.byte(after: words[4]) == nil)
        #expect(joined.phrase(words[2...3]) == "Officials left")
    }

    @Test("each word knows its first scalar, for the capital a name starts with")
    func firstScalar() {
        #expect(ScannedText("Élan vital, «Ωmega»").words.map(\.first) == ["É", "v", "Ω"])
    }
}
