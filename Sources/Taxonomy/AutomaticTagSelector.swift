import Core

/// Decides, for the whole archive, which automatic tag candidates become tags: a candidate
/// must be shared by at least `minimumArticles` articles (a phrase in one article is not a
/// topic), and a single word must not be so general that a large share of the archive uses it
/// (`government`, `talks`). Singular and plural forms are one tag (`refugee`, `refugees`), and
/// the user's aliases merge synonyms (`Daesh`, `ISIS` → `Islamic State`).
///
/// Every article's candidates are counted before any is kept, so the result does not depend
/// on the order articles were read in; the name shown is the form the archive uses most.
public struct AutomaticTagSelector: Sendable {
    public let minimumArticles: Int
    /// The most automatic tags one article keeps: its most salient candidates.
    public let maximumPerArticle: Int
    /// A single word used by more than this share of the sampled articles is too general.
    public let generalShare: Double
    /// A sample smaller than this says too little about how common a word is, and is not used.
    public static let minimumSample = 50

    /// Accepted tags by folded key, with the name to show.
    private let accepted: [String: String]
    private let canonicalKey: [String: String]
    private let aliases: TagAliases
    private let declared: Set<String>

    /// `declared` are the tags authors set in front matter: a candidate that matches one is
    /// kept whatever the counts, since the archive already has that tag.
    public init(candidates: [[String]], declared: [String] = [], sample: WordSample, aliases: TagAliases = TagAliases(),
                minimumArticles: Int, maximumPerArticle: Int = 6, generalShare: Double = 0.15) {
        self.minimumArticles = minimumArticles
        self.maximumPerArticle = maximumPerArticle
        self.generalShare = generalShare
        self.aliases = aliases
        // Articles per key, and how often each written form is used.
        var articleCounts: [String: Int] = [:]
        var forms: [String: [String: Int]] = [:]
        for list in candidates {
            var seen: Set<String> = []
            for candidate in list {
                let name = aliases.canonical(candidate)
                let key = Self.key(name)
                guard seen.insert(key).inserted else { continue }
                articleCounts[key, default: 0] += 1
                forms[key, default: [:]][name, default: 0] += 1
            }
        }
        // Plurals fold into a singular the archive also uses.
        var canonicalKey: [String: String] = [:]
        for key in articleCounts.keys {
            if let singular = Self.singulars(of: key).first(where: { articleCounts[$0] != nil }) {
                canonicalKey[key] = singular
            }
        }
        var merged: [String: Int] = [:]
        var mergedForms: [String: [String: Int]] = [:]
        for (key, count) in articleCounts {
            let target = canonicalKey[key] ?? key
            merged[target, default: 0] += count
            mergedForms[target, default: [:]].merge(forms[key]!, uniquingKeysWith: +)
        }
        let useSample = sample.articles >= Self.minimumSample
        var accepted: [String: String] = [:]
        // Every declared tag of the archive, each name folded once: a few hundred names recur
        // across hundreds of thousands of articles. The first form written keeps the name.
        var declaredKeys: Set<String> = []
        var folded: Set<String> = []
        for tag in declared where folded.insert(tag).inserted {
            let name = aliases.canonical(tag)
            let key = Self.key(name)
            declaredKeys.insert(key)
            if accepted[key] == nil { accepted[key] = name }
        }
        self.declared = declaredKeys
        for (key, count) in merged where count >= minimumArticles && accepted[key] == nil {
            if useSample, !key.contains(" "), key.first?.isLowercase == true || Self.isLowercase(mergedForms[key]!),
               sample.share(of: key) > generalShare {
                continue
            }
            // The most used form, ties broken alphabetically so that every build agrees.
            let name = mergedForms[key]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            accepted[key] = name
        }
        self.accepted = accepted
        self.canonicalKey = canonicalKey
    }

    /// The tags every article keeps. An article keeps at most `maximumPerArticle`, so a tag can
    /// end up with fewer articles than its candidates had: such tags are dropped again, so that
    /// no automatic tag has fewer than `minimumArticles` articles.
    public func selectAll(_ lists: [[String]]) -> [[String]] {
        let selected = lists.map(select)
        var counts: [String: Int] = [:]
        for tags in selected {
            for tag in tags { counts[tag, default: 0] += 1 }
        }
        return selected.map { tags in
            tags.filter { counts[$0]! >= minimumArticles || declared.contains(Self.key($0)) }
        }
    }

