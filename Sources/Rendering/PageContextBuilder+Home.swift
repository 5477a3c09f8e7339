import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// The front page and its pages, the about page and the not-found page.
extension PageContextBuilder {
    func home(_ page: PagePlan.Page, _ pagination: Pagination) -> PageContext {
        var context = common(path: page.path, title: pagination.number == 1 ? site.config.title : "\(site.config.title) — page \(pagination.number)",
                             description: site.config.description)
        context["heading"] = "Latest news"
        context["is_home"] = true
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
    }

    func about(_ page: PagePlan.Page) -> PageContext {
        var context = common(path: page.path, title: "About — \(site.config.title)", description: "About \(site.config.title).")
        context["heading"] = "About \(site.config.title)"
        context["count_text"] = TemplateValue(countText(site.articles.count))
        context["tag_count"] = TemplateValue(site.tags.count)
        context["country_count"] = TemplateValue(site.countries.count)
        if let newest = site.articles.first, let oldest = site.articles.last {
            context["first_date"] = TemplateValue(dates.long(oldest.date))
            context["last_date"] = TemplateValue(dates.long(newest.date))
        }
        return context
    }

    func notFound(_ page: PagePlan.Page) -> PageContext {
        var context = common(path: "404.html", title: "Page not found — \(site.config.title)", description: "Page not found.")
        context["heading"] = "Page not found"
        context["latest"] = TemplateValue(page.articlesShown(in: site).map(summary))
        return context
    }

    func addPage(_ pagination: Pagination, to context: inout PageContext) {
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
}
