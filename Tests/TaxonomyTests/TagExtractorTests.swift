import Core
import Foundation
import Testing
@testable import Taxonomy

@Suite("Automatic tags and the taxonomy index")
struct TagExtractorTests {
    let extractor = TagExtractor()

    @Test("a headline name repeated away from sentence starts becomes a tag; countries and one-offs do not")
    func names() {
        let tags = extractor.tags(
            title: "Afghanistan’s Taliban govt makes first diplomatic trip to Japan",
            body: """
            A Taliban delegation arrived in Japan. The delegation includes officials from the Ministry of Economy.
            This trip comes as part of the Taliban’s efforts. Japan's embassy in Kabul reopened.
            Latif Nazari, the Deputy Minister at the Ministry of Economy, said so. Japanese officials met NHK.
            """)
        // The ministry is repeated but not in the headline: the story is not about it.
        #expect(tags == ["Taliban"])
    }

    @Test("automatic tags need enough articles; front matter tags do not")
    func archiveThreshold() {
        func article(_ path: String, tags: [String] = [], automatic: [String] = [], countries: [String] = []) -> ArticleMetadata {
            ArticleMetadata(sourcePath: path, format: .text, title: path, date: Date(timeIntervalSince1970: 0),
                            countries: countries, tags: tags, automaticTags: automatic, slug: path)
        }
        let articles = [
            article("a", tags: ["Budget"], automatic: ["Taliban", "Lonely Name"], countries: ["AF", "JP"]),
            article("b", automatic: ["taliban"], countries: ["AF"]),
            article("c", tags: ["budget"], countries: ["XX"]),
        ]
        let selector = AutomaticTagSelector(candidates: articles.map(\.automaticTags), sample: WordSample(), minimumArticles: 2)
        #expect(selector.select(["Taliban", "Lonely Name"]) == ["Taliban"])
        let kept = articles.map { article in
            var article = article
            article.automaticTags = selector.select(article.automaticTags)
            return article
        }
        let index = TaxonomyIndex(articles: kept, gazetteer: .standard)
        #expect(index.tags.map(\.slug) == ["budget", "taliban"])
        #expect(index.tags.map(\.articleIDs) == [[0, 2], [0, 1]])
        #expect(index.countries.map(\.name) == ["Afghanistan", "Japan"])
        #expect(index.countries.map(\.articleIDs) == [[0, 1], [0]])
        #expect(index.countries.map(\.slug) == ["afghanistan", "japan"])
    }

    @Test("a declared tag added or dropped leaves automatic tags alone while the archive still declares it, in one spelling where one is chosen")
    func declaredTagsAgree() {
        let aliases = TagAliases(["Islamic State": ["ISIS"]])
        /// `elsewhere`: each other article's declared and automatic tags; the edited one comes last, with none.
        func agree(_ before: [String], _ after: [String], _ elsewhere: [([String], [String])]) -> Bool {
            let articles = (elsewhere + [(before, [])]).enumerated().map { index, tags in
                ArticleMetadata(sourcePath: "\(index).md", format: .markdown, title: "\(index)", date: Date(timeIntervalSince1970: 0),
                                tags: tags.0, automaticTags: tags.1, slug: "\(index)")
            }
            return AutomaticTagSelector.declaredTagsAgree(before: before, after: after, articles: articles, edited: elsewhere.count,
                                                          aliases: aliases)
        }
        let archive = [(["Budget", "Islamic State"], ["Taliban"]), (["budget"], []), (["Taliban"], ["Floods"])]
        // Still declared elsewhere (by an alias too), or declared nowhere before or after.
        #expect(agree(["Budget"], ["Budget", "ISIS"], archive))
        #expect(agree(["Taliban", "Ports"], ["Ports"], archive))
        #expect(agree([], ["budget"], archive))
        // Declared nowhere else: candidates matching it would be kept, or no longer be.
        #expect(!agree([], ["Floods"], archive))
        #expect(!agree(["Ports"], [], [(["Trade"], ["ports"])]))
        // A chosen automatic tag's declared spelling could change.
        #expect(!agree([], ["taliban"], archive))
        #expect(agree([], ["Taliban"], archive))
    }

    @Test("the date archive groups by year and month in the site's time zone")
    func dateArchive() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let dates = [
            calendar.date(from: DateComponents(year: 2025, month: 1, day: 31, hour: 20))!,
            calendar.date(from: DateComponents(year: 2025, month: 1, day: 2))!,
            calendar.date(from: DateComponents(year: 2024, month: 12, day: 31))!,
        ]
        let utc = DateArchive(dates: dates, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.years.map(\.year) == [2025, 2024])
        #expect(utc.years[0].months.map(\.month) == [1])
        #expect(utc.years[0].months[0].articleIDs == [0, 1])
        // 20:00 UTC on January 31 is February 1 in Karachi.
        let karachi = DateArchive(dates: dates, timeZone: TimeZone(identifier: "Asia/Karachi")!)
        #expect(karachi.years[0].months.map(\.month) == [2, 1])
    }
}
