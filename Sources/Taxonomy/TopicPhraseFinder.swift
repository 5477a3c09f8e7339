/// Finds the topics an article keeps coming back to: phrases of one to three lower-case words
/// (`tuberculosis`, `money laundering`, `state of emergency`) that the body repeats.
///
/// Repetition alone would also pick up a sentence the article repeats, or a word that only
/// ever appears as part of a longer phrase (`money` in `money laundering`). So a phrase counts
/// only when it stands on its own: it occurs at least `minimumOccurrences` times, with at least
/// `minimumContexts` different words (or punctuation) before it and after it. That is the
/// "accessor variety" test of phrase extraction, and it needs no list of topics.
public struct TopicPhraseFinder: Sendable {
    public var minimumOccurrences: Int
    public var minimumContexts: Int
    public var longestPhrase: Int

    public init(minimumOccurrences: Int = 3, minimumContexts: Int = 2, longestPhrase: Int = 3) {
        self.minimumOccurrences = minimumOccurrences
        self.minimumContexts = minimumContexts
        self.longestPhrase = longestPhrase
    }

    /// Function words and reporting words: never at either end of a topic.
    static let stopWords: Set<Substring> = [
        "a", "an", "the", "of", "and", "or", "nor", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "into", "onto", "about", "over", "under", "after", "before", "between", "against", "during", "without",
        "within", "through", "across", "per", "via", "since", "until", "than", "then", "so", "but", "not", "no",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
        "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "that", "this",
        "these", "those", "which", "who", "whom", "whose", "what", "when", "where", "while", "why", "how", "if",
        "it", "its", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "we", "us", "our", "you",
        "your", "i", "me", "my", "one", "ones", "some", "any", "all", "each", "every", "both", "either", "neither",
        "many", "much", "more", "most", "less", "least", "few", "other", "others", "such", "very", "also", "only",
        "just", "even", "still", "yet", "already", "again", "further", "there", "here", "now", "said", "says",
        "say", "told", "according", "added", "new", "last", "next", "first", "second", "third", "year", "years",
        "month", "months", "week", "weeks", "day", "days", "today", "yesterday", "tomorrow", "time", "times",
        "percent", "cent", "mr", "mrs", "ms", "dr", "like", "including", "because", "however", "although",
        "though", "whether", "around", "among", "up", "down", "out", "off", "well", "way", "ways",
        // Common verbs: a topic is a thing, not an action.
        "make", "makes", "made", "making", "get", "gets", "got", "getting", "take", "takes", "took", "taken",
        "taking", "give", "gives", "gave", "given", "giving", "come", "comes", "came", "coming", "see", "sees",
        "saw", "seen", "know", "known", "want", "wants", "need", "needs", "use", "uses", "using", "find", "found",
        "show", "shows", "shown", "keep", "kept", "put", "puts", "set", "sets", "hold", "holds", "held", "bring",
        "brought", "begin", "began", "call", "calls", "ask", "asks", "tell", "tells", "try", "tries", "leave",
        "left", "feel", "seem", "seems", "become", "became", "becomes", "include", "includes", "continue",
        "continues", "provide", "provides", "providing", "create", "creating", "help", "helps", "helping",
        "told", "saying", "going", "goes", "went", "back", "part", "lot", "thing", "things",
        // Counting words and units: numbers are not topics.
        "million", "millions", "billion", "billions", "thousand", "thousands", "hundred", "hundreds", "mln",
        "bln", "pct", "dlrs", "cts", "lakh", "crore", "rs", "number", "numbers", "total",
    ]
    /// Nouns too vague to browse by on their own, though they end good topics (`cabinet
    /// meeting`, `security situation`).
    static let vagueNouns: Set<Substring> = [
        "issue", "issues", "case", "cases", "matter", "matters", "members", "member", "area", "areas", "report",
        "reports", "plan", "plans", "offer", "support", "visit", "concern", "concerns", "measures", "steps",
        "efforts", "meeting", "statement", "situation", "level", "levels", "system", "people", "government",
        "country", "countries", "official", "minister", "sources", "side", "sides", "move", "decision", "work",
        "process", "role", "need", "needs", "place", "point", "range", "kind", "type", "group", "groups",
        "development", "relations", "sector", "services", "regarding", "ensuring", "supporting", "following",
        "performance", "quality", "standards", "sites", "team", "community", "families", "win", "play",
    ]
    /// Adjectives that open a topic (`public spending`, `human rights`) but are never one on
    /// their own, and never end one.
    static let modifiers: Set<Substring> = [
        "good", "bad", "big", "small", "large", "great", "high", "higher", "low", "lower", "full", "long", "short",
        "old", "young", "early", "late", "major", "key", "main", "important", "significant", "different",
        "several", "certain", "available", "possible", "likely", "recent", "current", "local", "national",
        "international", "global", "public", "private", "human", "political", "economic", "social", "central",
        "special", "general", "senior", "former", "overall", "real", "strong", "clear", "whole", "best", "better",
        "free", "open", "top", "own", "additional", "various", "serious", "sensitive", "persistent", "difficult",
        "foreign", "federal", "provincial", "official", "officials", "digital", "financial", "technological",
        "administrative", "cultural", "living", "growing", "rising", "ongoing", "upcoming", "further",
        "diplomatic", "legal", "regional", "bilateral", "judicial", "strategic", "commercial", "industrial",
        "environmental", "religious", "medical", "educational", "mutual", "joint", "necessary", "relevant",
    ]
    /// Words that may sit inside a topic: `state of emergency`, `law and order`.
    static let joiners: Set<Substring> = ["of", "and"]

