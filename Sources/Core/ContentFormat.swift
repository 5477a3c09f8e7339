/// How an article's source file is written.
public enum ContentFormat: String, Sendable, Hashable, Codable {
    /// Plain article text as copied or scraped from a news site.
    case text
    /// Markdown with YAML front matter, as Hugo and Zola read it.
    case markdown

    // Inlinable, so that each caller's string type is known: asked for every file of an archive.
    @inlinable
    public init?(path: some StringProtocol) {
        if path.hasSuffix(".txt") {
            self = .text
        } else if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            self = .markdown
        } else {
            return nil
        }
    }
}
