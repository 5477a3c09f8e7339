import Core
import Site

/// `sitemap.xml`: every page a search engine should index, with the date of its newest content.
public struct SitemapWriter: Sendable {
    public let site: SiteModel
    let dates: DateText

    public init(site: SiteModel) {
        self.site = site
        self.dates = DateText(timeZone: site.config.timeZone)
    }

    /// The sitemaps protocol's limit of URLs per file.
    public static let maximumURLs = 50_000

    /// `sitemap.xml` alone, or past `maximumURLs` a sitemap index at `sitemap.xml` pointing to
    /// `sitemap-1.xml`, `sitemap-2.xml`, …: the files to write, by path.
    public func render(_ plan: PagePlan, maximumURLs: Int = SitemapWriter.maximumURLs) -> [(path: String, contents: String)] {
        var entries: [(line: String, lastmod: String?)] = []
        for page in plan.articlePages + plan.listPages where page.isListedInSitemap {
            var line = "<url><loc>\(XMLText.escape(site.config.baseURL + page.path))</loc>"
            let lastmod = newestArticle(on: page).map { dates.day(site.articles[$0].date) }
            if let lastmod { line += "<lastmod>\(lastmod)</lastmod>" }
            entries.append((line + "</url>\n", lastmod))
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        func urlset(_ slice: ArraySlice<(line: String, lastmod: String?)>) -> String {
            header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" + slice.map(\.line).joined() + "</urlset>\n"
        }
        guard entries.count > maximumURLs else { return [("sitemap.xml", urlset(entries[...]))] }
        var files: [(path: String, contents: String)] = []
        var index = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: maximumURLs).enumerated() {
            let slice = entries[start..<min(entries.count, start + maximumURLs)]
            let path = "sitemap-\(number + 1).xml"
            files.append((path, urlset(slice)))
            index += "<sitemap><loc>\(XMLText.escape(site.config.baseURL + path))</loc>"
            if let newest = slice.compactMap(\.lastmod).max() { index += "<lastmod>\(newest)</lastmod>" }
            index += "</sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [("sitemap.xml", index)] + files
    }

    private func newestArticle(on page: PagePlan.Page) -> Int? {
        switch page.kind {
        case .article(let id): return id
        case .home(let pagination), .tag(_, let pagination), .country(_, let pagination): return pagination.articleIDs.first
        case .archiveYear(let year): return site.publishedYears.first { $0.year == year }?.months.first?.articleIDs.first
        case .archiveMonth(_, _, let pagination?): return pagination.articleIDs.first
        case .archiveMonth(let year, let month, nil):
            return site.archive.articleIDs(year: year, month: month).first
        case .tagIndex, .countryIndex, .archiveIndex: return site.articles.isEmpty ? nil : 0
        case .notFound, .about: return nil
        }
    }
}
