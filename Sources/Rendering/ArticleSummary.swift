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
        value(of: name).map(TemplateValue.init(any:))
    }

    /// The field `name` as a page context holds it (a string, a flag, a list of links).
    public func value(of name: String) -> Any? {
        name == "summary_html" ? html : fields.value(name, of: id)
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
    nonisolated(unsafe) let countryLinks: [[String: Any]]

    /// Every key is set, `false` when empty: Mustache looks a missing key up in the enclosing
    /// context, so a related article without a dek would show the page's own.
    static let names = ["title", "url", "date", "datetime", "dek", "byline", "dateline", "photo_credit", "countries", "has_countries"]

    init(site: SiteModel, dates: DateText, basePath: String, countryLinks: [[String: Any]]) {
        self.site = site
        self.dates = dates
        self.basePath = basePath
        self.countryLinks = countryLinks
    }

    func value(_ name: String, of id: Int) -> Any? {
        let article = site.articles[id]
        switch name {
        case "title": return article.title
        case "url": return basePath + site.articlePath(id)
        case "date": return dates.long(article.date)
        case "datetime": return dates.iso8601(article.date)
        case "dek": return article.dek ?? false
        case "byline": return article.byline ?? false
        case "dateline": return article.dateline ?? false
        case "photo_credit": return article.photoCredit ?? false
        case "countries": return site.countryIndices(of: id).map { countryLinks[$0] }
        case "has_countries": return !site.countryIndices(of: id).isEmpty
        default: return nil
        }
    }

    /// All the fields at once, for a context that adds its own beside them (an article's page).
    func dictionary(of id: Int) -> [String: Any] {
        var view: [String: Any] = [:]
        view.reserveCapacity(Self.names.count + 12)
        for name in Self.names { view[name] = value(name, of: id) }
        return view
    }
}
