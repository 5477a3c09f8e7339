import Foundation

/// Reads the date formats news text carries: ISO 8601 timestamps, wire-service date lines
/// (`26-FEB-1987 15:01:01.79`) and written dates (`February 17, 2025`, `Mon 4 March 2024`).
///
/// A date without a time zone is taken in the site's time zone, which decides its calendar day.
public struct NewsDateParser: Sendable {
    public struct Parsed: Sendable, Equatable {
        public var date: Date
        public var hasTime: Bool
    }

    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    static let monthNumbers: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Parses a line that is a date and nothing else.
    public func parse(_ text: String) -> Parsed? {
        // Every date has a digit; most lines tested here have none.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = text.trimmingSpaces()
        if let iso = parseISO(trimmed) { return iso }
        if let wire = parseWire(trimmed) { return wire }
        if let match = findDate(in: trimmed), match.range == trimmed.startIndex..<trimmed.endIndex {
            return match.parsed
        }
        return nil
    }

    /// Finds a written date at the end of a line, as in a byline: `News Desk February 17, 2025`.
    public func splitTrailingDate(_ line: String) -> (prefix: String, parsed: Parsed)? {
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = line.trimmingSpaces()
        return trailing(findDate(in: trimmed), in: trimmed)
    }

    /// Both readings of one line: whether it is a date and nothing else (`parse`), and the
    /// written date it ends with (`splitTrailingDate`). A header line is asked both, and the
    /// written date is searched for once rather than once for each.
    public struct LineReading: Sendable {
        public var whole: Parsed?
        public var trailing: (prefix: String, parsed: Parsed)?
    }

