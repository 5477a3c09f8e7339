import Core

/// Builds the tag and country indices in one pass over the articles: each article adds its ID
/// to the terms it carries, so the cost grows with articles × terms per article, never with
/// articles × all terms.
public struct TaxonomyIndex: Sendable {
    public private(set) var tags: [Term] = []
    public private(set) var countries: [Term] = []
    /// Each article's tags as positions in `tags`, in the order the article gives them (its
    /// own, then its automatic ones), each once: the pass that counts the tags finds them.
    public private(set) var articleTags = IndexLists()
    private var tagBySlug: [String: Int] = [:]
    private var countryByCode: [String: Int] = [:]

    /// Indexes `articles`, whose positions are their IDs (the site's newest-first order).
    /// Their automatic tags are the ones the archive kept (see `AutomaticTagSelector`); aliases
    /// turn every tag into its canonical name.
    public init(articles: [ArticleMetadata], gazetteer: CountryGazetteer, aliases: TagAliases = TagAliases()) {
        // A few thousand tag names recur across the archive: canonical name and slug once each.
        var named: [String: (name: String, slug: String)] = [:]
        // An article has a handful of tags: the ones seen so far are checked in a short array.
        var seen: [Int] = []
        var lists = IndexLists()
        lists.reserveCapacity(articles.count)
        // By index, not by element: a copy of each article's metadata cost more than indexing it.
        for id in articles.indices {
            seen.removeAll(keepingCapacity: true)
            for list in [articles[id].tags, articles[id].automaticTags] {
                for tag in list {
                    let term: (name: String, slug: String)
                    if let known = named[tag] {
                        term = known
                    } else {
                        let name = aliases.canonical(tag)
                        term = (name, Slug.make(name))
                        named[tag] = term
                    }
                    addTag(term.name, slug: term.slug, id: id, seen: &seen)
                }
            }
            lists.append(seen)
            for code in articles[id].countries {
                guard let country = gazetteer.country(code: code) else { continue }
                let index: Int
                if let existing = countryByCode[country.code] {
                    index = existing
                } else {
                    index = countries.count
                    countryByCode[country.code] = index
                    countries.append(Term(name: country.name, slug: Slug.make(country.name), code: country.code))
                }
                if countries[index].articleIDs.last != id { countries[index].articleIDs.append(id) }
            }
        }
        let order = tags.indices.sorted { tags[$0].slug < tags[$1].slug }
        var position = [Int](repeating: 0, count: tags.count)
        for (sorted, index) in order.enumerated() { position[index] = sorted }
        tags = order.map { tags[$0] }
        articleTags = lists.mapped { position[$0] }
        countries.sort { $0.slug < $1.slug }
    }

    private mutating func addTag(_ name: String, slug: String, id: Int, seen: inout [Int]) {
        guard !slug.isEmpty else { return }
        let index: Int
        if let existing = tagBySlug[slug] {
            index = existing
        } else {
            index = tags.count
            tagBySlug[slug] = index
            tags.append(Term(name: name, slug: slug, articleIDs: []))
        }
        guard !seen.contains(index) else { return }
        seen.append(index)
        tags[index].articleIDs.append(id)
    }
}
