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
        // Each entry as bytes in one buffer, not a string each: a large site has hundreds of
        // thousands, rewritten on every build.
        var buffer: [UInt8] = []
        var ends: [Int] = []
        var lastmods: [String?] = []
        let base = XMLText.escape(site.config.baseURL)
        for pages in [plan.articlePages, plan.listPages] {
            for page in pages where page.isListedInSitemap {
                buffer.append(contentsOf: "<url><loc>".utf8)
                buffer.append(contentsOf: base.utf8)
                buffer.append(contentsOf: XMLText.escape(page.path).utf8)
                buffer.append(contentsOf: "</loc>".utf8)
                let lastmod = newestArticle(on: page).map { dates.day(site.articles[$0].date) }
                if let lastmod {
                    buffer.append(contentsOf: "<lastmod>".utf8)
                    buffer.append(contentsOf: lastmod.utf8)
                    buffer.append(contentsOf: "</lastmod>".utf8)
                }
                buffer.append(contentsOf: "</url>\n".utf8)
                ends.append(buffer.count)
                lastmods.append(lastmod)
            }
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        func urlset(_ entries: Range<Int>) -> String {
            let start = entries.lowerBound == 0 ? 0 : ends[entries.lowerBound - 1]
            let end = entries.isEmpty ? start : ends[entries.upperBound - 1]
            return header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + String(decoding: buffer[start..<end], as: UTF8.self) + "</urlset>\n"
        }
        guard ends.count > maximumURLs else { return [("sitemap.xml", urlset(0..<ends.count))] }
        var files: [(path: String, contents: String)] = []
        var index = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: ends.count, by: maximumURLs).enumerated() {
            let entries = start..<min(ends.count, start + maximumURLs)
            let path = "sitemap-\(number + 1).xml"
            files.append((path, urlset(entries)))
            index += "<sitemap><loc>\(XMLText.escape(site.config.baseURL + path))</loc>"
            if let newest = lastmods[entries].compactMap({ $0 }).max() { index += "<lastmod>\(newest)</lastmod>" }
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
