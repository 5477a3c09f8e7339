/// Turns ALL-CAPS wire headlines into title case a reader can scan.
enum ReadableCase {
    private static let minorWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
        "or", "over", "per", "the", "to", "up", "via", "vs", "with",
    ]

    /// Short words common in headlines; other words of two to four letters in an ALL-CAPS
    /// headline are taken for acronyms (`AMC`, `UAW`, `OPEC`) and stay in capitals.
    private static let commonShortWords: Set<String> = [
        "ad", "ads", "age", "aid", "aids", "air", "all", "also", "any", "are", "area", "arms", "army", "art", "ask", "away",
        "back", "bad", "ban", "bank", "bar", "base", "be", "been", "best", "bid", "bids", "big", "bill", "bond", "book",
        "boom", "boost", "born", "both", "box", "boy", "buy", "buys", "call", "calm", "came", "can", "car", "card", "case",
        "cash", "cent", "chip", "city", "club", "coal", "code", "come", "cost", "crop", "cut", "cuts", "data", "date",
        "day", "days", "deal", "debt", "deny", "did", "dies", "dip", "do", "does", "done", "down", "drop", "drug", "due",
        "duty", "each", "earn", "east", "ease", "eats", "edge", "end", "ends", "eye", "face", "fail", "fair", "fall",
        "far", "farm", "fast", "fear", "fed", "fee", "fees", "few", "file", "film", "find", "fine", "fire", "firm",
        "five", "flat", "flow", "fly", "food", "form", "four", "free", "from", "fuel", "full", "fund", "gain", "game",
        "gap", "gas", "gets", "get", "gift", "give", "go", "goal", "goes", "gold", "good", "got", "grew", "grow", "guns",
        "had", "half", "halt", "has", "have", "he", "head", "hear", "held", "help", "her", "here", "high", "him", "his",
        "hit", "hits", "hold", "home", "hope", "host", "hot", "how", "hurt", "idea", "if", "is", "it", "its", "job",
        "jobs", "join", "jump", "just", "keep", "key", "kill", "land", "last", "late", "law", "laws", "lead", "left",
        "less", "let", "lift", "like", "line", "link", "list", "live", "loan", "long", "look", "loss", "lost", "low",
        "made", "main", "make", "man", "many", "may", "meet", "men", "mid", "mine", "mln", "more", "most", "move",
        "much", "must", "name", "near", "need", "net", "new", "news", "next", "nine", "no", "none", "nor", "not", "now",
        "off", "oil", "old", "one", "only", "open", "out", "over", "own", "paid", "pact", "part", "pay", "pays", "pct",
        "plan", "play", "plea", "poll", "poor", "port", "post", "push", "put", "puts", "race", "raid", "rail", "rain",
        "rate", "real", "red", "rent", "rest", "rice", "rich", "ride", "rise", "risk", "road", "role", "rule", "run",
        "runs", "safe", "said", "sale", "same", "save", "say", "says", "sea", "see", "seek", "seen", "sees", "sell",
        "send", "sent", "set", "sets", "she", "ship", "shot", "show", "shut", "side", "sign", "six", "size", "slow",
        "so", "soft", "some", "soon", "spot", "stay", "step", "stop", "such", "sue", "sues", "sun", "sure", "take",
        "talk", "tax", "team", "tell", "ten", "term", "test", "than", "that", "them", "then", "they", "this", "tie",
        "ties", "time", "told", "too", "took", "top", "tour", "town", "trip", "try", "turn", "two", "unit", "upon",
        "us", "use", "used", "vote", "wage", "wait", "want", "war", "was", "way", "ways", "we", "week", "well", "went",
        "were", "west", "what", "when", "who", "why", "will", "win", "wins", "with", "won", "word", "work", "year",
        "yen", "yes", "yet", "you", "zone", "dlr", "dlrs", "cts", "shr", "qtr", "rev", "revs", "bln", "mths",
    ]

    static func titleCase(_ text: String) -> String {
        var words: [String] = []
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let lower = word.lowercased()
            // Abbreviations with dots (`U.S.`, `U.K.`) and tickers (`<CMIN>`) stay as written.
            if (word.contains(".") && word.count <= 6) || word.hasPrefix("<") {
                words.append(String(word))
            } else if index > 0 && minorWords.contains(lower) {
                words.append(lower)
            } else if isAcronym(word, lower: lower) {
                words.append(String(word))
            } else {
                words.append(capitalizeParts(lower))
            }
        }
        return words.joined(separator: " ")
    }

    private static func isAcronym(_ word: Substring, lower: String) -> Bool {
        let letters = word.filter(\.isLetter)
        guard (2...4).contains(letters.count), letters.count == word.count else { return false }
        return !commonShortWords.contains(lower) && !minorWords.contains(lower)
    }

    /// Capitalises each part of hyphenated words: `anti-inflation` → `Anti-Inflation`.
    private static func capitalizeParts(_ word: String) -> String {
        word.split(separator: "-", omittingEmptySubsequences: false)
            .map { part in part.prefix(1).uppercased() + part.dropFirst() }
            .joined(separator: "-")
    }
}
