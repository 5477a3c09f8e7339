import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// The date archive: its index, a year, and a month by day.
extension PageContextBuilder {
    func archiveIndex(_ page: PagePlan.Page) -> PageContext {
        var context = common(path: page.path, title: "Archive — \(site.config.title)", description: "Every article by year and month.")
        context["heading"] = "Archive"
        context["count_text"] = TemplateValue(countText(site.articles.count))
        context["years"] = .list(site.publishedYears.map { year -> TemplateValue in
            ["year": .int(year.year), "url": .string(url(site.config.archives.path(year: year.year))), "count": .int(year.articleCount),
             "months": TemplateValue(year.months.map(monthLink))]
        })
        return context
    }

    func archiveYear(_ page: PagePlan.Page, year yearNumber: Int) -> PageContext {
        let year = site.publishedYears.first { $0.year == yearNumber }
        var context = common(path: page.path, title: "\(yearNumber) — \(site.config.title)", description: "Articles from \(yearNumber).")
        context["heading"] = TemplateValue(String(yearNumber))
        context["count_text"] = TemplateValue(countText(year?.articleCount ?? 0))
        context["is_year"] = true
        context["has_breadcrumbs"] = true
        context["breadcrumbs"] = [["name": "Archive", "url": .string(url(site.config.archives.indexPath))]]
        context["years"] = [["year": .int(yearNumber), "url": .string(url(page.path)), "count": .int(year?.articleCount ?? 0),
                             "months": TemplateValue((year?.months ?? []).map(monthLink))]]
        return context
    }

    func archiveMonth(_ page: PagePlan.Page, year: Int, month: Int, _ pagination: Pagination?) -> PageContext {
        let monthIDs = site.archive.articleIDs(year: year, month: month)
        let ids = pagination.map { Array($0.articleIDs) } ?? monthIDs
        let name = "\(DateText.monthNames[month - 1]) \(year)"
        let suffix = (pagination?.number ?? 1) > 1 ? " — page \(pagination!.number)" : ""
        var context = common(path: page.path, title: "\(name)\(suffix) — \(site.config.title)", description: "Articles from \(name).")
        context["heading"] = TemplateValue(name)
        context["kicker"] = "Archive"
        context["count_text"] = TemplateValue(countText(ids.count))
        if let pagination {
            addPage(pagination, to: &context)
            context["articles"] = []
            context["articles_html"] = ""
        }
        if site.config.archives.feed {
            let base = site.config.archives.path(year: year, month: month)
            context["feed_url"] = TemplateValue(url(Permalinks.feed(base)))
            context["atom_url"] = TemplateValue(url(Permalinks.atomFeed(base)))
            context["json_feed_url"] = TemplateValue(url(Permalinks.jsonFeed(base)))
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
        let days = dayIDs.map { label, ids -> PageContext in
            let summaries = ids.map(summary)
            var day: PageContext = ["label": .string(label), "anchor": "day-\(dates.dayOfMonth(site.articles[ids[0]].date))",
                                    "articles": TemplateValue(summaries)]
            if let html = Self.html(of: summaries) { day["articles_html"] = .string(html) }
            return day
        }
        context["days"] = TemplateValue(days)
        context["has_days"] = TemplateValue(!days.isEmpty)
        context["has_breadcrumbs"] = true
        context["breadcrumbs"] = [
            ["name": "Archive", "url": .string(url(site.config.archives.indexPath))],
            ["name": .string(String(year)), "url": .string(url(site.config.archives.path(year: year)))],
        ]
        return context
    }

    func monthLink(_ month: DateArchive.Month) -> PageContext {
        ["name": .string(DateText.monthNames[month.month - 1]), "url": .string(url(site.config.archives.path(year: month.year, month: month.month))),
         "count": .int(month.articleIDs.count)]
    }
}
