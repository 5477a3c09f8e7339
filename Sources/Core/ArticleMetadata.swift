import Foundation

/// Everything the site needs to know about an article except its body.
///
/// The site model holds one of these per article; bodies stay on disk and are read
/// again, one at a time, when the article's page is rendered. That keeps memory
/// proportional to the archive's metadata rather than its text.
public struct ArticleMetadata: Sendable, Hashable, Codable {
    /// The source path, title, dek and slug, one after the other in one string (see
    /// `sourcePath`, `title`, `dek`, `slug`). Four strings of their own were four heap
    /// allocations an article, each with its own header, held for the whole build.
    private var packedText: String
    /// Where the title, the dek and the slug start in `packedText`, in UTF-8 bytes.
    private var titleStart: UInt32
    private var dekStart: UInt32
    private var slugStart: UInt32
    public var date: Date
    public var byline: String?
    public var dateline: String?
    public var photoCredit: String?
    /// ISO 3166-1 alpha-2 codes, most salient first.
    public var countries: [String]
    /// Tags set by the author (front matter); always kept.
    public var tags: [String]
    /// Tags found by the automatic rule; kept only when enough articles share them.
    public var automaticTags: [String]
    public var wordCount: Int
    /// For a text article, the line its body starts on, so that rendering reads the body
    /// without reading the header again (see `ParsedArticle.bodyLine`).
    public var bodyLine: Int?
    // The one-byte fields last, together: between eight-byte ones each took eight, and a
    // million articles' metadata is held for the whole build.
    public var format: ContentFormat
    /// Whether the source gave a time of day (otherwise `date` is midnight in the site's time zone).
    public var hasTime: Bool
    /// Whether the article has a dek: an empty one is not the same as none.
    private var hasDek: Bool

    public init(
        sourcePath: String, format: ContentFormat, title: String, dek: String? = nil,
        byline: String? = nil, date: Date, hasTime: Bool = false, dateline: String? = nil,
        photoCredit: String? = nil, countries: [String] = [], tags: [String] = [],
        automaticTags: [String] = [], slug: String, wordCount: Int = 0, bodyLine: Int? = nil
    ) {
        (packedText, titleStart, dekStart, slugStart) = Self.pack(sourcePath, title, dek ?? "", slug)
        self.hasDek = dek != nil
        self.format = format
        self.byline = byline
        self.date = date
        self.hasTime = hasTime
        self.dateline = dateline
        self.photoCredit = photoCredit
        self.countries = countries
        self.tags = tags
        self.automaticTags = automaticTags
        self.wordCount = wordCount
        self.bodyLine = bodyLine
    }

    /// Path of the source file relative to the content folder, with `/` separators.
    public var sourcePath: String {
        get { text(from: 0, to: titleStart) }
        set { repack(sourcePath: newValue) }
    }

    public var title: String {
        get { text(from: titleStart, to: dekStart) }
        set { repack(title: newValue) }
    }

    public var dek: String? {
        get { hasDek ? text(from: dekStart, to: slugStart) : nil }
        set { repack(dek: newValue ?? ""); hasDek = newValue != nil }
    }

    /// URL slug, unique within the article's month once the site model is built.
    public var slug: String {
        get { text(from: slugStart, to: UInt32(packedText.utf8.count)) }
        set { repack(slug: newValue) }
    }

    /// Whether the article's source path is `path`, compared in place: asked of every article
    /// to find an edited file's, where a copy of each path would be an allocation each.
    public func hasSourcePath(_ path: String) -> Bool {
        part(from: 0, to: titleStart) == path
    }

    /// Whether the article's source path sorts before `other`'s (as `String` orders them),
    /// compared in place.
    public func sourcePathPrecedes(_ other: ArticleMetadata) -> Bool {
        part(from: 0, to: titleStart) < other.part(from: 0, to: other.titleStart)
    }

