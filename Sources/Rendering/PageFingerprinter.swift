import Core
import Foundation
import Site
import Taxonomy

/// Each page's fingerprint made from the data it shows, without building its context: the
/// digests of the articles it shows, the site's settings, and — for lists and term pages — what
/// they show of the archive's structure: a term page its term's count, dates and related terms,
/// an index every term's count, the front page the most covered terms. Two builds with the same
/// fingerprint for a page render the same bytes, so the second keeps the file the first wrote,
/// and a new tag on one article renders the pages that show that tag, not every list.
///
/// This mirrors `PageContextBuilder`: whatever a context reads must be in the fingerprint.
/// An article's digest holds every field a page shows of it.
public struct PageFingerprinter: Sendable {
    let site: SiteModel
    let articleDigests: [ArticleDigest]
    let gazetteer: CountryGazetteer
    /// The whole archive's structure (see `structureDigest`), which related articles follow from.
    public let structure: UInt64
    /// The hash with the shared settings already in: every one of a site's pages starts
    /// from it, rather than hashing the same hundred bytes again.
    let seed: PageFingerprint.StableHasher

    /// - Parameter shared: whatever else shapes every page (templates, renderer, options).
    public init(site: SiteModel, articleDigests: [ArticleDigest], shared: String, gazetteer: CountryGazetteer = .standard) {
        self.site = site
        self.articleDigests = articleDigests
        self.gazetteer = gazetteer
        self.structure = Self.structureDigest(of: site)
        self.seed = Self.seedHash(shared: shared, config: site.config)
    }

    private static func seedHash(shared: String, config: SiteConfig) -> PageFingerprint.StableHasher {
        var seed = PageFingerprint.StableHasher()
        seed.add(shared + "|" + settingsStamp(config))
        return seed
    }

    /// What every page's fingerprint starts from (the shared settings), for other hashes of
    /// rendered output that must change when pages would, such as stored summaries'.
    public static func seed(shared: String, config: SiteConfig) -> UInt64 {
        seedHash(shared: shared, config: config).value
    }

    /// An article page: the article, its neighbours in time, its related articles and the body file.
    public func article(_ id: Int, related: [Int], bodyStamp: String) -> UInt64 {
        var hash = seed
        hash.add(bodyStamp)
        hash.add(number: articleDigests[id].page)
        hash.add(number: id > 0 ? articleDigests[id - 1].summary : 0)
        hash.add(number: id + 1 < articleDigests.count ? articleDigests[id + 1].summary : 0)
        for other in related { hash.add(number: articleDigests[other].summary) }
        return hash.value
    }

    /// A list, index or other page: what kind and which page it is, the articles it shows, and
    /// what it shows of the archive's structure.
    public func list(_ page: PagePlan.Page, template: String) -> UInt64 {
        var hash = seed
        hash.add(template)
        hash.add(page.path)
        switch page.kind {
        case .home(let pagination):
            hash.add("home")
            Self.add(pagination, to: &hash)
            // The front page's most covered terms, in their order.
            if pagination.number == 1 {
                for term in PageContextBuilder.mostUsed(site.tags, limit: PageContextBuilder.topTermCount) { add(term, count: false, to: &hash) }
                hash.add("|")
                for term in PageContextBuilder.mostUsed(site.countries, limit: PageContextBuilder.topTermCount) { add(term, count: false, to: &hash) }
            }
        case .tag(let index, let pagination):
            hash.add("tag")
            addTermPage(site.tags[index], to: &hash)
            Self.add(pagination, to: &hash)
            addRelated(countries: site.relations.countriesOfTag[index], tags: site.relations.tagsOfTag[index], to: &hash)
        case .country(let index, let pagination):
            let term = site.countries[index]
            hash.add("country")
            addTermPage(term, to: &hash)
            Self.add(pagination, to: &hash)
            addRelated(countries: site.relations.countriesOfCountry[index], tags: site.relations.tagsOfCountry[index], to: &hash)
            // Neighbours with pages, in the order of their counts: a neighbour's count that
            // changes their order changes the page, one that does not leaves it as it was.
            if let code = term.code, let country = gazetteer.country(code: code) {
                hash.add("neighbours")
                for neighbour in PageContextBuilder.neighbours(of: country, in: site) { add(neighbour, count: false, to: &hash) }
            }
        case .archiveMonth(let year, let month, let pagination):
            hash.add("month \(year) \(month)")
            if let pagination { Self.add(pagination, to: &hash) }
        case .notFound:
            hash.add("404")
        case .archiveYear(let yearNumber):
            hash.add("year \(yearNumber)")
            if let year = site.publishedYears.first(where: { $0.year == yearNumber }) { add(year, to: &hash) }
        case .archiveIndex:
            hash.add("archive")
            hash.add(number: UInt64(site.articles.count))
            for year in site.publishedYears { add(year, to: &hash) }
        case .tagIndex:
            hash.add("tags")
            for term in site.tags { add(term, count: true, to: &hash) }
        case .countryIndex:
            // Each region's count is of its countries' distinct articles.
            hash.add("countries")
            for term in site.countries {
                add(term, count: true, to: &hash)
                hash.add(numbers: term.articleIDs)
            }
        case .about:
            hash.add("about")
            hash.add(number: UInt64(site.articles.count))
            hash.add(number: UInt64(site.tags.count))
            hash.add(number: UInt64(site.countries.count))
            if let newest = site.articles.first, let oldest = site.articles.last {
                hash.add(number: newest.date.timeIntervalSince1970.bitPattern)
                hash.add(number: oldest.date.timeIntervalSince1970.bitPattern)
            }
        case .article:
            hash.add("\(page.kind)")
        }
        let shown = page.articlesShown(in: site)
        for id in shown { hash.add(number: articleDigests[id].summary) }
        return hash.value
    }

