/// Where every kind of page lives: the site's URL layout in one place. Tag and country pages
/// follow the path patterns of `site.yml` (`SiteConfig.tags`, `SiteConfig.countries`), and so
/// does the date archive (`SiteConfig.archives`).
///
/// Paths are relative to the site root, without a leading `/` and with a trailing `/` for
/// pages (`articles/2025/02/slug/`); the root is the empty string.
public enum Permalinks {
    public static func article(year: Int, month: Int, slug: String) -> String {
        var bytes: [UInt8] = []
        appendArticle(year: year, month: month, to: &bytes) { $0.append(contentsOf: slug.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `article(year:month:slug:)` written into a buffer, the slug's bytes by `appendSlug`: a
    /// sitemap lists every article's page, and a string made for each was most of the time it
    /// took to write one again after an edit.
    public static func appendArticle(year: Int, month: Int, to bytes: inout [UInt8], appendSlug: (inout [UInt8]) -> Void) {
        bytes.append(contentsOf: articlesFolder)
        if (1000...9999).contains(year) {
            bytes.append(digit(year / 1000))
            bytes.append(digit(year / 100 % 10))
            bytes.append(digit(year / 10 % 10))
            bytes.append(digit(year % 10))
        } else {
            bytes.append(contentsOf: String(year).utf8)
        }
        bytes.append(UInt8(ascii: "/"))
        if (0...99).contains(month) {
            bytes.append(digit(month / 10))
            bytes.append(digit(month % 10))
        } else {
            bytes.append(contentsOf: twoDigits(month).utf8)
        }
        bytes.append(UInt8(ascii: "/"))
        appendSlug(&bytes)
        bytes.append(UInt8(ascii: "/"))
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

    private static let articlesFolder = Array("articles/".utf8)

    /// How many bytes `appendArticle` writes for a slug of `slugBytes` and a year of four digits.
    public static func articleBytes(slugBytes: Int) -> Int {
        articlesFolder.count + "2025/02/".utf8.count + slugBytes + 1
    }

    private static func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }

    static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }
}
