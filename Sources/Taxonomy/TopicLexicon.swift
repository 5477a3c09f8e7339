/// The site's own topics (`tags.lexicon` in `site.yml`): a tag and the phrases that mean it.
/// An article gets the tag when its headline uses one of the phrases, or its body uses them
/// at least twice, in any case: `climate change: [global warming, climate crisis]`.
public struct TopicLexicon: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var tag: String
        var words: [String]
    }

    /// Entries by the phrase's first word, lower-cased: most words start none.
    private let entriesByFirstWord: [String: [Entry]]

    public init(_ topics: [String: [String]] = [:]) {
        var table: [String: [Entry]] = [:]
        for (tag, phrases) in topics.sorted(by: { $0.key < $1.key }) {
            for phrase in [tag] + phrases {
                let scanned = ScannedText(phrase)
                let words = scanned.words.map { scanned.text(of: $0).lowercased() }
                guard let first = words.first else { continue }
                table[first, default: []].append(Entry(tag: tag, words: words))
            }
        }
        entriesByFirstWord = table
    }

    public var isEmpty: Bool { entriesByFirstWord.isEmpty }

    /// The lexicon's tags this article earns, in the order the text first uses them.
    public func tags(title: ScannedText, body: ScannedText) -> [String] {
        guard !isEmpty else { return [] }
        var score: [String: Int] = [:]
        var order: [String] = []
        for (text, weight) in [(title, 2), (body, 1)] {
            let words = text.words.map { text.text(of: $0).lowercased() }
            for start in words.indices {
                guard let entries = entriesByFirstWord[words[start]] else { continue }
                for entry in entries where start + entry.words.count <= words.count
                    && Array(words[start..<(start + entry.words.count)]) == entry.words {
                    if score[entry.tag] == nil { order.append(entry.tag) }
                    score[entry.tag, default: 0] += weight
                }
            }
        }
        return order.filter { score[$0]! >= 2 }
    }
}
