import Foundation

/// Everything the site needs to know about an article except its body.
///
/// The site model holds one of these per article; bodies stay on disk and are read
/// again, one at a time, when the article's page is rendered. That keeps memory
/// proportional to the archive's metadata rather than its text.
public struct ArticleMetadata: Sendable, Hashable, Codable {
    /// Path of the source file relative to the content folder, with `/` separators.
    public var sourcePath: String
    public var title: String
    public var dek: String?
    public var byline: String?
    public var date: Date
    public var dateline: String?
    public var photoCredit: String?
    /// ISO 3166-1 alpha-2 codes, most salient first.
    public var countries: [String]
    /// Tags set by the author (front matter); always kept.
    public var tags: [String]
    /// Tags found by the automatic rule; kept only when enough articles share them.
    public var automaticTags: [String]
    /// URL slug, unique within the article's month once the site model is built.
    public var slug: String
    public var wordCount: Int
    /// For a text article, the line its body starts on, so that rendering reads the body
    /// without reading the header again (see `ParsedArticle.bodyLine`).
    public var bodyLine: Int?
    // The one-byte fields last, together: between eight-byte ones each took eight, and a
    // million articles' metadata is held for the whole build (184 -> 168 bytes an article).
    public var format: ContentFormat
    /// Whether the source gave a time of day (otherwise `date` is midnight in the site's time zone).
    public var hasTime: Bool

    public init(
        sourcePath: String, format: ContentFormat, title: String, dek: String? = nil,
        byline: String? = nil, date: Date, hasTime: Bool = false, dateline: String? = nil,
        photoCredit: String? = nil, countries: [String] = [], tags: [String] = [],
        automaticTags: [String] = [], slug: String, wordCount: Int = 0, bodyLine: Int? = nil
    ) {
        self.sourcePath = sourcePath
        self.format = format
        self.title = title
        self.dek = dek
        self.byline = byline
        self.date = date
        self.hasTime = hasTime
        self.dateline = dateline
        self.photoCredit = photoCredit
        self.countries = countries
        self.tags = tags
        self.automaticTags = automaticTags
        self.slug = slug
        self.wordCount = wordCount
        self.bodyLine = bodyLine
    }
}
