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
        let words = text.words
        let facts = Self.facts(of: text)
        // Phrases are keyed by their words' hashes, not by strings: this runs over every word
        // of every article, and only the few phrases that qualify are ever spelled out.
        var slots = WordHashTable(minimumCapacity: words.count)
        var tallies: [Tally] = []
        for start in words.indices where facts[start].kind == .content || facts[start].kind == .modifier {
            var key: UInt64 = 0
            for length in 1...longestPhrase {
                let end = start + length - 1
                guard end < words.count else { break }
                let fact = facts[end]
                guard fact.kind != .other else { break }
                // A phrase never runs across punctuation.
                if length > 1, words[end - 1].endsPhrase { break }
                key = key &* 0x100000001B3 ^ fact.hash
                // Joiners may sit inside, never at the end; other function words end the phrase.
                if fact.kind == .joiner { continue }
                if fact.kind == .stop { break }
                if fact.kind == .modifier || fact.endsLikeVerb || (length == 1 && fact.isVague) { continue }
                let before = Self.context(before: start, in: text, facts: facts)
                let after = end + 1 == words.count ? Self.boundary : words[end].endsPhrase ? Self.punctuation(after: words[end], in: text) : facts[end + 1].hash
                let definite = start > 0 && !words[start - 1].endsPhrase && facts[start - 1].hash == Self.theHash
                let phraseKey = key &+ UInt64(length)
                if let slot = slots[phraseKey] {
                    tallies[slot].add(before: before, after: after, definite: definite)
                } else {
                    slots.set(phraseKey, to: tallies.count)
                    var tally = Tally(start: start, length: length)
                    tally.add(before: before, after: after, definite: definite)
                    tallies.append(tally)
                }
            }
        }
        var found: [(phrase: Phrase, first: Int)] = []
        for (position, tally) in tallies.enumerated() {
            guard tally.count >= minimumOccurrences, tally.beforeCount >= minimumContexts,
                  tally.afterCount >= minimumContexts else { continue }
            // `the reserve board`, `the planning commission`: a phrase mostly written after `the`
            // is a particular body or thing the story refers to, not a topic it is about.
            guard tally.definiteCount * 2 <= tally.count else { continue }
            found.append((Phrase(text: text.phrase(words[tally.start..<(tally.start + tally.length)]), occurrences: tally.count), position))
        }
        return found
            .sorted { $0.phrase.occurrences != $1.phrase.occurrences ? $0.phrase.occurrences > $1.phrase.occurrences : $0.first < $1.first }
            .map(\.phrase)
    }

    /// The distinct lower-case words of a text, for the archive's sample of how common words are.
    public static func vocabulary(of text: ScannedText) -> Set<String> {
        var seen: Set<UInt64> = []
        var words: Set<String> = []
        for (word, fact) in zip(text.words, facts(of: text)) {
            guard fact.kind == .content, seen.insert(fact.hash).inserted else { continue }
            words.insert(String(text.text(of: word)))
        }
        return words
    }

    /// What the finder needs to know of a word, worked out once per word.
    struct WordFacts {
        enum Kind: UInt8 { case content, joiner, stop, modifier, other }
        var kind: Kind
        /// Of the word's bytes, capitals folded: `The` and `the` are one neighbour.
        var hash: UInt64
        var endsLikeVerb = false
        var isVague = false
    }

    /// Every word's facts, by position.
    static func facts(of text: ScannedText) -> [WordFacts] {
        text.withBytes { bytes in
            text.words.map { facts(of: $0, bytes: UnsafeBufferPointer(rebasing: bytes[Int($0.start)..<Int($0.end)])) }
        }
    }

    /// One word's facts, from its hash and its bytes.
    static func facts(of word: WordScanner.Word, bytes: UnsafeBufferPointer<UInt8>) -> WordFacts {
        let hash = word.foldedHash
        if let code = listedWords[hash] {
            let kind = WordFacts.Kind(rawValue: UInt8(code & 0xFF))!, isVague = code & vague != 0
            // Function words count in any case; a listed adjective or noun only as a topic word.
            if kind == .stop || kind == .joiner || isTopicWord(bytes) {
                return WordFacts(kind: kind, hash: hash, isVague: isVague)
            }
            return WordFacts(kind: .other, hash: hash)
        }
        guard isTopicWord(bytes) else { return WordFacts(kind: .other, hash: hash) }
        // A topic word has three letters or more.
        let final = bytes[bytes.count - 1], penultimate = bytes[bytes.count - 2]
        // `issued`, `quickly`: verbs and adverbs end no topic.
        let verbLike = (penultimate == UInt8(ascii: "e") && final == UInt8(ascii: "d")) || (penultimate == UInt8(ascii: "l") && final == UInt8(ascii: "y"))
        return WordFacts(kind: .content, hash: hash, endsLikeVerb: verbLike)
    }

    /// The word lists by folded hash, with what each word is: its kind's raw value, and `vague`
    /// for a vague noun. A later list overrides an earlier one for a word on both.
    static let listedWords = WordHashTable(
        vagueNouns.map { (WordScanner.foldedHash($0), Int(WordFacts.Kind.content.rawValue) | vague) }
            + modifiers.map { (WordScanner.foldedHash($0), Int(WordFacts.Kind.modifier.rawValue)) }
            + stopWords.map { (WordScanner.foldedHash($0), Int(WordFacts.Kind.stop.rawValue)) }
            + joiners.map { (WordScanner.foldedHash($0), Int(WordFacts.Kind.joiner.rawValue)) })
    private static let vague = 0x100

    static let theHash = WordScanner.foldedHash("the")
    static let boundary: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// What comes before a phrase: the word, or the punctuation mark; after a function word
    /// (`on`, `the`), the word before that as well, since `rules on` and `talks on` are
    /// different settings for a topic while `the` alone says nothing.
    static func context(before start: Int, in text: ScannedText, facts: [WordFacts]) -> UInt64 {
        let words = text.words
        guard start > 0 else { return boundary }
        if words[start - 1].endsPhrase { return punctuation(before: words[start], in: text) }
        guard start > 1, facts[start - 1].kind == .stop || facts[start - 1].kind == .joiner, !words[start - 2].endsPhrase else {
            return facts[start - 1].hash
        }
        return facts[start - 2].hash &* 31 ^ facts[start - 1].hash
    }

    /// The punctuation mark after a word (`,` or `.`): a neighbour like any word.
    static func punctuation(after word: WordScanner.Word, in text: ScannedText) -> UInt64 {
        text.byte(after: word).map(UInt64.init) ?? boundary
    }

    static func punctuation(before word: WordScanner.Word, in text: ScannedText) -> UInt64 {
        text.byte(before: word).map(UInt64.init) ?? boundary
    }

    /// Lower-case letters, with hyphens inside (`no-confidence`): no digits, no capitals.
    static func isTopicWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        var ascii = true
        for byte in bytes {
            if byte >= 0x80 { ascii = false; break }
            guard (byte >= 0x61 && byte <= 0x7A) || (byte == 0x2D && count > 0) else { return false }
            count += 1
        }
        if ascii { return count >= 3 }
        let word = String(decoding: bytes, as: UTF8.self)
        guard let first = word.unicodeScalars.first, first.properties.isLowercase else { return false }
        for scalar in word.unicodeScalars where !(scalar.properties.isLowercase || scalar == "-") {
            return false
        }
        return word.unicodeScalars.count >= 3
    }

    /// Occurrences of one phrase, where it first occurs, and up to three distinct neighbours on
    /// each side (more are never needed).
    struct Tally {
        var start: Int
        var length: Int
        var count = 0
        /// Occurrences after `the`.
        var definiteCount = 0
        var before: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var beforeCount = 0
        var after: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var afterCount = 0

        init(start: Int, length: Int) {
            self.start = start
            self.length = length
        }

        mutating func add(before word: UInt64, after next: UInt64, definite: Bool) {
            count += 1
            if definite { definiteCount += 1 }
            Self.insert(word, into: &before, count: &beforeCount)
            Self.insert(next, into: &after, count: &afterCount)
        }

        private static func insert(_ value: UInt64, into set: inout (UInt64, UInt64, UInt64), count: inout Int) {
            switch count {
            case 0: set.0 = value; count = 1
            case 1: if set.0 != value { set.1 = value; count = 2 }
            case 2: if set.0 != value && set.1 != value { set.2 = value; count = 3 }
            default: break
            }
        }
    }
}
