import Core
import Foundation
import MustacheOracle
import Site
import TemplateEngine
import Testing
@testable import Rendering

/// TemplateEngine against swift-mustache, the engine Broadsheet rendered with before: every
/// page of a site with every page kind, from articles whose text looks like markup, renders
/// to the same bytes with the default theme.
@Suite("TemplateEngine against swift-mustache")
struct MustacheOracleTests {
    @Test("every page kind renders to the same bytes as swift-mustache renders it")
    func samePages() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let texts = ["Rates <up> & \"down\"", "It's {{not}} a tag", "Plain", "اردو سرخی", "Line\nbreak"]
        let articles = (1...45).map { day in
            ArticleMetadata(sourcePath: "a\(day).md", format: .markdown, title: "Story \(day) \(texts[day % texts.count])",
                            dek: day % 3 == 0 ? nil : "Dek \(texts[(day + 1) % texts.count])", byline: day % 4 == 0 ? nil : "Desk & co",
                            date: calendar.date(from: DateComponents(year: 2024 + day % 2, month: 1 + day % 3, day: 1 + day % 27))!,
                            dateline: day % 5 == 0 ? "KARACHI" : nil, photoCredit: "AP", countries: day % 2 == 0 ? ["PK", "AF"] : ["JP"],
                            tags: ["Tag \(day % 7) \(texts[day % texts.count])", "Trade"], slug: "story-\(day)")
        }
        let site = SiteModel(config: SiteConfig(title: "Daily <News>", baseURL: "https://example.org/"), articles: articles, gazetteer: .standard)
        let plan = PagePlan(site: site)
        let sources = DefaultTheme.files.filter { $0.key.hasSuffix(".mustache") }
            .reduce(into: [String: String]()) { $0[String($1.key.dropLast(".mustache".count))] = $1.value }
        let templates = try TemplateSet(sources: sources)
        let oracle = try MustacheOracle(sources: sources) { Field.htmlText.encode($0) }
        let contexts = PageContextBuilder(site: site, gazetteer: .standard, summaryView: { id in
            PageContextBuilder(site: site, gazetteer: .standard).summary(id) { templates.render($0, template: "partials/summary") }
        })
        var pages = plan.listPages.compactMap { page in TemplateSet.template(for: page.kind).map { (contexts.list(page), $0) } }
        pages += site.articles.indices.map { (contexts.article(id: $0, bodyHTML: "<p>Body \($0)</p>"), "article") }
        #expect(pages.count > 100)
        for (context, template) in pages {
            let ours = templates.render(context, template: template)
            let theirs = oracle.render(template, with: .fields(context))
            #expect(ours == theirs, "\(template): \(String(describing: context["page"]?.member("path")))")
        }
    }
}
