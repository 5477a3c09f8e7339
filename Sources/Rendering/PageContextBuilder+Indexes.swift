import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// The tag index and the country index.
extension PageContextBuilder {
    func tagIndex(_ page: PagePlan.Page) -> PageContext {
        var context = termIndex(site.tags, title: "Tags", path: page.path, base: site.config.tags.path)
        context["is_tags"] = true
        // Hundreds of tags are scanned by letter; the most used come first.
        if case .list(let terms) = context["terms"] { context["terms"] = .list(Array(terms.prefix(Self.mostUsedTagCount))) }
        // With few tags, the list by count is already all of them.
        let letters = site.tags.count > Self.mostUsedTagCount ? alphabeticalGroups(site.tags) : []
        context["letters"] = TemplateValue(letters)
        context["has_letters"] = TemplateValue(!letters.isEmpty)
        return context
    }

    func countryIndex(_ page: PagePlan.Page) -> PageContext {
        var context = termIndex(site.countries, title: "Countries", path: page.path, base: site.config.countries.path)
        context["is_countries"] = true
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
    }

    func termIndex(_ terms: [Term], title: String, path: String, base: (String) -> String) -> PageContext {
        var context = common(path: path, title: "\(title) — \(site.config.title)",
                             description: "\(terms.count) \(title.lowercased()) in \(site.config.title).")
        context["heading"] = TemplateValue(title)
        context["count_text"] = "\(terms.count) \(title.lowercased())"
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
    func alphabeticalGroups(_ terms: [Term]) -> [TemplateValue] {
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
    func regionGroups() -> [TemplateValue] {
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
}
