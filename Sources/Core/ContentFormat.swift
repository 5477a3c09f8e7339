/// How an article's source file is written.
public enum ContentFormat: String, Sendable, Hashable, Codable {
    /// Plain article text as copied or scraped from a news site.
    case text
    /// Markdown with YAML front matter, as Hugo and Zola read it.
    case markdown

    // Inlinable, so that each caller's string type is known: asked for every file of an archive.
    @inlinable
    public init?(path: some StringProtocol) {
        let bytes = path.utf8
        if bytes.hasSuffix(".txt") {
            self = .text
        } else if bytes.hasSuffix(".md") || bytes.hasSuffix(".markdown") {
            self = .markdown
        } else {
            return nil
        }
    }
}

extension Collection where Element == UInt8 {
    /// Whether the bytes end with the ASCII `suffix`, compared byte by byte: `hasSuffix` on a
    /// `Substring` compares characters through a generic reversed walk, which took most of the
    /// time of scanning a folder of 100,000 files for articles. (A string's UTF-8 view counts
    /// and skips in constant time.)
    @inlinable
    public func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount, count = count
        guard count >= length else { return false }
        return suffix.withUTF8Buffer { dropFirst(count - length).elementsEqual($0) }
    }
}
