import Foundation
import Testing
@testable import Loading

@Suite("News date parser")
struct NewsDateParserTests {
    let parser = NewsDateParser(timeZone: Fixture.utc)

    @Test("ISO 8601 timestamps keep their time zone")
    func iso() {
        #expect(parser.parse("2025-01-04T00:48:05.000Z") == .init(date: Fixture.utcDate(2025, 1, 4, 0, 48, 5), hasTime: true))
        // 15:09:50 at UTC+5 is 10:09:50 UTC.
        #expect(parser.parse("2025-08-10T15:09:50+05:00") == .init(date: Fixture.utcDate(2025, 8, 10, 10, 9, 50), hasTime: true))
        #expect(parser.parse("2024-05-01") == .init(date: Fixture.utcDate(2024, 5, 1), hasTime: false))
        #expect(parser.parse("2024-05-01 10:30") == .init(date: Fixture.utcDate(2024, 5, 1, 10, 30), hasTime: true))
        #expect(parser.parse("2024-05-01T10:30:00-0400") == .init(date: Fixture.utcDate(2024, 5, 1, 14, 30), hasTime: true))
        for broken in ["2024-05-01T", "2024-05-01Tnoon", "2024-5-1", "2024-05-01T10:30:00 PKT", "20240501"] {
            #expect(parser.parse(broken) == nil, "\(broken)")
        }
    }

    @Test("wire date lines")
    func wire() {
        #expect(parser.parse("26-FEB-1987 15:01:01.79") == .init(date: Fixture.utcDate(1987, 2, 26, 15, 1, 1), hasTime: true))
        #expect(parser.parse("3-MAR-1987 03:24:56.23") == .init(date: Fixture.utcDate(1987, 3, 3, 3, 24, 56), hasTime: true))
    }

    @Test("written dates, month or day first, with weekdays and ordinals")
    func written() {
        let expected = NewsDateParser.Parsed(date: Fixture.utcDate(2025, 2, 17), hasTime: false)
        for text in ["February 17, 2025", "Feb 17, 2025", "17 February 2025", "Monday, February 17, 2025", "February 17th, 2025", "Mon 17 Feb 2025"] {
            #expect(parser.parse(text) == expected, "\(text)")
        }
    }

    @Test("a date that does not exist is not a date")
    func impossible() {
        #expect(parser.parse("February 30, 2025") == nil)
        #expect(parser.parse("2025-02-30") == nil)
        #expect(parser.parse("2025-13-01") == nil)
    }

    @Test("the site's time zone decides dates without one")
    func siteTimeZone() {
        let karachi = NewsDateParser(timeZone: TimeZone(identifier: "Asia/Karachi")!)
        #expect(karachi.parse("2025-01-04") == .init(date: Fixture.utcDate(2025, 1, 3, 19), hasTime: false))
    }

    @Test("a byline with a trailing date splits in two")
    func bylineDate() throws {
        let (prefix, parsed) = try #require(parser.splitTrailingDate("News Desk February 17, 2025"))
        #expect(prefix == "News Desk")
        #expect(parsed.date == Fixture.utcDate(2025, 2, 17))
        #expect(parser.splitTrailingDate("No date here") == nil)
    }

    @Test("one reading of a line gives what parse and splitTrailingDate give, separators trimmed")
    func lineReading() throws {
        let lines = ["2025-01-04T00:48:05.000Z", "26-FEB-1987 15:01:01.79", "February 17, 2025", "Mon 17 Feb 2025",
                     "News Desk February 17, 2025", "By Staff Reporter | February 17, 2025", "Julia Rossi — 9 February 2025",
                     "February 30, 2025", "Updated 3 hours ago", "No date here", "Posted on June 2, 2018 at noon", "", "12"]
        for line in lines {
            let reading = parser.read(line: line)
            #expect(reading.whole == parser.parse(line), "\(line)")
            #expect(reading.trailing?.prefix == parser.splitTrailingDate(line)?.prefix, "\(line)")
            #expect(reading.trailing?.parsed == parser.splitTrailingDate(line)?.parsed, "\(line)")
        }
        #expect(parser.read(line: "By Staff Reporter | February 17, 2025").trailing?.prefix == "By Staff Reporter")
        #expect(parser.read(line: "Julia Rossi — 9 February 2025").trailing?.prefix == "Julia Rossi")
        #expect(parser.read(line: "Posted on June 2, 2018 at noon").trailing == nil)
    }
}