    /// A feed (RSS, Atom and JSON alike): which feed it is and the articles it lists.
    public func feed(_ feed: PagePlan.Feed) -> UInt64 {
        var hash = seed
        hash.add(feed.title)
        hash.add(feed.pagePath)
        for id in feed.articleIDs { hash.add(number: articleDigests[id].summary) }
        return hash.value
    }

    /// A term as links show it (name, page, flag), with its count where the page shows or orders by it.
    private func add(_ term: Term, count: Bool, to hash: inout PageFingerprint.StableHasher) {
        hash.add(term.name)
        hash.add(term.slug)
        hash.add(optional: term.code)
        if count { hash.add(number: UInt64(term.articleIDs.count)) }
    }

    /// A term's own page: its name and count, and the dates of its newest and oldest articles.
    private func addTermPage(_ term: Term, to hash: inout PageFingerprint.StableHasher) {
        add(term, count: true, to: &hash)
        if let newest = term.articleIDs.first, let oldest = term.articleIDs.last {
            hash.add(number: site.articles[newest].date.timeIntervalSince1970.bitPattern)
            hash.add(number: site.articles[oldest].date.timeIntervalSince1970.bitPattern)
        }
    }

    private func addRelated(countries: [Int], tags: [Int], to hash: inout PageFingerprint.StableHasher) {
        hash.add("related")
        for index in countries { add(site.countries[index], count: false, to: &hash) }
        hash.add("|")
        for index in tags { add(site.tags[index], count: false, to: &hash) }
    }

    /// An archive year with its months and their counts.
    private func add(_ year: DateArchive.Year, to hash: inout PageFingerprint.StableHasher) {
        hash.add(number: UInt64(year.year))
        for month in year.months {
            hash.add(number: UInt64(month.month))
            hash.add(number: UInt64(month.articleIDs.count))
        }
    }

    private static func add(_ pagination: Pagination, to hash: inout PageFingerprint.StableHasher) {
        hash.add(number: UInt64(pagination.number))
        hash.add(number: UInt64(pagination.pageCount))
        hash.add(number: UInt64(pagination.totalCount))
        hash.add(pagination.basePath)
    }

    /// What pages show of an article: the summary lists and its neighbours' pages show
    /// (`summary`), and what only its own page adds (`page`: tags, word count, source…).
    public struct ArticleDigest: Sendable {
        public var summary: UInt64
        public var page: UInt64
    }

    public static func articleDigest(_ id: Int, in site: SiteModel) -> ArticleDigest {
        let article = site.articles[id]
        var hash = PageFingerprint.StableHasher()
        hash.add(site.articlePaths[id])
        hash.add(article.title)
        hash.add(optional: article.dek)
        hash.add(optional: article.byline)
        hash.add(number: article.date.timeIntervalSince1970.bitPattern)
        hash.add(optional: article.dateline)
        hash.add(optional: article.photoCredit)
        for index in site.countryIndices(of: id) {
            hash.add(site.countries[index].name)
            hash.add(site.countries[index].slug)
            hash.add(optional: site.countries[index].code)
        }
        let summary = hash.value
        hash.add("page")
        hash.add(article.sourcePath)
        hash.add(article.format.rawValue)
        hash.add(number: article.hasTime ? 1 : 0)
        hash.add(number: UInt64(article.wordCount))
        hash.add(article.slug)
        for index in site.tagIndices(of: id) {
            hash.add(site.tags[index].name)
            hash.add(site.tags[index].slug)
        }
        return ArticleDigest(summary: summary, page: hash.value)
    }

    /// What lists, term pages and indexes show besides their articles: every term with its
    /// articles, how terms go together, the archive's years and months, and every date.
    public static func structureDigest(of site: SiteModel) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(number: UInt64(site.articles.count))
        for article in site.articles { hash.add(number: article.date.timeIntervalSince1970.bitPattern) }
        for (kind, terms) in [("tags", site.tags), ("countries", site.countries)] {
            hash.add(kind)
            for term in terms {
                hash.add(term.name)
                hash.add(term.slug)
                hash.add(optional: term.code)
                hash.add(numbers: term.articleIDs)
            }
        }
        let relations = site.relations
        for lists in [relations.countriesOfTag, relations.tagsOfTag, relations.countriesOfCountry, relations.tagsOfCountry] {
            hash.add("relations")
            for list in lists { hash.add(numbers: list) }
        }
        for year in site.publishedYears {
            hash.add(number: UInt64(year.year))
            for month in year.months {
                hash.add(number: UInt64(month.month))
                hash.add(numbers: month.articleIDs)
            }
        }
        return hash.value
    }

    /// Every setting a page can show or depend on. A new setting that shapes pages belongs here.
    static func settingsStamp(_ config: SiteConfig) -> String {
        func taxonomy(_ settings: TaxonomySettings) -> String {
            "\(settings.pathPattern) \(settings.pageSize ?? -1) \(settings.feed) \(settings.minimumArticles)"
        }
        func sorted(_ table: [String: [String]]) -> String {
            table.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined(separator: ";")
        }
        let archives = config.archives
        return [
            config.title, config.description, config.baseURL, config.language, config.timeZone.identifier,
            "\(config.itemsPerPage) \(config.feedItems) \(config.automaticTagMinimumArticles)",
            taxonomy(config.tags), taxonomy(config.countries),
            "\(archives.pathPattern) \(archives.pageSize ?? -1) \(archives.feed) \(archives.minimumArticles)",
            sorted(config.tagAliases), sorted(config.topicLexicon),
            config.chromeLines.joined(separator: ","), config.chromePrefixes.joined(separator: ","), config.chromeEndMarkers.joined(separator: ","),
        ].joined(separator: "|")
    }
}
