import Foundation

/// Date formats pages and feeds need, computed by arithmetic rather than with `DateFormatter`
/// or `Calendar`, so that they are pure, locale-independent, safe on any thread and cheap.
public struct DateText: Sendable {
    public let timeZone: TimeZone
    /// The offset of a zone that has only one (UTC, the default): asking Foundation for it
    /// took most of the time of formatting a date.
    private let fixedOffset: Int?

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        fixedOffset = ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(timeZone.identifier) ? 0 : nil
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
    private static let weekdayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// A date's fields in the site's time zone, by arithmetic on days since 1970 (Howard
    /// Hinnant's civil-from-days) rather than `Calendar`, which is slow on Linux and runs for
    /// every date on every page.
    struct Fields {
        var year: Int?, month: Int?, day: Int?, hour: Int?, minute: Int?, second: Int?, weekday: Int?
    }

    func fields(_ date: Date) -> Fields {
        let offset = fixedOffset ?? timeZone.secondsFromGMT(for: date)
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday (weekday 5 when Sunday is 1).
        let weekday = ((days % 7) + 7 + 4) % 7 + 1
        return Fields(year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
                      second: secondOfDay % 60, weekday: weekday)
    }

    /// `February 17, 2025`.
    public func long(_ date: Date) -> String {
        let parts = fields(date)
        return "\(Self.monthNames[parts.month! - 1]) \(parts.day!), \(parts.year!)"
    }

    /// `2025-02-17T09:56:00+05:00` in the site's time zone, as `<time datetime>` and JSON want it.
    public func iso8601(_ date: Date) -> String {
        let parts = fields(date)
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))T\(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!))\(offset(date, separator: ":"))"
    }

    /// `2025-02-17`, for sitemaps.
    public func day(_ date: Date) -> String {
        var bytes: [UInt8] = []
        appendDay(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `day` written into a buffer: a sitemap writes one for each of a large site's pages.
    public func appendDay(_ date: Date, to bytes: inout [UInt8]) {
        let parts = fields(date)
        func digits(_ number: Int, _ width: Int) {
            guard number >= 0, number < 10_000 else { return bytes.append(contentsOf: pad(number, width).utf8) }
            var divisor = width == 4 ? 1000 : 10
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
                divisor /= 10
            }
        }
        digits(parts.year!, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.month!, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.day!, 2)
    }

    /// `Mon, 17 Feb 2025 09:56:00 +0500`, as RSS 2.0 requires (RFC 822 with four-digit years).
    public func rfc822(_ date: Date) -> String {
        let parts = fields(date)
        let month = String(Self.monthNames[parts.month! - 1].prefix(3))
        return "\(Self.weekdayAbbreviations[parts.weekday! - 1]), \(pad(parts.day!)) \(month) \(pad(parts.year!, 4)) \(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!)) \(offset(date, separator: ""))"
    }

    public func year(_ date: Date) -> Int { fields(date).year! }

    /// The year and month a date falls in, in the site's time zone.
    public func yearAndMonth(_ date: Date) -> (year: Int, month: Int) {
        let parts = fields(date)
        return (parts.year!, parts.month!)
    }

    public func dayOfMonth(_ date: Date) -> Int { fields(date).day! }

    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `Monday, February 17`.
    public func weekdayAndDay(_ date: Date) -> String {
        let parts = fields(date)
        return "\(Self.weekdayNames[parts.weekday! - 1]), \(Self.monthNames[parts.month! - 1]) \(parts.day!)"
    }

    private func offset(_ date: Date, separator: String) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "\(sign)\(pad(minutes / 60))\(separator)\(pad(minutes % 60))"
    }

    private func pad(_ number: Int, _ width: Int = 2) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
