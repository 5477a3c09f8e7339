import Core
import Foundation
import Testing
@testable import Loading

@Suite("Article text parser")
struct ArticleTextParserTests {
    let parser = ArticleTextParser(timeZone: Fixture.utc)

    func parseFixture(_ name: String) throws -> ParsedArticle {
        let decoded = try SourceTextDecoder.decode(try Fixture.data(name))
        return parser.parse(decoded.text)
    }

    @Test("the seed article comes out field by field")
    func seedFields() throws {
        let article = try parseFixture("000_630e8bf078d2bd28.txt")
        #expect(article.title == "Afghanistan’s Taliban govt makes first diplomatic trip to Japan")
        #expect(article.dek == "Latif Nazari, part of the Taliban delegation, highlights Afghanistan’s goal for global engagement.")
        #expect(article.byline == "News Desk")
        #expect(article.date == NewsDateParser.Parsed(date: Fixture.utcDate(2025, 2, 17), hasTime: false))
        #expect(article.photoCredit == "AFP")
        #expect(article.dateline == nil)
        #expect(article.warnings.isEmpty)
    }

    @Test("the seed body keeps every paragraph and drops the chrome")
    func seedBody() throws {
        let article = try parseFixture("000_630e8bf078d2bd28.txt")
        // Every word of the story is kept: each body line of the source is one paragraph, as written.
        let source = try Fixture.text("000_630e8bf078d2bd28.txt").split(separator: "\n", omittingEmptySubsequences: false)
        let firstBodyLine = try #require(source.firstIndex { $0.hasPrefix("A Taliban delegation arrived") })
        let commentsLine = try #require(source.firstIndex { $0 == "COMMENTS" })
        let expected = source[firstBodyLine..<commentsLine].filter { !$0.isEmpty }.map { BodyBlock.paragraph(String($0)) }
        #expect(expected.count == 9)
        #expect(article.body == expected)
        let markdown = article.bodyMarkdown
        for chrome in ["Listen", "COMMENTS", "Replying to", "moderated", "Comments FAQ", "Photo: AFP", "News Desk"] {
            #expect(!markdown.contains(chrome), "chrome left in body: \(chrome)")
        }
    }

    @Test("wire copy: readable headline, dateline, joined lines, no sign-off")
    func reutersShape() throws {
        let article = try parseFixture("reuters-00047.txt")
        #expect(article.title == "Brazil Anti-Inflation Plan Limps to Anniversary")
        #expect(article.date == NewsDateParser.Parsed(date: Fixture.utcDate(1987, 2, 26, 15, 51, 51), hasTime: true))
        #expect(article.dateline == "RIO DE JANEIRO")
        guard case .paragraph(let lead) = article.body.first else {
            Issue.record("first block is not a paragraph")
            return
        }
        #expect(lead.hasPrefix("Brazil's \"Cruzado\" anti- inflation plan, initially hailed at home and abroad as the saviour of the economy,"))
        #expect(!lead.contains("\n"))
        #expect(article.body.count == 6)
        #expect(!article.bodyText.contains("Reuter"))
        #expect(article.bodyText.hasSuffix("has averaged under 150 mln."))
    }

    @Test("site export: title suffix removed, ISO timestamp, lead bullets as a list, dateline")
    func dawnShape() throws {
        let article = try parseFixture("dawn-2025-04-08-3b767e057a.txt")
        #expect(article.title == "Constitutional Bench to take up matter of judges’ seniority on 14th")
        #expect(article.date == NewsDateParser.Parsed(date: Fixture.utcDate(2025, 4, 8, 3, 1, 3), hasTime: true))
        #expect(article.body.first == .list([
            "Controversial transfers made to IHC also on the agenda; acting CJ Dogar’s promotion challenged",
            "JCP accused of ‘wrongfully’ considering transferred judges for elevation",
        ]))
        #expect(article.dateline == "ISLAMABAD")
        #expect(article.bodyMarkdown.hasPrefix("- Controversial transfers"))
    }

    @Test("APP datelines with the agency in brackets")
    func appDateline() throws {
        let article = try parseFixture("app-2025-01-02-2975603648.txt")
        #expect(article.title == "Shafqat Ali Khan made new FO spox as Mumtaz Zahra posted in Paris")
        #expect(article.dateline == "ISLAMABAD")
        #expect(article.body.first == .paragraph("Career diplomat Shafqat Ali Khan has been appointed the new Foreign Office spokesperson, replacing Mumtaz Zahra Baloch."))
    }

    @Test("clean text with no date is read, with a warning")
    func cleanTextWithoutDate() {
        let article = parser.parse("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said it would restate.\n")
        #expect(article.title == "Ad sales boost Time Warner profit")
        #expect(article.dek == nil)
        #expect(article.date == nil)
        #expect(article.body.count == 2)
        #expect(article.warnings.contains { $0.message.contains("no date") })
    }

    @Test("a headline alone gives a body warning, never a crash")
    func headlineOnly() {
        let article = parser.parse("Just a headline")
        #expect(article.title == "Just a headline")
        #expect(article.body.isEmpty)
        #expect(article.warnings.contains { $0.message.contains("no body") })
    }

    @Test("short lines of figures keep their breaks")
    func tabularLines() {
        let article = parser.parse("HEADLINE OF RESULTS\n\n3-MAR-1987 10:00:00.00\n\nShr 12 cts vs 10 cts\nNet 1,000,000 vs 900,000\nRevs 5.0 mln vs 4.1 mln\n")
        #expect(article.body == [.lines(["Shr 12 cts vs 10 cts", "Net 1,000,000 vs 900,000", "Revs 5.0 mln vs 4.1 mln"])])
        #expect(article.bodyMarkdown == "Shr 12 cts vs 10 cts\\\nNet 1,000,000 vs 900,000\\\nRevs 5.0 mln vs 4.1 mln\n")
    }
}

