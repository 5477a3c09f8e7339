import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine
import Testing
@testable import Rendering

@Suite("Article summaries")
struct ArticleSummaryTests {
    static func site() -> SiteModel {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let articles = [
            ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "Floods in Sindh", dek: "Thousands moved", byline: "Desk",
                            date: calendar.date(from: DateComponents(year: 2025, month: 2, day: 17))!, dateline: "KARACHI",
                            photoCredit: "AP", countries: ["PK"], tags: ["Floods"], slug: "floods"),
            ArticleMetadata(sourcePath: "b.md", format: .markdown, title: "Rates <held>", dek: nil, byline: nil,
                            date: calendar.date(from: DateComponents(year: 2025, month: 1, day: 3))!, dateline: nil,
                            photoCredit: nil, countries: [], tags: ["Floods"], slug: "rates"),
        ]
        return SiteModel(config: SiteConfig(title: "The Daily", baseURL: "https://example.org/"), articles: articles, gazetteer: .standard)
    }

    /// The contexts of `site` without summaries' HTML, and with each summary's made by the
    /// theme's `partials/summary`, as the renderer gives them.
    static func contexts(_ site: SiteModel, _ templates: TemplateSet) -> (fields: PageContextBuilder, withSummaries: PageContextBuilder) {
        let fields = PageContextBuilder(site: site, gazetteer: .standard)
        return (fields, PageContextBuilder(site: site, gazetteer: .standard, summaryView: { id in
            fields.summary(id) { templates.render($0, template: "partials/summary") }
        }))
    }

    @Test("a theme that lays out summaries' fields itself gets each of them, and a missing one from the page around it")
    func fieldsByName() throws {
        let site = Self.site()
        var sources = TemplateSetTests.minimal
        sources["partials/summary"] = "<li>{{title}}</li>"
        sources["list"] = "{{#articles}}{{title}}|{{#dek}}{{.}}{{/dek}}{{^dek}}no dek{{/dek}}|{{#byline}}{{.}}{{/byline}}|{{url}}|{{date}}|{{datetime}}|"
            + "{{#has_countries}}{{#countries}}{{name}}{{/countries}}{{/has_countries}}|{{site.title}}|{{{summary_html}}}\n{{/articles}}"
        let templates = try TemplateSet(sources: sources)
        let contexts = Self.contexts(site, templates).withSummaries
        let home = try #require(PagePlan(site: site).listPages.first { if case .home = $0.kind { true } else { false } })
        let html = templates.render(contexts.list(home), template: "list")
        #expect(html == """
            Floods in Sindh|Thousands moved|Desk|/articles/2025/02/floods/|February 17, 2025|2025-02-17T00:00:00+00:00|Pakistan|The Daily|<li>Floods in Sindh</li>
            Rates &lt;held&gt;|no dek||/articles/2025/01/rates/|January 3, 2025|2025-01-03T00:00:00+00:00||The Daily|<li>Rates &lt;held&gt;</li>

            """)
    }

    @Test("a summary answers to the names of the fields an article's page holds, with the same values")
    func sameAsTheFields() {
        let site = Self.site()
        let builder = PageContextBuilder(site: site, gazetteer: .standard)
        for id in site.articles.indices {
            let summary = builder.bareSummary(id), dictionary = builder.summaryFields(id)
            #expect(Set(summary.names) == Set(dictionary.keys))
            #expect(summary.member("summary_html") == nil && summary.member("site") == nil)
            for name in summary.names {
                #expect(String(describing: summary.member(name)!) == String(describing: dictionary[name]!), "\(name)")
            }
        }
        #expect(builder.summary(0) { _ in "<li>0</li>" }.names.contains("summary_html"))
    }

    @Test("articles_html and related_html are the summaries' HTML one after another, as a section over the summaries writes it")
    func summariesAsOneText() throws {
        let site = Self.site()
        var sources = TemplateSetTests.minimal
        sources["partials/summary"] = "<li>{{title}}</li>"
        sources["list"] = "{{{articles_html}}}|{{#articles}}{{{summary_html}}}{{/articles}}"
        sources["article"] = "{{#article}}{{{related_html}}}|{{#related}}{{{summary_html}}}{{/related}}{{/article}}"
        let templates = try TemplateSet(sources: sources)
        let (fields, contexts) = Self.contexts(site, templates)
        let home = try #require(PagePlan(site: site).listPages.first { if case .home = $0.kind { true } else { false } })
        #expect(templates.render(contexts.list(home), template: "list")
                == "<li>Floods in Sindh</li><li>Rates &lt;held&gt;</li>|<li>Floods in Sindh</li><li>Rates &lt;held&gt;</li>")
        #expect(templates.render(contexts.article(id: 0, bodyHTML: "", related: [1]), template: "article")
                == "<li>Rates &lt;held&gt;</li>|<li>Rates &lt;held&gt;</li>")
        // Without the partial there is no HTML to put together: the names are not set.
        #expect(fields.list(home)["articles_html"] == nil)
        let article = try #require(fields.article(id: 0, bodyHTML: "", related: [1])["article"]?.members)
        #expect(article["related"] != nil && article["related_html"] == nil)
    }
}