    /// Whether one article's declared tags going from `before` to `after` leaves every choice
    /// of automatic tags as it was, given every other article's declared tags and every
    /// article's automatic ones (`articles`, the one edited at `edited`; only those at
    /// `candidates` when no other can carry the tags added or dropped). A declared tag keeps the candidates that match
    /// it, named as the archive first writes it: so each tag name added or dropped must, folded,
    /// still be declared somewhere (or still nowhere), and where no automatic tag has that
    /// name, that is all. Where one has it, the name must stay the same: true only when it is
    /// written one way throughout (two spellings answer false, though the first might still be
    /// the same).
    public static func declaredTagsAgree(before: [String], after: [String],
                                         articles: [ArticleMetadata], edited: Int?, candidates: [Int]? = nil,
                                         aliases: TagAliases = TagAliases()) -> Bool {
        let touched = Set(before).symmetricDifference(after)
        guard !touched.isEmpty else { return true }
        func folded(_ tag: String) -> String { key(aliases.canonical(tag)) }
        let keys = Set(touched.map(folded))
        // Each name folded once: a few hundred names recur across the archive.
        var keyOfName: [String: String?] = [:]
        func touchedKey(_ tag: String) -> String? {
            if let known = keyOfName[tag] { return known }
            let found = folded(tag)
            let key = keys.contains(found) ? found : nil
            keyOfName[tag] = key
            return key
        }
        var spellings: [String: Set<String>] = [:]
        var chosen: Set<String> = []
        // By index: a copy of each article's metadata cost more than the look-ups.
        for index in candidates ?? Array(articles.indices) {
            if index != edited {
                for tag in articles[index].tags {
                    if let key = touchedKey(tag) { spellings[key, default: []].insert(aliases.canonical(tag)) }
                }
            }
            for tag in articles[index].automaticTags {
                if let key = touchedKey(tag) { chosen.insert(key) }
            }
        }
        for key in keys {
            let others = spellings[key] ?? []
            let forms = { (tags: [String]) in others.union(tags.filter { folded($0) == key }.map(aliases.canonical)) }
            let was = forms(before), now = forms(after)
            guard was.isEmpty == now.isEmpty else { return false }
            if chosen.contains(key) { guard was == now, was.count <= 1 else { return false } }
        }
        return true
    }

    /// The tags one article keeps, from its candidates, in their order.
    public func select(_ candidates: [String]) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for candidate in candidates where result.count < maximumPerArticle {
            let key = Self.key(aliases.canonical(candidate))
            let target = canonicalKey[key] ?? key
            guard let name = accepted[target], seen.insert(target).inserted else { continue }
            result.append(name)
        }
        return result
    }

    /// Case and spacing do not make two tags.
    static func key(_ name: String) -> String {
        // Called several times for every candidate of every article: ASCII names, nearly all,
        // are folded byte by byte; others go through Unicode's whitespace and case rules.
        var name = name
        let ascii: String? = name.withUTF8 { bytes in
            var folded: [UInt8] = []
            folded.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !folded.isEmpty
                    continue
                }
                if pendingSpace {
                    folded.append(0x20)
                    pendingSpace = false
                }
                folded.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: folded, as: UTF8.self)
        }
        return ascii ?? name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    private static func isLowercase(_ forms: [String: Int]) -> Bool {
        forms.keys.contains { $0.first?.isLowercase == true }
    }

    /// Possible singulars of a key's last word: `prices` → `price`, `policies` → `policy`,
    /// `taxes` → `tax`. Only forms the archive uses are taken, so `news` never becomes `new`
    /// unless `new` is itself a tag.
    static func singulars(of key: String) -> [String] {
        guard key.hasSuffix("s"), !key.hasSuffix("ss"), !key.hasSuffix("us"), !key.hasSuffix("is") else { return [] }
        var result: [String] = []
        if key.hasSuffix("ies") { result.append(String(key.dropLast(3)) + "y") }
        if key.hasSuffix("es") { result.append(String(key.dropLast(2))) }
        result.append(String(key.dropLast()))
        return result.filter { $0.count >= 3 }
    }
}

/// How many sampled articles use each lower-case word: what tells a topic (`tuberculosis`)
/// from a word every article uses (`government`).
public struct WordSample: Sendable {
    public private(set) var articles = 0
    private var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ words: Set<String>) {
        articles += 1
        for word in words { counts[word, default: 0] += 1 }
    }

    public func share(of word: String) -> Double {
        articles == 0 ? 0 : Double(counts[word, default: 0]) / Double(articles)
    }

    /// Which articles to sample: about `target` of `total`, spread evenly, so that the cost stays
    /// the same for a million articles as for two thousand.
    public static func isSampled(_ index: Int, of total: Int, target: Int = 2_000) -> Bool {
        index % max(1, total / target) == 0
    }
}
