import Core
import Taxonomy

/// Every page and feed the site has, as values: what to render, and where it goes.
///
/// Planning is pure: it reads the site model and decides; rendering and writing come after.
public struct PagePlan: Sendable {
    /// The cases that carry a pagination are `indirect`: held inline it made every page,
    /// article pages included, about ninety bytes larger.
    public enum Kind: Sendable, Hashable {
        case article(id: Int)
        indirect case home(Pagination)
        case tagIndex
        case countryIndex
        indirect case tag(term: Int, Pagination)
        indirect case country(term: Int, Pagination)
        case archiveIndex
        case archiveYear(year: Int)
        /// A month of the archive; paginated only when `archives.page_size` is set.
        indirect case archiveMonth(year: Int, month: Int, Pagination?)
        case about
        case notFound
    }

    public struct Page: Sendable, Hashable {
        public var kind: Kind
        /// URL path relative to the site root (`tags/taliban/page/2/`).
        public var path: String
        public var file: String { kind == .notFound ? "404.html" : Permalinks.file(for: path) }

        /// The articles whose summaries the page shows: a list's page of them, a month's
        /// articles, the 404 page's latest five. None for article pages (their neighbours
        /// and related articles are the renderer's) and for indexes, which show terms and counts.
        public func articlesShown(in site: SiteModel) -> ArraySlice<Int> {
            switch kind {
            case .home(let pagination), .tag(_, let pagination), .country(_, let pagination), .archiveMonth(_, _, let pagination?):
                return pagination.articleIDs
            case .archiveMonth(let year, let month, nil):
                return site.archive.articleIDs(year: year, month: month)[...]
            case .notFound:
                return site.articles.indices.prefix(Self.notFoundArticles).map { $0 }[...]
            case .article, .tagIndex, .countryIndex, .archiveIndex, .archiveYear, .about:
                return []
            }
        }

        /// How many of the latest articles the 404 page offers.
        public static let notFoundArticles = 5

        /// Whether the page belongs in the sitemap: later pages of lists and the 404 page do not.
        public var isListedInSitemap: Bool {
            switch kind {
            case .notFound: return false
            case .home(let pagination), .tag(_, let pagination), .country(_, let pagination), .archiveMonth(_, _, let pagination?):
                return pagination.number == 1
            default: return true
            }
        }
    }

    /// Article `id`'s page. The plan holds no article's page: each follows from the model.
    public static func articlePage(_ id: Int, in site: SiteModel) -> Page {
        Page(kind: .article(id: id), path: site.articlePath(id))
    }

    public struct Feed: Sendable, Hashable {
        public var title: String
        /// Path of the page the feed belongs to.
        public var pagePath: String
        public var path: String
        public var articleIDs: ArraySlice<Int>
        public var atomPath: String { Permalinks.atomFeed(pagePath) }
        public var jsonPath: String { Permalinks.jsonFeed(pagePath) }
    }

    /// How many article pages there are: one an article, in ID order (`articlePage(_:in:)`),
    /// rendered in a parallel pass of their own.
    public var articleCount: Int
    /// Every other page: home, lists, indexes, archives, 404.
    public var listPages: [Page]
    public var feeds: [Feed]
    /// Every page as its place among the article pages followed by `listPages`, in the order the pages
    /// are best rendered: by the newest article each shows, articles and lists interleaved.
    /// An article's summary appears on its neighbours' and related articles' pages (close to it
    /// in time) and on every list that holds it; in this order those pages are rendered close
    /// together, while the bounded summary cache still holds the summary. In plan order each
    /// tag's pages sweep the whole archive again: at a million articles, with an eighth of them
    /// cached, most summaries were made eight times.
    public var renderOrder: [Int32]

