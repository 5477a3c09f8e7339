import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// A tag's or a country's pages, and the parts every page of a term shares.
extension PageContextBuilder {
    func tagPage(_ page: PagePlan.Page, index: Int, _ pagination: Pagination) -> PageContext {
        var context = termPage(site.tags[index], kind: "Tag", settings: site.config.tags, page: page, pagination: pagination)
        addTermFields(termKey(tag: index), to: &context)
        return context
    }

    func countryPage(_ page: PagePlan.Page, index: Int, _ pagination: Pagination) -> PageContext {
        var context = termPage(site.countries[index], kind: "Country", settings: site.config.countries, page: page, pagination: pagination)
        addTermFields(termKey(country: index), to: &context)
        return context
    }

    func termPage(_ term: Term, kind: String, settings: TaxonomySettings, page: PagePlan.Page, pagination: Pagination) -> PageContext {
        let base = settings.path(for: term.slug)
        let suffix = pagination.number > 1 ? " — page \(pagination.number)" : ""
        var context = common(path: page.path, title: "\(term.name)\(suffix) — \(site.config.title)",
                             description: "\(countText(term.articleIDs.count)) about \(term.name).")
        // Without feeds for the taxonomy, the page links the site's feeds.
        if settings.feed {
            context["feed_url"] = TemplateValue(url(Permalinks.feed(base)))
            context["atom_url"] = TemplateValue(url(Permalinks.atomFeed(base)))
            context["json_feed_url"] = TemplateValue(url(Permalinks.jsonFeed(base)))
            context["feed_title"] = "\(term.name) — \(site.config.title)"
        }
        context["has_term_feed"] = TemplateValue(settings.feed)
        // IDs follow the site's newest-first order: the first is the latest article.
        if let newest = term.articleIDs.first, let oldest = term.articleIDs.last {
            let first = dates.long(site.articles[oldest].date), last = dates.long(site.articles[newest].date)
            context["date_range"] = TemplateValue(first == last ? "on \(first)" : "from \(first) to \(last)")
        }
        context["has_breadcrumbs"] = true
        context["breadcrumbs"] = [["name": kind == "Tag" ? "Tags" : "Countries", "url": .string(url(settings.indexPath))]]
        addPage(pagination, to: &context)
        return context
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
    func addTermFields(_ key: Int, to context: inout PageContext, withBox: Bool = true) {
        if key < site.tags.count {
            context["heading"] = TemplateValue(site.tags[key].name)
            context["kicker"] = "Tag"
            addRelated(countries: site.relations.countriesOfTag[key], tags: site.relations.tagsOfTag[key], to: &context)
        } else {
            let index = key - site.tags.count, term = site.countries[index]
            context["heading"] = TemplateValue(term.name)
            context["kicker"] = "Country"
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

    /// Related terms on a term page: the countries and tags its articles carry most.
    func addRelated(countries: [Int], tags: [Int], to context: inout PageContext) {
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
}
