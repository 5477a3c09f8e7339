import Core
import Taxonomy

extension PagePlan {
    /// Plans again the pages and feeds of the terms at `tags` and `countries`, whose articles
    /// changed (`SiteModel.replaceTerms`), and the render order: what `init(site:)` plans for
    /// the edited model, without planning a large archive's every page again. False, with
    /// nothing changed, when a term's page count changed: the site has pages more or fewer.
    public mutating func replanTerms(of site: SiteModel, tags: [Int], countries: [Int]) -> Bool {
        let taxonomies: [(isTags: Bool, indices: Set<Int>, terms: [Term], settings: TaxonomySettings)] = [
            (true, Set(tags), site.tags, site.config.tags), (false, Set(countries), site.countries, site.config.countries),
        ]
        var pages = listPages
        var planned = feeds
        for (isTags, indices, terms, settings) in taxonomies where !indices.isEmpty {
            // Each term's pages are together, in page order, and so are its feeds.
            var positions: [Int: [Int]] = [:]
            for (position, page) in pages.enumerated() {
                switch (page.kind, isTags) {
                case (.tag(let term, _), true), (.country(let term, _), false):
                    if indices.contains(term) { positions[term, default: []].append(position) }
                default: continue
                }
            }
            for index in indices {
                let term = terms[index]
                let base = settings.path(for: term.slug)
                let paginations = Paginator.paginate(term.articleIDs, basePath: base, pageSize: settings.pageSize ?? site.config.itemsPerPage)
                guard let existing = positions[index], existing.count == paginations.count else { return false }
                for (position, pagination) in zip(existing, paginations) {
                    pages[position].kind = isTags ? .tag(term: index, pagination) : .country(term: index, pagination)
                }
                guard settings.feed else { continue }
                guard let feed = planned.firstIndex(where: { $0.pagePath == base }) else { return false }
                planned[feed].title = "\(term.name) — \(site.config.title)"
                planned[feed].articleIDs = term.articleIDs.prefix(site.config.feedItems)
            }
        }
        listPages = pages
        feeds = planned
        renderOrder = Self.renderOrder(articleCount: articleCount,
                                       listNewest: listPages.map { Self.newestArticle(on: $0, in: site) ?? 0 })
        return true
    }

    /// The first of this plan's list pages that is not the page `old` had in its place (nil
    /// when every one is): a sitemap's entries for list pages from there on moved.
    public func firstMovedListPage(since old: PagePlan) -> Int? {
        listPages.indices.first { $0 >= old.listPages.count || listPages[$0].file != old.listPages[$0].file }
            ?? (old.listPages.count > listPages.count ? listPages.count : nil)
    }
}
