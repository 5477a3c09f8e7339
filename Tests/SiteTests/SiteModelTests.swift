import Core
import Foundation
import Testing
@testable import Site
@testable import Core
import Taxonomy

extension SiteModel {
    /// Every article's page path, by ID.
    var allArticlePaths: [String] { articles.indices.map(articlePath) }
}

func makeArticle(_ path: String, day: Int, month: Int = 1, year: Int = 2025, title: String? = nil,
                 tags: [String] = [], countries: [String] = []) -> ArticleMetadata {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let title = title ?? "Story \(path)"
    return ArticleMetadata(sourcePath: path, format: .markdown, title: title,
                           date: calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!,
                           countries: countries, tags: tags, slug: Slug.make(title))
}

@Suite("Site model and page plan")
struct SiteModelTests {
    @Test("a model restored from its parts is the model, and parts that do not fit together are refused")
    func restoredFromParts() throws {
        let config = SiteConfig()
        let site = SiteModel(config: config, articles: [
            makeArticle("a", day: 1, tags: ["Trade", "Budget"], countries: ["PK", "IN"]),
            makeArticle("b", day: 3, title: "Same", tags: ["Trade"], countries: ["IN"]),
            makeArticle("c", day: 2, title: "Same", tags: ["Floods"], countries: ["PK", "AF"]),
        ], gazetteer: .standard)
        #expect(!site.contestedPaths.isEmpty)
        let restored = try #require(SiteModel(config: config, restoring: site.parts))
        #expect(restored.articles == site.articles && restored.allArticlePaths == site.allArticlePaths)
        #expect(restored.tags == site.tags && restored.countries == site.countries && restored.archive == site.archive)
        #expect(restored.contestedPaths == site.contestedPaths && restored.warnings.map(\.description) == site.warnings.map(\.description))
        #expect(restored.publishedYears == site.publishedYears)
        for id in site.articles.indices {
            #expect(restored.tagIndices(of: id) == site.tagIndices(of: id) && restored.countryIndices(of: id) == site.countryIndices(of: id))
        }
        #expect(restored.relations.tagsOfTag == site.relations.tagsOfTag && restored.relations.countriesOfTag == site.relations.countriesOfTag)

        var unordered = site.parts
        unordered.articles.reverse()
        #expect(SiteModel(config: config, restoring: unordered) == nil)
        var badTerm = site.parts
        badTerm.tags[0].articleIDs.append(7)
        #expect(SiteModel(config: config, restoring: badTerm) == nil)
        var badRelation = site.parts
        badRelation.relations = TermRelations(tagsOfCountry: site.relations.tagsOfCountry.map { $0 + [site.tags.count] },
                                              countriesOfCountry: site.relations.countriesOfCountry,
                                              countriesOfTag: site.relations.countriesOfTag, tagsOfTag: site.relations.tagsOfTag)
        #expect(SiteModel(config: config, restoring: badRelation) == nil)
        var shortPaths = site.parts
        shortPaths.articleMonths.removeLast()
        #expect(SiteModel(config: config, restoring: shortPaths) == nil)
    }

    let config = SiteConfig(baseURL: "https://news.example.org/")

    @Test("articles are ordered newest first and filed by month")
    func ordering() {
        let site = SiteModel(config: config, articles: [makeArticle("a", day: 1), makeArticle("b", day: 3), makeArticle("c", day: 2, month: 2)], gazetteer: .standard)
        #expect(site.articles.map(\.sourcePath) == ["c", "b", "a"])
        #expect(site.allArticlePaths == ["articles/2025/02/story-c/", "articles/2025/01/story-b/", "articles/2025/01/story-a/"])
    }

    @Test("two articles wanting one URL both keep a page, with a warning")
    func collisions() {
        let site = SiteModel(config: config, articles: [
            makeArticle("z.md", day: 5, title: "Same headline"),
            makeArticle("a.md", day: 4, title: "Same headline"),
        ], gazetteer: .standard)
        #expect(Set(site.allArticlePaths) == ["articles/2025/01/same-headline/", "articles/2025/01/same-headline-2/"])
        // The first by source path keeps the plain slug, whatever the dates.
        let aIndex = site.articles.firstIndex { $0.sourcePath == "a.md" }!
        #expect(site.articlePath(aIndex) == "articles/2025/01/same-headline/")
        #expect(site.warnings.count == 1)
        #expect(site.warnings[0].file == "z.md")
    }

