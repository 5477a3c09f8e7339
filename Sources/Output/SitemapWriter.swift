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

    public func render(_ plan: PagePlan) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in plan.articlePages + plan.listPages where page.isListedInSitemap {
            xml += "<url><loc>\(XMLText.escape(site.config.baseURL + page.path))</loc>"
            if let newest = newestArticle(on: page) {
                xml += "<lastmod>\(dates.day(site.articles[newest].date))</lastmod>"
            }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    private func newestArticle(on page: PagePlan.Page) -> Int? {
        switch page.kind {
        case .article(let id): return id
        case .home(let pagination), .tag(_, let pagination), .country(_, let pagination): return pagination.articleIDs.first
        case .archiveYear(let year): return site.archive.years.first { $0.year == year }?.months.first?.articleIDs.first
        case .archiveMonth(let year, let month):
            return site.archive.years.first { $0.year == year }?.months.first { $0.month == month }?.articleIDs.first
        case .tagIndex, .countryIndex, .archiveIndex: return site.articles.isEmpty ? nil : 0
        case .notFound, .about: return nil
        }
    }
}
