import Core
import Output

/// What `broadsheet build` was asked to do.
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
    /// Called as the load and render phases advance, from any thread.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// Readings of articles kept from earlier builds in this process (the preview server's).
    public var loadCache: LoadCache?
    /// What the last build in this process knew (the preview server's), so that an edit to what
    /// pages show of an article re-renders only the pages that show it.
    public var session: BuildSession?
    /// Called by a quick rebuild of edited tags, countries or dates once the edited articles'
    /// own pages are written, before the term, list and neighbouring pages that also change,
    /// with those pages' paths in the output folder: the preview server reloads the page an
    /// author is looking at first, as Hugo's fast render does, and the rest after.
    public var editedPagesWritten: (@Sendable ([String]) -> Void)?
    /// Called, with the cache folder, when another build of the site is running: this one
    /// waits for it to finish (see `SiteBuilder.holdingBuildLock`).
    public var waitingForOtherBuild: (@Sendable (String) -> Void)?
    /// Write links relative to each page, so that the site also works from `file://`.
    public var relativeURLs: Bool
    /// Threads that load and render; all cores when nil. The output is the same for any number.
    public var jobs: Int?
    /// The process ends with the build (the command line's `build`): the site model and the
    /// plan are left for the exit to reclaim (`MemoryLeftToExit`) instead of freed piece by
    /// piece, which at 100,000 articles takes longer than a rebuild after one edit renders.
    public var endsProcess = false
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
