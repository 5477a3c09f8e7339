import Core
import Foundation
import Loading
import Markdown
import Output
import Rendering
import Site
import Taxonomy

/// The build pipeline: load → index → plan → render → write, each phase timed.
///
/// Loading keeps each article's metadata and lets its body go; rendering reads bodies again
/// one article at a time on every core and writes each page as soon as it is rendered, so
/// memory follows the archive's metadata, not its text.
public struct SiteBuilder<FS: FileSystem>: Sendable {
    public let options: BuildOptions
    public let mode: BuildMode
    public let hooks: BuildHooks
    public let fileSystem: FS
    public let gazetteer: CountryGazetteer

    public init(options: BuildOptions, mode: BuildMode = .command(endsProcess: false), hooks: BuildHooks = BuildHooks(),
                fileSystem: FS, gazetteer: CountryGazetteer = .standard) {
        self.options = options
        self.mode = mode
        self.hooks = hooks
        self.fileSystem = fileSystem
        self.gazetteer = gazetteer
    }

    public var contentDirectory: String { joinPath(options.siteDirectory, "Content") }
    public var templatesDirectory: String { joinPath(options.siteDirectory, "Templates") }
    public var outputDirectory: String { options.outputDirectory ?? joinPath(options.siteDirectory, "Output") }
    public var cacheDirectory: String { options.resolvedCacheDirectory }

    /// Builds the site. Throws when the site as a whole cannot be built (bad settings or
    /// templates, an unwritable output folder); a bad article is reported in the result and skipped.
    public func build() throws(Diagnostic) -> BuildReport {
        var report = BuildReport()
        report.outputDirectory = outputDirectory
        var clock = PhaseClock()

        // config
        var config = try SiteConfigLoader.load(joinPath(options.siteDirectory, "site.yml"), fileSystem: fileSystem)
        if let baseURL = options.baseURL { config.baseURL = SiteConfig.normalizedBaseURL(baseURL) }
        if !SiteConfig.isAbsoluteURL(config.baseURL) {
            report.diagnostics.append(.warning(.config, file: joinPath(options.siteDirectory, "site.yml"),
                "base URL `\(config.baseURL)` has no scheme and host; feeds and the sitemap need absolute links"))
        }
        let templates = try TemplateSet(directory: templatesDirectory, fileSystem: fileSystem)
        report.diagnostics += templates.unknownVariables
        report.phases.append(clock.lap("config"))

        let buildLock = holdingBuildLock()
        defer { withExtendedLifetime(buildLock) {} }
        if let quick = try buildFromSaved(config: config, templates: templates, report: report, clock: &clock) { return quick }
        // A saved model describes the site before this build: gone until this one succeeds
        // (for good when this build keeps none, as the preview server's do not).
        SavedBuild.remove(cacheDirectory: cacheDirectory, fileSystem: fileSystem)

        // load
        let (loaded, stamps, paths, files) = try load(config: config, report: &report)
        report.phases.append(clock.lap("load"))

        // index
        // The loaded order is let go once the model has its own (at a million articles, 190 MB).
        let site = SiteModel(config: config, articles: consume loaded, gazetteer: gazetteer)
        // The model names files relative to the content folder; reports name them as the user sees them.
        report.diagnostics += site.warnings.map { warning in
            var warning = warning
            warning.file = warning.file.map { joinPath(contentDirectory, $0) }
            return warning
        }
        // Each article's file stamp by ID; the stamps by path, and with them the scan's copy of
        // every path, are let go (at a million articles, about 150 MB).
        let bodyStamps = site.articles.map { stamps[$0.sourcePath] }
        _ = consume stamps
        report.phases.append(clock.lap("index"))

        // plan
        let plan = PagePlan(site: site)
        report.phases.append(clock.lap("plan"))

        try failIfStrict(report)

        // render + write
        let writer = try OutputWriter(outputDirectory: outputDirectory, cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        let store = PageFingerprintStore(cacheDirectory: cacheDirectory)
        // `--clean` renders everything afresh; otherwise unchanged pages keep their files.
        let previous = PreviousRecords(options.clean ? [:] : store.load(fileSystem))
        do {
            let rendered = try render(site: site, plan: plan, templates: templates, writer: writer, previous: previous, bodyStamps: bodyStamps,
                                      store: store)
            report.diagnostics += rendered.diagnostics
            report.pagesReused = rendered.reused
            report.pagesAsBefore = rendered.asBefore
            report.phases.append(clock.lap("render"))
            try writer.commit(clean: options.clean)
            // Fingerprints are kept only for a build whose files are in place, and none are
            // when this build's could not be staged.
            if !rendered.recordsStaged || (try? store.commitStaged(fileSystem)) == nil { store.remove(fileSystem) }
            // The next build starts from this one's model when only what pages show of a few
            // articles changed; not after an article that could not be rendered, which it would
            // not try again.
            if keepsSavedBuild, rendered.diagnostics.isEmpty {
                let saved = SavedBuild(key: savedBuildKey(config: config, templates: templates), fileHashes: files.fileHashes,
                                       tagInputs: files.tagInputs, loadDiagnostics: files.diagnostics, drafts: report.drafts, files: writer.writtenCount,
                                       parts: site.parts)
                try? saved.save(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
            }
            report.phases.append(clock.lap("write"))
            mode.preview?.session.state = BuildSession.State(
                site: site, plan: plan, templates: rendered.templates, relatedLists: rendered.relatedLists,
                idBySourcePath: Dictionary(site.articles.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { first, _ in first }),
                scanIndex: Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }),
                needsWordSample: Self.needsWordSample(paths), outputDirectory: outputDirectory, digests: rendered.digests)
        } catch {
            writer.abandon()
            store.discardStaged(fileSystem)
            throw error
        }

        report.articles = site.articles.count
        report.pages = plan.pageCount
        report.feeds = plan.feeds.count
        report.tags = site.tags.count
        report.countries = site.countries.count
        report.files = writer.writtenCount
        if mode.endsProcess { MemoryLeftToExit.hold((site, plan, writer)) }
        return report
    }

