import Core
import Foundation
import Taxonomy

extension SiteModel {
    /// What giving one article new tags, countries or date changed in the model besides the
    /// article: the terms that gained or lost it, those whose name is now another article's
    /// spelling, and whether its date moved (within its place and month).
    public struct TermEdit: Sendable, Equatable {
        /// Indices into `tags` and `countries` of the terms the article joined or left.
        public var tags: [Int] = []
        public var countries: [Int] = []
        /// Indices into `tags` of terms shown under a new name (its first article spells it otherwise).
        public var renamedTags: [Int] = []

        /// Whether a term appeared or went (`reshapeTerms`): every later term's position moved,
        /// and the site has pages and feeds more or fewer.
        public var termsChanged = false
        /// The other articles of the terms that went: they lost a link and a term in common.
        public var unlinked: [Int] = []

        /// Whether the article's date or time changed.
        public var dateChanged = false
        /// Where the new date moved the article (`moveArticle`); nil when it kept its place and month.
        public var move: Move?

        public var isEmpty: Bool { tags.isEmpty && countries.isEmpty && !termsChanged }
        /// Whether anything besides the article itself changed for pages to show.
        public var changesListsOrTerms: Bool { !isEmpty || !renamedTags.isEmpty || dateChanged }

        /// This edit as the model numbers articles after a later edit's `move`.
        public func renumbered(by move: Move) -> TermEdit {
            var edit = self
            edit.unlinked = unlinked.map(move.newID)
            return edit
        }

        /// This edit's terms by their positions in `site` after a later edit made terms come or
        /// go (`reshapeTerms`); `tagSlugs` and `countrySlugs` are the slugs by position before it.
        /// A term that went is left out: the edit that took it names its articles (`unlinked`).
        public func reindexed(tagSlugs: [String], countrySlugs: [String], in site: SiteModel) -> TermEdit {
            func tag(_ index: Int) -> Int? { SiteModel.position(of: tagSlugs[index], in: site.tags) }
            func country(_ index: Int) -> Int? { site.countries.firstIndex { $0.slug == countrySlugs[index] } }
            var edit = self
            edit.tags = tags.compactMap(tag)
            edit.renamedTags = renamedTags.compactMap(tag)
            edit.countries = countries.compactMap(country)
            return edit
        }
    }

    /// Whether `first` comes before `second` in the site's order: newest first, ties by source path.
    static func precedes(_ first: ArticleMetadata, _ second: ArticleMetadata) -> Bool {
        first.date != second.date ? first.date > second.date : first.sourcePathPrecedes(second)
    }

    /// Gives one article everything `edited` has, tags and countries included, updating the
    /// lists of the terms it joins or leaves and how terms go together, without indexing the
    /// archive again: the model afterwards is the one `init(config:articles:gazetteer:)` makes
    /// of the edited articles. Nil, with nothing changed, when the edit would change more than
    /// those lists:
    /// - its file or format, or a date that moves it among the others or out of its month;
    /// - a term that appears where a taxonomy's pages need more than one article (a term that
    ///   appears with one, or goes, is taken: see `reshapeTerms`);
    /// - the tags the whole archive declares, where that may change which automatic tags other
    ///   articles keep (`AutomaticTagSelector.declaredTagsAgree`; only an archive with text
    ///   articles has automatic tags), or its own automatic tags;
    /// - which article gets which URL (as `replaceShownFields` refuses).
    /// In place, like `replaceShownFields`.
    public mutating func replaceTerms(of id: Int, with edited: ArticleMetadata, gazetteer: CountryGazetteer) -> TermEdit? {
        replaceTerms(of: id, with: edited, gazetteer: gazetteer, replaying: false)
    }