    public init(site: SiteModel) {
        let pageSize = site.config.itemsPerPage
        let feedSize = site.config.feedItems
        articleCount = site.articles.count

        var pages: [Page] = []
        // The newest article each list page shows (0 for pages that show none).
        var newest: [Int] = []
        func append(_ page: Page) {
            pages.append(page)
            newest.append(Self.newestArticle(on: page, in: site) ?? 0)
        }
        let allIDs = Array(site.articles.indices)
        for pagination in Paginator.paginate(allIDs, basePath: Permalinks.home, pageSize: pageSize) {
            append(Page(kind: .home(pagination), path: pagination.path))
        }
        append(Page(kind: .tagIndex, path: site.config.tags.indexPath))
        append(Page(kind: .countryIndex, path: site.config.countries.indexPath))
        var feeds = [Feed(title: site.config.title, pagePath: Permalinks.home, path: Permalinks.feed(Permalinks.home),
                          articleIDs: allIDs.prefix(feedSize))]
        // Tags and countries are planned alike: paginated term pages and a feed per term.
        let taxonomies: [([Term], TaxonomySettings, (Int, Pagination) -> Kind)] = [
            (site.tags, site.config.tags, { .tag(term: $0, $1) }),
            (site.countries, site.config.countries, { .country(term: $0, $1) }),
        ]
        for (terms, settings, kind) in taxonomies {
            for (index, term) in terms.enumerated() {
                let base = settings.path(for: term.slug)
                for pagination in Paginator.paginate(term.articleIDs, basePath: base, pageSize: settings.pageSize ?? pageSize) {
                    append(Page(kind: kind(index, pagination), path: pagination.path))
                }
                if settings.feed {
                    feeds.append(Feed(title: "\(term.name) — \(site.config.title)", pagePath: base, path: Permalinks.feed(base),
                                      articleIDs: term.articleIDs.prefix(feedSize)))
                }
            }
        }
        let archives = site.config.archives
        append(Page(kind: .archiveIndex, path: archives.indexPath))
        for year in site.publishedYears {
            append(Page(kind: .archiveYear(year: year.year), path: archives.path(year: year.year)))
            for month in year.months {
                let base = archives.path(year: year.year, month: month.month)
                if let size = archives.pageSize {
                    for pagination in Paginator.paginate(month.articleIDs, basePath: base, pageSize: size) {
                        append(Page(kind: .archiveMonth(year: year.year, month: month.month, pagination), path: pagination.path))
                    }
                } else {
                    append(Page(kind: .archiveMonth(year: year.year, month: month.month, nil), path: base))
                }
                if archives.feed {
                    let name = "\(DateText.monthNames[month.month - 1]) \(year.year)"
                    feeds.append(Feed(title: "\(name) — \(site.config.title)", pagePath: base, path: Permalinks.feed(base),
                                      articleIDs: month.articleIDs.prefix(feedSize)))
                }
            }
        }
        append(Page(kind: .about, path: Permalinks.about))
        append(Page(kind: .notFound, path: "404.html"))
        listPages = pages
        self.feeds = feeds
        renderOrder = Self.renderOrder(articleCount: articleCount, listNewest: newest)
    }

    /// The newest article a list page shows, which it is rendered beside (nil for indexes and
    /// pages that show none).
    static func newestArticle(on page: Page, in site: SiteModel) -> Int? {
        switch page.kind {
        case .home(let pagination), .tag(_, let pagination), .country(_, let pagination), .archiveMonth(_, _, let pagination?):
            return pagination.articleIDs.first
        case .archiveMonth(let year, let month, nil):
            return site.archive.articleIDs(year: year, month: month).first
        case .article, .tagIndex, .countryIndex, .archiveIndex, .archiveYear, .about, .notFound:
            return nil
        }
    }

    /// Article pages in ID order (an article's ID is its place, newest first), and before each
    /// the list pages whose newest article it is.
    static func renderOrder(articleCount: Int, listNewest newest: [Int]) -> [Int32] {
        let lists = newest.indices.sorted { newest[$0] != newest[$1] ? newest[$0] < newest[$1] : $0 < $1 }
        var order: [Int32] = []
        order.reserveCapacity(articleCount + lists.count)
        var next = lists.startIndex
        for article in 0..<articleCount {
            while next < lists.endIndex, newest[lists[next]] <= article {
                order.append(Int32(articleCount + lists[next]))
                next += 1
            }
            order.append(Int32(article))
        }
        for list in lists[next...] { order.append(Int32(articleCount + list)) }
        return order
    }

    public var pageCount: Int { articleCount + listPages.count }
}
