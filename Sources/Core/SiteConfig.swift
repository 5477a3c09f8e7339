import Foundation

/// The site's settings, from `site.yml` with defaults for everything left out.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String
    /// Absolute URL the site is published at, always ending in `/`.
    public var baseURL: String
    public var language: String
    public var timeZone: TimeZone
    public var itemsPerPage: Int
    public var feedItems: Int
    /// Minimum number of articles an automatic tag needs before it becomes a term.
    public var automaticTagMinimumArticles: Int
    /// The site's own chrome, added to the built-in patterns: whole lines to drop, line
    /// openings to drop, and lines after which nothing belongs to the story.
    public var tags = TaxonomySettings(pathPattern: "tags/{slug}/")
    public var countries = TaxonomySettings(pathPattern: "countries/{slug}/")
    public var archives = ArchiveSettings()
    /// `tags.aliases`: a canonical tag and the synonyms shown as it (`Islamic State: [Daesh, ISIS]`).
    public var tagAliases: [String: [String]] = [:]
    /// `tags.lexicon`: the site's own topics, each with the phrases that earn it.
    public var topicLexicon: [String: [String]] = [:]
    public var chromeLines: [String] = []
    public var chromePrefixes: [String] = []
    public var chromeEndMarkers: [String] = []

    public init(
        title: String = "Broadsheet",
        description: String = "A news archive",
        baseURL: String = "http://localhost:8000/",
        language: String = "en",
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        itemsPerPage: Int = 20,
        feedItems: Int = 20,
        automaticTagMinimumArticles: Int = 2
    ) {
        self.title = title
        self.description = description
        self.baseURL = SiteConfig.normalizedBaseURL(baseURL)
        self.language = language
        self.timeZone = timeZone
        self.itemsPerPage = itemsPerPage
        self.feedItems = feedItems
        self.automaticTagMinimumArticles = automaticTagMinimumArticles
    }

    /// The path part of the base URL (`/` or `/archive/`): every internal link starts with it,
    /// so the site works at a domain root and under a sub-path alike.
    public var basePath: String {
        guard let url = URL(string: baseURL), !url.path.isEmpty else { return "/" }
        let path = url.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    public static func normalizedBaseURL(_ url: String) -> String {
        var url = url.trimmingCharacters(in: .whitespaces)
        if url.isEmpty { url = "/" }
        if !url.hasSuffix("/") { url += "/" }
        return url
    }

    /// Whether the base URL is a full URL (scheme and host), as feeds and sitemaps need.
    public static func isAbsoluteURL(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && parsed.host != nil
    }
}