    /// `replaying`: the edit was taken before, by a model that was this one (see
    /// `replayArticles`): the archive's declared tags agreed then, and relations are counted
    /// once after the last.
    private mutating func replaceTerms(of id: Int, with edited: ArticleMetadata, gazetteer: CountryGazetteer, replaying: Bool) -> TermEdit? {
        let article = articles[id]
        guard let month = editedMonth(of: id, for: edited) else { return nil }
        // A new date or time is taken where the article keeps its place among the others (its
        // ID) and its month: then no list changes order and no month its articles.
        let dateChanged = edited.date != article.date || edited.hasTime != article.hasTime
        if edited.date != article.date {
            let dates = DateText(timeZone: config.timeZone)
            let (before, after) = (dates.yearAndMonth(article.date), dates.yearAndMonth(edited.date))
            guard after.year == before.year, after.month == before.month,
                  id == 0 || Self.precedes(articles[id - 1], edited), id + 1 == articles.count || Self.precedes(edited, articles[id + 1])
            else { return nil }
        }
        let aliases = TagAliases(config.tagAliases)
        // Declared tags decide automatic ones only where articles have candidates: text articles.
        // (Each article's format read in place: a closure over the articles copied every one,
        // a tenth of a tag edit's time at 100,000.)
        if edited.tags != article.tags, !replaying, articles.indices.contains(where: { articles[$0].format == .text }) {
            guard AutomaticTagSelector.declaredTagsAgree(before: article.tags, after: edited.tags, articles: articles, edited: id,
                                                         candidates: carriers(of: Set(article.tags).symmetricDifference(edited.tags), aliases: aliases),
                                                         aliases: aliases) else { return nil }
        }
        guard keptCountryIndices(article.countries, gazetteer: gazetteer) != nil,
              let reshaping = termsReshaping(of: id, with: edited, gazetteer: gazetteer, aliases: aliases) else { return nil }
        var edit = TermEdit()
        if !reshaping.isEmpty {
            edit.termsChanged = true
            edit.unlinked = reshapeTerms(reshaping).filter { $0 != id }
        }
        // Every term the article keeps or joins has a page now.
        guard let newTags = keptTagIndices(edited.tags + edited.automaticTags, aliases: aliases),
              let newCountries = keptCountryIndices(edited.countries, gazetteer: gazetteer) else { return nil }
        // The terms it had, but those that went.
        let oldTags = articleTags[id], oldCountries = articleCountries[id]
        edit.dateChanged = dateChanged
        edit.tags = Set(oldTags).symmetricDifference(newTags).sorted()
        edit.countries = Set(oldCountries).symmetricDifference(newCountries.members).sorted()

        articles[id] = edited
        articleMonths[id] = month
        for index in edit.tags {
            Self.toggle(id, in: &tags[index].articleIDs, member: newTags.contains(index))
        }
        // A tag is shown as its newest article spells it: this one's, or the next one's when it left.
        edit.renamedTags = respell(Set(oldTags).union(newTags).sorted(), aliases: aliases)
        for index in edit.countries {
            Self.toggle(id, in: &countries[index].articleIDs, member: newCountries.members.contains(index))
        }
        articleTags = articleTags.replacing(id, with: newTags)
        articleCountries = articleCountries.replacing(id, with: newCountries.order)
        if !edit.isEmpty, !replaying { recountRelations() }
        return edit
    }

    /// How terms go together, counted again from every article's terms.
    private mutating func recountRelations() {
        relations = TermRelations(tags: articleTags, countries: articleCountries, tagCount: tags.count, countryCount: countries.count)
    }

    /// Gives one article what `edited` has: through `replaceShownFields` when its date, tags and
    /// countries are as they were, through `replaceTerms` when it keeps its place, through
    /// `moveArticle` when only its date and what pages show changed, otherwise through both
    /// (new terms at the old date, then the move). Nil when the model refuses.
    public mutating func replaceArticle(of id: Int, with edited: ArticleMetadata, gazetteer: CountryGazetteer) -> TermEdit? {
        replaceArticle(of: id, with: edited, gazetteer: gazetteer, replaying: false)
    }

    private mutating func replaceArticle(of id: Int, with edited: ArticleMetadata, gazetteer: CountryGazetteer,
                                         replaying: Bool) -> TermEdit? {
        if replaceShownFields(of: id, with: edited) { return TermEdit() }
        if let edit = replaceTerms(of: id, with: edited, gazetteer: gazetteer, replaying: replaying) { return edit }
        if let moved = moveArticle(of: id, with: edited, findingMonths: !replaying) { return moved.edit }
        // New terms and a date that moves the article: the terms at the old date first. The
        // move then takes the article, its URL checked first (the one place it could refuse).
        let article = articles[id]
        guard edited.tags != article.tags || edited.countries != article.countries, editedMonth(of: id, for: edited) != nil else { return nil }
        var atOldDate = edited
        atOldDate.date = article.date
        atOldDate.hasTime = article.hasTime
        guard var edit = replaceTerms(of: id, with: atOldDate, gazetteer: gazetteer, replaying: replaying),
              let (move, moved) = moveArticle(of: id, with: edited, findingMonths: !replaying) else { return nil }
        edit.move = move
        edit.dateChanged = true
        edit.unlinked = edit.unlinked.map(move.newID).sorted()
        edit.renamedTags = Array(Set(edit.renamedTags).union(moved.renamedTags)).sorted()
        return edit
    }

