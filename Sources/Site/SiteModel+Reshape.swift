import Core
import Taxonomy

extension SiteModel {
    /// The terms one article's edit brings or takes away: tags and countries no other article
    /// has, which get a page, and terms it leaves with fewer articles than their pages need,
    /// which lose theirs.
    struct TermsReshaping: Equatable {
        /// New terms, with no articles yet (the edit files the article under them).
        var newTags: [Term] = []
        var newCountries: [Term] = []
        /// Positions in `tags` and `countries` of the terms that go.
        var goneTags: Set<Int> = []
        var goneCountries: Set<Int> = []

        var isEmpty: Bool { newTags.isEmpty && newCountries.isEmpty && goneTags.isEmpty && goneCountries.isEmpty }
    }

    /// What article `id` becoming `edited` does to the set of terms; nil when the model cannot
    /// tell without indexing the archive again: a new term where a taxonomy's pages need more
    /// than one article (others may have its name below the minimum), or a country code
    /// written otherwise than the gazetteer writes it.
    func termsReshaping(of id: Int, with edited: ArticleMetadata, gazetteer: CountryGazetteer, aliases: TagAliases) -> TermsReshaping? {
        var reshaping = TermsReshaping()
        var wantedTags: Set<String> = []
        for name in edited.tags + edited.automaticTags {
            let canonical = aliases.canonical(name)
            let slug = Slug.make(canonical)
            guard !slug.isEmpty, wantedTags.insert(slug).inserted, Self.position(of: slug, in: tags) == nil else { continue }
            guard config.tags.minimumArticles <= 1 else { return nil }
            // Named as the article first writes it, as the index names a tag by its newest article.
            reshaping.newTags.append(Term(name: canonical, slug: slug))
        }
        var wantedCountries: Set<String> = []
        for code in edited.countries {
            guard let country = gazetteer.country(code: code) else { continue }
            guard country.code == code else { return nil }
            guard wantedCountries.insert(code).inserted, !countries.contains(where: { $0.code == code }) else { continue }
            guard config.countries.minimumArticles <= 1 else { return nil }
            reshaping.newCountries.append(Term(name: country.name, slug: Slug.make(country.name), code: country.code))
        }
        for index in articleTags[id] where !wantedTags.contains(tags[index].slug) {
            if tags[index].articleIDs.count - 1 < config.tags.minimumArticles { reshaping.goneTags.insert(index) }
        }
        for index in articleCountries[id] where !wantedCountries.contains(countries[index].code ?? "") {
            if countries[index].articleIDs.count - 1 < config.countries.minimumArticles { reshaping.goneCountries.insert(index) }
        }
        return reshaping
    }

    /// Takes the terms that go out and puts the new ones in, each in its place by slug, and
    /// renumbers every article's terms; the articles that were filed under a term that went.
    mutating func reshapeTerms(_ reshaping: TermsReshaping) -> [Int] {
        var unlinked: [Int] = []
        for index in reshaping.goneTags { unlinked += tags[index].articleIDs }
        for index in reshaping.goneCountries { unlinked += countries[index].articleIDs }
        articleTags = Self.reshape(&tags, lists: articleTags, removing: reshaping.goneTags, adding: reshaping.newTags)
        articleCountries = Self.reshape(&countries, lists: articleCountries, removing: reshaping.goneCountries,
                                        adding: reshaping.newCountries)
        return Set(unlinked).sorted()
    }

    /// `terms` without those at `removing` and with `adding`, sorted by slug as the index sorts
    /// them, and `lists` of positions in `terms` renumbered to match (a removed term dropped).
    private static func reshape(_ terms: inout [Term], lists: IndexLists, removing: Set<Int>, adding: [Term]) -> IndexLists {
        guard !removing.isEmpty || !adding.isEmpty else { return lists }
        var reshaped: [Term] = []
        reshaped.reserveCapacity(terms.count + adding.count)
        var newPosition = [Int?](repeating: nil, count: terms.count)
        var added = adding.sorted { $0.slug < $1.slug }[...]
        for (index, term) in terms.enumerated() where !removing.contains(index) {
            while let next = added.first, next.slug < term.slug {
                reshaped.append(next)
                added = added.dropFirst()
            }
            newPosition[index] = reshaped.count
            reshaped.append(term)
        }
        reshaped += added
        terms = reshaped
        return lists.mapped { newPosition[$0] }
    }
}
