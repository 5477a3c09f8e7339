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
        var diagnostics: [Diagnostic] = []
        /// Every page's and feed's record, pages in plan order, for the fingerprint store.
        var records: [(key: UInt64, record: PageFingerprintStore.Record)] = []
        /// Whether the pages' records are beside the fingerprint store (`PageFingerprintStore.stage`).
        var recordsStaged = false
        var reused = 0
        /// Pages rendered again whose bytes came out as their files' already were: kept, not written.
        var asBefore = 0
        var templates: TemplateSet
        var relatedLists: [Int32]
        var digests: [PageFingerprinter.ArticleDigest]
    }

    /// Renders or keeps every page and feed of `plan`, then writes the sitemap, robots.txt and
    /// the theme's static files; a page or feed that cannot be written fails the build.
    func render(site: SiteModel, plan: PagePlan, templates themeTemplates: TemplateSet, writer: OutputWriter,
                previous: PreviousRecords, bodyStamps: [UInt64?], store: PageFingerprintStore) throws(Diagnostic) -> Rendered {
        let fields = PageContextBuilder(site: site, gazetteer: gazetteer)
        let templates = Self.withSharedValues(themeTemplates, fields)
        let digester = PageFingerprinter.Digester(site: site)
        let digests = parallelMap(site.articles.count, workers: options.jobs) { digester.digest($0) }
        let fingerprinter = PageFingerprinter(site: site, articleDigests: digests, shared: sharedStamp(templates), gazetteer: gazetteer)
        // Summaries whose inputs are as the last full build had them are read from its store;
        // all of them go into this build's, for the builds after an edit.
        let stored = storedSummaries(site: site, templates: templates, digests: digests, writing: true)
        let contexts = Self.contexts(site: site, fields: fields, templates: templates, gazetteer: gazetteer, stored: stored)
        let relatedLists = self.relatedLists(site: site, structure: fingerprinter.structure)
        let pass = PagePass(producer: producer(site: site, plan: plan, templates: templates, contexts: contexts, relatedLists: relatedLists),
                            fingerprinter: fingerprinter, previous: previous, writer: writer, bodyStamps: bodyStamps,
                            fileSystem: fileSystem, contentDirectory: contentDirectory, outputDirectory: outputDirectory)
        let renderProgress = hooks.progress.map { ProgressCounter(phase: "render", total: plan.pageCount, report: $0) }
        let readAhead = pass.startReadAhead()
        defer { readAhead?.stop() }
        // Article and list pages interleaved (see `PagePlan.renderOrder`); the outcomes come back in plan order.
        let pageResults = parallelMap(in: plan.renderOrder, workers: options.jobs) { index -> PageOutcome in
            defer {
                renderProgress?.advance()
                readAhead?.advance()
            }
            return index < plan.articleCount ? pass.articleOutcome(index) : pass.listOutcome(index - plan.articleCount)
        }
        let feedResults = parallelMap(plan.feeds.count, workers: options.jobs) { pass.feedOutcome($0) }
        // Every page and feed has been looked up.
        previous.release()
        var rendered = Rendered(templates: templates, relatedLists: relatedLists, digests: digests)
        try settle(pageResults, feedResults, into: &rendered, site: site, plan: plan, writer: writer)
        rendered.recordsStaged = (try? store.stage(rendered.records, to: fileSystem)) != nil
        try SitemapWriter(site: site).render(plan, maximumURLs: options.sitemapURLsPerFile) { (path, contents) throws(Diagnostic) in
            try writer.write(path, string: contents)
        }
        try writer.write("robots.txt", string: "User-agent: *\nAllow: /\n\nSitemap: \(MarkupEscape.percentEncoded(site.config.baseURL + "sitemap.xml"))\n")
        try copyStaticFiles(templates, writer: writer)
        stored.finish()
        return rendered
    }

    /// Related articles depend only on the archive's structure: kept between builds.
    private func relatedLists(site: SiteModel, structure: UInt64) -> [Int32] {
        let store = RelatedArticlesStore(cacheDirectory: cacheDirectory)
        if !options.clean, let saved = store.load(structure: structure, count: site.articles.count, fileSystem: fileSystem) {
            return saved
        }
        let lists = RelatedArticlesStore.flatten(parallelMap(site.articles.count, workers: options.jobs) {
            RelatedArticles.find(for: $0, in: site, limit: RelatedArticlesStore.perArticle)
        })
        try? store.save(lists, structure: structure, count: site.articles.count, fileSystem: fileSystem)
        return lists
    }

    /// The outcomes gathered: kept files told to the writer, counts, problems (a list page or
    /// feed, or an article page that cannot be written, fails the build), and the records to save.
    private func settle(_ pageResults: [PageOutcome], _ feedResults: [PageOutcome], into rendered: inout Rendered, site: SiteModel,
                        plan: PagePlan, writer: OutputWriter) throws(Diagnostic) {
        let articleResults = pageResults[..<plan.articleCount], listResults = pageResults[plan.articleCount...]
        Self.keepFiles(articleResults.lazy.map(\.keepsFile), writer: writer) { PagePlan.articlePage($0, in: site).file }
        Self.keepFiles(listResults.lazy.map(\.keepsFile), writer: writer) { plan.listPages[$0].file }
        for outcome in pageResults where outcome.isRecorded {
            if outcome.reused { rendered.reused += 1 }
            if outcome.asBefore { rendered.asBefore += 1 }
        }
        if let failure = listResults.compactMap(\.failure).first { throw failure }
        for failure in articleResults.compactMap(\.failure) {
            if failure.stage == .write { throw failure }
            rendered.diagnostics.append(failure)
        }
        if let failure = feedResults.compactMap(\.failure).first { throw failure }
        writer.keep(zip(plan.feeds, feedResults).filter { $0.1.keepsFile }.flatMap { [$0.0.path, $0.0.atomPath, $0.0.jsonPath] })
        // The pages' records in plan order, then the feeds' (none of which failed, by now).
        rendered.records = [pageResults, feedResults].joined().filter(\.isRecorded).map { (key: $0.key, record: $0.record) }
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
