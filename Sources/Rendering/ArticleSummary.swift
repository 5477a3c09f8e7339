import Core
import Foundation
import Site
import TemplateEngine

/// One article as lists, related boxes and neighbour links show it: its HTML from
/// `partials/summary` (`summary_html`) and its fields, each made when a template looks it up.
/// The default theme's lists look up only `summary_html`, and making every field of every
/// summary a big term's pages show cost as much as rendering them; a theme that lays the fields
/// out itself still gets them all.
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

    /// Each field by name, made from the article (its ID given for the parts the model keeps
    /// by ID). Every key is set, `false` when empty: Mustache looks a missing key up in the
    /// enclosing context, so a related article without a dek would show the page's own.
    static let fields: [(name: String, make: @Sendable (SummaryFields, Int) -> TemplateValue)] = [
        ("title", { .string($0.site.articles[$1].title) }),
        ("url", { .string($0.basePath + $0.site.articlePath($1)) }),
        ("date", { .string($0.dates.long($0.site.articles[$1].date)) }),
        ("datetime", { .string($0.dates.iso8601($0.site.articles[$1].date)) }),
        ("dek", { $0.site.articles[$1].dek.map(TemplateValue.string) ?? false }),
        ("byline", { $0.site.articles[$1].byline.map(TemplateValue.string) ?? false }),
        ("dateline", { $0.site.articles[$1].dateline.map(TemplateValue.string) ?? false }),
        ("photo_credit", { $0.site.articles[$1].photoCredit.map(TemplateValue.string) ?? false }),
        ("countries", { fields, id in .list(fields.site.countryIndices(of: id).map { .fields(fields.countryLinks[$0]) }) }),
        ("has_countries", { .bool(!$0.site.countryIndices(of: $1).isEmpty) }),
    ]
    static let names = fields.map(\.name)
    private static let positions = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })

    init(site: SiteModel, dates: DateText, basePath: String, countryLinks: [PageContext]) {
        self.site = site
        self.dates = dates
        self.basePath = basePath
        self.countryLinks = countryLinks
    }

    func value(_ name: String, of id: Int) -> TemplateValue? {
        Self.positions[name].map { Self.fields[$0].make(self, id) }
    }

    /// All the fields at once, for a context that adds its own beside them (an article's page).
    func dictionary(of id: Int) -> PageContext {
        var view: PageContext = [:]
        view.reserveCapacity(Self.fields.count + 12)
        for field in Self.fields { view[field.name] = field.make(self, id) }
        return view
    }
}

extension ArticleSummary: TemplateRepresentable {
    public var templateValue: TemplateValue { .object(self) }
}