@Suite("Datelines and titles")
struct DatelineAndTitleTests {
    @Test("datelines in the shapes wires and sites write them")
    func datelines() {
        let cases: [(String, String, String)] = [
            ("RIO DE JANEIRO, Feb 26 - Brazil's plan", "RIO DE JANEIRO", "Brazil's plan"),
            ("TOKYO, March 3 - The Ministry", "TOKYO", "The Ministry"),
            ("ISLAMABAD: The Federal Board", "ISLAMABAD", "The Federal Board"),
            ("ISLAMABAD, Jan 07 (APP):Career diplomat", "ISLAMABAD", "Career diplomat"),
            ("NEW YORK - Stocks rose", "NEW YORK", "Stocks rose"),
            ("U.S. -- Officials said", "U.S.", "Officials said"),
            ("CARSON, Calif., March 2 - Tylan Corp said", "CARSON, Calif.", "Tylan Corp said"),
            ("VANCOUVER, British Columbia, March 3 - Musto", "VANCOUVER, British Columbia", "Musto"),
            ("MONTREAL, March 3 - <Royal Bank of Canada>, in", "MONTREAL", "<Royal Bank of Canada>, in"),
            ("Chicago, March 6 - The National Pork Producers", "Chicago", "The National Pork Producers"),
            ("Quito, march 9 - up to 300 people", "Quito", "up to 300 people"),
        ]
        for (text, place, rest) in cases {
            let split = ArticleTextParser.splitDateline(text)
            #expect(split?.0 == place, "\(text)")
            #expect(split?.1 == rest, "\(text)")
        }
        for text in ["IT remains to be seen", "A Taliban delegation arrived", "NHK said: more", "TOKYO, the capital, is big",
                     "Karachi: the city without a date", "The minister said: no", "Pakistan - India talks"] {
            #expect(ArticleTextParser.splitDateline(text) == nil, "\(text)")
        }
    }

    @Test("site suffixes and tickers leave the headline")
    func titles() {
        #expect(ArticleTextParser.cleanTitle("FBR falls Rs386bn short of revenue target - Business - DAWN.COM") == "FBR falls Rs386bn short of revenue target")
        #expect(ArticleTextParser.cleanTitle("Pakistan - India talks resume - DAWN.COM") == "Pakistan - India talks resume")
        #expect(ArticleTextParser.cleanTitle("Rates - what next") == "Rates - what next")
        #expect(ArticleTextParser.cleanTitle("COMPUTER MEMORIES <CMIN> SETS FILM FIRM MERGER") == "Computer Memories <CMIN> Sets Film Firm Merger")
        #expect(ArticleTextParser.cleanTitle("AMC <AMO> SAYS STEPS TAKEN AFTER UAW TALKS FAIL") == "AMC <AMO> Says Steps Taken After UAW Talks Fail")
        #expect(ArticleTextParser.cleanTitle("U.S. TRADE DEFICIT WIDENS IN JANUARY") == "U.S. Trade Deficit Widens in January")
    }

    @Test("a date in the file name")
    func fileNameDate() {
        #expect(ArticleLoader<MemoryFileSystem>.isoDay(in: "app/app-2025-01-02-2975603648.txt") == "2025-01-02")
        #expect(ArticleLoader<MemoryFileSystem>.isoDay(in: "bbc/business-001.txt") == nil)
    }

    @Test("the body read again from its line is the body the whole text gives, for every fixture and edits of them")
    func bodyFromLine() throws {
        let parser = ArticleTextParser(timeZone: Fixture.utc)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        let generated = """
            Language tops agenda as North Korean delegation visits Moscow

            Fatima Bhatti, the opposition leader, highlights North Korea’s goal on state of emergency.


            Julia Rossi February 9, 2025
            Photo: Anadolu Agency

            Listen to article

            PYONGYANG: North Korean officials on Saturday announced new measures on language.

            The announcement was welcomed by some and criticised by others. Reuters
            """
        var texts = try names.map { try SourceTextDecoder.decode(try Fixture.data($0)).text } + [generated]
        // A byline sharing its block with the first paragraph: the body's first block is not the text's.
        texts.append("Headline of a story\n\nBy Ayesha Khan\nMarch 3, 2025\nThe first paragraph follows the date at once.\n\nA second paragraph.\n")
        var hinted = 0
        for text in texts {
            let parsed = parser.parse(text)
            guard let line = parsed.bodyLine else { continue }
            hinted += 1
            #expect(parser.body(text, fromLine: line) == parsed.bodyMarkdown, "\(parsed.title)")
        }
        #expect(hinted >= 3)
        #expect(parser.parse(generated).bodyLine == 11)
        #expect(parser.parse(texts.last!).bodyLine == nil)
        // A line no block starts on (the file changed since it was read) gives no body.
        #expect(parser.body(generated, fromLine: 12) == nil)
        #expect(parser.body(generated, fromLine: 1) == nil)
    }
}
