import Core
import Foundation
import Loading
import Markdown
import Output
import Rendering
import Site
import Taxonomy

extension SiteBuilder {
    /// Shows edits to articles by rendering only the pages that show them, from what the last
    /// build in this process knew (`options.session`, with `options.loadCache`); nil when the
    /// edits may change anything else, and a full build is needed.
    ///
    /// An edit qualifies when every changed file is an article the last build published and
    /// changes only what pages show of it: its headline (and with it its URL), dek, byline,
    /// dateline, photo credit, body and word count. Its date, tags, countries and candidate
    /// tags stay as they were, and so do the words it gives the word sample, so no list, term
    /// or archive month changes (see `SiteModel.replaceShownFields`). The pages to render again
    /// are then those whose fingerprint holds what changed (`PageFingerprinter`): the article's
    /// own page; and when what lists show of it changed, its neighbours' pages, the pages of
    /// the articles it is related to, the lists and feeds that hold it, and the sitemap when
    /// its URL moved (the old page is removed). Every other page is what a full build renders.
    /// The saved fingerprints of the pages written are dropped, so the next full build renders
    /// them again: what it writes is what a full build writes.
    public func rebuildArticles(of changedFiles: [String]) throws(Diagnostic) -> BuildReport? {
        guard let session = options.session, let saved = session.state, let cache = options.loadCache,
              !changedFiles.isEmpty, saved.outputDirectory == outputDirectory else { return nil }
        var clock = PhaseClock()
        let config = saved.site.config
        guard cache.isRead(under: Self.readingSettings(config)) else { return nil }
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        // A watcher names files by the folder as given or by where it leads (a linked content folder).
        let prefixes = [contentDirectory, URL(fileURLWithPath: contentDirectory).resolvingSymlinksInPath().path].map {
            $0.hasSuffix("/") ? $0 : $0 + "/"
        }
        var edits: [(id: Int, path: String, stamp: String, outcome: LoadOutcome, article: ArticleMetadata, warnings: [Diagnostic])] = []
        for file in Set(changedFiles).sorted() {
            guard let prefix = prefixes.first(where: file.hasPrefix) else { return nil }
            let path = String(file.dropFirst(prefix.count))
            guard let id = saved.idBySourcePath[path], let scanIndex = saved.scanIndex[path],
                  case .article(let before, _, let wordsBefore)? = cache.entry(for: path)?.outcome else { return nil }
            let stamp = fileSystem.stamp(file)
            let sampled = saved.needsWordSample && WordSample.isSampled(scanIndex, of: saved.scanIndex.count)
            let outcome = read(path, loader: loader, enricher: enricher, sampleWords: sampled)
            // The candidate tags and sampled words decide the archive's automatic tags.
            guard case .article(var after, let warnings, let wordsAfter) = outcome, wordsAfter == wordsBefore,
                  after.automaticTags == before.automaticTags else { return nil }
            after.automaticTags = saved.site.articles[id].automaticTags
            edits.append((id, path, stamp, outcome, after, warnings))
        }
        var report = BuildReport()
        report.outputDirectory = outputDirectory
        report.phases.append(clock.lap("load"))

        // The state is changed in place, once the session no longer holds it: a copy of a large
        // archive's model and plan costs more than the rest of the edit. Should an edit not
        // qualify after all, the session is left without it, and the full build that follows
        // keeps a new one.
        session.state = nil
        var state = consume saved
        let digestsBefore = edits.map { PageFingerprinter.articleDigest($0.id, in: state.site) }
        var removed: [String] = [], added: [String] = [], moved: Set<Int> = []
        for edit in edits {
            let before = state.plan.articlePages[edit.id]
            guard state.site.replaceShownFields(of: edit.id, with: edit.article) else { return nil }
            if state.site.articlePaths[edit.id] != before.path {
                state.plan.moveArticle(edit.id, to: state.site.articlePaths[edit.id])
                removed.append(before.file)
                added.append(state.plan.articlePages[edit.id].file)
                moved.insert(edit.id)
            }
        }
        report.phases.append(clock.lap("index"))

        // Which pages show what changed.
        var articlePages: Set<Int> = []
        // An array: there are a few, looked for in every list of a large site.
        var listed: [Int] = []
        for (edit, before) in zip(edits, digestsBefore) {
            let after = PageFingerprinter.articleDigest(edit.id, in: state.site)
            if after.page != before.page { articlePages.insert(edit.id) }
            if after.summary != before.summary { listed.append(edit.id) }
        }
        let count = state.site.articles.count
        for id in listed {
            articlePages.formUnion([id - 1, id, id + 1].filter { (0..<count).contains($0) })
        }
        articlePages.formUnion(RelatedArticlesStore.articles(relatedTo: listed, in: state.relatedLists))
        let listPages = listed.isEmpty ? [] : state.plan.listPages.indices.filter { index in
            state.plan.listPages[index].articlesShown(in: state.site).contains(where: listed.contains)
        }
        let feeds = listed.isEmpty ? [] : state.plan.feeds.filter { $0.articleIDs.contains(where: listed.contains) }
        report.phases.append(clock.lap("plan"))

        let site = state.site, plan = state.plan, templates = state.templates
        let contexts = Self.contexts(site: site, fields: PageContextBuilder(site: site, gazetteer: gazetteer), templates: templates,
                                     gazetteer: gazetteer)
        let markdown = MarkdownRenderer()
        var files: [(path: String, contents: String)] = []
        for id in articlePages.sorted() {
            let page = plan.articlePages[id]
            files.append((page.file, try articlePage(id, page: page, site: site, related: RelatedArticlesStore.list(state.relatedLists, for: id),
                                                      loader: loader, contexts: contexts, markdown: markdown, templates: templates)))
        }
        for index in listPages {
            let page = plan.listPages[index]
            guard let template = Self.template(for: page.kind) else { continue }
            files.append((page.file, listPage(page, template: template, site: site, contexts: contexts, templates: templates)))
        }
        let feedWriter = FeedWriter(site: site)
        for feed in feeds {
            files += [(feed.path, feedWriter.rss(feed)), (feed.atomPath, feedWriter.atom(feed)), (feed.jsonPath, feedWriter.json(feed))]
        }
        if !moved.isEmpty { files += SitemapWriter(site: site).render(plan, listing: moved) }
        report.phases.append(clock.lap("render"))
        // A full build keeps a page whose fingerprint is unchanged: these pages' saved
        // fingerprints describe files they no longer hold.
        do {
            try PageFingerprintStore(cacheDirectory: cacheDirectory).forget(files.map(\.path), fileSystem: fileSystem)
        } catch {
            throw .error(.write, file: cacheDirectory, "cannot update the page fingerprints: \(error.localizedDescription)")
        }
        try OutputWriter.updateInPlace(outputDirectory: outputDirectory, cacheDirectory: cacheDirectory, fileSystem: fileSystem,
                                       writing: files, added: added, removing: removed)
        for edit in edits {
            cache.store(edit.outcome, for: edit.path, stamp: edit.stamp)
            report.diagnostics += edit.warnings
        }
        report.phases.append(clock.lap("write"))
        session.state = state
        report.articles = count
        report.pages = plan.pageCount
        report.pagesReused = plan.pageCount - articlePages.count - listPages.count
        report.feeds = plan.feeds.count
        report.tags = site.tags.count
        report.countries = site.countries.count
        report.filesRead = edits.count
        return report
    }
}