    @Test("an edit to what pages show of an article changes it in place; one that would change an index or another article's URL is refused")
    func shownFields() {
        var site = SiteModel(config: config, articles: [
            makeArticle("a.md", day: 1, title: "Rain"), makeArticle("b.md", day: 2, title: "Sun", tags: ["Weather"]),
            makeArticle("c.md", day: 3, title: "Fog"), makeArticle("d.md", day: 4, title: "Fog"),
            makeArticle("e.md", day: 5, month: 12, year: 1999, title: "Snow"),
        ], gazetteer: .standard)
        let rain = site.articles.firstIndex { $0.sourcePath == "a.md" }!
        let snow = site.articles.firstIndex { $0.sourcePath == "e.md" }!
        #expect(site.articlePath(snow) == "articles/1999/12/snow/")
        func edited(_ id: Int, title: String, change: (inout ArticleMetadata) -> Void = { _ in }) -> ArticleMetadata {
            var article = site.articles[id]
            article.title = title
            article.slug = Slug.make(title)
            change(&article)
            return article
        }
        func replace(_ id: Int, with article: ArticleMetadata) -> Bool { site.replaceShownFields(of: id, with: article) }
        #expect(replace(rain, with: edited(rain, title: "Heavy rain") { $0.dek = "All day." }))
        #expect(site.articles[rain].dek == "All day.")
        #expect(site.articlePath(rain) == "articles/2025/01/heavy-rain/")
        // Another article's URL, a date, a tag, a country: refused, the model as it was.
        let sun = site.articles.firstIndex { $0.sourcePath == "b.md" }!
        #expect(!replace(rain, with: edited(rain, title: "Sun")))
        #expect(!replace(sun, with: edited(sun, title: "Sun") { $0.date += 3600 }))
        #expect(!replace(sun, with: edited(sun, title: "Sun") { $0.tags = [] }))
        #expect(!replace(sun, with: edited(sun, title: "Sun") { $0.countries = ["FR"] }))
        #expect(site.articlePath(rain) == "articles/2025/01/heavy-rain/" && site.articles[sun].tags == ["Weather"])
        // Another article's slug in another month is another URL: taken.
        #expect(replace(rain, with: edited(rain, title: "Snow")))
        #expect(site.articlePath(rain) == "articles/2025/01/snow/" && site.articlePath(snow) == "articles/1999/12/snow/")
        // "Fog" was wanted twice: a new headline for either would move the other's URL in a full build.
        for path in ["c.md", "d.md"] {
            let fog = site.articles.firstIndex { $0.sourcePath == path }!
            #expect(!replace(fog, with: edited(fog, title: "Mist")))
        }
    }

