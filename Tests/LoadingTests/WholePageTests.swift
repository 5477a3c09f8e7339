import Foundation
import Testing
@testable import Loading

/// Whole-page copies ("select all, copy" of a news page) from four outlets, with the fields a
/// reader of each page would write down.
@Suite("Whole-page copies")
struct WholePageTests {
    let parser = ArticleTextParser(timeZone: Fixture.utc)

    func parse(_ name: String) throws -> ParsedArticle {
        parser.parse(try SourceTextDecoder.decode(try Fixture.data(name)).text)
    }

    @Test("Geo: date and byline above the headline, a list of other stories after the story")
    func geo() throws {
        let article = try parse("panda-geo-132252-psl-final-should-be-held-in-lahore-amir-khan.txt")
        #expect(article.title == "PSL final should be held in Lahore: Amir Khan")
        #expect(article.byline == "Faizan Lakhani")
        #expect(article.date?.date == Fixture.utcDate(2017, 2, 24))
        #expect(article.body.first == .paragraph("British boxer of Pakistani origin Amir Khan has stressed that the final of the Pakistan Super League (PSL) should be held in Lahore."))
        #expect(article.body.contains(.paragraph("Pacquiao fight")))
        #expect(article.body.last == .paragraph("“It is something we are still negotiating. But it is what Pacquiao and I both want.”"))
        let text = article.bodyText
        for chrome in ["Latest", "view all", "minutes ago", "Notification", "Powered by", "Sci-Tech"] {
            #expect(!text.contains(chrome), "chrome left: \(chrome)")
        }
    }

    @Test("Daily Times: a summary first, byline and date under it, the real date not the crawl date")
    func dailyTimes() throws {
        let article = try parse("panda-dailytimes-124647-forewarning-events.txt")
        #expect(article.title == "Forewarning events")
        #expect(article.byline == "Wajid Shamsul Hasan")
        #expect(article.date?.date == Fixture.utcDate(2017, 10, 11))
        #expect(article.body.count == 12)
        #expect(!article.bodyText.contains("Published in Daily Times"))
        #expect(!article.bodyText.contains("Shares"))
    }

    @Test("Frontier Post: `Posted on` above the headline, `Written by`, `Comments` before the story")
    func frontierPost() throws {
        let article = try parse("panda-frontierpost-2-die-two-injured-road-accidents.txt")
        #expect(article.title == "2 die, two injured in road accidents")
        #expect(article.date?.date == Fixture.utcDate(2018, 4, 5))
        #expect(article.dateline == "HAFIZABAD")
        #expect(article.body.count == 2)
        #expect(article.bodyText.hasPrefix("Two persons were killed"))
    }

    @Test("The News: date above the headline, `Share`, `Advertisement` and `Listen` between")
    func theNews() throws {
        let article = try parse("panda-thenews-latest-104714-shahbaz-taseer-back-on-twitter-after-release.txt")
        #expect(article.title == "Shahbaz Taseer back on twitter after release")
        #expect(article.date?.date == Fixture.utcDate(2016, 3, 12))
        #expect(article.dateline == "LAHORE")
        #expect(!article.bodyText.contains("Advertisement"))
        #expect(article.body.count == 6)
    }

    @Test("clean text is not mistaken for a whole page")
    func bbc() throws {
        let article = try parse("bbc-business-012.txt")
        #expect(article.title == "Indonesians face fuel price rise")
        #expect(article.date == nil)
        #expect(article.body.count == 3)
        #expect(article.bodyText.hasPrefix("Indonesia's government has confirmed it is considering raising fuel prices by as much as 30%."))
    }

    @Test("site chrome from site.yml is dropped like the built-in chrome")
    func siteChrome() throws {
        let config = try SiteConfigLoader.parse("chrome:\n  lines: [Sponsored]\n  prefixes: ['Read also:']\n  end_markers: [Related coverage]\n", file: "site.yml")
        let parser = ArticleTextParser(timeZone: Fixture.utc, chrome: .forSite(config))
        let article = parser.parse("Headline here\n\nMarch 3, 2024\n\nFirst paragraph of the story.\n\nSponsored\n\nRead also: another story\n\nSecond paragraph.\n\nRelated coverage\n\nOther headline\n")
        #expect(article.body == [.paragraph("First paragraph of the story."), .paragraph("Second paragraph.")])
        #expect(throws: Diagnostic.self) { try SiteConfigLoader.parse("chrome:\n  words: [x]\n", file: "site.yml") }
    }
}

import Core

@Suite("Chrome patterns")
struct ChromePatternTests {
    let chrome = ChromePatterns.builtIn

    @Test("whole lines match whatever their case, spaces and surrounding punctuation")
    func lines() {
        for line in ["Listen to article", "LISTEN\u{A0}TO\u{A0}ARTICLE", "Advertisement", "— Share —", "Subscribe"] {
            #expect(chrome.isChrome(line), "\(line)")
        }
        for line in ["Listen to the article about share prices", "Shares rose 5 pct", "Advertisement revenue fell sharply this year."] {
            #expect(!chrome.isChrome(line), "\(line)")
        }
    }

    @Test("line openings match on bytes, with no-break spaces and a lone colon-less label")
    func openings() {
        #expect(chrome.isChrome("Published in Dawn, January 4th, 2025"))
        #expect(chrome.isChrome("Published\u{A0}in Daily Times, October 11th 2017."))
        #expect(chrome.isChrome("Trending: Budget, Cricket, Weather"))
        #expect(chrome.isChrome("Trending"))
        #expect(!chrome.isChrome("Publishers in Dawn's market said"))
        #expect(chrome.isEndMarker("Comments (319) Closed"))
        #expect(chrome.isEndMarker("COMMENTS"))
        #expect(!chrome.isEndMarker("Comments by the minister were criticised."))
    }
}
