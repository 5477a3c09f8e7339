import Core
import Foundation
import Taxonomy

/// The whole site as data: every article's metadata keyed by ID, and the indices that list
/// pages are made from. Built once after loading; after that, only an edit that leaves the
/// set of terms as it was changes it (`replaceShownFields`, `replaceTerms`, `moveArticle`).
public struct SiteModel: Sendable {
    public let config: SiteConfig
    /// Articles newest first; an article's ID is its position here.
    public internal(set) var articles: [ArticleMetadata]
    /// The month each article's URL is under, by ID (`monthKey`): with its slug, its page
    /// path (`articlePath(_:)`). The paths themselves, a string each, are not held.
    public internal(set) var articleMonths: [Int32]
    /// The article paths more than one article wanted: each such base path and the numbered
    /// paths handed out instead. Usually none; an edit that touches one can move another
    /// article's URL (see `replacingShownFields`).
    public let contestedPaths: Set<String>
    public internal(set) var tags: [Term]
    public internal(set) var countries: [Term]
    public internal(set) var archive: DateArchive
    /// Problems found while assembling the model (two articles wanting one URL).
    public let warnings: [Diagnostic]

    public init(config: SiteConfig, articles unordered: [ArticleMetadata], gazetteer: CountryGazetteer) {
        self.config = config
        // Newest first; ties by source path so the order never depends on load order. Articles
        // arrive in path order from the loader, so ranks by path usually cost one pass, and the
        // sort compares numbers, not strings.
        let byPath = Self.pathOrder(unordered)
        var pathRank = [Int](repeating: 0, count: unordered.count)
        for (rank, index) in byPath.enumerated() { pathRank[index] = rank }
        let times = unordered.map(\.date.timeIntervalSince1970)
        let order = unordered.indices.sorted { lhs, rhs in
            times[lhs] != times[rhs] ? times[lhs] > times[rhs] : pathRank[lhs] < pathRank[rhs]
        }
        var articles = order.map { unordered[$0] }
        var idOfLoaded = [Int](repeating: 0, count: unordered.count)
        for (id, index) in order.enumerated() { idOfLoaded[index] = id }
        let dates = DateText(timeZone: config.timeZone)
        var taken: Set<String> = []
        taken.reserveCapacity(articles.count)
        var warnings: [Diagnostic] = []
        var contested: Set<String> = []
        // Two articles wanting the same URL both stay: the later one gets a numbered slug.
        // Assigning in source-path order keeps the winner stable whatever the dates.
        let claimOrder = byPath.map { idOfLoaded[$0] }
        var months = [Int32](repeating: 0, count: articles.count)
        for id in claimOrder {
            let parts = dates.yearAndMonth(articles[id].date)
            let base = articles[id].slug
            var slug = base
            var suffix = 2
            var path = Permalinks.article(year: parts.year, month: parts.month, slug: slug)
            while !taken.insert(path).inserted {
                contested.insert(path)
                slug = "\(base)-\(suffix)"
                suffix += 1
                path = Permalinks.article(year: parts.year, month: parts.month, slug: slug)
            }
            if slug != base {
                contested.insert(path)
                warnings.append(.warning(.index, file: articles[id].sourcePath,
                                         "another article already has the URL for slug `\(base)`; this one is published as `\(slug)`"))
                articles[id].slug = slug
            }
            months[id] = Self.monthKey(parts)
        }
        self.articles = articles
        self.articleMonths = months
        self.contestedPaths = contested
        let aliases = TagAliases(config.tagAliases)
        let index = TaxonomyIndex(articles: articles, gazetteer: gazetteer, aliases: aliases)
        // Terms below a taxonomy's minimum get no page, and so no link from any article.
        // Each indexed tag's position among the kept ones, nil for those without a page.
        var tags: [Term] = []
        var keptPosition: [Int?] = []
        for term in index.tags {
            guard term.articleIDs.count >= config.tags.minimumArticles else {
                keptPosition.append(nil)
                continue
            }
            keptPosition.append(tags.count)
            tags.append(term)
        }
        self.tags = tags
        self.countries = index.countries.filter { $0.articleIDs.count >= config.countries.minimumArticles }
        let archive = DateArchive(dates: articles.map(\.date), timeZone: config.timeZone)
        self.archive = archive
        self.publishedYears = Self.publishedYears(of: archive, config: config)
        self.warnings = warnings
        // Every page asks for its articles' terms: found once, kept flat (two arrays, not one
        // per article) so that a million articles cost a few megabytes. The index found each
        // article's tags; only the positions of terms without a page change.
        let articleTags = index.articleTags.mapped { keptPosition[$0] }
        let countryIndexByCode = Dictionary(uniqueKeysWithValues: countries.enumerated().map { ($1.code ?? $1.slug, $0) })
        let articleCountries = IndexLists(articles.map { $0.countries.compactMap { countryIndexByCode[$0] } })
        self.articleTags = articleTags
        self.articleCountries = articleCountries
        self.relations = TermRelations(tags: articleTags, countries: articleCountries, tagCount: tags.count, countryCount: countries.count)
    }