    @Test("new tags and countries for an article, terms that come or go included, give the model and plan a fresh index would")
    func replacedTerms() throws {
        var config = SiteConfig()
        config.tagAliases = ["Islamic State": ["ISIS"]]
        let articles = [
            makeArticle("a.md", day: 1, tags: ["Trade", "Budget"], countries: ["PK", "IN"]),
            makeArticle("b.md", day: 2, tags: ["trade"], countries: ["IN"]),
            makeArticle("c.md", day: 3, tags: ["Floods", "Budget"], countries: ["PK", "AF"]),
            makeArticle("d.md", day: 4, tags: ["Islamic State", "Floods"], countries: ["AF"]),
            makeArticle("e.md", day: 5, tags: ["Budget"], countries: ["PK"]),
            makeArticle("f.md", day: 6, tags: ["Budget"], countries: ["NP"]),
        ]
        var site = SiteModel(config: config, articles: articles, gazetteer: .standard)
        func id(_ path: String) -> Int { site.articles.firstIndex { $0.sourcePath == path }! }
        /// The model a fresh index of the edited articles gives, against the edited one.
        var plan = PagePlan(site: site)
        func expectFresh(_ comment: Comment, _ edit: SiteModel.TermEdit) {
            let fresh = SiteModel(config: config, articles: site.articles, gazetteer: .standard)
            // The plan, with the edited terms planned again (made anew when terms came or went:
            // the builder does), is the fresh model's.
            if edit.termsChanged {
                plan = PagePlan(site: site)
            } else {
                let replanned = plan.replanTerms(of: site, tags: edit.tags + edit.renamedTags, countries: edit.countries)
                #expect(replanned, comment)
            }
            let freshPlan = PagePlan(site: fresh)
            #expect(plan.listPages == freshPlan.listPages && plan.feeds == freshPlan.feeds && plan.renderOrder == freshPlan.renderOrder, comment)
            #expect(site.tags == fresh.tags && site.countries == fresh.countries, comment)
            for id in fresh.articles.indices {
                #expect(site.tagIndices(of: id) == fresh.tagIndices(of: id) && site.countryIndices(of: id) == fresh.countryIndices(of: id), comment)
            }
            let relations = [\TermRelations.tagsOfTag, \.countriesOfTag, \.tagsOfCountry, \.countriesOfCountry]
            #expect(relations.allSatisfy { site.relations[keyPath: $0] == fresh.relations[keyPath: $0] }, comment)
        }
        func edited(_ path: String, _ change: (inout ArticleMetadata) -> Void) -> ArticleMetadata {
            var article = site.articles[id(path)]
            change(&article)
            return article
        }
        func replace(_ path: String, _ change: (inout ArticleMetadata) -> Void) -> SiteModel.TermEdit? {
            let article = edited(path, change)
            return site.replaceTerms(of: id(path), with: article, gazetteer: .standard)
        }

        // A tag another article has, by an alias: the term gains the article, relations follow.
        let joined = try #require(replace("e.md") { $0.tags = ["Budget", "ISIS"] })
        #expect(joined.tags.count == 1 && joined.countries.isEmpty)
        expectFresh("tag joined", joined)
        // A country swapped for another with a page.
        let swapped = try #require(replace("c.md") { $0.countries = ["IN", "AF"] })
        #expect(swapped.countries.count == 2)
        expectFresh("country swapped", swapped)
        // The newest article spelling a tag leaves it: the tag takes the next one's spelling.
        let trade = try #require(site.tags.firstIndex { $0.slug == "trade" })
        #expect(site.tags[trade].name == "trade")
        let left = try #require(replace("b.md") { $0.tags = ["Budget"] })
        #expect(left.renamedTags == [trade] && site.tags[trade].name == "Trade")
        expectFresh("spelling moved", left)
        // An hour later keeps the article's place and month: taken.
        let later = try #require(replace("a.md") { $0.date += 3_600 })
        #expect(later.dateChanged && later.isEmpty)
        expectFresh("an hour later", later)

        // Terms that come and go: a tag and a country no other article has (between others by
        // slug, so every later term's position moves), and a tag and a country left with none.
        let ports = try #require(replace("a.md") { $0.tags.append("Ports") })
        #expect(ports.termsChanged && site.tags.map(\.slug) == ["budget", "floods", "islamic-state", "ports", "trade"])
        expectFresh("a new tag", ports)
        let france = try #require(replace("a.md") { $0.countries.insert("FR", at: 0) })
        #expect(france.termsChanged && site.countries.map(\.code) == ["AF", "FR", "IN", "NP", "PK"])
        expectFresh("a new country", france)
        let kept = try #require(replace("d.md") { $0.tags = ["Floods"] })
        #expect(!kept.termsChanged && site.tags.contains { $0.slug == "islamic-state" })
        expectFresh("a tag another article keeps", kept)
        let gone = try #require(replace("e.md") { $0.tags = ["Budget"] })
        #expect(gone.termsChanged && gone.unlinked.isEmpty && !site.tags.contains { $0.slug == "islamic-state" })
        expectFresh("a tag with no article left", gone)
        let nepal = try #require(replace("f.md") { $0.countries = ["PK"] })
        #expect(nepal.termsChanged && !site.countries.contains { $0.code == "NP" })
        expectFresh("a country with no article left", nepal)
        // Both at once, replayed by a model restored from before them as a saved build does.
        let restored = site.parts
        let swap = try #require(replace("a.md") { $0.tags = ["Trade", "Budget", "Harbours"]; $0.countries = ["PK", "IN"] })
        #expect(swap.termsChanged)
        expectFresh("a tag for another, a country gone", swap)
        var replayed = try #require(SiteModel(config: config, restoring: restored))
        let replays = replayed.replayArticles([(id("a.md"), site.articles[id("a.md")])], gazetteer: .standard)
        #expect(replays == 0, "no article moved")
        #expect(replayed.tags == site.tags && replayed.countries == site.countries && replayed.parts.articleTags == site.parts.articleTags)

        // Refused, the model as it was: a date that moves the article (`moveArticle` takes it),
        // a country code written otherwise than the gazetteer writes it.
        let before = site.parts
        // A day later ties with the next article and passes it (by path): refused.
        #expect(replace("a.md") { $0.date += 86_400 } == nil)
        #expect(replace("a.md") { $0.countries.append("fr") } == nil)
        #expect(site.parts.articles == before.articles && site.parts.tags == before.tags && site.parts.articleTags == before.articleTags)
    }

