/// How the date archive is published (`archives:` in `site.yml`): where month pages live, whether
/// a month is one page or several, whether months have feeds, and how many articles a month
/// needs to get a page. Article pages keep their own URLs (`articles/2025/02/slug/`) whatever
/// this says.
public struct ArchiveSettings: Sendable, Hashable {
    /// Where a month's first page lives, with `{year}` and `{month}`: `articles/{year}/{month}/`.
    public var pathPattern: String
    /// Articles per month page; nil for one page per month, its articles under their days.
    public var pageSize: Int?
    /// RSS, Atom and JSON feeds for each month.
    public var feed: Bool
    /// Months with fewer articles get no page and no link.
    public var minimumArticles: Int

    public init(pathPattern: String = "articles/{year}/{month}/", pageSize: Int? = nil, feed: Bool = false, minimumArticles: Int = 1) {
        self.pathPattern = pathPattern
        self.pageSize = pageSize
        self.feed = feed
        self.minimumArticles = minimumArticles
    }

    /// The index of all years: the pattern's part before `{year}` (`articles/`).
    public var indexPath: String {
        guard let range = pathPattern.range(of: "{year}") else { return pathPattern }
        return String(pathPattern[..<range.lowerBound])
    }

    /// A year's page: the pattern up to its `{year}` segment (`articles/2025/`).
    public func path(year: Int) -> String {
        guard let range = pathPattern.range(of: "{year}") else { return pathPattern }
        let upToYear = String(pathPattern[..<range.upperBound])
        return upToYear.replacingOccurrences(of: "{year}", with: String(year)) + "/"
    }

    public func path(year: Int, month: Int) -> String {
        pathPattern.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{month}", with: month < 10 ? "0\(month)" : "\(month)")
    }

    /// Why a path pattern cannot be used, or nil when it can.
    public static func problem(with pattern: String) -> String? {
        guard let year = pattern.range(of: "{year}"), let month = pattern.range(of: "{month}") else {
            return "must contain {year} and {month}"
        }
        if month.lowerBound < year.upperBound { return "must put {year} before {month}" }
        if !pattern.hasSuffix("/") { return "must end with /" }
        if pattern.hasPrefix("/") { return "must be relative to the site root (no leading /)" }
        if pattern.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) { return "must not contain . or .. segments" }
        if pattern.hasPrefix("{year}") { return "needs a folder before {year}, for the index of all years" }
        if !pattern[year.upperBound...].hasPrefix("/") { return "must end the {year} segment with /, for the year's page" }
        if pattern.hasPrefix("page/") { return "must not use page/, where the home page's later pages live" }
        return nil
    }
}
