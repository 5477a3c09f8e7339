import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// A page's context: its template's values by name.
public typealias PageContext = [String: TemplateValue]

/// Builds the small, purpose-made context each template gets: a list page sees one page of
/// article summaries, never the archive.
public struct PageContextBuilder: Sendable {
    public let site: SiteModel
    public let gazetteer: CountryGazetteer
    let dates: DateText
    let basePath: String
    /// What `absoluteURL` puts before a path: the base URL, or the base path when the site has
    /// no absolute one. Decided once, not parsed for each page's two links.
    let absoluteBase: String

    /// Each article's summary with, when the theme has `partials/summary`, its HTML
    /// (`summary_html`), when the renderer keeps them (see `SummaryCache`).
    let summaryView: (@Sendable (Int) -> ArticleSummary)?
    /// Each tag's and country's related-terms box — `partials/related-terms`, the same on
    /// every page of the term — as HTML by `termKey`, when the renderer keeps them.
    let relatedTermsView: (@Sendable (Int) -> String)?
    /// Each tag's chip (`partials/tag-chip`) and country's (`partials/country-chip`) as HTML
    /// by `termKey`, when the renderer keeps them: an article page's chips, looked up field by
    /// field, were a fifth of its lookups.
    let chipView: (@Sendable (Int) -> String)?

    /// Each tag's and country's link, made once: every summary and article page shows some.
    /// (Never changed once made, and holding only strings and flags: safe from any thread.)
    let tagLinks: [PageContext]
    let countryLinks: [PageContext]
    /// The parts of every page's context that are the same on every page: `siteWide`, the
    /// site's feeds and the site's writing direction.
    let siteFields: PageContext
    /// The site's feeds, which a tag's or country's pages replace with their own.
    let siteFeeds: PageContext
    /// What summaries' fields are made from, shared by all of them.
    let summaryFieldSource: SummaryFields

    /// What every page's context holds alike, and only at its root: `site`, `nav` and the
    /// stylesheet (`TemplateSet.withSharedValues`).
    public let siteWide: PageContext

    /// What every article page's context holds alike, and only at its root: the site's feeds
    /// and the page's Open Graph type.
    public var articleWide: PageContext {
        siteFeeds.merging(["page": ["og_type": .string(Self.articleOpenGraphType)]]) { $1 }
    }

    static let articleOpenGraphType = "article"

    public init(site: SiteModel, gazetteer: CountryGazetteer, summaryView: (@Sendable (Int) -> ArticleSummary)? = nil,
                relatedTermsView: (@Sendable (Int) -> String)? = nil, chipView: (@Sendable (Int) -> String)? = nil) {
        self.site = site
        self.gazetteer = gazetteer
        self.summaryView = summaryView
        self.relatedTermsView = relatedTermsView
        self.chipView = chipView
        self.dates = DateText(timeZone: site.config.timeZone)
        self.basePath = site.config.basePath
        self.absoluteBase = SiteConfig.isAbsoluteURL(site.config.baseURL) ? site.config.baseURL : site.config.basePath
        let basePath = site.config.basePath
        tagLinks = site.tags.map { Self.link(to: $0, url: basePath + site.config.tags.path(for: $0.slug), gazetteer: gazetteer) }
        countryLinks = site.countries.map { Self.link(to: $0, url: basePath + site.config.countries.path(for: $0.slug), gazetteer: gazetteer) }
        summaryFieldSource = SummaryFields(site: site, dates: dates, basePath: basePath, countryLinks: countryLinks)
        let url = { (path: String) in TemplateValue.string(basePath + path) }
        siteWide = [
            "site": [
                "title": .string(site.config.title),
                "description": .string(site.config.description),
                "language": .string(site.config.language),
                "base_url": .string(site.config.baseURL),
                "base_path": .string(basePath),
            ],
            "nav": [
                "home": url(Permalinks.home),
                "tags": url(site.config.tags.indexPath),
                "countries": url(site.config.countries.indexPath),
                "archive": url(site.config.archives.indexPath),
                "feed": url(Permalinks.feed(Permalinks.home)),
                "about": url(Permalinks.about),
            ],
            "stylesheet": url("style.css"),
        ]
        siteFeeds = [
            "feed_url": url(Permalinks.feed(Permalinks.home)),
            "atom_url": url(Permalinks.atomFeed(Permalinks.home)),
            "json_feed_url": url(Permalinks.jsonFeed(Permalinks.home)),
            "feed_title": .string(site.config.title),
        ]
        siteFields = siteWide.merging(siteFeeds) { $1 }.merging(["dir": .string(Self.isRightToLeft(site.config.language) ? "rtl" : "ltr")]) { $1 }
    }

    /// A site-relative path as a link (`/sub/tags/x/`), valid at a domain root or under a sub-path.
    public func url(_ path: String) -> String { basePath + path }

    /// A site-relative path as an absolute URL, for canonical links and feeds.
    public func absoluteURL(_ path: String) -> String {
        absoluteBase + path
    }

