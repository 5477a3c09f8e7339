import BuildCache
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
        let (config, templates) = try configure(&report)
        report.phases.append(clock.lap("config"))
        let buildLock = holdingBuildLock()
        defer { withExtendedLifetime(buildLock) {} }
        if let quick = try buildFromSaved(config: config, templates: templates, report: report, clock: &clock) { return quick }
        // A saved model describes the site before this build: gone until this one succeeds
        // (for good when this build keeps none, as the preview server's do not).
        SavedBuild.remove(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        var loaded = try load(config: config, report: &report)
        report.phases.append(clock.lap("load"))
        let (site, bodyStamps) = index(&loaded, config: config, report: &report)
        report.phases.append(clock.lap("index"))
        let plan = PagePlan(site: site)
        report.phases.append(clock.lap("plan"))
        try failIfStrict(report)
        let writer = try renderAndWrite(site: site, plan: plan, templates: templates, bodyStamps: bodyStamps, loaded: loaded,
                                        report: &report, clock: &clock)
        report.count(site, plan, rendered: plan.pageCount - report.pagesReused)
        report.files = writer.writtenCount
        if mode.endsProcess { MemoryLeftToExit.hold((site, plan, writer)) }
        return report
    }

    /// The settings, with `--base-url` applied, and the theme.
    private func configure(_ report: inout BuildReport) throws(Diagnostic) -> (SiteConfig, TemplateSet) {
        var config = try SiteConfigLoader.load(joinPath(options.siteDirectory, "site.yml"), fileSystem: fileSystem)
        if let baseURL = options.baseURL { config.baseURL = SiteConfig.normalizedBaseURL(baseURL) }
        if !SiteConfig.isAbsoluteURL(config.baseURL) {
            report.diagnostics.append(.warning(.config, file: joinPath(options.siteDirectory, "site.yml"),
                "base URL `\(config.baseURL)` has no scheme and host; feeds and the sitemap need absolute links"))
        }
        let templates = try TemplateSet(directory: templatesDirectory, fileSystem: fileSystem)
        report.diagnostics += templates.unknownVariables
        return (config, templates)
    }

    /// The site model made from the loaded articles, and each article's file stamp by ID. The
    /// loaded articles and stamps by path are let go as soon as the model has its own.
    private func index(_ loaded: inout LoadedArchive, config: SiteConfig, report: inout BuildReport) -> (SiteModel, [UInt64?]) {
        let articles = loaded.articles
        loaded.articles = []
        let site = SiteModel(config: config, articles: consume articles, gazetteer: gazetteer)
        // The model names files relative to the content folder; reports name them as the user sees them.
        report.diagnostics += site.warnings.map { warning in
            var warning = warning
            warning.file = warning.file.map { joinPath(contentDirectory, $0) }
            return warning
        }
        let bodyStamps = site.articles.map { loaded.stamps[$0.sourcePath] }
        loaded.stamps = [:]
        return (site, bodyStamps)
    }

    /// The render and write steps: every page rendered or kept, the output moved into place,
    /// and what the next build starts from saved; on any failure the previous output stays.
    private func renderAndWrite(site: SiteModel, plan: PagePlan, templates: TemplateSet, bodyStamps: [UInt64?], loaded: LoadedArchive,
                                report: inout BuildReport, clock: inout PhaseClock) throws(Diagnostic) -> OutputWriter {
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
            keepForNextBuild(site: site, plan: plan, templates: templates, rendered: rendered, loaded: loaded,
                             outputFiles: writer.writtenCount, drafts: report.drafts)
            report.phases.append(clock.lap("write"))
        } catch {
            writer.abandon()
            store.discardStaged(fileSystem)
            throw error
        }
        return writer
    }

    /// What the next build starts from: the saved model, when only what pages show of a few
    /// articles may change (not after an article that could not be rendered, which it would not
    /// try again), or, in the preview, the session's state.
    private func keepForNextBuild(site: SiteModel, plan: PagePlan, templates: TemplateSet, rendered: Rendered, loaded: LoadedArchive,
                                  outputFiles: Int, drafts: Int) {
        if keepsSavedBuild, rendered.diagnostics.isEmpty {
            let saved = SavedBuild(key: savedBuildKey(config: site.config, templates: templates), fileHashes: loaded.scan.fileHashes,
                                   tagInputs: loaded.scan.tagInputs, loadDiagnostics: loaded.scan.diagnostics, drafts: drafts,
                                   files: outputFiles, parts: site.parts)
            try? saved.save(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        }
        let paths = loaded.paths
        mode.preview?.session.state = BuildSession.State(
            site: site, plan: plan, templates: rendered.templates, relatedLists: rendered.relatedLists,
            idBySourcePath: Dictionary(site.articles.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { first, _ in first }),
            scanIndex: Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }),
            needsWordSample: Self.needsWordSample(paths), outputDirectory: outputDirectory, digests: rendered.digests)
    }

    /// With `--strict`, the first warning or skipped file fails the build, before anything is written.
    func failIfStrict(_ report: BuildReport) throws(Diagnostic) {
        guard options.strict, let first = report.diagnostics.first else { return }
        throw .error(first.stage, file: first.file, line: first.line, column: first.column,
                     "\(first.message) (--strict turns warnings into errors)")
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
        // Each term's related-terms box, made once for all its pages: a big country has
        // thousands of pages, and the box's chips were a large share of a list page's look-ups.
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

    /// A producer of this build's pages, from the model, plan and templates given.
    func producer(site: SiteModel, plan: PagePlan, templates: TemplateSet, contexts: PageContextBuilder,
                  relatedLists: [Int32]) -> PageProducer<FS> {
        PageProducer(site: site, plan: plan, templates: templates, contexts: contexts, loader: makeLoader(site.config),
                     relatedLists: relatedLists, relativeURLs: options.relativeURLs)
    }

    /// The theme's static files (the stylesheet and anything else under `Templates/static/`).
    func copyStaticFiles(_ templates: TemplateSet, writer: OutputWriter) throws(Diagnostic) {
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
