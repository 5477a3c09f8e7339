import BuildCache
import Core
import Foundation
import Loading
import Markdown
import Output
import Rendering
import Site
import Taxonomy

/// The render step of a full build: every page and feed rendered or kept, then the sitemap.
extension SiteBuilder {
    struct Rendered {
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
    /// already was). The page's file is not held here: the plan names it, and a large site's
    /// kept files would be a large share of the peak.
    struct PageOutcome: Sendable {
        /// A problem, held in an array: nearly every page has none, and a diagnostic stored
        /// inline made every page's outcome several times larger.
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

    func render(site: SiteModel, plan: PagePlan, templates themeTemplates: TemplateSet, writer: OutputWriter,
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

        let producer = producer(site: site, plan: plan, templates: templates, contexts: contexts, relatedLists: relatedLists)
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
            let (key, fingerprint, _) = articleLookup(page, id: id)
            if let before = previous[key], before.fingerprint == fingerprint, writer.canKeep(page.file) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                return try place(producer.files(for: .article(id)), key: key, fingerprint: fingerprint)
            } catch {
                return PageOutcome(failure: error)
            }
        }
        @Sendable func renderListPage(_ index: Int) -> PageOutcome {
            let page = plan.listPages[index]
            guard let template = TemplateSet.template(for: page.kind) else { return PageOutcome() }
            let fingerprint = fingerprinter.list(page, template: template)
            let key = PageFingerprintStore.key(page.file)
            if let before = previous[key], before.fingerprint == fingerprint, writer.canKeep(page.file) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                return try place(producer.files(for: .list(index)), key: key, fingerprint: fingerprint)
            } catch {
                return PageOutcome(failure: error)
            }
        }
        // Article and list pages interleaved (see `PagePlan.renderOrder`); the outcomes come back in plan order.
        let articleCount = plan.articleCount
        // When every article page is to be rendered, every article's file is read again, in render
        // order, and asked for ahead (`bodies`): with no pages kept from before, or when pages spread over the
        // archive have new fingerprints (a new version of Broadsheet, a template or setting that
        // reaches every page). Read one at a time from a cold disk, the bodies kept the render
        // waiting on the disk.
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
        // that its file is still there: those checks, one at a time on a cold disk, wait on it as
        // the bodies' reads do, so their entries are asked for ahead too.
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
        let feedResults = parallelMap(plan.feeds.count, workers: options.jobs) { index -> PageOutcome in
            let feed = plan.feeds[index]
            let fingerprint = fingerprinter.feed(feed)
            let key = PageFingerprintStore.key(feed.path)
            if let before = previous[key], before.fingerprint == fingerprint,
               writer.canKeep(feed.path), writer.canKeep(feed.atomPath), writer.canKeep(feed.jsonPath) {
                return PageOutcome(key: key, record: before, reused: true)
            }
            do throws(Diagnostic) {
                return try place(producer.files(for: .feed(index)), key: key, fingerprint: fingerprint)
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
    /// page's file path is made for it (`Page.file`), and all of them made at once set the peak.
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
}