    public func read(line: String) -> LineReading {
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return LineReading() }
        let trimmed = line.trimmingSpaces()
        if let iso = parseISO(trimmed) {
            // An ISO timestamp has no written date in it.
            return LineReading(whole: iso, trailing: trailing(findDate(in: trimmed), in: trimmed))
        }
        let match = findDate(in: trimmed)
        var whole = parseWire(trimmed)
        if whole == nil, let match, match.range == trimmed.startIndex..<trimmed.endIndex { whole = match.parsed }
        return LineReading(whole: whole, trailing: trailing(match, in: trimmed))
    }

    private static let trailingSeparators: Set<Unicode.Scalar> = [" ", ",", "|", "-", "–", "—", "·", "•"]

    private func trailing(_ match: (range: Range<String.Index>, parsed: Parsed)?, in trimmed: String) -> (prefix: String, parsed: Parsed)? {
        guard let match, match.range.upperBound == trimmed.endIndex else { return nil }
        return (trimmed[..<match.range.lowerBound].trimming(Self.trailingSeparators), match.parsed)
    }

    // MARK: ISO 8601

    /// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or `±HH[:]MM`, read by
    /// hand: every Markdown article's date goes through here.
    private func parseISO(_ text: String) -> Parsed? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + length] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        if bytes.count == 10 {
            return make(year: year, month: month, day: day, zone: timeZone, hasTime: false)
        }
        guard bytes[10] == 0x54 || bytes[10] == 0x20 || bytes[10] == 0x74,
              let hour = number(11, 2), bytes.count >= 16, bytes[13] == 0x3A, let minute = number(14, 2) else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count && bytes[index] == 0x3A {
            guard let value = number(index + 1, 2) else { return nil }
            second = value
            index += 3
            if index < bytes.count && bytes[index] == 0x2E {
                index += 1
                while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            }
        }
        while index < bytes.count && bytes[index] == 0x20 { index += 1 }
        var zone = timeZone
        if index < bytes.count {
            guard let designated = Self.timeZone(designator: String(decoding: bytes[index...], as: UTF8.self)) else { return nil }
            zone = designated
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, zone: zone, hasTime: true)
    }

    static func timeZone(designator: String) -> TimeZone? {
        if designator == "Z" || designator == "z" { return TimeZone(identifier: "UTC") }
        guard designator.hasPrefix("+") || designator.hasPrefix("-") else { return nil }
        let sign = designator.hasPrefix("-") ? -1 : 1
        let digits = designator.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
        return TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
    }

    // MARK: Wire date lines

    /// `26-FEB-1987 15:01:01.79`.
    private func parseWire(_ text: String) -> Parsed? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let dateParts = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateParts.count == 3, (1...2).contains(dateParts[0].count), let day = Int(dateParts[0]),
              dateParts[1].count == 3, let month = Self.monthNumbers[dateParts[1].lowercased()],
              let year = Self.year(dateParts[2]) else { return nil }
        guard parts.count == 2 else { return make(year: year, month: month, day: day, zone: timeZone, hasTime: false) }
        let clock = parts[1].split(separator: ":")
        guard clock.count >= 2, clock.count <= 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return nil }
        var second = 0
        if clock.count == 3 {
            guard let value = Int(clock[2].prefix { $0 != "." }) else { return nil }
            second = value
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, zone: timeZone, hasTime: true)
    }

    // MARK: Written dates

    /// Finds the last written date in a line: month first (`February 17, 2025`) or day first
    /// (`17 February 2025`), with an optional weekday before it. Read word by word rather than
    /// with a regular expression: it runs on every header line of every article.
    public func findDate(in text: String) -> (range: Range<String.Index>, parsed: Parsed)? {
        let words = Self.words(text)
        guard words.count >= 3 else { return nil }
        for start in stride(from: words.count - 3, through: 0, by: -1) {
            let first = words[start].text, second = words[start + 1].text, third = words[start + 2].text
            guard let year = Self.year(third) else { continue }
            var month: Int?, day: Int?
            if let m = Self.month(first), let d = Self.day(second) {
                month = m
                day = d
            } else if let d = Self.day(first), let m = Self.month(second) {
                month = m
                day = d
            }
            guard let month, let day, let parsed = make(year: year, month: month, day: day, zone: timeZone, hasTime: false) else { continue }
            var lower = words[start].range.lowerBound
            if start > 0, Self.isWeekday(words[start - 1].text) { lower = words[start - 1].range.lowerBound }
            return (lower..<words[start + 2].range.upperBound, parsed)
        }
        return nil
    }

    struct Word {
        var text: Substring
        var range: Range<String.Index>
    }

    /// Words split at spaces and commas, with a trailing `.` dropped (`Feb.`); ranges cover the word only.
    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = text.startIndex
        func close(at end: String.Index) {
            guard let wordStart = start else { return }
            var wordEnd = end
            if wordEnd > wordStart, text[text.index(before: wordEnd)] == "." { wordEnd = text.index(before: wordEnd) }
            if wordEnd > wordStart { words.append(Word(text: text[wordStart..<wordEnd], range: wordStart..<wordEnd)) }
            start = nil
        }
        while index < text.endIndex {
            let character = text[index]
            if character == " " || character == "," || character == "\u{A0}" || character == "\t" {
                close(at: index)
            } else if start == nil {
                start = index
            }
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        return words
    }

    static func month(_ word: Substring) -> Int? {
        guard word.count >= 3, word.count <= 9, word.allSatisfy(\.isLetter) else { return nil }
        return monthNumbers[word.lowercased()]
    }

    /// `17`, `17th`, `1st`.
    static func day(_ word: Substring) -> Int? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count), let value = Int(digits) else { return nil }
        let suffix = word.dropFirst(digits.count).lowercased()
        guard suffix.isEmpty || ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        return value
    }

    static func year(_ word: Substring) -> Int? {
        guard word.count == 4, word.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(word)
    }

    static func isWeekday(_ word: Substring) -> Bool {
        guard word.count >= 3, word.count <= 9, word.allSatisfy(\.isLetter) else { return false }
        return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(word.prefix(3).lowercased())
    }

    /// Builds the date, refusing days that do not exist (`February 30`) instead of rolling them over.
    private func make(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        zone: TimeZone, hasTime: Bool
    ) -> Parsed? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day,
              calendar.component(.month, from: date) == month else { return nil }
        return Parsed(date: date, hasTime: hasTime)
    }
}
