import Core
import Foundation
import Site
import Taxonomy

/// Builds the small, purpose-made context each template gets: a list page sees one page of
/// article summaries, never the archive. Contexts are dictionaries because swift-mustache
/// reads them about three times faster than structs.
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
    nonisolated(unsafe) private let tagLinks: [[String: Any]]
    nonisolated(unsafe) private let countryLinks: [[String: Any]]
    /// The parts of every page's context that are the same on every page: `siteWide`, the
    /// site's feeds and the site's writing direction.
    nonisolated(unsafe) private let siteFields: [String: Any]
    /// The site's feeds, which a tag's or country's pages replace with their own.
    nonisolated(unsafe) private let siteFeeds: [String: Any]
    /// What summaries' fields are made from, shared by all of them.
    private let summaryFieldSource: SummaryFields

    /// What every page's context holds alike, and only at its root: `site`, `nav` and the
    /// stylesheet (`TemplateSet.withSharedValues`).
    nonisolated(unsafe) public let siteWide: [String: Any]

    /// What every article page's context holds alike, and only at its root: the site's feeds
    /// and the page's Open Graph type.
    public var articleWide: [String: Any] {
        siteFeeds.merging(["page": ["og_type": Self.articleOpenGraphType]]) { $1 }
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
        let url = { (path: String) in basePath + path }
        siteWide = [
            "site": [
                "title": site.config.title,
                "description": site.config.description,
                "language": site.config.language,
                "base_url": site.config.baseURL,
                "base_path": basePath,
            ] as [String: Any],
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
            "feed_title": site.config.title,
        ]
        siteFields = siteWide.merging(siteFeeds) { $1 }.merging(["dir": Self.isRightToLeft(site.config.language) ? "rtl" : "ltr"]) { $1 }
    }

    /// A site-relative path as a link (`/sub/tags/x/`), valid at a domain root or under a sub-path.
    public func url(_ path: String) -> String { basePath + path }

    /// A site-relative path as an absolute URL, for canonical links and feeds.
    public func absoluteURL(_ path: String) -> String {
        absoluteBase + path
    }

    // MARK: Pages

    /// - Parameter related: the article's related articles, when already found.
    public func article(id: Int, bodyHTML: String, related: [Int]? = nil) -> [String: Any] {
        let article = site.articles[id]
        var context = common(path: site.articlePath(id), title: "\(article.title) — \(site.config.title)",
                             description: article.dek ?? site.config.description)
        var view = summaryFields(id)
        if let html = summaryView?(id).html { view["summary_html"] = html }
        view["body_html"] = bodyHTML
        view["reading_minutes"] = max(1, (article.wordCount + 229) / 230)
        view["word_count"] = article.wordCount
        let tagIndices = site.tagIndices(of: id)
        view["tags"] = tagIndices.map { tagLinks[$0] }
        view["has_tags"] = !tagIndices.isEmpty
        if let chipView {
            view["tags_html"] = tagIndices.map { chipView(termKey(tag: $0)) }.joined()
            view["countries_html"] = site.countryIndices(of: id).map { chipView(termKey(country: $0)) }.joined()
        }
        view["source"] = article.format == .text ? article.sourcePath : false
        // Neighbours in time: a smaller ID is newer.
        view["newer"] = id > 0 ? summary(id - 1) as Any : false
        view["older"] = id + 1 < site.articles.count ? summary(id + 1) as Any : false
        let related = (related ?? RelatedArticles.find(for: id, in: site)).map(summary)
        view["related"] = related
        if let html = Self.html(of: related) { view["related_html"] = html }
        view["has_related"] = !related.isEmpty
        view["json_ld"] = jsonLD(id: id)
        // An Urdu or Arabic article on an English site still reads right to left.
        view["dir"] = Self.dominantDirection(article.title + " " + (article.dek ?? ""))
        context["article"] = view
        context["is_article"] = true
        var page = context["page"] as? [String: Any] ?? [:]
        page["og_type"] = Self.articleOpenGraphType
        page["published_time"] = dates.iso8601(article.date)
        context["page"] = page
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

    public func list(_ page: PagePlan.Page) -> [String: Any] {
        switch page.kind {
        case .home(let pagination):
            var context = common(path: page.path, title: pagination.number == 1 ? site.config.title : "\(site.config.title) — page \(pagination.number)",
                                 description: site.config.description)
            context["heading"] = "Latest news"
            context["is_home"] = true
            context["feed_url"] = url(Permalinks.feed(Permalinks.home))
            addPage(pagination, to: &context)
            // The front page shows where the archive is busiest; later pages are just the list.
            if pagination.number == 1 {
                let topTags = Self.mostUsed(site.tags, limit: Self.topTermCount).map { termLink($0, base: site.config.tags.path) }
                let topCountries = Self.mostUsed(site.countries, limit: Self.topTermCount).map { termLink($0, base: site.config.countries.path) }
                context["top_tags"] = topTags
                context["top_countries"] = topCountries
                context["has_top_terms"] = !topTags.isEmpty || !topCountries.isEmpty
            }
            return context
        case .about:
            var context = common(path: page.path, title: "About — \(site.config.title)", description: "About \(site.config.title).")
            context["heading"] = "About \(site.config.title)"
            context["count_text"] = countText(site.articles.count)
            context["tag_count"] = site.tags.count
            context["country_count"] = site.countries.count
            if let newest = site.articles.first, let oldest = site.articles.last {
                context["first_date"] = dates.long(oldest.date)
                context["last_date"] = dates.long(newest.date)
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
            context["heading"] = name
            context["kicker"] = "Archive"
            context["count_text"] = countText(ids.count)
            if let pagination {
                addPage(pagination, to: &context)
                context["articles"] = []
                context["articles_html"] = ""
            }
            if site.config.archives.feed {
                let base = site.config.archives.path(year: year, month: month)
                context["feed_url"] = url(Permalinks.feed(base))
                context["atom_url"] = url(Permalinks.atomFeed(base))
                context["json_feed_url"] = url(Permalinks.jsonFeed(base))
                context["feed_title"] = "\(name) — \(site.config.title)"
                context["has_term_feed"] = true
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
            let days = dayIDs.map { label, ids -> [String: Any] in
                let summaries = ids.map(summary)
                var day: [String: Any] = ["label": label, "anchor": "day-\(dates.dayOfMonth(site.articles[ids[0]].date))", "articles": summaries]
                if let html = Self.html(of: summaries) { day["articles_html"] = html }
                return day
            }
            context["days"] = days
            context["has_days"] = !days.isEmpty
            context["has_breadcrumbs"] = true
            context["breadcrumbs"] = [
                ["name": "Archive", "url": url(site.config.archives.indexPath)],
                ["name": String(year), "url": url(site.config.archives.path(year: year))],
            ]
            return context
        case .tagIndex:
            var context = termIndex(site.tags, title: "Tags", path: page.path, base: site.config.tags.path)
            context["is_tags"] = true
            // Hundreds of tags are scanned by letter; the most used come first.
            context["terms"] = Array((context["terms"] as? [[String: Any]] ?? []).prefix(Self.mostUsedTagCount))
            // With few tags, the list by count is already all of them.
            let letters = site.tags.count > Self.mostUsedTagCount ? alphabeticalGroups(site.tags) : []
            context["letters"] = letters
            context["has_letters"] = !letters.isEmpty
            return context
        case .countryIndex:
            var context = termIndex(site.countries, title: "Countries", path: page.path, base: site.config.countries.path)
            context["is_countries"] = true
            let regions = regionGroups()
            context["regions"] = regions
            var entries: [String: WorldMap.Entry] = [:]
            for term in site.countries {
                guard let code = term.code else { continue }
                entries[code] = WorldMap.Entry(name: term.name, count: term.articleIDs.count, url: url(site.config.countries.path(for: term.slug)))
            }
            context["world_map"] = WorldMap.standard.svg(entries: entries, label: "World map of coverage: the stronger a country’s colour, the more articles it has",
                                                         describedBy: "countries-by-region")
            return context
        case .archiveIndex:
            var context = common(path: page.path, title: "Archive — \(site.config.title)", description: "Every article by year and month.")
            context["heading"] = "Archive"
            context["count_text"] = countText(site.articles.count)
            context["years"] = site.publishedYears.map { year -> [String: Any] in
                ["year": year.year, "url": url(site.config.archives.path(year: year.year)), "count": year.articleCount,
                 "months": year.months.map(monthLink)]
            }
            return context
        case .archiveYear(let yearNumber):
            let year = site.publishedYears.first { $0.year == yearNumber }
            var context = common(path: page.path, title: "\(yearNumber) — \(site.config.title)", description: "Articles from \(yearNumber).")
            context["heading"] = String(yearNumber)
            context["count_text"] = countText(year?.articleCount ?? 0)
            context["is_year"] = true
            context["has_breadcrumbs"] = true
            context["breadcrumbs"] = [["name": "Archive", "url": url(site.config.archives.indexPath)]]
            context["years"] = [["year": yearNumber, "url": url(page.path), "count": year?.articleCount ?? 0,
                                 "months": (year?.months ?? []).map(monthLink)] as [String: Any]]
            return context
        case .notFound:
            var context = common(path: "404.html", title: "Page not found — \(site.config.title)", description: "Page not found.")
            context["heading"] = "Page not found"
            context["latest"] = page.articlesShown(in: site).map(summary)
            return context
        case .article:
            return [:]
        }
    }

    // MARK: Parts

    private func common(path: String, title: String, description: String) -> [String: Any] {
        var context = siteFields
        context["page"] = [
            "title": title,
            "description": description,
            "canonical": absoluteURL(path),
            "path": path,
            "og_type": "website",
        ] as [String: Any]
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
    public func summaryFields(_ id: Int) -> [String: Any] {
        summaryFieldSource.dictionary(of: id)
    }

    /// One number for any term: tags by index, then countries after them.
    public func termKey(tag index: Int) -> Int { index }
    public func termKey(country index: Int) -> Int { site.tags.count + index }

    /// What a term's chip (`partials/tag-chip`, `partials/country-chip`) is rendered from:
    /// its `name`, `url` and `flag`, as in every list of terms.
    public func chipFields(_ key: Int) -> [String: Any] {
        key < site.tags.count ? tagLinks[key] : countryLinks[key - site.tags.count]
    }

    /// What a term's related-terms box (`partials/related-terms`) is rendered from: the site's
    /// fields and those every page of the term shows alike.
    public func relatedTermsFields(_ key: Int) -> [String: Any] {
        var context = siteFields
        addTermFields(key, to: &context, withBox: false)
        return context
    }

    /// The fields every page of a term shows alike: its name and kind, the terms its articles
    /// carry most, for a country its flag, region and neighbours; and the box made of them.
    private func addTermFields(_ key: Int, to context: inout [String: Any], withBox: Bool = true) {
        if key < site.tags.count {
            context["heading"] = site.tags[key].name
            context["kicker"] = "Tag"
            addRelated(countries: site.relations.countriesOfTag[key], tags: site.relations.tagsOfTag[key], to: &context)
        } else {
            let index = key - site.tags.count, term = site.countries[index]
            context["heading"] = term.name
            context["kicker"] = "Country"
            addRelated(countries: site.relations.countriesOfCountry[index], tags: site.relations.tagsOfCountry[index], to: &context)
            if let code = term.code, let country = gazetteer.country(code: code) {
                context["flag"] = country.flag
                context["region"] = country.region
                context["subregion"] = country.subregion
                // Neighbours with pages of their own, most covered first.
                let neighbours = Self.neighbours(of: country, in: site).map(countryLink)
                context["neighbours"] = neighbours
                context["has_neighbours"] = !neighbours.isEmpty
            }
        }
        if withBox, let relatedTermsView { context["related_terms_html"] = relatedTermsView(key) }
    }

    private func termPage(_ term: Term, kind: String, settings: TaxonomySettings, page: PagePlan.Page, pagination: Pagination) -> [String: Any] {
        let base = settings.path(for: term.slug)
        let suffix = pagination.number > 1 ? " — page \(pagination.number)" : ""
        var context = common(path: page.path, title: "\(term.name)\(suffix) — \(site.config.title)",
                             description: "\(countText(term.articleIDs.count)) about \(term.name).")
        // Without feeds for the taxonomy, the page links the site's feeds.
        if settings.feed {
            context["feed_url"] = url(Permalinks.feed(base))
            context["atom_url"] = url(Permalinks.atomFeed(base))
            context["json_feed_url"] = url(Permalinks.jsonFeed(base))
            context["feed_title"] = "\(term.name) — \(site.config.title)"
        }
        context["has_term_feed"] = settings.feed
        // IDs follow the site's newest-first order: the first is the latest article.
        if let newest = term.articleIDs.first, let oldest = term.articleIDs.last {
            let first = dates.long(site.articles[oldest].date), last = dates.long(site.articles[newest].date)
            context["date_range"] = first == last ? "on \(first)" : "from \(first) to \(last)"
        }
        context["has_breadcrumbs"] = true
        context["breadcrumbs"] = [["name": kind == "Tag" ? "Tags" : "Countries", "url": url(settings.indexPath)]]
        addPage(pagination, to: &context)
        return context
    }

    private func addPage(_ pagination: Pagination, to context: inout [String: Any]) {
        let summaries = pagination.articleIDs.map(summary)
        context["articles"] = summaries
        if let html = Self.html(of: summaries) { context["articles_html"] = html }
        var countText = countText(pagination.totalCount)
        if pagination.pageCount > 1 { countText += " · page \(pagination.number) of \(pagination.pageCount)" }
        context["count_text"] = countText
        if pagination.pageCount > 1 {
            var view: [String: Any] = ["number": pagination.number, "count": pagination.pageCount]
            if let previous = pagination.previousPath { view["previous_url"] = url(previous) }
            if let next = pagination.nextPath { view["next_url"] = url(next) }
            context["pagination"] = view
        }
    }

    private func termIndex(_ terms: [Term], title: String, path: String, base: (String) -> String) -> [String: Any] {
        var context = common(path: path, title: "\(title) — \(site.config.title)",
                             description: "\(terms.count) \(title.lowercased()) in \(site.config.title).")
        context["heading"] = title
        context["count_text"] = "\(terms.count) \(title.lowercased())"
        // Most-covered first, then by name: the order a reader scans an index in.
        let ordered = Self.mostUsed(terms, limit: terms.count)
        context["terms"] = ordered.map { term -> [String: Any] in
            var view = termLink(term, base: base)
            view["count"] = term.articleIDs.count
            return view
        }
        return context
    }

    static let mostUsedTagCount = 40
    /// How many tags and how many countries the front page shows as the most covered.
    static let topTermCount = 12

    /// Every tag under its first letter (`#` for digits and other scripts' letters stay as they are).
    private func alphabeticalGroups(_ terms: [Term]) -> [[String: Any]] {
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
            ["letter": group.letter, "anchor": "letter-\(position + 1)",
             "terms": group.terms.map { term -> [String: Any] in
                 var view = termLink(term, base: site.config.tags.path)
                 view["count"] = term.articleIDs.count
                 return view
             }]
        }
    }

    /// Countries by region (Africa, Americas, Asia, Europe, Oceania), most covered first within each.
    private func regionGroups() -> [[String: Any]] {
        var byRegion: [String: [Term]] = [:]
        for term in site.countries {
            let region = term.code.flatMap { gazetteer.country(code: $0)?.region }.flatMap { $0.isEmpty ? nil : $0 } ?? "Other"
            byRegion[region, default: []].append(term)
        }
        return byRegion.keys.sorted().enumerated().map { position, region in
            let terms = Self.mostUsed(byRegion[region]!, limit: byRegion[region]!.count)
            let articles = Set(terms.flatMap(\.articleIDs)).count
            return ["name": region, "anchor": "region-\(position + 1)",
                    "count_text": "\(terms.count == 1 ? "1 country" : "\(terms.count) countries") · \(countText(articles))",
                    "terms": terms.map { term -> [String: Any] in
                        var view = countryLink(term)
                        view["count"] = term.articleIDs.count
                        return view
                    }]
        }
    }

    /// Related terms on a term page: the countries and tags its articles carry most.
    private func addRelated(countries: [Int], tags: [Int], to context: inout [String: Any]) {
        let relatedCountries = countries.map { countryLinks[$0] }
        let relatedTags = tags.map { tagLinks[$0] }
        context["related_countries"] = relatedCountries
        context["has_related_countries"] = !relatedCountries.isEmpty
        context["related_tags"] = relatedTags
        context["has_related_tags"] = !relatedTags.isEmpty
        context["has_related_terms"] = !relatedCountries.isEmpty || !relatedTags.isEmpty
    }

    /// The countries bordering `country` that have pages, most covered first, as its page
    /// lists them (and its fingerprint hashes them).
    static func neighbours(of country: Country, in site: SiteModel) -> [Term] {
        let terms = country.borders.compactMap { code in site.countries.first { $0.code == code } }
        return mostUsed(terms, limit: terms.count)
    }

    private func termLink(_ term: Term, base: (String) -> String) -> [String: Any] {
        Self.link(to: term, url: url(base(term.slug)), gazetteer: gazetteer)
    }

    /// A term as chips and indexes show it: its name, its page and, for a country, its flag.
    private static func link(to term: Term, url: String, gazetteer: CountryGazetteer) -> [String: Any] {
        var view: [String: Any] = ["name": term.name, "url": url, "flag": false]
        if let code = term.code, let country = gazetteer.country(code: code) { view["flag"] = country.flag }
        return view
    }

    private func countryLink(_ term: Term) -> [String: Any] { termLink(term, base: site.config.countries.path) }

    private func monthLink(_ month: DateArchive.Month) -> [String: Any] {
        ["name": DateText.monthNames[month.month - 1], "url": url(site.config.archives.path(year: month.year, month: month.month)),
         "count": month.articleIDs.count]
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
