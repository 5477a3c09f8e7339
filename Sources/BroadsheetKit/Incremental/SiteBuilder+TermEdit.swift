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
    /// Writes the pages that edits to articles' tags, countries or dates change, once the model
    /// holds them: those whose fingerprint differs from the one the last full build saved, the
    /// edited articles' own first when the preview asks. Which pages: docs/incremental-builds.md.
    func writeTermEdits(_ changes: [(id: Int, edit: SiteModel.TermEdit)], editedIDs: [Int], summariesBefore: [UInt64], moves: MovedArticles,
                        site: SiteModel, plan: inout PagePlan, templates: TemplateSet, relatedLists: inout [Int32],
                        digests known: inout [PageFingerprinter.ArticleDigest]?, added: [String], removed: [String], report: inout BuildReport,
                        clock: inout PhaseClock) throws(Diagnostic) {
        let moving = !moves.isEmpty
        let termsChanged = changes.contains { $0.edit.termsChanged }
        var replannedInPlace = false
        if !moving, !termsChanged {
            // A renamed tag's feed has a new title.
            let tags = Set(changes.flatMap { $0.edit.tags + $0.edit.renamedTags }).sorted()
            let countries = Set(changes.flatMap { $0.edit.countries }).sorted()
            replannedInPlace = plan.replanTerms(of: site, tags: tags, countries: countries)
        }
        // Pages and feeds that come or go: a term's (one that came or went, or one with a page
        // more or fewer), a month's. Every list of IDs from a moved article's place to its new
        // one changed, and after a term came or went every later term's position moved: the plan
        // is made again (it costs little beside rendering, but a third of a date edit's time
        // before its page shows). In the preview, it is made after the edited pages are written
        // first, whose place the model already knows.
        var filesAdded: [String] = [], filesRemoved: [String] = []
        // The first list page that is not the one the plan had in its place: the sitemap's
        // entries from there on moved.
        var firstMovedList: Int?
        func replanWhole() {
            let before = Self.listAndFeedFiles(of: plan, sitemapURLsPerFile: options.sitemapURLsPerFile), old = plan
            plan = PagePlan(site: site)
            firstMovedList = plan.firstMovedListPage(since: old)
            let after = Self.listAndFeedFiles(of: plan, sitemapURLsPerFile: options.sitemapURLsPerFile)
            filesAdded = after.subtracting(before).sorted()
            filesRemoved = before.subtracting(after).sorted()
        }
        let replansAfterFirstPages = !replannedInPlace && mode.preview?.editedPagesWritten != nil
        if !replannedInPlace, !replansAfterFirstPages { replanWhole() }

        let (related, relatedChanged) = refindRelated(changes, editedIDs: editedIDs, moves: moves, site: site, relatedLists: relatedLists)
        report.phases.append(clock.lap("plan"))

        // A stored summary's key is made from its article's digest: until every digest is made
        // (after the preview's first pages), each is made when its summary is asked for.
        func makeContexts(digests: [PageFingerprinter.ArticleDigest]?) -> PageContextBuilder {
            Self.contexts(site: site, fields: PageContextBuilder(site: site, gazetteer: gazetteer), templates: templates,
                          gazetteer: gazetteer, stored: storedSummaries(site: site, templates: templates, digests: digests))
        }
        // The edited articles' own pages first, when the caller shows them at once (the preview):
        // the rest takes as long as the pages of the terms they joined or left.
        var writtenFirst: Set<Int> = []
        if let editedPagesWritten = mode.preview?.editedPagesWritten {
            var files: [(path: String, contents: String)] = []
            writtenFirst = Set(editedIDs)
            // After a move the plan still numbers the articles as before: an article's page needs none of it.
            let firstPages = producer(site: site, plan: plan, templates: templates, contexts: makeContexts(digests: nil), relatedLists: related)
            for id in writtenFirst.sorted() { files += try firstPages.files(for: .page(PagePlan.articlePage(id, in: site))) }
            try OutputWriter.updateInPlace(outputDirectory: outputDirectory, cacheDirectory: cacheDirectory, fileSystem: fileSystem,
                                           writing: files, added: added, removing: removed)
            report.pagesWrittenFirst = files.map(\.path)
            editedPagesWritten(report.pagesWrittenFirst)
            report.phases.append(clock.lap("first"))
        }
        if replansAfterFirstPages { replanWhole() }
        let sitemapsChanged = (filesAdded + filesRemoved).contains { $0.hasPrefix("sitemap") && $0.hasSuffix(".xml") && !$0.contains("/") }
        let plan = plan

        let count = site.articles.count
        let digests = updatedDigests(known, changes: changes, editedIDs: editedIDs, moves: moves, site: site)
        known = digests
        let fingerprinter = PageFingerprinter(site: site, articleDigests: digests, shared: sharedStamp(templates), gazetteer: gazetteer)
        let contexts = makeContexts(digests: digests)
        let store = PageFingerprintStore(cacheDirectory: cacheDirectory)
        let previous = store.load(fileSystem)

        let changed = changedPages(changes, editedIDs: editedIDs, summariesBefore: summariesBefore, moves: moves, writtenFirst: writtenFirst,
                                   site: site, plan: plan, related: related, relatedChanged: relatedChanged, digests: digests,
                                   fingerprinter: fingerprinter, previous: previous)
        let (fingerprints, changedArticles, changedLists, feeds) = (changed.fingerprints, changed.articles, changed.lists, changed.feeds)

        // The pages, rendered on every core: a country's pages after the article all shift by one.
        let listPages = changedLists
        let producer = producer(site: site, plan: plan, templates: templates, contexts: contexts, relatedLists: related)
        let requests = changedArticles.map { PageProducer<FS>.Request.page(PagePlan.articlePage($0, in: site)) }
            + changedLists.map { .page(plan.listPages[$0]) } + feeds.map { .feed($0) }
        let rendered = parallelMap(requests.count, workers: options.jobs) { position in
            Result { () throws(Diagnostic) in try producer.files(for: requests[position]) }
        }
        var files: [(path: String, contents: String)] = []
        // The hash of each page's bytes by its key, saved with its fingerprint as a full build saves it.
        var contents: [UInt64: UInt64] = [:]
        for (request, result) in zip(requests, rendered) {
            let written = try result.get()
            files += written
            contents[PageFingerprintStore.key(producer.recordPath(of: request))] = PageFingerprintStore.contentHash(written.lazy.map(\.contents))
        }
        if sitemapsChanged {
            // A sitemap file more or fewer: the entries are shared out again.
            files += SitemapWriter(site: site).render(plan, maximumURLs: options.sitemapURLsPerFile)
        } else {
            // A term page's date in the sitemap is its newest article's: the files listing changed
            // pages, and those after a list page that came or went, whose entries moved.
            let moved = firstMovedList.map { Set($0..<plan.listPages.count) } ?? []
            // The articles a move passed, and the edited ones (whose URLs may have changed).
            files += SitemapWriter(site: site).render(plan, maximumURLs: options.sitemapURLsPerFile, listing: moves.passed.union(editedIDs),
                                                      lists: Set(listPages).union(moved))
        }
        report.phases.append(clock.lap("render"))

        let first = !writtenFirst.isEmpty
        try OutputWriter.updateInPlace(outputDirectory: outputDirectory, cacheDirectory: cacheDirectory, fileSystem: fileSystem,
                                       writing: files, added: (first ? [] : added) + filesAdded,
                                       removing: (first ? [] : removed) + filesRemoved)
        report.outputFilesAdded = filesAdded.count - filesRemoved.count
        // The written pages' fingerprints are what a full build would save for them; the model's
        // new structure has its related articles.
        do {
            let records = fingerprints.map { pair in
                (key: pair.key, record: PageFingerprintStore.Record(fingerprint: pair.fingerprint, content: contents[pair.key] ?? 0))
            }
            try store.update(records, removing: removed + filesRemoved, fileSystem: fileSystem)
        } catch {
            throw .error(.write, file: cacheDirectory, "cannot update the page fingerprints: \(error.localizedDescription)")
        }
        try? RelatedArticlesStore(cacheDirectory: cacheDirectory).save(related, structure: fingerprinter.structure, count: count,
                                                                          fileSystem: fileSystem)
        relatedLists = related
        report.count(site, plan, rendered: writtenFirst.count + changedArticles.count + listPages.count)
    }

    typealias TermChanges = [(id: Int, edit: SiteModel.TermEdit)]

    /// Related articles found again where the edits can change them: the edited articles', those
    /// that lost a term that went, and those near the edited ones in the lists of the terms they
    /// joined or left; after a move, the lists renumbered. The new lists, and the articles whose changed.
    private func refindRelated(_ changes: TermChanges, editedIDs: [Int], moves: MovedArticles, site: SiteModel,
                               relatedLists: [Int32]) -> (lists: [Int32], changed: [Int]) {
        var affected = Set(editedIDs)
        for (id, edit) in changes {
            // Those that lost a term that went have one term fewer in common with others.
            affected.formUnion(edit.unlinked)
            for index in edit.tags { affected.formUnion(RelatedArticles.affected(byChangeOf: id, in: site.tags[index].articleIDs)) }
            for index in edit.countries {
                affected.formUnion(RelatedArticles.affected(byChangeOf: id, in: site.countries[index].articleIDs))
            }
        }
        var related = relatedLists
        if !moves.isEmpty {
            related = moves.renumbered(relatedLists)
            affected.formUnion(moves.relatedAffected)
        }
        let refound = affected.sorted()
        let lists = parallelMap(refound.count, workers: options.jobs) {
            RelatedArticlesStore.flatten([RelatedArticles.find(for: refound[$0], in: site, limit: RelatedArticlesStore.perArticle)])
        }
        var changed: [Int] = []
        for (id, list) in zip(refound, lists) {
            let slots = (id * RelatedArticlesStore.perArticle)..<((id + 1) * RelatedArticlesStore.perArticle)
            if !related[slots].elementsEqual(list) {
                related.replaceSubrange(slots, with: list)
                changed.append(id)
            }
        }
        return (related, changed)
    }

    /// Every article's digest, made again only where the edits can have changed it: the edited
    /// articles' and those that lost a term that went. A digest holds no ID, so a move takes the
    /// moved article's from its old place to its new one and the articles it passed keep theirs,
    /// one place along. A tag shown under another name changes every carrier's: then all.
    private func updatedDigests(_ known: [PageFingerprinter.ArticleDigest]?, changes: TermChanges, editedIDs: [Int], moves: MovedArticles,
                                site: SiteModel) -> [PageFingerprinter.ArticleDigest] {
        let digester = PageFingerprinter.Digester(site: site)
        guard var kept = known, kept.count == site.articles.count, changes.allSatisfy({ $0.edit.renamedTags.isEmpty }) else {
            return parallelMap(site.articles.count, workers: options.jobs) { digester.digest($0) }
        }
        for move in moves.moves { kept.insert(kept.remove(at: move.from), at: move.to) }
        for id in Set(editedIDs).union(changes.flatMap { $0.edit.unlinked }) { kept[id] = digester.digest(id) }
        return kept
    }

    /// The pages whose fingerprints differ from those the last full build saved, with their new
    /// fingerprints: the article pages that can differ (see below), and every list page and feed.
    struct ChangedPages {
        var fingerprints: [(key: UInt64, fingerprint: UInt64)] = []
        var articles: [Int] = [], lists: [Int] = [], feeds: [Int] = []
    }

    private func changedPages(_ changes: TermChanges, editedIDs: [Int], summariesBefore: [UInt64], moves: MovedArticles, writtenFirst: Set<Int>,
                              site: SiteModel, plan: PagePlan, related: [Int32], relatedChanged: [Int], digests: [PageFingerprinter.ArticleDigest],
                              fingerprinter: PageFingerprinter, previous: [UInt64: PageFingerprintStore.Record]) -> ChangedPages {
        var changed = ChangedPages()
        let count = site.articles.count
        // The article pages that can differ: with a move, those it passed and its neighbours
        // before and after, whose pages link their neighbours.
        var candidates = Set(editedIDs).union(relatedChanged)
        candidates.formUnion(moves.linkingNeighbours)
        let listed = zip(editedIDs, summariesBefore).filter { digests[$0.0].summary != $0.1 }.map(\.0)
        for id in listed { candidates.formUnion([id - 1, id + 1].filter { (0..<count).contains($0) }) }
        candidates.formUnion(RelatedArticlesStore.articles(relatedTo: listed, in: related))
        for (_, edit) in changes {
            for index in edit.renamedTags { candidates.formUnion(site.tags[index].articleIDs) }
            // Their pages no longer link the term that went.
            candidates.formUnion(edit.unlinked)
        }
        for id in candidates.sorted() {
            let fingerprint = fingerprinter.article(id, related: RelatedArticlesStore.list(related, for: id),
                                                    bodyStamp: fileSystem.stamp(joinPath(contentDirectory, site.articles[id].sourcePath)))
            let key = PageFingerprintStore.key(PagePlan.articlePage(id, in: site).file)
            guard previous[key]?.fingerprint != fingerprint else { continue }
            if !writtenFirst.contains(id) { changed.articles.append(id) }
            changed.fingerprints.append((key, fingerprint))
        }
        let listFingerprints = parallelMap(plan.listPages.count, workers: options.jobs) { index -> UInt64? in
            TemplateSet.template(for: plan.listPages[index].kind).map { fingerprinter.list(plan.listPages[index], template: $0) }
        }
        for (index, fingerprint) in listFingerprints.enumerated() {
            guard let fingerprint else { continue }
            let key = PageFingerprintStore.key(plan.listPages[index].file)
            guard previous[key]?.fingerprint != fingerprint else { continue }
            changed.lists.append(index)
            changed.fingerprints.append((key, fingerprint))
        }
        for (index, feed) in plan.feeds.enumerated() {
            let fingerprint = fingerprinter.feed(feed), key = PageFingerprintStore.key(feed.path)
            guard previous[key]?.fingerprint != fingerprint else { continue }
            changed.feeds.append(index)
            changed.fingerprints.append((key, fingerprint))
        }
        return changed
    }

    /// The files of a plan's lists, term pages, feeds and sitemap: what comes or goes with a term.
    static func listAndFeedFiles(of plan: PagePlan, sitemapURLsPerFile: Int) -> Set<String> {
        var files = Set(plan.listPages.map(\.file))
        for feed in plan.feeds { files.formUnion([feed.path, feed.atomPath, feed.jsonPath]) }
        files.formUnion(SitemapWriter.paths(plan, maximumURLs: sitemapURLsPerFile))
        return files
    }
}
