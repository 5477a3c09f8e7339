/// Where every kind of page lives: the site's URL layout in one place. Tag and country pages
/// follow the path patterns of `site.yml` (`SiteConfig.tags`, `SiteConfig.countries`), and so
/// does the date archive (`SiteConfig.archives`).
///
/// Paths are relative to the site root, without a leading `/` and with a trailing `/` for
/// pages (`articles/2025/02/slug/`); the root is the empty string.
public enum Permalinks {
    public static func article(year: Int, month: Int, slug: String) -> String {
        "articles/\(year)/\(twoDigits(month))/\(slug)/"
    }

    public static let home = ""
    public static let about = "about/"

    /// Page `n` of a paginated list: the list's own path for page 1, `…/page/n/` after.
    public static func paginated(_ base: String, page: Int) -> String {
        page <= 1 ? base : "\(base)page/\(page)/"
    }

    /// The RSS feed of a list page.
    public static func feed(_ base: String) -> String { "\(base)index.xml" }
    public static func atomFeed(_ base: String) -> String { "\(base)atom.xml" }
    public static func jsonFeed(_ base: String) -> String { "\(base)feed.json" }

    /// The file a page path is written to.
    public static func file(for path: String) -> String {
        path.hasSuffix(".html") || path.hasSuffix(".xml") ? path : "\(path)index.html"
    }

    static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }
}
