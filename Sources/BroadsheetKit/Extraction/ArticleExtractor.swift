import Core
import Foundation
import Loading
import Taxonomy

/// What `broadsheet extract` prints for one file: the loader's reading of it, as JSON.
public struct ExtractedArticle: Codable, Sendable, Equatable {
    public var source: String
    public var title: String?
    public var dek: String?
    public var byline: String?
    /// ISO 8601: a day (`2025-02-17`) or, when the text gives a time, a timestamp with offset.
    public var date: String?
    public var dateline: String?
    public var photoCredit: String?
    public var countries: [String]?
    /// Every country the text names, most salient first; `countries` are the ones it is about.
    public var mentions: [String]?
    public var tags: [String]?
    public var body: String?
    public var warnings: [String]
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case source, title, dek, byline, date, dateline
        case photoCredit = "photo_credit"
        case countries, mentions, tags, body, warnings, error
    }
}

/// Runs the loader on files given by path, as `broadsheet extract` and the import command need.
public struct ArticleExtractor<FS: FileSystem>: Sendable {
    let loader: ArticleLoader<FS>
    let enricher: ArticleEnricher
    let dates: DateText
    let config: SiteConfig

    /// Reads files as the site `config` describes (time zone, chrome, tag settings).
    public init(fileSystem: FS, config: SiteConfig, gazetteer: CountryGazetteer = .standard) {
        loader = ArticleLoader(fileSystem: fileSystem, contentDirectory: "", timeZone: config.timeZone, chrome: .forSite(config))
        enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        dates = DateText(timeZone: config.timeZone)
        self.config = config
    }

    public init(fileSystem: FS, timeZone: TimeZone) {
        var config = SiteConfig()
        config.timeZone = timeZone
        self.init(fileSystem: fileSystem, config: config)
    }

    /// Extracts every file, in parallel, in the order given. A file that cannot be read gives an
    /// object with `error`; it never stops the others. Automatic tags are those the files given
    /// share, as a build of them would keep (see `AutomaticTagSelector`).
    public func extract(_ paths: [String]) -> [ExtractedArticle] {
        let results = parallelMap(paths.count) { index in
            extract(paths[index], sampleWords: WordSample.isSampled(index, of: paths.count))
        }
        var sample = WordSample()
        for result in results { if let vocabulary = result.vocabulary { sample.add(vocabulary) } }
        let aliases = TagAliases(config.tagAliases)
        let selector = AutomaticTagSelector(candidates: results.map(\.candidates), declared: results.flatMap { $0.article.tags ?? [] }, sample: sample,
                                            aliases: aliases, minimumArticles: config.automaticTagMinimumArticles)
        let kept = selector.selectAll(results.map(\.candidates))
        return zip(results, kept).map { result, automatic in
            var article = result.article
            if article.tags != nil {
                var tags: [String] = []
                for tag in (article.tags ?? []).map(aliases.canonical) + automatic where !tags.contains(tag) {
                    tags.append(tag)
                }
                article.tags = tags
            }
            return article
        }
    }

    /// One file on its own: automatic tags are this file's candidates, unconfirmed by an archive.
    public func extract(_ path: String) -> ExtractedArticle {
        let result = extract(path, sampleWords: false)
        var article = result.article
        if article.tags != nil { article.tags! += result.candidates.filter { !article.tags!.contains($0) } }
        return article
    }

    private struct Extraction: Sendable {
        var article: ExtractedArticle
        var candidates: [String] = []
        var vocabulary: Set<String>?
    }

    private func extract(_ path: String, sampleWords: Bool) -> Extraction {
        var result = ExtractedArticle(source: path, warnings: [])
        var candidates: [String] = []
        var vocabulary: Set<String>?
        do {
            switch try loader.load(path) {
            case .draft:
                result.warnings.append("draft: true; not published")
            case .article(let loaded):
                let enriched = enricher.enrich(loaded, file: path, sampleWords: sampleWords)
                let metadata = enriched.metadata, warnings = enriched.warnings
                candidates = metadata.automaticTags
                vocabulary = enriched.vocabulary
                result.mentions = enriched.mentions
                result.title = metadata.title
                result.dek = metadata.dek
                result.byline = metadata.byline
                if loaded.dateOrigin != .modificationTime {
                    result.date = metadata.hasTime ? dates.iso8601(metadata.date) : dates.day(metadata.date)
                }
                result.dateline = metadata.dateline
                result.photoCredit = metadata.photoCredit
                result.countries = metadata.countries
                result.tags = metadata.tags
                result.body = loaded.bodyMarkdown
                result.warnings = (loaded.warnings + warnings)
                    .filter { loaded.dateOrigin != .modificationTime || !$0.message.contains("modification time") }
                    .map(Self.describe)
            }
        } catch {
            result.error = Self.describe(error)
        }
        return Extraction(article: result, candidates: candidates, vocabulary: vocabulary)
    }

    /// A diagnostic without the file name, which the object's `source` already gives.
    static func describe(_ diagnostic: Diagnostic) -> String {
        diagnostic.line.map { "line \($0): \(diagnostic.message)" } ?? diagnostic.message
    }
}
