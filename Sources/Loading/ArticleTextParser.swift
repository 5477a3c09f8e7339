import Foundation

/// Reads an article copied from a news site as plain text: headline, dek, byline and date,
/// photo credit, body, with the site's chrome (`Listen to article`, share prompts, the comment
/// section) left out and every word of the story kept.
///
/// The shape it expects is the article region of a news page:
///
///     Headline
///
///     Dek: one paragraph summing the story up.
///
///     Byline Month D, YYYY
///     Photo: Agency
///
///     Body paragraphs…
///
/// Wire copy (`26-FEB-1987 15:01:01.79` date lines, hard-wrapped paragraphs, `Reuter` sign-off)
/// and site exports (ISO timestamps, `- Section - SITE.COM` title suffixes) read the same way.
public struct ArticleTextParser: Sendable {
    public var dates: NewsDateParser
    public var chrome: ChromePatterns

    public init(timeZone: TimeZone, chrome: ChromePatterns = .builtIn) {
        self.dates = NewsDateParser(timeZone: timeZone)
        self.chrome = chrome
    }

    /// A run of non-blank lines, with the number of its first line in the file.
    struct Block {
        var line: Int
        var lines: [String]
    }

    public func parse(_ text: String) -> ParsedArticle {
        let pages = PageRegionFinder(dates: dates, chrome: chrome)
        let lines = nonEmptyLines(text)
        if let region = pages.storyRegion(lines) {
            var article = pages.parse(lines, region: region)
            finishBody(&article)
            if article.date == nil {
                article.warnings.append(LineWarning(line: lines[region.start].number, message: "no date found around the story"))
            }
            return article
        }
        var blocks = splitBlocks(lines)
        let unread = blocks
        var article = ParsedArticle(title: "")
        guard !blocks.isEmpty else { return article }

        var titleBlock = blocks.removeFirst()
        article.title = Self.cleanTitle(titleBlock.lines.removeFirst())
        if !titleBlock.lines.isEmpty {
            blocks.insert(Block(line: titleBlock.line + 1, lines: titleBlock.lines), at: 0)
        }

        var index = 0
        var readings = HeaderDates(dates: dates)
        while index < blocks.count && index < 6 {
            let block = blocks[index]
            let (isMetadata, leftover) = readMetadata(block, into: &article, readings: &readings)
            if isMetadata && leftover.isEmpty {
                index += 1
                continue
            }
            if !isMetadata, article.dek == nil, article.date == nil, article.byline == nil, index == 0,
               block.lines.count <= 3, index + 1 < blocks.count, containsMetadata(blocks[index + 1], readings: &readings) {
                article.dek = joinWrapped(block.lines)
                index += 1
                continue
            }
            if isMetadata {
                blocks[index].lines = leftover
            }
            break
        }

        article.body = blocks[index...].compactMap(bodyBlock)
        // The blocks after the body's first are as the text has them; when the first is too,
        // the body can be read again from its line alone.
        if index < blocks.count, unread.contains(where: { $0.line == blocks[index].line && $0.lines == blocks[index].lines }) {
            article.bodyLine = blocks[index].line
        }
        finishBody(&article)

        if article.date == nil {
            article.warnings.append(LineWarning(line: 1, message: "no date found in the article text"))
        }
        if article.body.isEmpty {
            article.warnings.append(LineWarning(line: 1, message: "no body text found after the headline"))
        }
        return article
    }

    /// The body of an article that `parse` read with its body starting on `line`, as Markdown,
    /// without reading its header again: what `parse(text).bodyMarkdown` gives for the same
    /// text. Nil when no block starts on that line (the text changed since).
    public func body(_ text: String, fromLine line: Int) -> String? {
        let blocks = splitBlocks(nonEmptyLines(text))
        guard let start = blocks.firstIndex(where: { $0.line == line }), start > 0 else { return nil }
        var article = ParsedArticle(title: "", body: blocks[start...].compactMap(bodyBlock))
        finishBody(&article)
        return article.bodyMarkdown
    }

    // MARK: Blocks

