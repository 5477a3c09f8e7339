import BuildCache
import Core
import Loading
import Markdown
import Output
import Rendering
import Site

/// Turns page requests into files: the one place each kind of page is made. A full build, a
/// rebuild after edits and the preview ask it for every page they write.
struct PageProducer<FS: FileSystem>: Sendable {
    /// A page to make (an article's, or a list page of the plan), or a feed's three files (by
    /// its place among the plan's feeds).
    enum Request: Hashable, Sendable {
        case page(PagePlan.Page)
        case feed(Int)
    }

    let site: SiteModel
    let plan: PagePlan
    let templates: TemplateSet
    let contexts: PageContextBuilder
    let loader: ArticleLoader<FS>
    /// Each article's related articles (`RelatedArticlesStore.list(_:for:)`).
    let relatedLists: [Int32]
    let relativeURLs: Bool
    let markdown = MarkdownRenderer()

    /// The files `request` writes, by path: one page, or a feed's RSS, Atom and JSON files;
    /// none for a list page no template renders.
    func files(for request: Request) throws(Diagnostic) -> [(path: String, contents: String)] {
        switch request {
        case .page(let page):
            if case .article(let id) = page.kind {
                let body = try loader.loadBody(site.articles[id])
                let context = contexts.article(id: id, bodyHTML: markdown.html(body), related: RelatedArticlesStore.list(relatedLists, for: id))
                return [(page.file, finish(templates.renderPage(context, template: "article"), page: page))]
            }
            guard let template = TemplateSet.template(for: page.kind) else { return [] }
            return [(page.file, finish(templates.renderPage(contexts.list(page), template: template), page: page))]
        case .feed(let index):
            return FeedWriter(site: site).files(plan.feeds[index])
        }
    }

    /// The path of the file `request` is recorded under (a feed's RSS file).
    func recordPath(of request: Request) -> String {
        switch request {
        case .page(let page): page.file
        case .feed(let index): plan.feeds[index].path
        }
    }

    /// The last touch on a rendered page: links relative to it, when asked for.
    private func finish(_ html: String, page: PagePlan.Page) -> String {
        // The 404 page is served at whatever URL was missing, so only root-relative links work there.
        guard relativeURLs, page.kind != .notFound else { return html }
        return RelativeLinks.rewrite(html, pagePath: page.path, basePath: site.config.basePath)
    }
}