    /// Takes again edits this model took before (`replaceArticle`), in their order, as a
    /// restored model does with those made since it was saved: a thousand edits to tags cost
    /// one count of relations, not a thousand. Gives how many of them moved their article
    /// (the costly ones to take again: each renumbers the lists it passes); nil when one is
    /// refused, which only a model other than the one that took them does.
    public mutating func replayArticles(_ edits: [(id: Int, article: ArticleMetadata)], gazetteer: CountryGazetteer) -> Int? {
        var termsChanged = false, moves = 0
        for (id, article) in edits {
            guard let edit = replaceArticle(of: id, with: article, gazetteer: gazetteer, replaying: true) else { return nil }
            termsChanged = termsChanged || !edit.isEmpty
            if edit.move != nil { moves += 1 }
        }
        if termsChanged { recountRelations() }
        // Each move's months were left to find once, here.
        if moves > 0 { findMonths() }
        return moves
    }

    /// The positions in `tags` of an article's tags, each once, in the order it gives them (as
    /// `TaxonomyIndex` finds them); nil when one has no page.
    private func keptTagIndices(_ names: [String], aliases: TagAliases) -> [Int]? {
        var indices: [Int] = []
        for name in names {
            let slug = Slug.make(aliases.canonical(name))
            guard !slug.isEmpty else { continue }
            guard let index = Self.position(of: slug, in: tags) else { return nil }
            if !indices.contains(index) { indices.append(index) }
        }
        return indices
    }

    /// The countries an article is filed under (each country whose code the gazetteer knows)
    /// and, in its order, those its pages list; nil when one of them has no page.
    private func keptCountryIndices(_ codes: [String], gazetteer: CountryGazetteer) -> (members: Set<Int>, order: [Int])? {
        var members: Set<Int> = [], order: [Int] = []
        for code in codes {
            guard let country = gazetteer.country(code: code) else { continue }
            // The page lists an article's countries by the code it gives, the index files them
            // by the gazetteer's: a code written otherwise is left to the full index.
            guard country.code == code, let index = countries.firstIndex(where: { $0.code == code }) else { return nil }
            members.insert(index)
            order.append(index)
        }
        return (members, order)
    }

    /// The articles that can carry `names`, declared or chosen: those filed under the tags of
    /// their slugs (one fold of case and spacing is one slug). Nil, for every article, when one
    /// has no page here.
    private func carriers(of names: Set<String>, aliases: TagAliases) -> [Int]? {
        var ids: Set<Int> = []
        for name in names {
            let slug = Slug.make(aliases.canonical(name))
            guard !slug.isEmpty, let index = Self.position(of: slug, in: tags) else { return nil }
            ids.formUnion(tags[index].articleIDs)
        }
        return ids.sorted()
    }

    /// Gives each tag at `indices` its newest article's spelling; the indices of those renamed.
    mutating func respell(_ indices: [Int], aliases: TagAliases) -> [Int] {
        var renamed: [Int] = []
        for index in indices {
            if let first = tags[index].articleIDs.first, let name = spelling(of: tags[index].slug, in: first, aliases: aliases),
               name != tags[index].name {
                tags[index].name = name
                renamed.append(index)
            }
        }
        return renamed
    }

    /// How article `id` spells the tag whose page is `slug`: its first tag of that slug, its
    /// own before its automatic ones.
    private func spelling(of slug: String, in id: Int, aliases: TagAliases) -> String? {
        for name in articles[id].tags + articles[id].automaticTags {
            let canonical = aliases.canonical(name)
            if Slug.make(canonical) == slug { return canonical }
        }
        return nil
    }

    /// Where a term of `slug` is among terms sorted by slug.
    static func position(of slug: String, in terms: [Term]) -> Int? {
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].slug < slug { low = middle + 1 } else { high = middle }
        }
        return low < terms.count && terms[low].slug == slug ? low : nil
    }

    /// Puts `id` in or out of a term's sorted list.
    private static func toggle(_ id: Int, in ids: inout [Int], member: Bool) {
        let position = RelatedArticles.lowerBound(ids, id)
        let present = position < ids.count && ids[position] == id
        if member, !present { ids.insert(id, at: position) }
        if !member, present { ids.remove(at: position) }
    }
}
