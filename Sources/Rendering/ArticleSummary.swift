import Core
import Foundation
import Site
import TemplateEngine

/// One article as lists, related boxes and neighbour links show it: its HTML from
/// `partials/summary` (`summary_html`) and its fields, each made when a template looks it up.
/// The default theme's lists look up only `summary_html`, and making every field of the
/// thirty-odd thousand summaries the United States' pages show at 100,000 articles was as much
/// of their time as rendering the pages; a theme that lays the fields out itself still gets
/// them all, the same as from a dictionary.
public final class ArticleSummary: TemplateObject, Sendable {
    public let id: Int
    /// `partials/summary` rendered, when the theme has it; otherwise no `summary_html`, and the
    /// name is looked up in the enclosing context, as Mustache does for a missing key.
    public let html: String?
    let fields: SummaryFields

    init(id: Int, html: String?, fields: SummaryFields) {
        self.id = id
        self.html = html
        self.fields = fields
    }

    public func member(_ name: String) -> TemplateValue? {
        name == "summary_html" ? html.map(TemplateValue.string) : fields.value(name, of: id)
    }

    /// Every name the summary answers to.
    public var names: [String] { SummaryFields.names + (html == nil ? [] : ["summary_html"]) }
}

/// The fields of any article's summary, from the site model (shared by every `ArticleSummary`).
final class SummaryFields: Sendable {
    let site: SiteModel
    let dates: DateText
    let basePath: String
    /// Each country's link, as `PageContextBuilder` makes them (strings and flags only, never changed).
    let countryLinks: [PageContext]

    /// Every key is set, `false` when empty: Mustache looks a missing key up in the enclosing
    /// context, so a related article without a dek would show the page's own.
    static let names = ["title", "url", "date", "datetime", "dek", "byline", "dateline", "photo_credit", "countries", "has_countries"]

    init(site: SiteModel, dates: DateText, basePath: String, countryLinks: [PageContext]) {
        self.site = site
        self.dates = dates
        self.basePath = basePath
        self.countryLinks = countryLinks
    }

    func value(_ name: String, of id: Int) -> TemplateValue? {
        let article = site.articles[id]
        switch name {
        case "title": return .string(article.title)
        case "url": return .string(basePath + site.articlePath(id))
        case "date": return .string(dates.long(article.date))
        case "datetime": return .string(dates.iso8601(article.date))
        case "dek": return article.dek.map(TemplateValue.string) ?? false
        case "byline": return article.byline.map(TemplateValue.string) ?? false
        case "dateline": return article.dateline.map(TemplateValue.string) ?? false
        case "photo_credit": return article.photoCredit.map(TemplateValue.string) ?? false
        case "countries": return .list(site.countryIndices(of: id).map { .fields(countryLinks[$0]) })
        case "has_countries": return .bool(!site.countryIndices(of: id).isEmpty)
        default: return nil
        }
    }

    /// All the fields at once, for a context that adds its own beside them (an article's page).
    func dictionary(of id: Int) -> PageContext {
        var view: PageContext = [:]
        view.reserveCapacity(Self.names.count + 12)
        for name in Self.names { view[name] = value(name, of: id) }
        return view
    }
}

extension ArticleSummary: TemplateRepresentable {
    public var templateValue: TemplateValue { .object(self) }
}
