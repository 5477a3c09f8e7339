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
    /// What every page of a tag, or of a country, shows of its term alike (see `termPagePart`),
    /// made once: a big country has thousands of pages, and finding its related terms and
    /// neighbours for each was half of fingerprinting every list.
    private var tagPageParts: [UInt64] = []
    private var countryPageParts: [UInt64] = []

    /// - Parameter shared: whatever else shapes every page (templates, renderer, options).
    public init(site: SiteModel, articleDigests: [ArticleDigest], shared: String, gazetteer: CountryGazetteer = .standard) {
        self.site = site
        self.articleDigests = articleDigests
        self.gazetteer = gazetteer
        self.structure = Self.structureDigest(of: site)
        self.seed = Self.seedHash(shared: shared, config: site.config)
        tagPageParts = site.tags.indices.map { termPagePart(tag: $0) }
        countryPageParts = site.countries.indices.map { termPagePart(country: $0) }
    }

    /// A tag's pages: its name and count, the dates of its newest and oldest articles, and its related terms.
    private func termPagePart(tag index: Int) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        addTermPage(site.tags[index], to: &hash)
        addRelated(countries: site.relations.countriesOfTag[index], tags: site.relations.tagsOfTag[index], to: &hash)
        return hash.value
    }

    /// A country's pages: as a tag's, and its neighbours with pages, in the order of their counts:
    /// a neighbour's count that changes their order changes the page, one that does not leaves it as it was.
    private func termPagePart(country index: Int) -> UInt64 {
        let term = site.countries[index]
        var hash = PageFingerprint.StableHasher()
        addTermPage(term, to: &hash)
        addRelated(countries: site.relations.countriesOfCountry[index], tags: site.relations.tagsOfCountry[index], to: &hash)
        if let code = term.code, let country = gazetteer.country(code: code) {
            hash.add("neighbours")
            for neighbour in PageContextBuilder.neighbours(of: country, in: site) { Self.add(neighbour, count: false, to: &hash) }
        }
        return hash.value
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

    /// A body file's stamp (`FileSystem.stamp`) as an article page's fingerprint takes it.
    public static func stampHash(_ stamp: String) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(stamp)
        return hash.value
    }

    /// An article page: the article, its neighbours in time, its related articles and the body file.
    public func article(_ id: Int, related: [Int], bodyStamp: String) -> UInt64 {
        article(id, related: related, bodyStampHash: Self.stampHash(bodyStamp))
    }

    /// The same, with the body file's stamp hashed (`stampHash`): a build holds every article's
    /// stamp through rendering, eight bytes each rather than a text of twenty-six.
    public func article(_ id: Int, related: [Int], bodyStampHash: UInt64) -> UInt64 {
        var hash = seed
        hash.add(number: bodyStampHash)
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
                for term in PageContextBuilder.mostUsed(site.tags, limit: PageContextBuilder.topTermCount) { Self.add(term, count: false, to: &hash) }
                hash.add("|")
                for term in PageContextBuilder.mostUsed(site.countries, limit: PageContextBuilder.topTermCount) { Self.add(term, count: false, to: &hash) }
            }
        case .tag(let index, let pagination):
            hash.add("tag")
            hash.add(number: tagPageParts[index])
            Self.add(pagination, to: &hash)
        case .country(let index, let pagination):
            hash.add("country")
            hash.add(number: countryPageParts[index])
            Self.add(pagination, to: &hash)
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
            for term in site.tags { Self.add(term, count: true, to: &hash) }
        case .countryIndex:
            // Each region's count is of its countries' distinct articles.
            hash.add("countries")
            for term in site.countries {
                Self.add(term, count: true, to: &hash)
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
    private static func add(_ term: Term, count: Bool, to hash: inout PageFingerprint.StableHasher) {
        hash.add(term.name)
        hash.add(term.slug)
        hash.add(optional: term.code)
        if count { hash.add(number: UInt64(term.articleIDs.count)) }
    }

    /// A term's own page: its name and count, and the dates of its newest and oldest articles.
    private func addTermPage(_ term: Term, to hash: inout PageFingerprint.StableHasher) {
        Self.add(term, count: true, to: &hash)
        if let newest = term.articleIDs.first, let oldest = term.articleIDs.last {
            hash.add(number: site.articles[newest].date.timeIntervalSince1970.bitPattern)
            hash.add(number: site.articles[oldest].date.timeIntervalSince1970.bitPattern)
        }
    }

    private func addRelated(countries: [Int], tags: [Int], to hash: inout PageFingerprint.StableHasher) {
        hash.add("related")
        for index in countries { Self.add(site.countries[index], count: false, to: &hash) }
        hash.add("|")
        for index in tags { Self.add(site.tags[index], count: false, to: &hash) }
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
        articleDigest(id, in: site, country: { countryHash(site.countries[$0]) }, tag: { tagHash(site.tags[$0]) })
    }

    /// Every article's digest, by ID, each from any thread: with each term's part hashed once,
    /// rather than read from the shared terms for every article (two threads taking and
    /// releasing the same terms a million times cost more than the hashing).
    public struct Digester: Sendable {
        let site: SiteModel
        let countryHashes: [UInt64]
        let tagHashes: [UInt64]

        public init(site: SiteModel) {
            self.site = site
            countryHashes = site.countries.map(PageFingerprinter.countryHash)
            tagHashes = site.tags.map(PageFingerprinter.tagHash)
        }

        public func digest(_ id: Int) -> ArticleDigest {
            PageFingerprinter.articleDigest(id, in: site, country: { countryHashes[$0] }, tag: { tagHashes[$0] })
        }
    }

    /// A country as an article's summary shows it: name, page and flag.
    static func countryHash(_ term: Term) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        add(term, count: false, to: &hash)
        return hash.value
    }

    /// A tag as an article's page shows it: name and page.
    static func tagHash(_ term: Term) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(term.name)
        hash.add(term.slug)
        return hash.value
    }

    private static func articleDigest(_ id: Int, in site: SiteModel, country: (Int) -> UInt64, tag: (Int) -> UInt64) -> ArticleDigest {
        // Each field read where it lies: a copy of the whole article took and released every one of its texts.
        var hash = PageFingerprint.StableHasher()
        hash.add(site.articlePath(id))
        hash.add(site.articles[id].title)
        hash.add(optional: site.articles[id].dek)
        hash.add(optional: site.articles[id].byline)
        hash.add(number: site.articles[id].date.timeIntervalSince1970.bitPattern)
        hash.add(optional: site.articles[id].dateline)
        hash.add(optional: site.articles[id].photoCredit)
        site.forEachCountryIndex(of: id) { hash.add(number: country(Int($0))) }
        let summary = hash.value
        hash.add("page")
        hash.add(site.articles[id].sourcePath)
        hash.add(site.articles[id].format.rawValue)
        hash.add(number: site.articles[id].hasTime ? 1 : 0)
        hash.add(number: UInt64(site.articles[id].wordCount))
        hash.add(site.articles[id].slug)
        site.forEachTagIndex(of: id) { hash.add(number: tag(Int($0))) }
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