    /// With `--strict`, the first warning or skipped file fails the build, before anything is written.
    func failIfStrict(_ report: BuildReport) throws(Diagnostic) {
        guard options.strict, let first = report.diagnostics.first else { return }
        throw .error(first.stage, file: first.file, line: first.line, column: first.column,
                     "\(first.message) (--strict turns warnings into errors)")
    }

    // MARK: Load

    /// The articles, each content file's stamp hash by path (the cache itself, with every reading,
    /// is let go here unless the preview server keeps it), and, for the preview server, the content files in scan order.
    private func load(config: SiteConfig, report: inout BuildReport) throws(Diagnostic)
        -> ([ArticleMetadata], [String: UInt64], [String], SavedScan) {
        guard fileSystem.directoryExists(contentDirectory) else {
            throw .error(.load, file: contentDirectory, "the content folder does not exist")
        }
        let scan: ContentScanner.Scan
        do {
            scan = try ContentScanner.scan(contentDirectory, fileSystem: fileSystem)
        } catch {
            throw .error(.load, file: contentDirectory, "cannot list the content folder: \(error.localizedDescription)")
        }
        report.diagnostics += scan.skipped
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        let paths = scan.articles
        // The preview server keeps its cache in memory; `build` keeps one in the cache folder.
        let savedCachePath = joinPath(cacheDirectory, "articles.bin")
        let cache: LoadCache = mode.preview?.readings ?? {
            let cache = LoadCache()
            if !options.clean { cache.load(from: savedCachePath, fileSystem: fileSystem) }
            return cache
        }()
        // Settings that change how a file reads: readings made under others are stale.
        cache.use(settings: Self.readingSettings(config))
        let loadProgress = hooks.progress.map { ProgressCounter(phase: "load", total: paths.count, report: $0) }
        let needsWordSample = Self.needsWordSample(paths)
        let stamper = fileSystem.stamper(in: contentDirectory)
        // Readings are looked up in a snapshot and stored once it is gone: storing while it is
        // alive would copy the whole cache.
        let readings = { (saved: LoadCache.Snapshot) in
            // With no readings kept, every file is read, in scan order: ask for them ahead.
            let readAhead = saved.isEmpty ? ReadAhead.start(count: paths.count, fileSystem: fileSystem, sources: [.init(contentDirectory, need: .contents) { paths[$0] }]) : nil
            defer { readAhead?.stop() }
            return parallelMap(paths.count, workers: options.jobs) { index -> (outcome: LoadOutcome, cached: Bool, stamp: String) in
            defer {
                loadProgress?.advance()
                readAhead?.advance()
            }
            let sampled = needsWordSample && WordSample.isSampled(index, of: paths.count)
            let stamp = stamper.stamp(paths[index])
            if let cached = saved.outcome(for: paths[index], stamp: stamp) {
                // A reading without the words is reused only when the sample does not need them.
                if case .article(_, _, nil) = cached, sampled {} else { return (cached, true, stamp) }
            }
            return (read(paths[index], loader: loader, enricher: enricher, sampleWords: sampled), false, stamp)
        } }(cache.snapshot)
        if mode.preview == nil, !readings.contains(where: \.cached) {
            // Every file was read: the readings are the whole cache file.
            try? cache.saveWhole(zip(paths, readings).lazy.map { (path: $0, entry: LoadCache.Entry(stamp: $1.stamp, outcome: $1.outcome)) },
                                 to: savedCachePath, fileSystem: fileSystem)
        } else {
            for (index, reading) in readings.enumerated() where !reading.cached {
                cache.store(reading.outcome, for: paths[index], stamp: reading.stamp)
            }
            cache.keep(only: paths)
            if mode.preview == nil {
                try? cache.save(to: savedCachePath, fileSystem: fileSystem)
                cache.removeAll()
            }
        }
        report.filesRead = readings.reduce(0) { $0 + ($1.cached ? 0 : 1) }
        var articles: [ArticleMetadata] = []
        articles.reserveCapacity(readings.count)
        var sample = WordSample()
        // What the saved model needs of the scan: each file's hashes and what it reported.
        var scanned = SavedScan()
        if keepsSavedBuild {
            scanned.fileHashes.reserveCapacity(readings.count)
            scanned.tagInputs.reserveCapacity(readings.count)
        }
        for (index, reading) in readings.enumerated() {
            if keepsSavedBuild {
                scanned.fileHashes.append(SavedBuild.fileHash(path: paths[index], stamp: reading.stamp))
                scanned.tagInputs.append(SavedBuild.tagInputHash(reading.outcome))
            }
            switch reading.outcome {
            case .article(let metadata, let warnings, let vocabulary):
                articles.append(metadata)
                report.diagnostics += warnings
                scanned.diagnostics += warnings.map { (index, $0) }
                if let vocabulary { sample.add(vocabulary) }
            case .draft:
                report.drafts += 1
            case .failed(let diagnostic):
                report.diagnostics.append(diagnostic)
                scanned.diagnostics.append((index, diagnostic))
            }
        }
        // Automatic tags need the whole archive's word: keep the candidates it shares.
        let selector = AutomaticTagSelector(candidates: articles.map(\.automaticTags), declared: articles.flatMap(\.tags), sample: sample,
                                            aliases: TagAliases(config.tagAliases), minimumArticles: config.automaticTagMinimumArticles)
        var names = SharedStrings()
        for (index, tags) in selector.selectAll(articles.map(\.automaticTags)).enumerated() {
            articles[index].automaticTags = tags
            articles[index].share(&names)
        }
        // Hashed as article fingerprints take them: the texts are not held past loading.
        var stamps: [String: UInt64] = [:]
        stamps.reserveCapacity(paths.count)
        for (path, reading) in zip(paths, readings) { stamps[path] = PageFingerprinter.stampHash(reading.stamp) }
        // Only the preview server needs the scan's paths after loading.
        return (articles, stamps, mode.preview == nil ? [] : paths, scanned)
    }