    /// The articles' positions in source-path order: as they are, when they came sorted.
    private static func pathOrder(_ articles: [ArticleMetadata]) -> [Int] {
        let sorted = articles.indices.dropFirst().allSatisfy { articles[$0 - 1].sourcePathPrecedes(articles[$0]) }
        return sorted ? Array(articles.indices) : articles.indices.sorted { articles[$0].sourcePathPrecedes(articles[$1]) }
    }

    /// The archive's years and months that get pages: months with at least
    /// `archives.min_articles` articles, and the years that have such a month.
    public internal(set) var publishedYears: [DateArchive.Year]

    static func publishedYears(of archive: DateArchive, config: SiteConfig) -> [DateArchive.Year] {
        archive.years.compactMap { year in
            var year = year
            year.months = year.months.filter { $0.articleIDs.count >= config.archives.minimumArticles }
            return year.months.isEmpty ? nil : year
        }
    }

    /// Which tags and countries go together.
    public internal(set) var relations: TermRelations
    var articleTags: IndexLists
    var articleCountries: IndexLists

    /// Gives one article the headline, dek, byline, dateline, photo credit, slug, word count
    /// and body line `edited` has: what an edit that leaves the archive's structure alone
    /// changes. Refused (false, nothing changed) when the edit changes more: the article's date
    /// or time, file, format, tags, countries or automatic tags (which lists hold it, in what
    /// order), or which article gets which URL — a new slug whose URL another article has, or
    /// an article whose URL was contested, where a change could move another article's URL.
    /// In place: a copy of a large archive's model costs more than the rest of such an edit.
    public mutating func replaceShownFields(of id: Int, with edited: ArticleMetadata) -> Bool {
        let article = articles[id]
        guard edited.date == article.date, edited.hasTime == article.hasTime, edited.countries == article.countries,
              edited.tags == article.tags, let month = editedMonth(of: id, for: edited) else { return false }
        articles[id] = edited
        articleMonths[id] = month
        return true
    }

    /// Article `id`'s page path (`articles/2025/02/slug/`): its month's and its slug's.
    public func articlePath(_ id: Int) -> String {
        var bytes: [UInt8] = []
        appendArticlePath(id, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `articlePath(_:)` written into a buffer, without a string of its own.
    public func appendArticlePath(_ id: Int, to bytes: inout [UInt8]) {
        let month = Self.yearAndMonth(articleMonths[id])
        // Through a pointer: a closure over `self` copied the whole model, and the article read
        // from the array was copied too, for each of a sitemap's 50,000 paths.
        articles.withUnsafeBufferPointer { articles in
            Permalinks.appendArticle(year: month.year, month: month.month, to: &bytes) { articles[id].appendSlug(to: &$0) }
        }
    }

    /// A year and month as `articleMonths` holds them.
    static func monthKey(_ month: (year: Int, month: Int)) -> Int32 {
        Int32(truncatingIfNeeded: month.year) << 4 | Int32(month.month)
    }

    /// The year and month of a `monthKey`.
    static func yearAndMonth(_ key: Int32) -> (year: Int, month: Int) {
        (Int(key >> 4), Int(key & 15))
    }

    /// The month key article `id`'s URL has once it is `edited`, when an edit in place may give
    /// it its URL: the same file, format and automatic tags, and a URL no other article has or
    /// wanted (a change to a contested URL could move another article's).
    func editedMonth(of id: Int, for edited: ArticleMetadata) -> Int32? {
        let article = articles[id]
        let path = articlePath(id)
        guard edited.sourcePath == article.sourcePath, edited.format == article.format,
              edited.automaticTags == article.automaticTags, !contestedPaths.contains(path) else { return nil }
        let month = Self.monthKey(DateText(timeZone: config.timeZone).yearAndMonth(edited.date))
        let slug = edited.slug
        if month != articleMonths[id] || slug != article.slug {
            let newMonth = Self.yearAndMonth(month)
            let newPath = Permalinks.article(year: newMonth.year, month: newMonth.month, slug: slug)
            guard !contestedPaths.contains(newPath), !hasArticle(in: month, slug: slug) else { return nil }
        }
        return month
    }

    /// Whether an article's URL is under `month` with `slug`: the path, compared without making
    /// every article's.
    private func hasArticle(in month: Int32, slug: String) -> Bool {
        articleMonths.indices.contains { articleMonths[$0] == month && articles[$0].slug == slug }
    }

    /// The tags of one article that have pages, as indices into `tags`.
    public func tagIndices(of id: Int) -> [Int] {
        articleTags[id]
    }

    /// The countries of one article, most salient first, as indices into `countries`.
    public func countryIndices(of id: Int) -> [Int] {
        articleCountries[id]
    }

    /// `tagIndices(of:)` and `countryIndices(of:)` one by one, for loops over every article on
    /// every core that need no array of each (see `IndexLists.forEachValue`).
    public func forEachTagIndex(of id: Int, _ body: (Int32) -> Void) { articleTags.forEachValue(of: id, body) }
    public func forEachCountryIndex(of id: Int, _ body: (Int32) -> Void) { articleCountries.forEachValue(of: id, body) }
}
