import Core

/// Builds the tag and country indices in one pass over the articles: each article adds its ID
/// to the terms it carries, so the cost grows with articles × terms per article, never with
/// articles × all terms.
public struct TaxonomyIndex: Sendable {
    public private(set) var tags: [Term] = []
    public private(set) var countries: [Term] = []
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
        for (id, article) in articles.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for list in [article.tags, article.automaticTags] {
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
            for code in article.countries {
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
        tags.sort { $0.slug < $1.slug }
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