    /// The text's non-empty lines, trimmed, with their line numbers.
    func nonEmptyLines(_ text: String) -> [PageRegionFinder.Line] {
        var lines: [PageRegionFinder.Line] = []
        var text = text
        // One pass over the bytes: every article's every line comes through here.
        text.withUTF8 { bytes in
            var number = 0
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                number += 1
                let (from, to) = UTF8Spaces.trim(bytes, from: start, to: end)
                if from < to {
                    lines.append(PageRegionFinder.Line(number: number, text: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)))
                }
                start = end + 1
            }
        }
        return lines
    }

    /// Groups the non-empty lines into blocks (a gap in the line numbers is a blank line),
    /// dropping chrome lines and everything after the comment section opens.
    func splitBlocks(_ lines: [PageRegionFinder.Line]) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var previousNumber = -1
        for line in lines {
            if line.number != previousNumber + 1, let block = current {
                blocks.append(block)
                current = nil
            }
            previousNumber = line.number
            // The headline is never chrome, even when a story is called "Share".
            if !(blocks.isEmpty && current == nil) {
                if chrome.isEndMarker(line.text) { break }
                if chrome.isChrome(line.text) { continue }
            }
            if current == nil { current = Block(line: line.number, lines: []) }
            current!.lines.append(line.text)
        }
        if let block = current { blocks.append(block) }
        return blocks
    }

    // MARK: Header

    /// Reads date, byline and photo credit lines from a header block; returns whether the block
    /// held any, and the lines that were not metadata.
    private func readMetadata(_ block: Block, into article: inout ParsedArticle, readings: inout HeaderDates) -> (Bool, [String]) {
        var found = false
        var leftover: [String] = []
        for line in block.lines {
            // Header lines are short; a paragraph of prose is never a byline or a date line.
            guard line.utf8.count <= Self.maximumHeaderLine else {
                leftover.append(line)
                continue
            }
            if let credit = Self.photoCredit(line) {
                article.photoCredit = credit
                found = true
            } else if article.date == nil, let parsed = readings[line].whole {
                article.date = parsed
                found = true
            } else if article.date == nil, let (prefix, parsed) = readings[line].trailing, Self.isBylineLike(prefix) {
                article.date = parsed
                if !prefix.isEmpty { article.byline = Self.cleanByline(prefix) }
                found = true
            } else if article.byline == nil, line.lowercased().hasPrefix("by "), Self.isBylineLike(line) {
                article.byline = Self.cleanByline(line)
                found = true
            } else if found, article.byline == nil, Self.isBylineLike(line) {
                // A name on the line after the date, as site exports write the author.
                article.byline = Self.cleanByline(line)
            } else {
                leftover.append(line)
            }
        }
        return (found, leftover)
    }

    private func containsMetadata(_ block: Block, readings: inout HeaderDates) -> Bool {
        // Header lines are short: a long line is story, and is not searched for dates.
        block.lines.contains { line in
            guard line.utf8.count <= Self.maximumHeaderLine else { return false }
            if Self.photoCredit(line) != nil { return true }
            let reading = readings[line]
            return reading.whole != nil || reading.trailing.map { Self.isBylineLike($0.prefix) } == true
        }
    }

    /// The date readings of an article's header lines, each line read once: the block after a
    /// dek candidate is searched for dates, then read for them.
    struct HeaderDates {
        let dates: NewsDateParser
        private var readings: [String: NewsDateParser.LineReading] = [:]

        init(dates: NewsDateParser) {
            self.dates = dates
        }

        subscript(line: String) -> NewsDateParser.LineReading {
            mutating get {
                if let known = readings[line] { return known }
                let reading = dates.read(line: line)
                readings[line] = reading
                return reading
            }
        }
    }

    static let maximumHeaderLine = 120

    static func photoCredit(_ line: String) -> String? {
        for prefix in ["Photo:", "Photo :", "Photo credit:", "Photograph:", "Image:", "File photo:"]
        where line.hasPrefixIgnoringASCIICase(prefix) {
            let credit = line.dropFirst(prefix.count).trimmingSpaces()
            return credit.isEmpty ? nil : credit
        }
        return nil
    }

    /// A byline is short and reads like names, not like a sentence.
    static func isBylineLike(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return text.count <= 80 && words.count <= 10 && !text.hasSuffix(".") && !text.hasSuffix(":")
    }

    private static let bylineSeparators: Set<Unicode.Scalar> = [" ", ",", "|", "-", "–", "—"]

    static func cleanByline(_ text: String) -> String {
        var byline = text.trimmingSpaces()
        if byline.hasPrefixIgnoringASCIICase("by ") { byline = String(byline.dropFirst(3)) }
        return byline.trimming(bylineSeparators)
    }

    // MARK: Title

    /// Removes page-title suffixes (`- Business - DAWN.COM`) and ticker brackets, and turns
    /// ALL-CAPS wire headlines into a readable case.
    static func cleanTitle(_ raw: String) -> String {
        // Tickers in angle brackets (`CARBIDE <UK>`) are part of a wire headline and stay.
        var title = removingSiteSuffix(raw.trimmingSpaces())
        if isAllCaps(title) { title = ReadableCase.titleCase(title) }
        return title.trimmingSpaces()
    }

    private static let titleSeparators = [" - ", " | ", " – ", " — "]
    private static let domainEndings: Set<String> = ["com", "org", "net", "pk", "in", "uk", "co", "tv", "news", "info", "au", "ca", "ie", "za", "ng", "ae"]

    /// `Headline - Section - SITE.COM` → `Headline`: a last segment that is a domain goes, and the
    /// short section name before it.
    static func removingSiteSuffix(_ title: String) -> String {
        var segments: [Substring] = [title[...]]
        for separator in titleSeparators where title.containsBytes(separator) {
            segments = title.splitting(byBytes: separator)
            break
        }
        guard segments.count >= 2, let last = segments.last, isDomain(last) else { return title }
        segments.removeLast()
        if segments.count >= 2, let section = segments.last, section.count <= 30, section.split(separator: " ").count <= 2 {
            segments.removeLast()
        }
        let separator = titleSeparators.first { title.containsBytes($0) } ?? " - "
        return segments.joined(separator: separator)
    }

    static func isDomain(_ text: Substring) -> Bool {
        let trimmed = text.trimmingSpaces().lowercased()
        let labels = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let ending = labels.last, domainEndings.contains(String(ending)) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    static func isAllCaps(_ text: String) -> Bool {
        var letters = 0, upper = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if value >= 0x41 && value <= 0x5A {
                    letters += 1
                    upper += 1
                } else if value >= 0x61 && value <= 0x7A {
                    letters += 1
                }
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
            }
        }
        return letters >= 4 && upper * 10 >= letters * 9
    }

    // MARK: Body

    private func bodyBlock(_ block: Block) -> BodyBlock? {
        let lines = block.lines
        guard !lines.isEmpty else { return nil }
        if lines[0].hasPrefix("• ") || lines[0].hasPrefix("● ") {
            var items: [String] = []
            for line in lines {
                if line.hasPrefix("• ") || line.hasPrefix("● ") {
                    items.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
                } else if !items.isEmpty {
                    items[items.count - 1] += " " + line
                }
            }
            return .list(items)
        }
        // Prose wrapped at a fixed width has long lines up to the last; short lines mean the
        // breaks are the text's own (tables of figures in wire copy).
        if lines.count > 1 && lines.dropLast().contains(where: { $0.count < 45 }) {
            return .lines(lines)
        }
        return .paragraph(joinWrapped(lines))
    }

    func joinWrapped(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            if text.isEmpty {
                text = line
            } else if text.hasSuffix("-"), let first = line.first, first.isLetter {
                text += line
            } else {
                text += " " + line
            }
        }
        return text
    }

    /// What every reading of a body ends with, so that reading it again from its line gives
    /// what the whole reading gave: the sign-off dropped, the dateline moved to its field.
    private func finishBody(_ article: inout ParsedArticle) {
        stripSignOff(&article.body)
        extractDateline(&article)
    }

    /// Wire copy ends with `Reuter` on its own line or run into the last sentence.
    private func stripSignOff(_ body: inout [BodyBlock]) {
        guard case .paragraph(let text)? = body.last else { return }
        for signOff in [" REUTER", " Reuter", " REUTERS", " Reuters"] where text.hasSuffix(signOff) {
            let trimmed = String(text.dropLast(signOff.count))
            if trimmed.isEmpty { body.removeLast() } else { body[body.count - 1] = .paragraph(trimmed) }
            return
        }
    }

    /// Moves the dateline (`RIO DE JANEIRO, Feb 26 -`, `ISLAMABAD, Jan 07 (APP):`) from the first
    /// paragraph to its own field.
    private func extractDateline(_ article: inout ParsedArticle) {
        // Print-edition lead bullets may come first; the dateline opens the first paragraph.
        guard let index = article.body.prefix(3).firstIndex(where: { if case .paragraph = $0 { true } else { false } }),
              case .paragraph(let text) = article.body[index],
              let (place, rest) = Self.splitDateline(text) else { return }
        article.dateline = place
        article.body[index] = .paragraph(rest)
    }

    /// Splits `PLACE[, Region][, Mon D][ (AGENCY)] <:|-|–|—> Text` into place and text:
    /// `RIO DE JANEIRO, Feb 26 -`, `CARSON, Calif., March 2 -`, `ISLAMABAD, Jan 07 (APP):`,
    /// `Chicago, March 6 -`. A place in capitals needs no date; one in ordinary case does, so
    /// that a sentence opening with a name and a colon is not taken for a dateline.
    static func splitDateline(_ text: String) -> (String, String)? {
        let head = text.prefix(100)
        var separatorRange: Range<Substring.Index>?
        for separator in [" -- ", " - ", " – ", " — ", ":", " -"] {
            if let range = head.firstRange(ofBytes: separator), separatorRange.map({ range.lowerBound < $0.lowerBound }) ?? true {
                separatorRange = range
            }
        }
        guard let separatorRange else { return nil }
        var prefix = head[..<separatorRange.lowerBound].trimmingSpaces()[...]
        // ` (APP)` before the separator.
        if prefix.hasSuffix(")"), let open = prefix.lastIndex(of: "("), prefix.distance(from: open, to: prefix.endIndex) <= 14 {
            prefix = prefix[..<open]
        }
        var segments = prefix.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard let place = segments.first, !place.isEmpty else { return nil }
        var hasDate = false
        if segments.count > 1, isDayOfMonth(segments[segments.count - 1]) {
            segments.removeLast()
            hasDate = true
        }
        let regions = segments.dropFirst()
        guard regions.count <= 2, regions.allSatisfy(isRegion) else { return nil }
        let capitals = isCapitalsPlace(place)
        guard capitals || (hasDate && isTitlePlace(place)) else { return nil }
        let rest = head[separatorRange.upperBound...].drop { $0 == " " } + text[head.endIndex...]
        guard let first = rest.first,
              first.isUppercase || first.isNumber || "\"“‘'<(".contains(first) || (hasDate && first.isLetter) else { return nil }
        return (([place] + regions).joined(separator: ", "), String(rest))
    }

    /// `RIO DE JANEIRO`, `U.S.`: capitals, spaces, dots, apostrophes and hyphens, at most five words.
    private static func isCapitalsPlace(_ text: String) -> Bool {
        var letters = 0
        for character in text {
            if character.isLetter {
                guard character.isUppercase else { return false }
                letters += 1
            } else if !" .'’-".contains(character) {
                return false
            }
        }
        return letters >= 2 && text.count >= 3 && text.split(separator: " ").count <= 5
    }

    /// `Chicago`, `New York`, `Quito`: capitalised words.
    private static func isTitlePlace(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { word in
            word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || ".'’-".contains($0) }
        }
    }

    /// `Calif.`, `British Columbia`, `Pa.`: a state or province after the city.
    private static func isRegion(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...3).contains(words.count) && text.count <= 24 && words.allSatisfy { word in
            word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || $0 == "." }
        }
    }

    /// `Feb 26`, `march 9`, `Jan 07`.
    private static func isDayOfMonth(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return false }
        let month = parts[0].hasSuffix(".") ? parts[0].dropLast() : parts[0]
        return NewsDateParser.monthNumbers[month.lowercased()] != nil && (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber)
    }
}