    public struct Phrase: Sendable, Equatable {
        public var text: String
        public var occurrences: Int
    }

    /// Topic phrases of the text, most repeated first (ties in order of first appearance).
    public func phrases(in text: ScannedText) -> [Phrase] {
        var table: [String: Tally] = [:]
        var order: [String] = []
        tally(text, into: &table, order: &order)
        var found: [(phrase: Phrase, first: Int)] = []
        for (position, phrase) in order.enumerated() {
            let tally = table[phrase]!
            guard tally.count >= minimumOccurrences, tally.before.count >= minimumContexts,
                  tally.after.count >= minimumContexts else { continue }
            // `the reserve board`, `the planning commission`: a phrase mostly written after `the`
            // is a particular body or thing the story refers to, not a topic it is about.
            guard tally.definiteCount * 2 <= tally.count else { continue }
            found.append((Phrase(text: phrase, occurrences: tally.count), position))
        }
        return found
            .sorted { $0.phrase.occurrences != $1.phrase.occurrences ? $0.phrase.occurrences > $1.phrase.occurrences : $0.first < $1.first }
            .map(\.phrase)
    }

    private func tally(_ text: ScannedText, into table: inout [String: Tally], order: inout [String]) {
        let words = text.words
        for start in words.indices where Self.isTopicWord(words[start].text) && !Self.stopWords.contains(words[start].text) {
            var phrase = ""
            for length in 1...longestPhrase {
                let end = start + length - 1
                guard end < words.count else { break }
                let word = words[end].text
                guard Self.isTopicWord(word) || Self.joiners.contains(word) else { break }
                if length > 1 {
                    // A phrase never runs across punctuation.
                    if words[end - 1].endsPhrase { break }
                    phrase += " "
                }
                phrase += word
                // Joiners and other function words may sit inside, never at the end.
                if Self.stopWords.contains(word) {
                    if Self.joiners.contains(word) { continue }
                    break
                }
                // `issued`, `quickly`: verbs and adverbs end no topic; nor does an adjective.
                if word.hasSuffix("ed") || word.hasSuffix("ly") || Self.modifiers.contains(word) { continue }
                if length == 1, Self.vagueNouns.contains(word) { continue }
                let before = Self.context(before: start, in: words)
                let after: Substring = end + 1 == words.count ? "|" : words[end].endsPhrase ? Self.punctuation(after: word) : words[end + 1].text
                if table[phrase] == nil { order.append(phrase) }
                let definite = start > 0 && !words[start - 1].endsPhrase && Self.isDefiniteArticle(words[start - 1].text)
                table[phrase, default: Tally()].add(before: before, after: after, definite: definite)
            }
        }
    }

    /// The distinct lower-case words of a text, for the archive's sample of how common words are.
    public static func vocabulary(of text: ScannedText) -> Set<String> {
        var words: Set<String> = []
        for word in text.words where isTopicWord(word.text) && !stopWords.contains(word.text) && !modifiers.contains(word.text) {
            words.insert(String(word.text))
        }
        return words
    }

    /// What comes before a phrase: the word, or the punctuation mark; after a function word
    /// (`on`, `the`), the word before that as well, since `rules on` and `talks on` are
    /// different settings for a topic while `the` alone says nothing.
    static func context(before start: Int, in words: [WordScanner.Word]) -> Substring {
        guard start > 0 else { return "|" }
        let previous = words[start - 1]
        if previous.endsPhrase { return punctuation(before: words[start].text) }
        guard start > 1, stopWords.contains(previous.text), !words[start - 2].endsPhrase else { return previous.text }
        return Substring(words[start - 2].text.lowercased() + " " + previous.text)
    }

    static func isDefiniteArticle(_ word: Substring) -> Bool {
        word.count == 3 && word.lowercased() == "the"
    }

    /// The punctuation mark after a word (`,` or `.`): a neighbour like any word.
    static func punctuation(after word: Substring) -> Substring {
        let base = word.base
        var index = word.endIndex
        while index < base.endIndex, base[index] == " " { index = base.index(after: index) }
        return index < base.endIndex ? base[index...index] : "|"
    }

    static func punctuation(before word: Substring) -> Substring {
        let base = word.base
        var index = word.startIndex
        while index > base.startIndex {
            index = base.index(before: index)
            if base[index] != " " { return base[index...index] }
        }
        return "|"
    }

    /// Lower-case letters, with hyphens inside (`no-confidence`): no digits, no capitals.
    static func isTopicWord(_ word: Substring) -> Bool {
        guard let first = word.unicodeScalars.first, first.properties.isLowercase else { return false }
        for scalar in word.unicodeScalars where !(scalar.properties.isLowercase || scalar == "-") {
            return false
        }
        return word.unicodeScalars.count >= 3
    }

    /// Occurrences of one phrase, and up to `minimumContexts`-plus-one distinct neighbours on each side.
    struct Tally {
        var count = 0
        /// Occurrences after `the`.
        var definiteCount = 0
        var before: [Substring] = []
        var after: [Substring] = []

        mutating func add(before word: Substring, after next: Substring, definite: Bool) {
            count += 1
            if definite { definiteCount += 1 }
            // `The` and `the` are one neighbour.
            if before.count < 3, !before.contains(where: { Self.same($0, word) }) { before.append(word) }
            if after.count < 3, !after.contains(where: { Self.same($0, next) }) { after.append(next) }
        }

        static func same(_ lhs: Substring, _ rhs: Substring) -> Bool {
            lhs.count == rhs.count && lhs.lowercased() == rhs.lowercased()
        }
    }
}