    typealias LoadOutcome = SiteBuilderLoadOutcome

    /// One content file read and enriched.
    func read(_ path: String, loader: ArticleLoader<FS>, enricher: ArticleEnricher, sampleWords: Bool) -> LoadOutcome {
        do throws(Diagnostic) {
            switch try loader.load(path) {
            case .draft:
                return .draft
            case .article(let article):
                let enriched = enricher.enrich(article, file: joinPath(contentDirectory, path), sampleWords: sampleWords)
                return .article(enriched.metadata, article.warnings + enriched.warnings, enriched.vocabulary)
            }
        } catch {
            return .failed(error)
        }
    }

    func makeLoader(_ config: SiteConfig) -> ArticleLoader<FS> {
        ArticleLoader(fileSystem: fileSystem, contentDirectory: contentDirectory, timeZone: config.timeZone, chrome: .forSite(config))
    }

    /// Settings that change how a file reads: readings made under others are stale.
    static func readingSettings(_ config: SiteConfig) -> String {
        "\(config.timeZone.identifier)|\(config.chromeLines)|\(config.chromePrefixes)|\(config.chromeEndMarkers)|"
            + config.topicLexicon.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// The word sample tells general words from topics among automatic tag candidates, which
    /// only text articles have: an archive of Markdown alone needs no article's words.
    static func needsWordSample(_ paths: [String]) -> Bool {
        paths.contains { ContentFormat(path: $0) == .text }
    }

    // MARK: Render

    private struct Rendered {
        var diagnostics: [Diagnostic]
        /// Whether the pages' records are beside the fingerprint store (`PageFingerprintStore.stage`).
        var recordsStaged: Bool
        var reused: Int
        /// Pages rendered again whose bytes came out as their files' already were: kept, not written.
        var asBefore: Int
        var templates: TemplateSet
        var relatedLists: [Int32]
        var digests: [PageFingerprinter.ArticleDigest]
    }

    /// What one page's rendering came to: a problem, or the record of what was written (or
    /// kept: `reused` when its inputs had not changed, `asBefore` when it rendered as its file
    /// already was). The page's file is not held here: at a million pages, the files of those
    /// kept were a hundred megabytes, and the plan names them.
    private struct PageOutcome: Sendable {
        /// A problem, held in an array: nearly every page has none, and a diagnostic stored
        /// inline made each of a million pages' outcomes several times larger.
        private var failures: [Diagnostic] = []
        /// The key the record is stored under (`PageFingerprintStore.key(file)`).
        var key: UInt64 = 0
        var record = PageFingerprintStore.Record(fingerprint: 0)
        /// False for the outcome of a slot that holds no page of its kind.
        var isPage = false
        var reused = false
        var asBefore = false

        var failure: Diagnostic? { failures.first }
        /// Whether the page's file from the last build stays.
        var keepsFile: Bool { reused || asBefore }
        /// Whether the page goes into the fingerprint store: a page, rendered or kept.
        var isRecorded: Bool { failure == nil && isPage }

        init() {}

        init(key: UInt64, record: PageFingerprintStore.Record, reused: Bool = false, asBefore: Bool = false) {
            self.key = key
            self.record = record
            self.isPage = true
            self.reused = reused
            self.asBefore = asBefore
        }

        init(failure: Diagnostic) {
            failures = [failure]
        }
    }

    private func render(site: SiteModel, plan: PagePlan, templates themeTemplates: TemplateSet, writer: OutputWriter,
                        previous: PreviousRecords, bodyStamps: [UInt64?], store: PageFingerprintStore) throws(Diagnostic) -> Rendered {
        let fields = PageContextBuilder(site: site, gazetteer: gazetteer)
        let templates = Self.withSharedValues(themeTemplates, fields)
        let shared = sharedStamp(templates)
        let digester = PageFingerprinter.Digester(site: site)
        let digests = parallelMap(site.articles.count, workers: options.jobs) { digester.digest($0) }
        let fingerprinter = PageFingerprinter(site: site, articleDigests: digests, shared: shared, gazetteer: gazetteer)
        // Summaries whose inputs are as the last full build had them are read from its store;
        // all of them go into this build's, for the builds after an edit.
        let stored = storedSummaries(site: site, templates: templates, digests: digests, writing: true)
        let contexts = Self.contexts(site: site, fields: fields, templates: templates, gazetteer: gazetteer, stored: stored)
        let markdown = MarkdownRenderer()
        let loader = makeLoader(site.config)
        // Related articles depend only on the archive's structure: kept between builds.
        let relatedStore = RelatedArticlesStore(cacheDirectory: cacheDirectory)
        let relatedLists: [Int32]
        if !options.clean, let saved = relatedStore.load(structure: fingerprinter.structure, count: site.articles.count, fileSystem: fileSystem) {
            relatedLists = saved
        } else {
            relatedLists = RelatedArticlesStore.flatten(parallelMap(site.articles.count, workers: options.jobs) {
                RelatedArticles.find(for: $0, in: site, limit: RelatedArticlesStore.perArticle)
            })
            try? relatedStore.save(relatedLists, structure: fingerprinter.structure, count: site.articles.count, fileSystem: fileSystem)
        }

        let renderProgress = hooks.progress.map { ProgressCounter(phase: "render", total: plan.pageCount, report: $0) }
        /// Writes the files of a page rendered again, or keeps those already there when the
        /// page came out as they are.
        @Sendable func place(_ files: [(path: String, contents: String)], key: UInt64, fingerprint: UInt64) throws(Diagnostic) -> PageOutcome {
            let content = PageFingerprintStore.contentHash(files.lazy.map(\.contents))
            let record = PageFingerprintStore.Record(fingerprint: fingerprint, content: content)
            if previous[key]?.content == content, files.allSatisfy({ writer.canKeep($0.path) }) {
                return PageOutcome(key: key, record: record, asBefore: true)
            }
            for file in files { try writer.write(file.path, string: file.contents) }
            return PageOutcome(key: key, record: record)
        }
        /// What an article page is looked up by, and the related articles it shows.
        @Sendable func articleLookup(_ page: PagePlan.Page, id: Int) -> (key: UInt64, fingerprint: UInt64, related: [Int]) {
            // An article page depends on its own, its neighbours' and its related articles' data
            // and on its body file.
            // The load cache examined the file a moment ago.
            let sourcePath = site.articles[id].sourcePath
            let stamp = bodyStamps[id] ?? PageFingerprinter.stampHash(fileSystem.stamp(joinPath(contentDirectory, sourcePath)))
            let related = RelatedArticlesStore.list(relatedLists, for: id)
            return (PageFingerprintStore.key(page.file), fingerprinter.article(id, related: related, bodyStampHash: stamp), related)
        }
        @Sendable func renderArticlePage(_ id: Int) -> PageOutcome {
            let page = PagePlan.articlePage(id, in: site)
            let (key, fingerprint, related) = articleLookup(page, id: id)
            if let before = previous[key], before.fingerprint == fingerprint, writer.canKeep(page.file) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                let html = try articlePage(id, page: page, site: site, related: related, loader: loader, contexts: contexts,
                                           markdown: markdown, templates: templates)
                return try place([(page.file, html)], key: key, fingerprint: fingerprint)
            } catch {
                return PageOutcome(failure: error)
            }
        }
        @Sendable func renderListPage(_ index: Int) -> PageOutcome {
            let page = plan.listPages[index]
            guard let template = Self.template(for: page.kind) else { return PageOutcome() }
            let fingerprint = fingerprinter.list(page, template: template)
            let key = PageFingerprintStore.key(page.file)
            if let before = previous[key], before.fingerprint == fingerprint, writer.canKeep(page.file) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                let html = listPage(page, template: template, site: site, contexts: contexts, templates: templates)
                return try place([(page.file, html)], key: key, fingerprint: fingerprint)
            } catch {
                return PageOutcome(failure: error)
            }
        }
        // Article and list pages interleaved (see `PagePlan.renderOrder`); the outcomes come back in plan order.
        let articleCount = plan.articleCount
        // When every article page is to be rendered, every article's file is read again, in render
        // order, and asked for ahead (`bodies`): with no pages kept from before, or when pages spread over the
        // archive have new fingerprints (a new version of Broadsheet, a template or setting that
        // reaches every page). Read one at a time from a cold disk, a million bodies kept the render
        // waiting on the disk for half its time.
        func mostRenderAgain() -> Bool {
            guard !previous.isEmpty else { return true }
            let sample = Array(stride(from: 0, to: articleCount, by: max(1, articleCount / 64)))
            let changed = sample.filter { id in
                let (key, fingerprint, _) = articleLookup(PagePlan.articlePage(id, in: site), id: id)
                return previous[key]?.fingerprint != fingerprint
            }
            return changed.count * 2 > sample.count
        }
        // Where earlier pages are there, each page that comes out as it was is kept after checking
        // that its file is still there: a million such checks, one at a time on a cold disk,
        // waited on the disk as long as the bodies' reads did. Their entries are asked for ahead too.
        let bodies = ReadAhead.Source(contentDirectory, need: .contents) { position in
            let index = Int(plan.renderOrder[position])
            return index < articleCount ? site.articles[index].sourcePath : nil
        }
        let earlierPages = ReadAhead.Source(outputDirectory, need: .entry) { position in
            let index = Int(plan.renderOrder[position])
            return index < articleCount ? PagePlan.articlePage(index, in: site).file : plan.listPages[index - articleCount].file
        }
        let readAhead = !mostRenderAgain() ? nil : ReadAhead.start(count: plan.renderOrder.count, fileSystem: fileSystem,
                                                                  sources: previous.isEmpty ? [bodies] : [bodies, earlierPages])
        defer { readAhead?.stop() }
        let pageResults = parallelMap(in: plan.renderOrder, workers: options.jobs) { index -> PageOutcome in
            defer {
                renderProgress?.advance()
                readAhead?.advance()
            }
            return index < articleCount ? renderArticlePage(index) : renderListPage(index - articleCount)
        }
        let feeds = FeedWriter(site: site)
        let feedResults = parallelMap(plan.feeds.count, workers: options.jobs) { index -> PageOutcome in
            let feed = plan.feeds[index]
            let fingerprint = fingerprinter.feed(feed)
            let key = PageFingerprintStore.key(feed.path)
            if let before = previous[key], before.fingerprint == fingerprint,
               writer.canKeep(feed.path), writer.canKeep(feed.atomPath), writer.canKeep(feed.jsonPath) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                return try place(feeds.files(feed), key: key, fingerprint: fingerprint)
            } catch {
                return PageOutcome(failure: error)
            }
        }
        // Every page and feed has been looked up.
        previous.release()

        let articleResults = pageResults[..<articleCount], listResults = pageResults[articleCount...]
        var reused = 0, asBefore = 0
        Self.keepFiles(articleResults.lazy.map(\.keepsFile), writer: writer) { PagePlan.articlePage($0, in: site).file }
        Self.keepFiles(listResults.lazy.map(\.keepsFile), writer: writer) { plan.listPages[$0].file }
        for outcome in pageResults where outcome.isRecorded {
            if outcome.reused { reused += 1 }
            if outcome.asBefore { asBefore += 1 }
        }
        // A page that cannot be written means the output would be incomplete: fail the build.
        if let failure = listResults.compactMap(\.failure).first { throw failure }
        var diagnostics: [Diagnostic] = []
        for failure in articleResults.compactMap(\.failure) {
            if failure.stage == .write { throw failure }
            diagnostics.append(failure)
        }
        if let failure = feedResults.compactMap(\.failure).first { throw failure }
        writer.keep(zip(plan.feeds, feedResults).filter { $0.1.keepsFile }.flatMap { [$0.0.path, $0.0.atomPath, $0.0.jsonPath] })
        // The pages' records in plan order, then the feeds' (none of which failed, by now); into
        // place with the site (`build`).
        let recorded = [pageResults, feedResults].lazy.joined().filter(\.isRecorded)
        let recordsStaged = (try? store.stage(recorded.map { (key: $0.key, record: $0.record) }, to: fileSystem)) != nil
        try SitemapWriter(site: site).render(plan, maximumURLs: options.sitemapURLsPerFile) { (path, contents) throws(Diagnostic) in try writer.write(path, string: contents) }
        try writer.write("robots.txt", string: "User-agent: *\nAllow: /\n\nSitemap: \(MarkupEscape.percentEncoded(site.config.baseURL + "sitemap.xml"))\n")
        try copyStaticFiles(templates, writer: writer)
        stored.finish()
        return Rendered(diagnostics: diagnostics, recordsStaged: recordsStaged, reused: reused, asBefore: asBefore, templates: templates,
                        relatedLists: relatedLists, digests: digests)
    }

    /// Keeps the files of the pages whose outcome keeps them, a few thousand at a time: each
    /// page's file path is made for it (`Page.file`), and at a million pages, all of them made
    /// at once before the writer took them were 130 MB at the peak of a build after a program change.
    static func keepFiles(_ kept: some Collection<Bool>, writer: OutputWriter, batch: Int = 8192, file: (Int) -> String) {
        var paths: [String] = []
        paths.reserveCapacity(min(batch, kept.count))
        for (index, keeps) in kept.enumerated() where keeps {
            paths.append(file(index))
            guard paths.count == batch else { continue }
            writer.keep(paths)
            paths.removeAll(keepingCapacity: true)
        }
        if !paths.isEmpty { writer.keep(paths) }
    }

    /// The theme with the values every page shows alike (the masthead, the footer, the head's
    /// title and language), and those every article page does (the site's feeds), put in once.
    static func withSharedValues(_ theme: TemplateSet, _ fields: PageContextBuilder) -> TemplateSet {
        theme.withSharedValues(fields.siteWide).withSharedValues(fields.articleWide, forPagesOf: "article")
    }

    /// Everything besides the site's data that shapes a page's bytes (`templates` with the site-wide partials).
    func sharedStamp(_ templates: TemplateSet) -> String {
        "\(templates.fingerprint)|\(options.relativeURLs)|\(PageFingerprintStore.rendererStamp)"
    }

    /// The last full build's summaries (none with `--clean`). A full build passes every
    /// article's digest and writes the store again (`writing`); a build that renders a few
    /// pages of `site` only reads it, each key made from the article's digest when asked for.
    func storedSummaries(site: SiteModel, templates: TemplateSet, digests: [PageFingerprinter.ArticleDigest]? = nil,
                         writing: Bool = false) -> StoredSummaries {
        let seed = PageFingerprinter.seed(shared: sharedStamp(templates), config: site.config)
        let store = SummaryStore(cacheDirectory: cacheDirectory), fileSystem = fileSystem, clean = options.clean
        return StoredSummaries(key: { id in
                                   SummaryStore.key(seed: seed, summaryDigest: (digests?[id] ?? PageFingerprinter.articleDigest(id, in: site)).summary)
                               },
                               writer: writing ? SummaryStore.Writer(store: store, count: site.articles.count, fileSystem: fileSystem) : nil,
                               load: { clean ? nil : store.reader(fileSystem) })
    }

    /// The contexts pages are rendered from, with each summary's fields and HTML made once, for
    /// every list and related box that shows it, and each term's related-terms box once for all
    /// its pages (`fields` is the same builder without them).
    /// `stored`, when given, has summaries of the last full build: those whose inputs have not
    /// changed are read from it rather than rendered.
    static func contexts(site: SiteModel, fields: PageContextBuilder, templates: TemplateSet, gazetteer: CountryGazetteer,
                         stored: StoredSummaries? = nil) -> PageContextBuilder {
        let summaries = SummaryCache(count: site.articles.count) { id -> ArticleSummary in
            guard templates.names.contains("partials/summary") else { return fields.bareSummary(id) }
            return fields.summary(id) { view in
                guard let stored else { return templates.render(view, template: "partials/summary") }
                return stored.html(id) { templates.render(view, template: "partials/summary") }
            }
        }
        // Each term's related-terms box, made once for all its pages: at 100,000 articles the
        // United States has 1,566, and the box's chips were a sixth of a list page's lookups.
        let termCount = site.tags.count + site.countries.count
        let relatedTerms = SummaryCache<String>(count: termCount, capacity: termCount) { key -> String in
            templates.render(fields.relatedTermsFields(key), template: "partials/related-terms")
        }
        let relatedTermsView: (@Sendable (Int) -> String)? = templates.names.contains("partials/related-terms") ? relatedTerms.summary : nil
        // Each term's chip, made once for every article page that shows it.
        let tagCount = site.tags.count
        let chips = SummaryCache<String>(count: termCount, capacity: termCount) { key -> String in
            templates.render(fields.chipFields(key), template: key < tagCount ? "partials/tag-chip" : "partials/country-chip")
        }
        let chipView: (@Sendable (Int) -> String)? =
            templates.names.isSuperset(of: ["partials/tag-chip", "partials/country-chip"]) ? chips.summary : nil
        return PageContextBuilder(site: site, gazetteer: gazetteer, summaryView: summaries.summary, relatedTermsView: relatedTermsView,
                                  chipView: chipView)
    }

    /// Two builds of one site at once would stage, move and remove each other's files and
    /// overwrite each other's cache: each holds `build.lock` in the cache folder while it reads
    /// or writes either, and a second one waits, as Cargo does with its build folder.
    func holdingBuildLock() -> (any FileLock)? {
        try? fileSystem.createDirectory(cacheDirectory)
        return fileSystem.exclusiveLock(joinPath(cacheDirectory, "build.lock")) { hooks.waitingForOtherBuild?(cacheDirectory) }
    }

    /// The template a page other than an article's is rendered with.
    static func template(for kind: PagePlan.Kind) -> String? {
        switch kind {
        case .home, .tag, .country, .archiveMonth: return "list"
        case .tagIndex, .countryIndex: return "terms"
        case .archiveIndex, .archiveYear: return "archive"
        case .notFound: return "404"
        case .about: return "about"
        case .article: return nil
        }
    }

    /// A list, index or other page that is not an article's.
    func listPage(_ page: PagePlan.Page, template: String, site: SiteModel, contexts: PageContextBuilder, templates: TemplateSet) -> String {
        finish(templates.renderPage(contexts.list(page), template: template), page: page, site: site)
    }

    /// An article's page: its body read again from its file and rendered with its context.
    func articlePage(_ id: Int, page: PagePlan.Page, site: SiteModel, related: [Int], loader: ArticleLoader<FS>,
                     contexts: PageContextBuilder, markdown: MarkdownRenderer, templates: TemplateSet) throws(Diagnostic) -> String {
        let body = try loader.loadBody(site.articles[id])
        let context = contexts.article(id: id, bodyHTML: markdown.html(body), related: related)
        return finish(templates.renderPage(context, template: "article"), page: page, site: site)
    }

    /// The last touch on a rendered page: links relative to it, when asked for.
    private func finish(_ html: String, page: PagePlan.Page, site: SiteModel) -> String {
        // The 404 page is served at whatever URL was missing, so only root-relative links work there.
        guard options.relativeURLs, page.kind != .notFound else { return html }
        return RelativeLinks.rewrite(html, pagePath: page.path, basePath: site.config.basePath)
    }

    /// The theme's static files (the stylesheet and anything else under `Templates/static/`).
    private func copyStaticFiles(_ templates: TemplateSet, writer: OutputWriter) throws(Diagnostic) {
        for (path, data) in templates.staticFiles.sorted(by: { $0.key < $1.key }) {
            try writer.write(path, contents: data)
        }
    }
}

/// Times the pipeline's phases.
struct PhaseClock {
    private var last = DispatchTime.now()

    mutating func lap(_ name: String) -> BuildReport.Phase {
        let now = DispatchTime.now()
        defer { last = now }
        return BuildReport.Phase(name: name, seconds: Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9,
                                 peakBytes: BuildReport.peakResidentBytes(), residentBytes: BuildReport.residentBytes())
    }
}
