/// One copy of each repeated name: the tags, bylines and photo credits an archive's articles
/// share. Every article read its names into strings of its own, and a name longer than fifteen
/// bytes (a Swift string's inline limit) is an allocation per article: many copies of the
/// same few thousand names.
public struct SharedStrings {
    private var pool: [String: String] = [:]

    public init() {}

    /// The pool's copy of `text`, which becomes the copy when it is the first.
    public mutating func share(_ text: String) -> String {
        // Short strings are held inline: there is nothing to share.
        guard text.utf8.count > 15 else { return text }
        if let shared = pool[text] { return shared }
        pool[text] = text
        return text
    }

    public mutating func share(_ texts: [String]) -> [String] {
        // Most lists hold only short names: kept as they are, not copied.
        guard texts.contains(where: { $0.utf8.count > 15 }) else { return texts }
        return texts.map { share($0) }
    }

    public mutating func share(_ text: String?) -> String? {
        text.map { share($0) }
    }
}

extension ArticleMetadata {
    /// Replaces the article's names with the pool's copies.
    public mutating func share(_ strings: inout SharedStrings) {
        tags = strings.share(tags)
        automaticTags = strings.share(automaticTags)
        byline = strings.share(byline)
        photoCredit = strings.share(photoCredit)
        dateline = strings.share(dateline)
    }
}
