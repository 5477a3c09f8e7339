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
    /// no absolute one. Decided once: parsing the URL for each page's two links was 0.3 % of a build.
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
    private let tagLinks: [PageContext]
    private let countryLinks: [PageContext]
    /// The parts of every page's context that are the same on every page: `siteWide`, the
    /// site's feeds and the site's writing direction.
    private let siteFields: PageContext
    /// The site's feeds, which a tag's or country's pages replace with their own.
    private let siteFeeds: PageContext
    /// What summaries' fields are made from, shared by all of them.
    private let summaryFieldSource: SummaryFields

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

    // MARK: Pages

    /// - Parameter related: the article's related articles, when already found.
    public func article(id: Int, bodyHTML: String, related: [Int]? = nil) -> PageContext {
        let article = site.articles[id]
        var context = common(path: site.articlePath(id), title: "\(article.title) — \(site.config.title)",
                             description: article.dek ?? site.config.description)
        var view = summaryFields(id)
        if let html = summaryView?(id).html { view["summary_html"] = .string(html) }
        view["body_html"] = TemplateValue(bodyHTML)
        view["reading_minutes"] = TemplateValue(max(1, (article.wordCount + 229) / 230))
        view["word_count"] = TemplateValue(article.wordCount)
        let tagIndices = site.tagIndices(of: id)
        view["tags"] = TemplateValue(tagIndices.map { tagLinks[$0] })
        view["has_tags"] = TemplateValue(!tagIndices.isEmpty)
        if let chipView {
            view["tags_html"] = TemplateValue(tagIndices.map { chipView(termKey(tag: $0)) }.joined())
            view["countries_html"] = TemplateValue(site.countryIndices(of: id).map { chipView(termKey(country: $0)) }.joined())
        }
        view["source"] = article.format == .text ? .string(article.sourcePath) : false
        // Neighbours in time: a smaller ID is newer.
        view["newer"] = id > 0 ? .object(summary(id - 1)) : false
        view["older"] = id + 1 < site.articles.count ? .object(summary(id + 1)) : false
        let related = (related ?? RelatedArticles.find(for: id, in: site)).map(summary)
        view["related"] = TemplateValue(related)
        if let html = Self.html(of: related) { view["related_html"] = .string(html) }
        view["has_related"] = TemplateValue(!related.isEmpty)
        view["json_ld"] = TemplateValue(jsonLD(id: id))
        // An Urdu or Arabic article on an English site still reads right to left.
        view["dir"] = TemplateValue(Self.dominantDirection(article.title + " " + (article.dek ?? "")))
        context["article"] = TemplateValue(view)
        context["is_article"] = TemplateValue(true)
        var page = context["page"]?.members ?? [:]
        page["og_type"] = TemplateValue(Self.articleOpenGraphType)
        page["published_time"] = TemplateValue(dates.iso8601(article.date))
        context["page"] = TemplateValue(page)
        return context
    }

    /// schema.org `NewsArticle` for search engines, written by hand with its keys in sorted order
    /// (JSONSerialization costs more than the rest of the page's context), straight into one
    /// string: the fields in a list sorted for each page were 2 % of a cold build. `<`, `>` and
    /// `&` are written as JSON escapes, so no article text can close the script element it sits in.
    func jsonLD(id: Int) -> String {
        let article = site.articles[id]
        var json = #"{"@context":"https://schema.org","@type":"NewsArticle","#
        json.reserveCapacity(512 + article.title.utf8.count + (article.dek?.utf8.count ?? 0))
        func field(_ key: String, _ value: String) {
            json += "\"\(key)\":"
            Field.jsonLD.append(value, to: &json)
            json += ","
        }
        if let byline = article.byline {
            json += #""author":{"@type":"Person","name":"#
            Field.jsonLD.append(byline, to: &json)
            json += "},"
        }
        field("datePublished", dates.iso8601(article.date))
        if let dateline = article.dateline { field("dateline", dateline) }
        if let dek = article.dek { field("description", dek) }
        field("headline", article.title)
        field("inLanguage", site.config.language)
        let tags = site.tagIndices(of: id), countries = site.countryIndices(of: id)
        if !tags.isEmpty || !countries.isEmpty {
            json += #""keywords":["#
            var first = true
            for name in tags.map({ site.tags[$0].name }) + countries.map({ site.countries[$0].name }) {
                if !first { json += "," }
                first = false
                Field.jsonLD.append(name, to: &json)
            }
            json += "],"
        }
        field("mainEntityOfPage", absoluteURL(site.articlePath(id)))
        json += #""publisher":{"@type":"Organization","name":"#
        Field.jsonLD.append(site.config.title, to: &json)
        json += "}}"
        return json
    }

    public func list(_ page: PagePlan.Page) -> PageContext {
        switch page.kind {
        case .home(let pagination):
            var context = common(path: page.path, title: pagination.number == 1 ? site.config.title : "\(site.config.title) — page \(pagination.number)",
                                 description: site.config.description)
            context["heading"] = TemplateValue("Latest news")
            context["is_home"] = TemplateValue(true)
            context["feed_url"] = TemplateValue(url(Permalinks.feed(Permalinks.home)))
            addPage(pagination, to: &context)
            // The front page shows where the archive is busiest; later pages are just the list.
            if pagination.number == 1 {
                let topTags = Self.mostUsed(site.tags, limit: Self.topTermCount).map { termLink($0, base: site.config.tags.path) }
                let topCountries = Self.mostUsed(site.countries, limit: Self.topTermCount).map { termLink($0, base: site.config.countries.path) }
                context["top_tags"] = TemplateValue(topTags)
                context["top_countries"] = TemplateValue(topCountries)
                context["has_top_terms"] = TemplateValue(!topTags.isEmpty || !topCountries.isEmpty)
            }
            return context
        case .about:
            var context = common(path: page.path, title: "About — \(site.config.title)", description: "About \(site.config.title).")
            context["heading"] = TemplateValue("About \(site.config.title)")
            context["count_text"] = TemplateValue(countText(site.articles.count))
            context["tag_count"] = TemplateValue(site.tags.count)
            context["country_count"] = TemplateValue(site.countries.count)
            if let newest = site.articles.first, let oldest = site.articles.last {
                context["first_date"] = TemplateValue(dates.long(oldest.date))
                context["last_date"] = TemplateValue(dates.long(newest.date))
            }
            return context
        case .tag(let index, let pagination):
            var context = termPage(site.tags[index], kind: "Tag", settings: site.config.tags, page: page, pagination: pagination)
            addTermFields(termKey(tag: index), to: &context)
            return context
        case .country(let index, let pagination):
            var context = termPage(site.countries[index], kind: "Country", settings: site.config.countries, page: page, pagination: pagination)
            addTermFields(termKey(country: index), to: &context)
            return context
        case .archiveMonth(let year, let month, let pagination):
            let monthIDs = site.archive.articleIDs(year: year, month: month)
            let ids = pagination.map { Array($0.articleIDs) } ?? monthIDs
            let name = "\(DateText.monthNames[month - 1]) \(year)"
            let suffix = (pagination?.number ?? 1) > 1 ? " — page \(pagination!.number)" : ""
            var context = common(path: page.path, title: "\(name)\(suffix) — \(site.config.title)", description: "Articles from \(name).")
            context["heading"] = TemplateValue(name)
            context["kicker"] = TemplateValue("Archive")
            context["count_text"] = TemplateValue(countText(ids.count))
            if let pagination {
                addPage(pagination, to: &context)
                context["articles"] = []
                context["articles_html"] = TemplateValue("")
            }
            if site.config.archives.feed {
                let base = site.config.archives.path(year: year, month: month)
                context["feed_url"] = TemplateValue(url(Permalinks.feed(base)))
                context["atom_url"] = TemplateValue(url(Permalinks.atomFeed(base)))
                context["json_feed_url"] = TemplateValue(url(Permalinks.jsonFeed(base)))
                context["feed_title"] = TemplateValue("\(name) — \(site.config.title)")
                context["has_term_feed"] = TemplateValue(true)
            }
            // A month reads as a calendar: its articles under the day they were published.
            var dayIDs: [(label: String, ids: [Int])] = []
            for id in ids {
                let label = dates.weekdayAndDay(site.articles[id].date)
                if dayIDs.last?.label == label {
                    dayIDs[dayIDs.count - 1].ids.append(id)
                } else {
                    dayIDs.append((label, [id]))
                }
            }
            let days = dayIDs.map { label, ids -> PageContext in
                let summaries = ids.map(summary)
                var day: PageContext = ["label": .string(label), "anchor": "day-\(dates.dayOfMonth(site.articles[ids[0]].date))",
                                        "articles": TemplateValue(summaries)]
                if let html = Self.html(of: summaries) { day["articles_html"] = .string(html) }
                return day
            }
            context["days"] = TemplateValue(days)
            context["has_days"] = TemplateValue(!days.isEmpty)
            context["has_breadcrumbs"] = TemplateValue(true)
            context["breadcrumbs"] = [
                ["name": "Archive", "url": .string(url(site.config.archives.indexPath))],
                ["name": .string(String(year)), "url": .string(url(site.config.archives.path(year: year)))],
            ]
            return context
        case .tagIndex:
            var context = termIndex(site.tags, title: "Tags", path: page.path, base: site.config.tags.path)
            context["is_tags"] = TemplateValue(true)
            // Hundreds of tags are scanned by letter; the most used come first.
            if case .list(let terms) = context["terms"] { context["terms"] = .list(Array(terms.prefix(Self.mostUsedTagCount))) }
            // With few tags, the list by count is already all of them.
            let letters = site.tags.count > Self.mostUsedTagCount ? alphabeticalGroups(site.tags) : []
            context["letters"] = TemplateValue(letters)
            context["has_letters"] = TemplateValue(!letters.isEmpty)
            return context
        case .countryIndex:
            var context = termIndex(site.countries, title: "Countries", path: page.path, base: site.config.countries.path)
            context["is_countries"] = TemplateValue(true)
            let regions = regionGroups()
            context["regions"] = TemplateValue(regions)
            var entries: [String: WorldMap.Entry] = [:]
            for term in site.countries {
                guard let code = term.code else { continue }
                entries[code] = WorldMap.Entry(name: term.name, count: term.articleIDs.count, url: url(site.config.countries.path(for: term.slug)))
            }
            context["world_map"] = TemplateValue(WorldMap.standard.svg(entries: entries, label: "World map of coverage: the stronger a country’s colour, the more articles it has",
                                                         describedBy: "countries-by-region"))
            return context
        case .archiveIndex:
            var context = common(path: page.path, title: "Archive — \(site.config.title)", description: "Every article by year and month.")
            context["heading"] = TemplateValue("Archive")
            context["count_text"] = TemplateValue(countText(site.articles.count))
            context["years"] = .list(site.publishedYears.map { year -> TemplateValue in
                ["year": .int(year.year), "url": .string(url(site.config.archives.path(year: year.year))), "count": .int(year.articleCount),
                 "months": TemplateValue(year.months.map(monthLink))]
            })
            return context
        case .archiveYear(let yearNumber):
            let year = site.publishedYears.first { $0.year == yearNumber }
            var context = common(path: page.path, title: "\(yearNumber) — \(site.config.title)", description: "Articles from \(yearNumber).")
            context["heading"] = TemplateValue(String(yearNumber))
            context["count_text"] = TemplateValue(countText(year?.articleCount ?? 0))
            context["is_year"] = TemplateValue(true)
            context["has_breadcrumbs"] = TemplateValue(true)
            context["breadcrumbs"] = [["name": "Archive", "url": .string(url(site.config.archives.indexPath))]]
            context["years"] = [["year": .int(yearNumber), "url": .string(url(page.path)), "count": .int(year?.articleCount ?? 0),
                                 "months": TemplateValue((year?.months ?? []).map(monthLink))]]
            return context
        case .notFound:
            var context = common(path: "404.html", title: "Page not found — \(site.config.title)", description: "Page not found.")
            context["heading"] = TemplateValue("Page not found")
            context["latest"] = TemplateValue(page.articlesShown(in: site).map(summary))
            return context
        case .article:
            return [:]
        }
    }

    // MARK: Parts

    private func common(path: String, title: String, description: String) -> PageContext {
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

    /// What a term's related-terms box (`partials/related-terms`) is rendered from: the site's
    /// fields and those every page of the term shows alike.
    public func relatedTermsFields(_ key: Int) -> PageContext {
        var context = siteFields
        addTermFields(key, to: &context, withBox: false)
        return context
    }

    /// The fields every page of a term shows alike: its name and kind, the terms its articles
    /// carry most, for a country its flag, region and neighbours; and the box made of them.
    private func addTermFields(_ key: Int, to context: inout PageContext, withBox: Bool = true) {
        if key < site.tags.count {
            context["heading"] = TemplateValue(site.tags[key].name)
            context["kicker"] = TemplateValue("Tag")
            addRelated(countries: site.relations.countriesOfTag[key], tags: site.relations.tagsOfTag[key], to: &context)
        } else {
            let index = key - site.tags.count, term = site.countries[index]
            context["heading"] = TemplateValue(term.name)
            context["kicker"] = TemplateValue("Country")
            addRelated(countries: site.relations.countriesOfCountry[index], tags: site.relations.tagsOfCountry[index], to: &context)
            if let code = term.code, let country = gazetteer.country(code: code) {
                context["flag"] = TemplateValue(country.flag)
                context["region"] = TemplateValue(country.region)
                context["subregion"] = TemplateValue(country.subregion)
                // Neighbours with pages of their own, most covered first.
                let neighbours = Self.neighbours(of: country, in: site).map(countryLink)
                context["neighbours"] = TemplateValue(neighbours)
                context["has_neighbours"] = TemplateValue(!neighbours.isEmpty)
            }
        }
        if withBox, let relatedTermsView { context["related_terms_html"] = .string(relatedTermsView(key)) }
    }

    private func termPage(_ term: Term, kind: String, settings: TaxonomySettings, page: PagePlan.Page, pagination: Pagination) -> PageContext {
        let base = settings.path(for: term.slug)
        let suffix = pagination.number > 1 ? " — page \(pagination.number)" : ""
        var context = common(path: page.path, title: "\(term.name)\(suffix) — \(site.config.title)",
                             description: "\(countText(term.articleIDs.count)) about \(term.name).")
        // Without feeds for the taxonomy, the page links the site's feeds.
        if settings.feed {
            context["feed_url"] = TemplateValue(url(Permalinks.feed(base)))
            context["atom_url"] = TemplateValue(url(Permalinks.atomFeed(base)))
            context["json_feed_url"] = TemplateValue(url(Permalinks.jsonFeed(base)))
            context["feed_title"] = TemplateValue("\(term.name) — \(site.config.title)")
        }
        context["has_term_feed"] = TemplateValue(settings.feed)
        // IDs follow the site's newest-first order: the first is the latest article.
        if let newest = term.articleIDs.first, let oldest = term.articleIDs.last {
            let first = dates.long(site.articles[oldest].date), last = dates.long(site.articles[newest].date)
            context["date_range"] = TemplateValue(first == last ? "on \(first)" : "from \(first) to \(last)")
        }
        context["has_breadcrumbs"] = TemplateValue(true)
        context["breadcrumbs"] = [["name": kind == "Tag" ? "Tags" : "Countries", "url": .string(url(settings.indexPath))]]
        addPage(pagination, to: &context)
        return context
    }

    private func addPage(_ pagination: Pagination, to context: inout PageContext) {
        let summaries = pagination.articleIDs.map(summary)
        context["articles"] = TemplateValue(summaries)
        if let html = Self.html(of: summaries) { context["articles_html"] = .string(html) }
        var countText = countText(pagination.totalCount)
        if pagination.pageCount > 1 { countText += " · page \(pagination.number) of \(pagination.pageCount)" }
        context["count_text"] = TemplateValue(countText)
        if pagination.pageCount > 1 {
            var view: PageContext = ["number": .int(pagination.number), "count": .int(pagination.pageCount)]
            if let previous = pagination.previousPath { view["previous_url"] = .string(url(previous)) }
            if let next = pagination.nextPath { view["next_url"] = .string(url(next)) }
            context["pagination"] = TemplateValue(view)
        }
    }

    private func termIndex(_ terms: [Term], title: String, path: String, base: (String) -> String) -> PageContext {
        var context = common(path: path, title: "\(title) — \(site.config.title)",
                             description: "\(terms.count) \(title.lowercased()) in \(site.config.title).")
        context["heading"] = TemplateValue(title)
        context["count_text"] = TemplateValue("\(terms.count) \(title.lowercased())")
        // Most-covered first, then by name: the order a reader scans an index in.
        let ordered = Self.mostUsed(terms, limit: terms.count)
        context["terms"] = .list(ordered.map { term -> TemplateValue in
            var view = termLink(term, base: base)
            view["count"] = .int(term.articleIDs.count)
            return .fields(view)
        })
        return context
    }

    static let mostUsedTagCount = 40
    /// How many tags and how many countries the front page shows as the most covered.
    static let topTermCount = 12

    /// Every tag under its first letter (`#` for digits and other scripts' letters stay as they are).
    private func alphabeticalGroups(_ terms: [Term]) -> [TemplateValue] {
        var groups: [(letter: String, terms: [Term])] = []
        let sorted = terms.sorted { lhs, rhs in
            let order = lhs.name.localizedStandardCompare(rhs.name)
            return order == .orderedSame ? lhs.slug < rhs.slug : order == .orderedAscending
        }
        for term in sorted {
            let first = term.name.first.map { String($0).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).uppercased() } ?? "#"
            let letter = first.first?.isLetter == true ? first : "#"
            if groups.last?.letter == letter {
                groups[groups.count - 1].terms.append(term)
            } else {
                groups.append((letter, [term]))
            }
        }
        return groups.enumerated().map { position, group in
            ["letter": .string(group.letter), "anchor": "letter-\(position + 1)",
             "terms": TemplateValue(group.terms.map { term -> PageContext in
                 var view = termLink(term, base: site.config.tags.path)
                 view["count"] = .int(term.articleIDs.count)
                 return view
             })]
        }
    }

    /// Countries by region (Africa, Americas, Asia, Europe, Oceania), most covered first within each.
    private func regionGroups() -> [TemplateValue] {
        var byRegion: [String: [Term]] = [:]
        for term in site.countries {
            let region = term.code.flatMap { gazetteer.country(code: $0)?.region }.flatMap { $0.isEmpty ? nil : $0 } ?? "Other"
            byRegion[region, default: []].append(term)
        }
        return byRegion.keys.sorted().enumerated().map { position, region in
            let terms = Self.mostUsed(byRegion[region]!, limit: byRegion[region]!.count)
            let articles = Set(terms.flatMap(\.articleIDs)).count
            return ["name": .string(region), "anchor": "region-\(position + 1)",
                    "count_text": "\(terms.count == 1 ? "1 country" : "\(terms.count) countries") · \(countText(articles))",
                    "terms": TemplateValue(terms.map { term -> PageContext in
                        var view = countryLink(term)
                        view["count"] = .int(term.articleIDs.count)
                        return view
                    })]
        }
    }

    /// Related terms on a term page: the countries and tags its articles carry most.
    private func addRelated(countries: [Int], tags: [Int], to context: inout PageContext) {
        let relatedCountries = countries.map { countryLinks[$0] }
        let relatedTags = tags.map { tagLinks[$0] }
        context["related_countries"] = TemplateValue(relatedCountries)
        context["has_related_countries"] = TemplateValue(!relatedCountries.isEmpty)
        context["related_tags"] = TemplateValue(relatedTags)
        context["has_related_tags"] = TemplateValue(!relatedTags.isEmpty)
        context["has_related_terms"] = TemplateValue(!relatedCountries.isEmpty || !relatedTags.isEmpty)
    }

    /// The countries bordering `country` that have pages, most covered first, as its page
    /// lists them (and its fingerprint hashes them).
    static func neighbours(of country: Country, in site: SiteModel) -> [Term] {
        let terms = country.borders.compactMap { code in site.countries.first { $0.code == code } }
        return mostUsed(terms, limit: terms.count)
    }

    private func termLink(_ term: Term, base: (String) -> String) -> PageContext {
        Self.link(to: term, url: url(base(term.slug)), gazetteer: gazetteer)
    }

    /// A term as chips and indexes show it: its name, its page and, for a country, its flag.
    private static func link(to term: Term, url: String, gazetteer: CountryGazetteer) -> PageContext {
        var view: PageContext = ["name": .string(term.name), "url": .string(url), "flag": false]
        if let code = term.code, let country = gazetteer.country(code: code) { view["flag"] = .string(country.flag) }
        return view
    }

    private func countryLink(_ term: Term) -> PageContext { termLink(term, base: site.config.countries.path) }

    private func monthLink(_ month: DateArchive.Month) -> PageContext {
        ["name": .string(DateText.monthNames[month.month - 1]), "url": .string(url(site.config.archives.path(year: month.year, month: month.month))),
         "count": .int(month.articleIDs.count)]
    }

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

    private func countText(_ count: Int) -> String {
        count == 1 ? "1 article" : "\(count) articles"
    }
}