    /// The context of a page that is not an article's, made by its kind's own function.
    public func list(_ page: PagePlan.Page) -> PageContext {
        switch page.kind {
        case .home(let pagination): home(page, pagination)
        case .about: about(page)
        case .notFound: notFound(page)
        case .tag(let index, let pagination): tagPage(page, index: index, pagination)
        case .country(let index, let pagination): countryPage(page, index: index, pagination)
        case .tagIndex: tagIndex(page)
        case .countryIndex: countryIndex(page)
        case .archiveIndex: archiveIndex(page)
        case .archiveYear(let year): archiveYear(page, year: year)
        case .archiveMonth(let year, let month, let pagination): archiveMonth(page, year: year, month: month, pagination)
        case .article: [:]
        }
    }

    // MARK: Parts

    func common(path: String, title: String, description: String) -> PageContext {
        var context = siteFields
        context["page"] = [
            "title": .string(title),
            "description": .string(description),
            "canonical": .string(absoluteURL(path)),
            "path": .string(path),
            "og_type": "website",
        ]
        return context
    }

    /// What a list shows of an article, with its HTML from `partials/summary` when the
    /// renderer provides it.
    func summary(_ id: Int) -> ArticleSummary {
        summaryView?(id) ?? bareSummary(id)
    }

    /// A list's summaries as `partials/summary` renders them, one after another, when the theme
    /// has the partial (`{{{articles_html}}}`, `{{{related_html}}}`): what a section over the
    /// list that shows each `summary_html` writes, without a context made for each summary.
    static func html(of summaries: [ArticleSummary]) -> String? {
        var html = ""
        for summary in summaries {
            guard let part = summary.html else { return nil }
            html += part
        }
        return html
    }

    /// An article's summary with its HTML made from its fields: what `summaryView` gives.
    public func summary(_ id: Int, html: (ArticleSummary) -> String) -> ArticleSummary {
        ArticleSummary(id: id, html: html(bareSummary(id)), fields: summaryFieldSource)
    }

    /// An article's summary without HTML.
    public func bareSummary(_ id: Int) -> ArticleSummary {
        ArticleSummary(id: id, html: nil, fields: summaryFieldSource)
    }

    /// An article's summary fields as a dictionary, for a context that adds its own beside them
    /// (an article's page).
    public func summaryFields(_ id: Int) -> PageContext {
        summaryFieldSource.dictionary(of: id)
    }

    /// One number for any term: tags by index, then countries after them.
    public func termKey(tag index: Int) -> Int { index }
    public func termKey(country index: Int) -> Int { site.tags.count + index }

    /// What a term's chip (`partials/tag-chip`, `partials/country-chip`) is rendered from:
    /// its `name`, `url` and `flag`, as in every list of terms.
    public func chipFields(_ key: Int) -> PageContext {
        key < site.tags.count ? tagLinks[key] : countryLinks[key - site.tags.count]
    }

    func termLink(_ term: Term, base: (String) -> String) -> PageContext {
        Self.link(to: term, url: url(base(term.slug)), gazetteer: gazetteer)
    }

    /// A term as chips and indexes show it: its name, its page and, for a country, its flag.
    static func link(to term: Term, url: String, gazetteer: CountryGazetteer) -> PageContext {
        var view: PageContext = ["name": .string(term.name), "url": .string(url), "flag": false]
        if let code = term.code, let country = gazetteer.country(code: code) { view["flag"] = .string(country.flag) }
        return view
    }

    func countryLink(_ term: Term) -> PageContext { termLink(term, base: site.config.countries.path) }

    /// `rtl` when most letters of a text are in a right-to-left script (Arabic, Hebrew, Syriac,
    /// Thaana, N'Ko), `ltr` otherwise.
    static func dominantDirection(_ text: String) -> String {
        var rightToLeft = 0, letters = 0
        for scalar in text.unicodeScalars {
            // Most headlines are ASCII, whose letters need no look-up in the Unicode tables.
            if scalar.isASCII {
                if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) { letters += 1 }
                continue
            }
            guard scalar.properties.isAlphabetic else { continue }
            letters += 1
            switch scalar.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
                rightToLeft += 1
            default:
                break
            }
        }
        return letters > 0 && rightToLeft * 2 > letters ? "rtl" : "ltr"
    }

    /// Scripts written right to left: pages in these languages get `dir="rtl"`.
    static func isRightToLeft(_ language: String) -> Bool {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return ["ar", "arc", "dv", "fa", "ha", "he", "iw", "khw", "ks", "ku", "ps", "sd", "ur", "yi"].contains(primary)
    }

    /// The terms with the most articles, ties by name.
    /// Terms most covered first (by count, then slug), as chips and indexes order them; the
    /// fingerprints hash the same order, so a count that moves no term changes no page.
    static func mostUsed(_ terms: [Term], limit: Int) -> [Term] {
        Array(terms.sorted { $0.articleIDs.count != $1.articleIDs.count ? $0.articleIDs.count > $1.articleIDs.count : $0.slug < $1.slug }.prefix(limit))
    }

    func countText(_ count: Int) -> String {
        count == 1 ? "1 article" : "\(count) articles"
    }
}