    @Test("with text articles, whose candidates a declared tag can turn into automatic tags, a tag no article declares is left to a full index")
    func newTagWithTextArticles() throws {
        var text = makeArticle("c.txt", day: 3, tags: [], countries: ["PK"])
        text.format = .text
        text.automaticTags = ["Budget"]
        let articles = [makeArticle("a.md", day: 1, tags: ["Budget"], countries: ["PK"]), makeArticle("b.md", day: 2, tags: ["Trade"]), text]
        var site = SiteModel(config: SiteConfig(), articles: articles, gazetteer: .standard)
        var edited = site.articles[0]
        edited.tags.append("Ports")
        #expect(site.replaceTerms(of: 0, with: edited, gazetteer: .standard) == nil)
        // A tag another article declares is taken, as before.
        edited.tags = ["Budget", "Trade"]
        #expect(site.replaceTerms(of: 0, with: edited, gazetteer: .standard)?.termsChanged == false)
    }

    @Test("where a term's page needs two articles, one left alone loses it and its link; a new term is left to a full index")
    func termBelowMinimum() throws {
        var config = SiteConfig()
        config.tags.minimumArticles = 2
        let articles = [
            makeArticle("a.md", day: 1, tags: ["Trade", "Budget"], countries: ["PK"]),
            makeArticle("b.md", day: 2, tags: ["Trade"], countries: ["IN"]),
            makeArticle("c.md", day: 3, tags: ["Budget", "Floods"], countries: ["PK"]),
            makeArticle("d.md", day: 4, tags: ["Floods"], countries: ["IN"]),
        ]
        var site = SiteModel(config: config, articles: articles, gazetteer: .standard)
        func id(_ path: String) -> Int { site.articles.firstIndex { $0.sourcePath == path }! }
        func replace(_ path: String, _ change: (inout ArticleMetadata) -> Void) -> SiteModel.TermEdit? {
            var article = site.articles[id(path)]
            change(&article)
            return site.replaceTerms(of: id(path), with: article, gazetteer: .standard)
        }
        let before = site.parts
        #expect(replace("a.md") { $0.tags.append("Ports") } == nil)
        #expect(site.parts.tags == before.tags && site.parts.articleTags == before.articleTags)
        // `b.md` leaves Trade: `a.md` keeps the name but loses the page and the link.
        let left = try #require(replace("b.md") { $0.tags = [] })
        #expect(left.termsChanged && left.unlinked == [id("a.md")])
        let fresh = SiteModel(config: config, articles: site.articles, gazetteer: .standard)
        #expect(site.tags == fresh.tags && site.tags.map(\.slug) == ["budget", "floods"])
        for id in fresh.articles.indices { #expect(site.tagIndices(of: id) == fresh.tagIndices(of: id)) }
        #expect(site.relations.tagsOfTag == fresh.relations.tagsOfTag && site.relations.tagsOfCountry == fresh.relations.tagsOfCountry)
    }

    @Test("a date that moves an article among the others, or to another month, gives the model a fresh index would")
    func movedArticle() throws {
        let articles = [
            makeArticle("a.md", day: 1, tags: ["Trade", "Budget"], countries: ["PK", "IN"]),
            makeArticle("b.md", day: 2, tags: ["trade"], countries: ["IN"]),
            makeArticle("c.md", day: 3, tags: ["Floods", "Budget"], countries: ["PK", "AF"]),
            makeArticle("d.md", day: 4, tags: ["Floods"], countries: ["AF"]),
            makeArticle("e.md", day: 5, tags: ["Budget"], countries: ["PK"]),
            makeArticle("f.md", day: 6, month: 2, tags: ["Budget", "Trade"], countries: ["NP", "IN"]),
            makeArticle("g.md", day: 7, month: 2, tags: ["Floods"], countries: ["AF"]),
        ]
        var site = SiteModel(config: config, articles: articles, gazetteer: .standard)
        func id(_ path: String) -> Int { site.articles.firstIndex { $0.sourcePath == path }! }
        func move(_ path: String, by seconds: TimeInterval) -> SiteModel.Move? {
            var article = site.articles[id(path)]
            article.date += seconds
            return site.moveArticle(of: id(path), with: article)?.move
        }
        func expectFresh(_ comment: Comment) {
            let fresh = SiteModel(config: config, articles: site.articles, gazetteer: .standard)
            #expect(site.articles == fresh.articles && site.allArticlePaths == fresh.allArticlePaths, comment)
            #expect(site.tags == fresh.tags && site.countries == fresh.countries, comment)
            #expect(site.archive == fresh.archive && site.publishedYears == fresh.publishedYears, comment)
            for id in fresh.articles.indices {
                #expect(site.tagIndices(of: id) == fresh.tagIndices(of: id) && site.countryIndices(of: id) == fresh.countryIndices(of: id), comment)
            }
            let relations = [\TermRelations.tagsOfTag, \.countriesOfTag, \.tagsOfCountry, \.countriesOfCountry]
            #expect(relations.allSatisfy { site.relations[keyPath: $0] == fresh.relations[keyPath: $0] }, comment)
            let plan = PagePlan(site: site), freshPlan = PagePlan(site: fresh)
            #expect(plan.articleCount == freshPlan.articleCount && plan.listPages == freshPlan.listPages && plan.feeds == freshPlan.feeds, comment)
        }
        let day: TimeInterval = 86_400
        // Two days later: past two newer articles (IDs count from the newest).
        let later = try #require(move("b.md", by: 2 * day + 60))
        #expect(later.from == 5 && later.to == 3 && later.range == 3...5)
        #expect(later.newID(5) == 3 && later.newID(3) == 4 && later.newID(4) == 5 && later.newID(6) == 6 && later.oldID(3) == 5)
        expectFresh("two days later")
        // The newest article spelling "Trade" becomes the oldest, a year before: the tag takes the
        // next one's spelling.
        let trade = try #require(site.tags.firstIndex { $0.slug == "trade" })
        #expect(site.tags[trade].name == "Trade")
        var oldest = site.articles[id("f.md")]
        oldest.date = articles[0].date - 30 * day
        let taken = site.moveArticle(of: id("f.md"), with: oldest)
        let moved = try #require(taken)
        #expect(moved.move.to == 6 && moved.edit.renamedTags == [trade] && site.tags[trade].name == "trade")
        expectFresh("to the oldest")
        // Into the next month: its URL and the months' articles change.
        let path = site.articlePath(id("e.md"))
        #expect(move("e.md", by: 30 * day) != nil)
        #expect(site.articlePath(id("e.md")) != path && site.articlePath(id("e.md")).contains("/2025/02/"))
        expectFresh("another month")
        // An article that passes none keeps its ID: only a new month makes that a move.
        #expect(move("a.md", by: 60) == nil)
        // Refused, with nothing changed: new tags alongside the date.
        let before = site.parts
        var tagged = site.articles[id("c.md")]
        tagged.date += 10 * day
        tagged.tags.append("Trade")
        #expect(site.moveArticle(of: id("c.md"), with: tagged) == nil)
        #expect(site.parts.articles == before.articles && site.parts.tags == before.tags)
        // `replaceArticle` takes them together: the terms at the old date, then the move; a
        // model restored from before replays it to the same model.
        let restored = site.parts
        let cID = id("c.md")
        let takenTogether = site.replaceArticle(of: cID, with: tagged, gazetteer: .standard)
        let together = try #require(takenTogether)
        #expect(together.move != nil && together.tags.count == 1 && together.dateChanged)
        expectFresh("a tag and a date together")
        var newTerm = site.articles[id("d.md")]
        newTerm.date += 20 * day
        newTerm.tags = ["Harbours"]
        newTerm.countries = ["FR"]
        let dID = id("d.md")
        let takenBoth = site.replaceArticle(of: dID, with: newTerm, gazetteer: .standard)
        let both = try #require(takenBoth)
        #expect(both.move != nil && both.termsChanged)
        expectFresh("a new tag, a new country and a date together")
        // And a date two months on: the months change.
        let bID = id("b.md")
        var twoMonths = site.articles[bID]
        twoMonths.date += 60 * day
        #expect(site.moveArticle(of: bID, with: twoMonths) != nil)
        expectFresh("two months on")
        var replayed = try #require(SiteModel(config: config, restoring: restored))
        #expect(replayed.archive != site.archive, "the months before the edits differ from those after")
        // Each edit by the ID its article had when it was taken, as a saved build records it.
        let replays = replayed.replayArticles([(id: cID, article: tagged), (id: dID, article: newTerm), (id: bID, article: twoMonths)],
                                              gazetteer: .standard)
        #expect(replays == 3, "every date moved its article")
        #expect(replayed.parts.articles == site.parts.articles && replayed.tags == site.tags && replayed.countries == site.countries)
        // The months, found once after the replayed moves, as the live model found them after each.
        #expect(replayed.archive == site.archive && replayed.publishedYears == site.publishedYears)
        #expect(replayed.parts.articleMonths == site.parts.articleMonths && replayed.parts.articleCountries == site.parts.articleCountries)
    }

    @Test("a move renumbers the IDs of its range among themselves and no other")
    func moveNumbering() {
        // What several moves in one build found is kept unrenumbered on this: each set of
        // articles a move reaches holds its whole range.
        let count = 12
        for from in 0..<count {
            for to in 0..<count {
                let move = SiteModel.Move(from: from, to: to)
                let renumbered = (0..<count).map(move.newID)
                #expect(Set(renumbered) == Set(0..<count), "\(from) → \(to): not one to one")
                #expect(renumbered[from] == to)
                for old in 0..<count where !move.range.contains(old) { #expect(renumbered[old] == old, "\(from) → \(to): \(old) moved") }
                for old in move.range { #expect(move.range.contains(renumbered[old]), "\(from) → \(to): \(old) left the range") }
            }
        }
    }

    @Test("lists moved by one list keep the others in order")
    func movedLists() {
        let lists = IndexLists([[1], [], [2, 3], [4, 5, 6], [7]])
        #expect(lists.moving(3, to: 0) == IndexLists([[4, 5, 6], [1], [], [2, 3], [7]]))
        #expect(lists.moving(0, to: 4) == IndexLists([[], [2, 3], [4, 5, 6], [7], [1]]))
        #expect(lists.moving(1, to: 3) == IndexLists([[1], [2, 3], [4, 5, 6], [], [7]]))
        #expect(lists.moving(2, to: 2) == lists)
        // Every move, in place, as removing and inserting the list would make it.
        let rows: [[Int]] = [[1], [], [2, 3], [4, 5, 6], [7], [], [8, 9]]
        for from in rows.indices {
            for to in rows.indices {
                var expected = rows
                expected.insert(expected.remove(at: from), at: to)
                var moved = IndexLists(rows)
                moved.move(from, to: to)
                #expect(moved == IndexLists(expected), "\(from) → \(to)")
                var strings = rows.map { $0.map { "article \($0)" } }
                strings.move(from, to: to)
                #expect(strings == expected.map { $0.map { "article \($0)" } }, "\(from) → \(to)")
            }
        }
    }

    @Test("pagination splits lists into pages of the configured size")
    func pagination() {
        let pages = Paginator.paginate(Array(0..<45), basePath: "countries/japan/", pageSize: 20)
        #expect(pages.count == 3)
        #expect(pages.map(\.path) == ["countries/japan/", "countries/japan/page/2/", "countries/japan/page/3/"])
        #expect(pages[2].articleIDs == [40, 41, 42, 43, 44])
        #expect(pages[1].previousPath == "countries/japan/")
        #expect(pages[1].nextPath == "countries/japan/page/3/")
        #expect(pages[0].previousPath == nil)
        #expect(Paginator.paginate([], basePath: "", pageSize: 20).count == 1)
    }

    @Test("the plan has every page of the equivalent page set")
    func plan() {
        var articles: [ArticleMetadata] = []
        for day in 1...25 { articles.append(makeArticle("jp\(day)", day: day, tags: ["Trade"], countries: ["JP"])) }
        articles.append(makeArticle("pk", day: 3, month: 3, year: 2024, tags: ["Budget"], countries: ["PK"]))
        let site = SiteModel(config: config, articles: articles, gazetteer: .standard)
        let plan = PagePlan(site: site)
        let paths = Set(plan.listPages.map(\.path))
        for expected in ["", "page/2/", "tags/", "countries/", "tags/trade/", "tags/trade/page/2/", "tags/budget/",
                         "countries/japan/", "countries/japan/page/2/", "countries/pakistan/", "articles/",
                         "articles/2025/", "articles/2025/01/", "articles/2024/", "articles/2024/03/", "404.html"] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        #expect(plan.articleCount == 26)
        #expect(plan.feeds.map(\.path).sorted() == ["countries/japan/index.xml", "countries/pakistan/index.xml", "index.xml",
                                                    "tags/budget/index.xml", "tags/trade/index.xml"])
        #expect(plan.feeds.first { $0.path == "index.xml" }?.articleIDs.count == 20)
        let notInSitemap = plan.listPages.filter { !$0.isListedInSitemap }.map(\.path).sorted()
        #expect(notInSitemap == ["404.html", "countries/japan/page/2/", "page/2/", "tags/trade/page/2/"])
        #expect(plan.listPages.first { $0.kind == .notFound }?.file == "404.html")
        #expect(plan.listPages.first { $0.path == "tags/" }?.file == "tags/index.html")
    }

    @Test("pages are rendered in the order of the newest article they show, articles and lists interleaved")
    func renderOrder() {
        var articles: [ArticleMetadata] = []
        for day in 1...25 { articles.append(makeArticle("jp\(day)", day: day, tags: ["Trade"], countries: ["JP"])) }
        articles.append(makeArticle("pk", day: 3, month: 3, year: 2024, tags: ["Budget"], countries: ["PK"]))
        let plan = PagePlan(site: SiteModel(config: config, articles: articles, gazetteer: .standard))
        let order = plan.renderOrder.map(Int.init)
        #expect(order.count == plan.pageCount)
        #expect(Set(order) == Set(0..<plan.pageCount), "every page once")
        let articleCount = plan.articleCount
        #expect(order.filter { $0 < articleCount } == Array(0..<articleCount), "article pages in ID order")
        // Where a list page sits: after the articles newer than the newest it shows, before that one.
        func articlesBefore(_ path: String) -> Int? {
            guard let list = plan.listPages.firstIndex(where: { $0.path == path }),
                  let position = order.firstIndex(of: articleCount + list) else { return nil }
            return order[..<position].filter { $0 < articleCount }.count
        }
        // IDs 0–24 are the January articles, newest first; 25 the one from 2024.
        #expect(articlesBefore("") == 0)
        #expect(articlesBefore("tags/") == 0, "a page that shows no article comes first")
        #expect(articlesBefore("404.html") == 0)
        #expect(articlesBefore("page/2/") == 20)
        #expect(articlesBefore("tags/trade/page/2/") == 20)
        #expect(articlesBefore("countries/japan/page/2/") == 20)
        #expect(articlesBefore("articles/2025/01/") == 0)
        #expect(articlesBefore("tags/budget/") == 25)
        #expect(articlesBefore("articles/2024/03/") == 25)
    }
}

@Suite("Term relations")
struct TermRelationsTests {
    @Test("a term's related terms are those its articles share most, ties alphabetical, itself never")
    func relations() {
        let articles = [
            makeArticle("a", day: 1, tags: ["Trade", "Budget"], countries: ["PK", "AF"]),
            makeArticle("b", day: 2, tags: ["Trade"], countries: ["PK", "IN"]),
            makeArticle("c", day: 3, tags: ["Trade", "Floods"], countries: ["PK", "IN"]),
            makeArticle("d", day: 4, tags: ["Floods"], countries: ["JP"]),
        ]
        let site = SiteModel(config: SiteConfig(), articles: articles, gazetteer: .standard)
        func countries(_ indices: [Int]) -> [String] { indices.map { site.countries[$0].code ?? "" } }
        func tags(_ indices: [Int]) -> [String] { indices.map { site.tags[$0].name } }
        let pakistan = site.countries.firstIndex { $0.code == "PK" }!
        let trade = site.tags.firstIndex { $0.name == "Trade" }!
        #expect(countries(site.relations.countriesOfCountry[pakistan]) == ["IN", "AF"])
        #expect(tags(site.relations.tagsOfCountry[pakistan]) == ["Trade", "Budget", "Floods"])
        #expect(countries(site.relations.countriesOfTag[trade]) == ["PK", "IN", "AF"])
        #expect(tags(site.relations.tagsOfTag[trade]) == ["Budget", "Floods"])
        let japan = site.countries.firstIndex { $0.code == "JP" }!
        #expect(site.relations.countriesOfCountry[japan].isEmpty)
    }
}