    /// Appends the slug's UTF-8 bytes, copied from where they lie.
    public func appendSlug(to buffer: inout [UInt8]) {
        var text = packedText
        text.withUTF8 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(slugStart)...])) }
    }

    public var slugByteCount: Int { packedText.utf8.count - Int(slugStart) }

    private func text(from start: UInt32, to end: UInt32) -> String {
        String(decoding: bytes(from: start, to: end), as: UTF8.self)
    }

    private func bytes(from start: UInt32, to end: UInt32) -> Substring.UTF8View {
        let utf8 = packedText.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Int(start))
        return utf8[from..<utf8.index(from, offsetBy: Int(end - start))]
    }

    /// A field of `packedText`, without a copy. The fields' bounds are scalar boundaries.
    private func part(from start: UInt32, to end: UInt32) -> Substring {
        Substring(bytes(from: start, to: end))
    }

    private mutating func repack(sourcePath: String? = nil, title: String? = nil, dek: String? = nil, slug: String? = nil) {
        (packedText, titleStart, dekStart, slugStart) = Self.pack(
            sourcePath ?? self.sourcePath, title ?? self.title, dek ?? (self.dek ?? ""), slug ?? self.slug)
    }

    private static func pack(_ sourcePath: String, _ title: String, _ dek: String, _ slug: String)
        -> (String, UInt32, UInt32, UInt32) {
        let titleStart = sourcePath.utf8.count, dekStart = titleStart + title.utf8.count
        let slugStart = dekStart + dek.utf8.count
        var packed = ""
        packed.reserveCapacity(slugStart + slug.utf8.count)
        packed += sourcePath
        packed += title
        packed += dek
        packed += slug
        return (packed, UInt32(titleStart), UInt32(dekStart), UInt32(slugStart))
    }

    // Coded by the fields' own names, not the packed form.
    enum CodingKeys: String, CodingKey {
        case sourcePath, title, dek, byline, date, dateline, photoCredit, countries, tags
        case automaticTags, slug, wordCount, bodyLine, format, hasTime
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sourcePath: try values.decode(String.self, forKey: .sourcePath),
            format: try values.decode(ContentFormat.self, forKey: .format),
            title: try values.decode(String.self, forKey: .title),
            dek: try values.decodeIfPresent(String.self, forKey: .dek),
            byline: try values.decodeIfPresent(String.self, forKey: .byline),
            date: try values.decode(Date.self, forKey: .date),
            hasTime: try values.decode(Bool.self, forKey: .hasTime),
            dateline: try values.decodeIfPresent(String.self, forKey: .dateline),
            photoCredit: try values.decodeIfPresent(String.self, forKey: .photoCredit),
            countries: try values.decode([String].self, forKey: .countries),
            tags: try values.decode([String].self, forKey: .tags),
            automaticTags: try values.decode([String].self, forKey: .automaticTags),
            slug: try values.decode(String.self, forKey: .slug),
            wordCount: try values.decode(Int.self, forKey: .wordCount),
            bodyLine: try values.decodeIfPresent(Int.self, forKey: .bodyLine))
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(sourcePath, forKey: .sourcePath)
        try values.encode(title, forKey: .title)
        try values.encodeIfPresent(dek, forKey: .dek)
        try values.encodeIfPresent(byline, forKey: .byline)
        try values.encode(date, forKey: .date)
        try values.encodeIfPresent(dateline, forKey: .dateline)
        try values.encodeIfPresent(photoCredit, forKey: .photoCredit)
        try values.encode(countries, forKey: .countries)
        try values.encode(tags, forKey: .tags)
        try values.encode(automaticTags, forKey: .automaticTags)
        try values.encode(slug, forKey: .slug)
        try values.encode(wordCount, forKey: .wordCount)
        try values.encodeIfPresent(bodyLine, forKey: .bodyLine)
        try values.encode(format, forKey: .format)
        try values.encode(hasTime, forKey: .hasTime)
    }
}
