// Template rendering, one core, release build: the default theme's article page (about 11 KB)
// and home page, each page's context built and rendered, by TemplateEngine and by swift-mustache
// over the same templates and contexts (summaries rendered once, as a build does; swift-mustache
// reads the typed contexts through MustacheOracle's bridge). Prints pages per second and the ratio.
//
//   swift run -c release TemplateBenchmark [SECONDS_PER_MEASURE]
import Core
import Foundation
import MustacheOracle
import Rendering
import Site
import TemplateEngine

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3

// An archive like `gen-corpus`'s: 2,000 articles over two years, with deks, bylines, tags and countries.
var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = TimeZone(identifier: "UTC")!
let countryCodes = ["PK", "AF", "JP", "US", "GB", "FR", "IN", "CN", "BR", "NG"]
let articles = (0..<2000).map { index in
    ArticleMetadata(sourcePath: "a\(index).md", format: .markdown, title: "Officials weigh new measures on trade and security, report \(index)",
                    dek: "Talks continue as ministers meet to discuss the next steps, with a decision expected within weeks (\(index)).",
                    byline: "By Staff Reporter", date: calendar.date(from: DateComponents(year: 2023 + index % 2, month: 1 + index % 12, day: 1 + index % 28))!,
                    dateline: "KARACHI", photoCredit: "AP", countries: [countryCodes[index % 10], countryCodes[(index / 10) % 10]],
                    tags: ["Trade", "Security", "Topic \(index % 40)"], slug: "report-\(index)")
}
let site = SiteModel(config: SiteConfig(title: "Bench", baseURL: "https://bench.example.org/"), articles: articles, gazetteer: .standard)
let plan = PagePlan(site: site)
let body = (0..<24).map { "<p>Paragraph \($0) of the story, with enough words to read like one: ministers, markets and the weather.</p>" }.joined(separator: "\n")
let home = plan.listPages.first { if case .home = $0.kind { true } else { false } }!

// The default theme, as this repository's Templates/ holds it (run from the repository).
var sources: [String: String] = [:]
for path in FileManager.default.enumerator(atPath: "Templates")?.allObjects as? [String] ?? [] where path.hasSuffix(".mustache") {
    sources[String(path.dropLast(".mustache".count))] = try String(contentsOfFile: "Templates/" + path, encoding: .utf8)
}
let engine = try TemplateSet(sources: sources)

let oracle = try MustacheOracle(sources: sources) { Field.htmlText.encode($0) }

/// Contexts whose summaries carry their HTML, rendered once by `render`.
func contexts(_ render: @escaping @Sendable (ArticleSummary) -> String) -> PageContextBuilder {
    let fields = PageContextBuilder(site: site, gazetteer: .standard)
    let summaries = site.articles.indices.map { id in fields.summary(id, html: render) }
    return PageContextBuilder(site: site, gazetteer: .standard, summaryView: { summaries[$0] })
}
let engineContexts = contexts { engine.render($0, template: "partials/summary") }
let oracleContexts = contexts { oracle.render("partials/summary", with: .object($0)) }

/// Pages rendered per second, each with its context built, over `seconds`.
func rate(_ render: (Int) -> String) -> Double {
    var pages = 0, bytes = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        for _ in 0..<50 { bytes += render(pages % articles.count).utf8.count; pages += 1 }
    }
    precondition(bytes > 0)
    return Double(pages) / Date().timeIntervalSince(start)
}

let articlePages: [(String, (Int) -> String)] = [
    ("TemplateEngine", { engine.render(engineContexts.article(id: $0, bodyHTML: body), template: "article") }),
    ("swift-mustache", { oracle.render("article", with: .object(oracleContexts.article(id: $0, bodyHTML: body))) }),
]
let listPages: [(String, (Int) -> String)] = [
    ("TemplateEngine", { _ in engine.render(engineContexts.list(home), template: "list") }),
    ("swift-mustache", { _ in oracle.render("list", with: .object(oracleContexts.list(home))) }),
]
precondition(articlePages[0].1(7) == articlePages[1].1(7) && listPages[0].1(0) == listPages[1].1(0), "the engines disagree")
print("page\tengine\tpages/s\tbytes")
for (kind, engines) in [("article", articlePages), ("home", listPages)] {
    var rates: [Double] = []
    for (name, render) in engines {
        rates.append(rate(render))
        print("\(kind)\t\(name)\t\(Int(rates.last!))\t\(render(7).utf8.count)")
    }
    print("\(kind)\tTemplateEngine / swift-mustache\t\(String(format: "%.2f×", rates[0] / rates[1]))")
}
