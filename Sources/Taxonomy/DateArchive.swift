import Core
import Foundation

/// Articles grouped by year and month in the site's time zone, newest first.
public struct DateArchive: Sendable, Hashable {
    public struct Month: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var articleIDs: [Int]
    }

    public struct Year: Sendable, Hashable {
        public var year: Int
        public var months: [Month]
        public var articleCount: Int { months.reduce(0) { $0 + $1.articleIDs.count } }
    }

    public private(set) var years: [Year] = []

    /// The IDs of a month's articles, newest first; empty for a month without any.
    public func articleIDs(year: Int, month: Int) -> [Int] {
        years.first { $0.year == year }?.months.first { $0.month == month }?.articleIDs ?? []
    }

    /// `dates` are in the site's newest-first article order, so IDs arrive already sorted.
    public init(dates: [Date], timeZone: TimeZone) {
        let text = DateText(timeZone: timeZone)
        for (id, date) in dates.enumerated() {
            let (year, month) = text.yearAndMonth(date)
            if years.last?.year != year { years.append(Year(year: year, months: [])) }
            let yearIndex = years.count - 1
            if years[yearIndex].months.last?.month != month {
                years[yearIndex].months.append(Month(year: year, month: month, articleIDs: []))
            }
            years[yearIndex].months[years[yearIndex].months.count - 1].articleIDs.append(id)
        }
    }
}
