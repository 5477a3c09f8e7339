// Template rendering, one core, release build: the default theme's article page (about 11 KB)
// and home page, each page's context built and rendered, by TemplateEngine and by swift-mustache
// over the same templates and contexts (summaries rendered once, as a build does; swift-mustache
// reads the typed contexts through MustacheOracle's bridge). Prints pages per second and the ratio.
//
//   swift run -c release TemplateBenchmark [SECONDS_PER_MEASURE] [ENGINE]   (ENGINE: one of them alone, for a profile)
import Core
import Foundation
import MustacheOracle
import Rendering
import Site
import TemplateEngine

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let only = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : nil

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
// As a build does, the values every page shows alike are put into the templates once, and those
// every article page shows alike into the article page's own set (for both engines).
let fields = PageContextBuilder(site: site, gazetteer: .standard)
func withShared(_ sources: [String: String], _ shared: PageContext) -> [String: String] {
    sources.mapValues { TemplateSet.substitutingSharedValues(in: $0, shared: shared) ?? $0 }
}
let pageSources = withShared(sources, fields.siteWide)
let articleSources = withShared(pageSources, fields.articleWide)
let engine = try TemplateSet(sources: pageSources), articleEngine = try TemplateSet(sources: articleSources)
let oracle = try MustacheOracle(sources: pageSources) { Field.htmlText.encode($0) }
let articleOracle = try MustacheOracle(sources: articleSources) { Field.htmlText.encode($0) }

/// Contexts whose summaries carry their HTML, rendered once by `render`.
func contexts(_ render: @escaping @Sendable (ArticleSummary) -> String) -> PageContextBuilder {
    let fields = PageContextBuilder(site: site, gazetteer: .standard)
    let summaries = site.articles.indices.map { id in fields.summary(id, html: render) }
    return PageContextBuilder(site: site, gazetteer: .standard, summaryView: { summaries[$0] })
}
// Each article's related articles, which a build keeps from one build to the next.
let related = site.articles.indices.map { RelatedArticles.find(for: $0, in: site) }
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
    ("TemplateEngine", { articleEngine.renderPage(engineContexts.article(id: $0, bodyHTML: body, related: related[$0]), template: "article") }),
    ("swift-mustache", { articleOracle.render("article", with: .fields(oracleContexts.article(id: $0, bodyHTML: body, related: related[$0]))) }),
]
let listPages: [(String, (Int) -> String)] = [
    ("TemplateEngine", { _ in engine.renderPage(engineContexts.list(home), template: "list") }),
    ("swift-mustache", { _ in oracle.render("list", with: .fields(oracleContexts.list(home))) }),
]
precondition(articlePages[0].1(7) == articlePages[1].1(7) && listPages[0].1(0) == listPages[1].1(0), "the engines disagree")
print("page\tengine\tpages/s\tbytes")
for (kind, engines) in [("article", articlePages), ("home", listPages)] {
    var rates: [Double] = []
    for (name, render) in engines where only == nil || only == name {
        rates.append(rate(render))
        print("\(kind)\t\(name)\t\(Int(rates.last!))\t\(render(7).utf8.count)")
    }
    if rates.count == 2 { print("\(kind)\tTemplateEngine / swift-mustache\t\(String(format: "%.2f×", rates[0] / rates[1]))") }
}
