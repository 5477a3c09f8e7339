import BuildCache
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
    /// preview build knew; nil when the edits may change anything else and a full build must
    /// follow. Which edits qualify and which pages they reach: docs/incremental-builds.md.
    public func rebuildArticles(of changedFiles: [String]) throws(Diagnostic) -> BuildReport? {
        guard let memory = mode.preview, let saved = memory.session.state,
              !changedFiles.isEmpty, saved.outputDirectory == outputDirectory else { return nil }
        let session = memory.session, cache = memory.readings
        let buildLock = holdingBuildLock()
        defer { withExtendedLifetime(buildLock) {} }
        var clock = PhaseClock()
        let config = saved.site.config
        guard cache.isRead(under: Self.readingSettings(config)) else { return nil }
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        // A watcher names files by the folder as given or by where it leads (a linked content folder).
        let prefixes = [contentDirectory, URL(fileURLWithPath: contentDirectory).resolvingSymlinksInPath().path].map {
            $0.hasSuffix("/") ? $0 : $0 + "/"
        }
        var edits: [ArticleEdit] = []
        for file in Set(changedFiles).sorted() {
            guard let prefix = prefixes.first(where: file.hasPrefix) else { return nil }
            let path = String(file.dropFirst(prefix.count))
            guard let id = saved.idBySourcePath[path], let scanIndex = saved.scanIndex[path], let before = cache.entry(for: path)?.outcome,
                  let edit = articleEdit(path, id: id, tagInputs: SavedBuild.tagInputHash(before), selectedTags: saved.site.articles[id].automaticTags,
                                       sampled: saved.needsWordSample && WordSample.isSampled(scanIndex, of: saved.scanIndex.count),
                                       loader: loader, enricher: enricher) else { return nil }
            edits.append(edit)
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
        // A model `build` saved in the same cache folder no longer describes the output.
        SavedBuild.remove(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        guard try applyArticleEdits(edits, site: &state.site, plan: &state.plan, templates: state.templates,
                                  relatedLists: &state.relatedLists, digests: &state.digests, report: &report,
                                  clock: &clock) != nil else { return nil }
        for edit in edits {
            cache.store(edit.outcome, for: edit.path, stamp: edit.stamp)
            report.diagnostics += edit.warnings
        }
        for move in report.articleMoves {
            for id in move.range { state.idBySourcePath[state.site.articles[id].sourcePath] = id }
        }
        report.phases.append(clock.lap("write"))
        session.state = state
        return report
    }

    /// A changed file read again, when it gives the archive's automatic tags what it gave.
    struct ArticleEdit {
        var id: Int
        var path: String
        var stamp: String
        var outcome: LoadOutcome
        /// The article as the model will hold it, with the archive's choice of automatic tags.
        var article: ArticleMetadata
        var warnings: [Diagnostic]
    }

    /// Reads the file at `path` (article `id`) again: the edit, or nil when it is no longer an
    /// article or changes its candidate tags or sampled words, which decide the archive's
    /// automatic tags (`tagInputs` is `SavedBuild.tagInputHash` of its reading before).
    /// `selectedTags` are the ones chosen for it.
    func articleEdit(_ path: String, id: Int, tagInputs: UInt64, selectedTags: [String], sampled: Bool,
                   loader: ArticleLoader<FS>, enricher: ArticleEnricher) -> ArticleEdit? {
        let stamp = fileSystem.stamp(joinPath(contentDirectory, path))
        let outcome = read(path, loader: loader, enricher: enricher, sampleWords: sampled)
        guard case .article(var after, let warnings, _) = outcome, tagInputs != 0,
              SavedBuild.tagInputHash(outcome) == tagInputs else { return nil }
        after.automaticTags = selectedTags
        return ArticleEdit(id: id, path: path, stamp: stamp, outcome: outcome, article: after, warnings: warnings)
    }

    /// Gives the model and plan the edits and writes the pages that show them (see
    /// `rebuildArticles(of:)`), with the counts in `report` (the edits' warnings are the caller's
    /// to report, in their place among the others). Returns, in the order the model took them,
    /// each edit's position in `given` and the ID its article had then (an earlier edit's move
    /// may have renumbered it), as a replay needs them; nil when the model refuses an edit:
    /// `site` and `plan` may then hold some of the edits, and a full build must follow.
    /// `digests`, when known, are every article's before the edits, and after them on return.
    func applyArticleEdits(_ given: [ArticleEdit], site: inout SiteModel, plan: inout PagePlan, templates: TemplateSet, relatedLists: inout [Int32],
                         digests: inout [PageFingerprinter.ArticleDigest]?, report: inout BuildReport,
                         clock: inout PhaseClock) throws(Diagnostic) -> [(edit: Int, id: Int)]? {
        // Those that give their article a new date last: a move renumbers the articles it
        // passes, an earlier edit's among them, and the later edits are found by it.
        let keepsDate = given.map { $0.article.date == site.articles[$0.id].date }
        let order = given.indices.filter { keepsDate[$0] } + given.indices.filter { !keepsDate[$0] }
        let edits = order.map { given[$0] }
        let digestsBefore = edits.map { PageFingerprinter.articleDigest($0.id, in: site) }
        guard let applied = applyToModel(edits, site: &site, report: &report) else { return nil }
        report.phases.append(clock.lap("index"))
        report.filesRead = edits.count
        // New tags or countries: the pages to write are found by their fingerprints.
        if !applied.termEdits.isEmpty {
            try writeTermEdits(applied.termEdits, editedIDs: applied.editedIDs, summariesBefore: digestsBefore.map(\.summary),
                               moves: applied.moves, site: site, plan: &plan, templates: templates, relatedLists: &relatedLists,
                               digests: &digests, added: applied.added, removed: applied.removed, report: &report, clock: &clock)
            return Array(zip(order, applied.appliedIDs))
        }
        // What pages show of an article changed only for the edited ones.
        if digests != nil {
            for edit in edits { digests?[edit.id] = PageFingerprinter.articleDigest(edit.id, in: site) }
        }
        try writeShownPages(edits, digestsBefore: digestsBefore, applied: applied, site: site, plan: plan, templates: templates,
                            relatedLists: relatedLists, report: &report, clock: &clock)
        return Array(zip(order, applied.appliedIDs))
    }

    /// What giving the model a list of edits came to: each edit's article's ID when it was
    /// applied and after, the edits that change lists or terms, the moves, and the page files
    /// that moved (a new headline, a new date).
    struct AppliedEdits {
        var appliedIDs: [Int] = [], editedIDs: [Int] = []
        var termEdits: [(id: Int, edit: SiteModel.TermEdit)] = []
        var moves = MovedArticles()
        var removed: [String] = [], added: [String] = []
        var moved: Set<Int> = []
    }

    /// Gives the model each edit, in order; nil when it refuses one.
    private func applyToModel(_ edits: [ArticleEdit], site: inout SiteModel, report: inout BuildReport) -> AppliedEdits? {
        var applied = AppliedEdits()
        for edit in edits {
            let current = applied.moves.moves.reduce(edit.id) { $1.newID($0) }
            let before = PagePlan.articlePage(current, in: site)
            applied.appliedIDs.append(current)
            // The slugs of the terms earlier edits name, should this edit make terms come or go.
            let tagSlugs = applied.termEdits.isEmpty ? [] : site.tags.map(\.slug)
            let countrySlugs = applied.termEdits.isEmpty ? [] : site.countries.map(\.slug)
            guard let change = site.replaceArticle(of: current, with: edit.article, gazetteer: gazetteer) else { return nil }
            if change.termsChanged {
                applied.termEdits = applied.termEdits.map { ($0.id, $0.edit.reindexed(tagSlugs: tagSlugs, countrySlugs: countrySlugs, in: site)) }
            }
            // An article moved by its date renumbers those it passed, the earlier edits' among them.
            if let move = change.move {
                report.articleMoves.append(move)
                applied.editedIDs = applied.editedIDs.map(move.newID)
                applied.termEdits = applied.termEdits.map { (move.newID($0.id), $0.edit.renumbered(by: move)) }
                applied.moved = Set(applied.moved.map(move.newID))
                applied.moves.add(move, edit: change, in: site)
            }
            let id = change.move?.to ?? current
            applied.editedIDs.append(id)
            if change.changesListsOrTerms { applied.termEdits.append((id, change)) }
            let after = PagePlan.articlePage(id, in: site)
            if after.path != before.path {
                applied.removed.append(before.file)
                applied.added.append(after.file)
                applied.moved.insert(id)
            }
        }
        return applied
    }

    /// Writes the pages that show what edits to articles changed (when no term came, went or
    /// changed): each edited article's own page, and when what lists show of it changed, its
    /// neighbours', its related articles', the lists and feeds that hold it, and the sitemap's
    /// entries of pages that moved. Their saved fingerprints are dropped.
    private func writeShownPages(_ edits: [ArticleEdit], digestsBefore: [PageFingerprinter.ArticleDigest], applied: AppliedEdits,
                                 site: SiteModel, plan: PagePlan, templates: TemplateSet, relatedLists: [Int32],
                                 report: inout BuildReport, clock: inout PhaseClock) throws(Diagnostic) {
        // Each edited article's own page, whose body the model does not hold (a word for another
        // leaves every field and the word count as they were).
        var articlePages = Set(edits.map(\.id))
        // An array: there are a few, looked for in every list of a large site.
        let listed = zip(edits, digestsBefore).filter { PageFingerprinter.articleDigest($0.0.id, in: site).summary != $0.1.summary }.map(\.0.id)
        for id in listed {
            articlePages.formUnion([id - 1, id, id + 1].filter { (0..<site.articles.count).contains($0) })
        }
        articlePages.formUnion(RelatedArticlesStore.articles(relatedTo: listed, in: relatedLists))
        let listPages = listed.isEmpty ? [] : plan.listPages.indices.filter { index in
            plan.listPages[index].articlesShown(in: site).contains(where: listed.contains)
        }
        let feeds = listed.isEmpty ? [] : plan.feeds.indices.filter { plan.feeds[$0].articleIDs.contains(where: listed.contains) }
        report.phases.append(clock.lap("plan"))

        let contexts = Self.contexts(site: site, fields: PageContextBuilder(site: site, gazetteer: gazetteer), templates: templates,
                                     gazetteer: gazetteer, stored: storedSummaries(site: site, templates: templates))
        let producer = producer(site: site, plan: plan, templates: templates, contexts: contexts, relatedLists: relatedLists)
        let requests = articlePages.sorted().map { PageProducer<FS>.Request.page(PagePlan.articlePage($0, in: site)) }
            + listPages.map { .page(plan.listPages[$0]) } + feeds.map { .feed($0) }
        var files: [(path: String, contents: String)] = []
        for request in requests { files += try producer.files(for: request) }
        if !applied.moved.isEmpty {
            files += SitemapWriter(site: site).render(plan, maximumURLs: options.sitemapURLsPerFile, listing: applied.moved)
        }
        report.phases.append(clock.lap("render"))
        // A full build keeps a page whose fingerprint is unchanged: these pages' saved
        // fingerprints describe files they no longer hold.
        do {
            try PageFingerprintStore(cacheDirectory: cacheDirectory).forget(files.map(\.path), fileSystem: fileSystem)
        } catch {
            throw .error(.write, file: cacheDirectory, "cannot update the page fingerprints: \(error.localizedDescription)")
        }
        try OutputWriter.updateInPlace(outputDirectory: outputDirectory, cacheDirectory: cacheDirectory, fileSystem: fileSystem,
                                       writing: files, added: applied.added, removing: applied.removed)
        report.count(site, plan, rendered: articlePages.count + listPages.count)
    }
}

extension BuildReport {
    /// The counts of a site some of whose pages were written again (`rendered`), the rest kept.
    mutating func count(_ site: SiteModel, _ plan: PagePlan, rendered: Int) {
        articles = site.articles.count
        pages = plan.pageCount
        pagesReused = plan.pageCount - rendered
        feeds = plan.feeds.count
        tags = site.tags.count
        countries = site.countries.count
    }
}
