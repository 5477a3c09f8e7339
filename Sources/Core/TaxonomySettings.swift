/// How one taxonomy (tags or countries) is published: where its pages live, how long they
/// are, whether each term has feeds, and how many articles a term needs to get a page.
public struct TaxonomySettings: Sendable, Hashable {
    /// Where a term's first page lives, with `{slug}` for the term: `tags/{slug}/`.
    public var pathPattern: String {
        didSet { parts = Self.split(pathPattern) }
    }
    /// The pattern around `{slug}`, split once: a link to a term is made on every page.
    private var parts: (before: String, after: String)?
    /// Articles per term page; nil for the site's `items_per_page`.
    public var pageSize: Int?
    public var feed: Bool
    /// Terms with fewer articles get no page and no link, so that no link leads to a dead end.
    public var minimumArticles: Int

    public init(pathPattern: String, pageSize: Int? = nil, feed: Bool = true, minimumArticles: Int = 1) {
        self.pathPattern = pathPattern
        self.parts = Self.split(pathPattern)
        self.pageSize = pageSize
        self.feed = feed
        self.minimumArticles = minimumArticles
    }

    public func path(for slug: String) -> String {
        guard let parts else { return pathPattern }
        return parts.before + slug + parts.after
    }

    private static func split(_ pattern: String) -> (before: String, after: String)? {
        guard let range = pattern.range(of: "{slug}") else { return nil }
        return (String(pattern[..<range.lowerBound]), String(pattern[range.upperBound...]))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.pathPattern == rhs.pathPattern && lhs.pageSize == rhs.pageSize && lhs.feed == rhs.feed && lhs.minimumArticles == rhs.minimumArticles
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pathPattern)
        hasher.combine(pageSize)
        hasher.combine(feed)
        hasher.combine(minimumArticles)
    }

    /// The index of all terms: the pattern's part before `{slug}` (`tags/`).
    public var indexPath: String {
        guard let range = pathPattern.range(of: "{slug}") else { return pathPattern }
        return String(pathPattern[..<range.lowerBound])
    }

    /// Why a path pattern cannot be used, or nil when it can.
    public static func problem(with pattern: String) -> String? {
        if !pattern.contains("{slug}") { return "must contain {slug}" }
        if !pattern.hasSuffix("/") { return "must end with /" }
        if pattern.hasPrefix("/") { return "must be relative to the site root (no leading /)" }
        if pattern.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) { return "must not contain . or .. segments" }
        if pattern.hasPrefix("{slug}") { return "needs a folder before {slug}, for the index of all terms" }
        if pattern.hasPrefix("articles/") || pattern.hasPrefix("page/") { return "must not share articles/ or page/ with other pages" }
        return nil
    }
}
