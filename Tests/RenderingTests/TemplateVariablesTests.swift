import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine
import Testing
@testable import Rendering

@Suite("Template variables")
struct TemplateVariablesTests {
    @Test("a tag naming something no page provides is reported with its file, line and column")
    func unknownNames() {
        let problems = TemplateVariables.unknown(in: "<h1>{{title}}</h1>\n  <p>{{titel}} {{#artciles}}{{.}}{{/artciles}} {{page.titel}} {{{body_html}}}</p>",
                                                 file: "Templates/article.mustache")
        #expect(problems.map(\.line) == [2, 2, 2])
        #expect(problems.map(\.column) == [6, 16, 48])
        #expect(problems.allSatisfy { $0.file == "Templates/article.mustache" })
        #expect(problems[0].message.contains("`titel`"))
        #expect(problems[2].message.contains("{{page.titel}}"))
    }

    @Test("the default theme uses only known names; every name a page context holds is known and documented")
    func vocabularyIsComplete() throws {
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            #expect(TemplateVariables.unknown(in: text, file: path).isEmpty, "\(path)")
        }
        // A site with every page kind: articles with tags, countries and deks, more than a page of them.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let articles = (1...45).map { day in
            ArticleMetadata(sourcePath: "a\(day).md", format: .markdown, title: "Story \(day)", dek: "Dek \(day)", byline: "Desk",
                            date: calendar.date(from: DateComponents(year: 2025, month: 1 + day % 3, day: 1 + day % 27))!,
                            dateline: "KARACHI", photoCredit: "AP", countries: day % 2 == 0 ? ["PK", "AF"] : ["JP"],
                            tags: ["Tag \(day % 44)", "Trade"], slug: "story-\(day)")
        }
        let site = SiteModel(config: SiteConfig(baseURL: "https://example.org/"), articles: articles, gazetteer: .standard)
        let plan = PagePlan(site: site)
        let fields = PageContextBuilder(site: site, gazetteer: .standard)
        let contexts = PageContextBuilder(site: site, gazetteer: .standard, summaryView: { id in fields.summary(id) { _ in "<li>\(id)</li>" } },
                                          relatedTermsView: { key in "<section>\(key)</section>" }, chipView: { key in "<li>\(key)</li>" })
        var names: Set<String> = []
        func collect(_ value: TemplateValue) {
            switch value {
            case .fields(let object):
                for (key, inner) in object {
                    names.insert(key)
                    collect(inner)
                }
            case .object(let summary as ArticleSummary):
                for name in summary.names {
                    names.insert(name)
                    summary.member(name).map(collect)
                }
            case .list(let items):
                items.forEach(collect)
            default:
                break
            }
        }
        for page in plan.listPages { collect(.fields(contexts.list(page))) }
        collect(.fields(contexts.article(id: 0, bodyHTML: "<p>Body</p>")))
        #expect(names.subtracting(TemplateVariables.known).isEmpty, "add new context keys to TemplateVariables.known")
        #expect(TemplateVariables.known.subtracting(names).isEmpty, "known names no page provides any more")
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/templates.md"), encoding: .utf8)
        for name in TemplateVariables.known {
            #expect(readme.contains("`\(name)`") || readme.contains(".\(name)`") || readme.contains("`\(name).") || readme.contains("`\(name) "), "docs/templates.md does not document `\(name)`")
        }
    }
}
