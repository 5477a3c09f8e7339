import Core
import Foundation
import Loading
import Markdown
import Rendering
import Site
import Taxonomy

extension SiteBuilder {
    /// Shows edits to articles' text by rendering only their pages, from what the last build
    /// in this process knew (`options.session`, with `options.loadCache`); nil when the edits
    /// may change anything else, and a full build is needed.
    ///
    /// An edit qualifies when every changed file is an article the last build published and
    /// reads as it did before but for its body and word count: the same headline, dek, byline,
    /// date, dateline, credit, tags, countries, candidate tags and sampled words, and the same
    /// warnings. Only the article's own page shows its body and word count, so only that page
    /// changes; the next full build finds the new file stamp and renders the page again, so
    /// what it writes is what a full build writes.
    public func rebuildText(of changedFiles: [String]) throws(Diagnostic) -> BuildReport? {
        guard let session = options.session, var state = session.state, let cache = options.loadCache,
              !changedFiles.isEmpty, state.outputDirectory == outputDirectory else { return nil }
        var clock = PhaseClock()
        let config = state.site.config
        guard cache.isRead(under: Self.readingSettings(config)) else { return nil }
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        // A watcher names files by the folder as given or by where it leads (a linked content folder).
        let prefixes = [contentDirectory, URL(fileURLWithPath: contentDirectory).resolvingSymlinksInPath().path].map {
            $0.hasSuffix("/") ? $0 : $0 + "/"
        }
        var edits: [(id: Int, path: String, stamp: String, outcome: LoadOutcome, wordCount: Int)] = []
        for file in Set(changedFiles).sorted() {
            guard let prefix = prefixes.first(where: file.hasPrefix) else { return nil }
            let path = String(file.dropFirst(prefix.count))
            guard let id = state.idBySourcePath[path], let scanIndex = state.scanIndex[path],
                  case .article(let before, let warningsBefore, let wordsBefore)? = cache.entry(for: path)?.outcome else { return nil }
            let stamp = fileSystem.stamp(file)
            let sampled = state.needsWordSample && WordSample.isSampled(scanIndex, of: state.scanIndex.count)
            let outcome = read(path, loader: loader, enricher: enricher, sampleWords: sampled)
            guard case .article(var after, let warningsAfter, let wordsAfter) = outcome, warningsAfter == warningsBefore,
                  wordsAfter == wordsBefore else { return nil }
            let wordCount = after.wordCount
            after.wordCount = before.wordCount
            guard after == before else { return nil }
            edits.append((id, path, stamp, outcome, wordCount))
        }
        var report = BuildReport()
        report.outputDirectory = outputDirectory
        report.phases.append(clock.lap("load"))
        let markdown = MarkdownRenderer()
        for edit in edits { state.site = state.site.replacingWordCount(of: edit.id, with: edit.wordCount) }
        let contexts = PageContextBuilder(site: state.site, gazetteer: gazetteer, summaryView: state.summaries.summary)
        for edit in edits {
            let page = state.plan.articlePages[edit.id]
            let html = try articlePage(edit.id, page: page, site: state.site, related: RelatedArticlesStore.list(state.relatedLists, for: edit.id),
                                       loader: loader, contexts: contexts, markdown: markdown, templates: state.templates)
            // Written beside the page and moved over it, so that a reader never sees half a page.
            let target = joinPath(outputDirectory, page.file)
            let temporary = target + ".broadsheet-new"
            do {
                try fileSystem.writeFile(temporary, string: html)
                try fileSystem.moveReplacing(from: temporary, to: target)
            } catch {
                try? fileSystem.removeItem(temporary)
                throw .error(.write, file: target, "cannot write: \(error.localizedDescription)")
            }
            cache.store(edit.outcome, for: edit.path, stamp: edit.stamp)
        }
        report.phases.append(clock.lap("render"))
        session.state = state
        report.articles = state.site.articles.count
        report.pages = state.plan.pageCount
        report.pagesReused = state.plan.pageCount - edits.count
        report.feeds = state.plan.feeds.count
        report.tags = state.site.tags.count
        report.countries = state.site.countries.count
        report.filesRead = edits.count
        return report
    }
}
