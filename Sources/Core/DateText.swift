import Foundation

/// Date formats pages and feeds need, computed from calendar components rather than
/// `DateFormatter`, so that they are pure, locale-independent and safe on any thread.
public struct DateText: Sendable {
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
    private static let weekdayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `February 17, 2025`.
    public func long(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(Self.monthNames[parts.month! - 1]) \(parts.day!), \(parts.year!)"
    }

    /// `2025-02-17T09:56:00+05:00` in the site's time zone, as `<time datetime>` and JSON want it.
    public func iso8601(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))T\(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!))\(offset(date, separator: ":"))"
    }

    /// `2025-02-17`, for sitemaps.
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))"
    }

    /// `Mon, 17 Feb 2025 09:56:00 +0500`, as RSS 2.0 requires (RFC 822 with four-digit years).
    public func rfc822(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let month = String(Self.monthNames[parts.month! - 1].prefix(3))
        return "\(Self.weekdayAbbreviations[parts.weekday! - 1]), \(pad(parts.day!)) \(month) \(pad(parts.year!, 4)) \(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!)) \(offset(date, separator: ""))"
    }

    public func year(_ date: Date) -> Int { calendar.component(.year, from: date) }

    public func dayOfMonth(_ date: Date) -> Int { calendar.component(.day, from: date) }

    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `Monday, February 17`.
    public func weekdayAndDay(_ date: Date) -> String {
        let parts = calendar.dateComponents([.month, .day, .weekday], from: date)
        return "\(Self.weekdayNames[parts.weekday! - 1]), \(Self.monthNames[parts.month! - 1]) \(parts.day!)"
    }

    private func offset(_ date: Date, separator: String) -> String {
        let seconds = calendar.timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "\(sign)\(pad(minutes / 60))\(separator)\(pad(minutes % 60))"
    }

    private func pad(_ number: Int, _ width: Int = 2) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
