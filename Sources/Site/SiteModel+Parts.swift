import Core
import Foundation
import Taxonomy

extension SiteModel {
    /// What a model is made of besides its settings: what a build saves so that the next one,
    /// when only what pages show of a few articles changed, restores the model instead of
    /// ordering, indexing and relating a whole archive again. Each part is as the model holds it.
    public struct Parts: Sendable {
        public var articles: [ArticleMetadata]
        public var articleMonths: [Int32]
        public var contestedPaths: [String]
        public var tags: [Term]
        public var countries: [Term]
        public var warnings: [Diagnostic]
        public var articleTags: IndexLists
        public var articleCountries: IndexLists
        public var relations: TermRelations

        public init(articles: [ArticleMetadata], articleMonths: [Int32], contestedPaths: [String], tags: [Term], countries: [Term],
                    warnings: [Diagnostic], articleTags: IndexLists, articleCountries: IndexLists, relations: TermRelations) {
            self.articles = articles
            self.articleMonths = articleMonths
            self.contestedPaths = contestedPaths
            self.tags = tags
            self.countries = countries
            self.warnings = warnings
            self.articleTags = articleTags
            self.articleCountries = articleCountries
            self.relations = relations
        }
    }

    public var parts: Parts {
        Parts(articles: articles, articleMonths: articleMonths, contestedPaths: contestedPaths.sorted(), tags: tags, countries: countries,
              warnings: warnings, articleTags: articleTags, articleCountries: articleCountries, relations: relations)
    }

    /// The model `parts` came from, under the same settings. Nil when the parts do not fit
    /// together (a damaged or foreign file): the caller builds the model afresh.
    public init?(config: SiteConfig, restoring parts: Parts) {
        let count = parts.articles.count
        guard parts.articleMonths.count == count, parts.articleMonths.allSatisfy({ (1...12).contains($0 & 15) }), parts.articleTags.count == count, parts.articleCountries.count == count,
              parts.articleTags.values.allSatisfy({ (0..<Int32(parts.tags.count)).contains($0) }),
              parts.articleCountries.values.allSatisfy({ (0..<Int32(parts.countries.count)).contains($0) }),
              (parts.tags + parts.countries).allSatisfy({ $0.articleIDs.allSatisfy { (0..<count).contains($0) } }),
              parts.articles.indices.dropFirst().allSatisfy({ parts.articles[$0 - 1].date >= parts.articles[$0].date }),
              Self.fits(parts.relations, tags: parts.tags.count, countries: parts.countries.count)
        else { return nil }
        self.config = config
        self.articles = parts.articles
        self.articleMonths = parts.articleMonths
        self.contestedPaths = Set(parts.contestedPaths)
        self.tags = parts.tags
        self.countries = parts.countries
        self.warnings = parts.warnings
        // The archive follows from the dates alone, and costs little to find again.
        let archive = DateArchive(dates: parts.articles.map(\.date), timeZone: config.timeZone)
        self.archive = archive
        self.publishedYears = Self.publishedYears(of: archive, config: config)
        self.articleTags = parts.articleTags
        self.articleCountries = parts.articleCountries
        self.relations = parts.relations
    }

    /// Whether each relation table has a row per term and names only terms that exist.
    private static func fits(_ relations: TermRelations, tags: Int, countries: Int) -> Bool {
        func fits(_ table: [[Int]], rows: Int, columns: Int) -> Bool {
            table.count == rows && table.allSatisfy { $0.allSatisfy { (0..<columns).contains($0) } }
        }
        return fits(relations.tagsOfCountry, rows: countries, columns: tags)
            && fits(relations.countriesOfCountry, rows: countries, columns: countries)
            && fits(relations.countriesOfTag, rows: tags, columns: countries)
            && fits(relations.tagsOfTag, rows: tags, columns: tags)
    }
}
