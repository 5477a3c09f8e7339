/// A tag or country with the articles filed under it, by ID (index in the site's article list).
public struct Term: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// Article IDs, newest first (IDs follow the site's date order).
    public var articleIDs: [Int]
    /// For countries: the ISO code; nil for tags.
    public var code: String?

    public init(name: String, slug: String, articleIDs: [Int] = [], code: String? = nil) {
        self.name = name
        self.slug = slug
        self.articleIDs = articleIDs
        self.code = code
    }
}
