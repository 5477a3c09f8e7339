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
    /// Automatic tags are kept only when at least `automaticTagMinimum` articles share them.
    public init(articles: [ArticleMetadata], gazetteer: CountryGazetteer, automaticTagMinimum: Int) {
        // Count automatic tags across the archive first: a name in one article is not a topic.
        var automaticCounts: [String: Int] = [:]
        for article in articles {
            for tag in Set(article.automaticTags.map { Slug.make($0) }) { automaticCounts[tag, default: 0] += 1 }
        }
        for (id, article) in articles.enumerated() {
            var seen: Set<String> = []
            for tag in article.tags {
                addTag(tag, id: id, seen: &seen)
            }
            for tag in article.automaticTags where automaticCounts[Slug.make(tag), default: 0] >= automaticTagMinimum {
                addTag(tag, id: id, seen: &seen)
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

    private mutating func addTag(_ name: String, id: Int, seen: inout Set<String>) {
        let slug = Slug.make(name)
        guard !slug.isEmpty, seen.insert(slug).inserted else { return }
        if let index = tagBySlug[slug] {
            tags[index].articleIDs.append(id)
        } else {
            tagBySlug[slug] = tags.count
            tags.append(Term(name: name, slug: slug, articleIDs: [id]))
        }
    }
}
