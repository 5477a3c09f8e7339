import Core
import Output

/// What the user asked a build to do. How it keeps what it learns is its `BuildMode`; whom it
/// tells how it goes, its `BuildHooks`.
public struct BuildOptions: Sendable {
    /// The site folder: `Content/`, `Templates/` and `site.yml` live here.
    public var siteDirectory: String
    /// Where the site is written; `<site>/Output` when nil.
    public var outputDirectory: String?
    /// Overrides `base_url` from `site.yml`.
    public var baseURL: String?
    /// Build state; `<site>/.broadsheet-cache` when nil.
    public var cacheDirectory: String?
    /// The build state's folder, `cacheDirectory` or its default.
    public var resolvedCacheDirectory: String { cacheDirectory ?? joinPath(siteDirectory, ".broadsheet-cache") }
    /// Treat every warning as an error.
    public var strict: Bool
    /// Remove every file in the output folder that this build did not write.
    public var clean: Bool
    /// Write links relative to each page, so that the site also works from `file://`.
    public var relativeURLs: Bool
    /// Threads that load and render; all cores when nil. The output is the same for any number.
    public var jobs: Int?
    /// Entries in each sitemap file: the protocol's limit of 50,000, past which the sitemap is
    /// an index of files; fewer gives a small site several files (tests do).
    public var sitemapURLsPerFile = SitemapWriter.maximumURLs

    public init(siteDirectory: String = ".", outputDirectory: String? = nil, baseURL: String? = nil,
                cacheDirectory: String? = nil, strict: Bool = false, relativeURLs: Bool = false, clean: Bool = false) {
        self.clean = clean
        self.relativeURLs = relativeURLs
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.cacheDirectory = cacheDirectory
        self.strict = strict
    }
}
