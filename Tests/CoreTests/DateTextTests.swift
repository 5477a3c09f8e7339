import Foundation
import Testing
@testable import Core

@Suite("Date text")
struct DateTextTests {
    @Test("date fields by arithmetic agree with Calendar across centuries, zones and leap days")
    func agreesWithCalendar() {
        for zone in ["UTC", "Asia/Karachi", "America/New_York", "Pacific/Chatham", "Asia/Kolkata"] {
            let timeZone = TimeZone(identifier: zone)!
            let text = DateText(timeZone: timeZone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            var date = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
            while date.timeIntervalSince1970 < 4_102_444_800 {      // 2100-01-01
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
                let fields = text.fields(date)
                #expect(fields.year == parts.year && fields.month == parts.month && fields.day == parts.day
                        && fields.hour == parts.hour && fields.minute == parts.minute && fields.second == parts.second
                        && fields.weekday == parts.weekday, "\(zone) \(date)")
                let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
                #expect(text.day(date) == day, "\(zone) \(date)")
                date = date.addingTimeInterval(86_400 * 37 + 3_671)
            }
        }
        #expect(DateText(timeZone: TimeZone(identifier: "UTC")!).rfc822(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }
}
