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

    public init(fileSystem: FS, timeZone: TimeZone, chrome: ChromePatterns = .builtIn, gazetteer: CountryGazetteer = .standard) {
        loader = ArticleLoader(fileSystem: fileSystem, contentDirectory: "", timeZone: timeZone, chrome: chrome)
        enricher = ArticleEnricher(gazetteer: gazetteer)
        dates = DateText(timeZone: timeZone)
    }

    /// Extracts every file, in parallel, in the order given. A file that cannot be read gives an
    /// object with `error`; it never stops the others.
    public func extract(_ paths: [String]) -> [ExtractedArticle] {
        parallelMap(paths.count) { extract(paths[$0]) }
    }

    public func extract(_ path: String) -> ExtractedArticle {
        var result = ExtractedArticle(source: path, warnings: [])
        do {
            switch try loader.load(path) {
            case .draft:
                result.warnings.append("draft: true; not published")
            case .article(let loaded):
                let (metadata, warnings, mentions) = enricher.enrich(loaded, file: path)
                result.mentions = mentions
                result.title = metadata.title
                result.dek = metadata.dek
                result.byline = metadata.byline
                if loaded.dateOrigin != .modificationTime {
                    result.date = metadata.hasTime ? dates.iso8601(metadata.date) : dates.day(metadata.date)
                }
                result.dateline = metadata.dateline
                result.photoCredit = metadata.photoCredit
                result.countries = metadata.countries
                result.tags = metadata.tags + metadata.automaticTags
                result.body = loaded.bodyMarkdown
                result.warnings = (loaded.warnings + warnings)
                    .filter { loaded.dateOrigin != .modificationTime || !$0.message.contains("modification time") }
                    .map(Self.describe)
            }
        } catch {
            result.error = Self.describe(error)
        }
        return result
    }

    /// A diagnostic without the file name, which the object's `source` already gives.
    static func describe(_ diagnostic: Diagnostic) -> String {
        diagnostic.line.map { "line \($0): \(diagnostic.message)" } ?? diagnostic.message
    }
}
