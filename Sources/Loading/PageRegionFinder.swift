/// Finds the article in a whole-page copy ("select all, copy" of a news page): navigation
/// menus, share prompts, crawl dates and lists of other stories surround the story, so the
/// loader looks for the run of prose and reads headline, byline and date from the lines just
/// above it, rather than from the top of the page.
struct PageRegionFinder: Sendable {
    let dates: NewsDateParser
    let chrome: ChromePatterns

    /// A non-empty line of the page with its number in the file.
    struct Line {
        var number: Int
        var text: String
    }

    /// How many short lines before the story make a text a whole page: an article copy has a
    /// headline, a dek and a byline there, a page has menus.
    static let pageThreshold = 12
    /// How far above the story its headline, byline and date are looked for.
    static let headerReach = 15
    /// Non-prose lines that may stand between two paragraphs of one story (share counts,
    /// a byline and date under a summary, a photo caption).
    static let largestGap = 5

    /// The story: a run of prose lines, allowing short gaps between them.
    struct Region {
        var start: Int
        var end: Int
        var weight: Int
    }

    /// The page's story region when `lines` is a whole page, nil when it reads as an article copy.
    func storyRegion(_ lines: [Line]) -> Region? {
        var best: Region?
        var current: Region?
        var lastProse = -1
        for (index, line) in lines.enumerated() where Self.isProse(line.text) && !chrome.isChromeParagraph(line.text) {
            if var region = current, index - lastProse - 1 <= Self.largestGap {
                region.end = index
                region.weight += line.text.utf8.count
                current = region
            } else {
                current = Region(start: index, end: index, weight: line.text.utf8.count)
            }
            lastProse = index
            if let region = current, region.weight > best?.weight ?? 0 { best = region }
        }
        guard var best, best.start > Self.pageThreshold else { return nil }
        // A story may end on a short paragraph: a closing quote, a one-line sentence.
        while best.end + 1 < lines.count, Self.isSentence(lines[best.end + 1].text), !chrome.isChrome(lines[best.end + 1].text) {
            best.end += 1
        }
        return best
    }

    func parse(_ lines: [Line], region: Region) -> ParsedArticle {
        var article = ParsedArticle(title: "")
        readHeader(lines, above: region.start, into: &article)
        let (body, gapLines) = readBody(lines, region: region)
        article.body = body
        // A summary paragraph may come first, with byline and date under it.
        for line in gapLines.prefix(6) {
            readMetadata(line, into: &article)
        }
        // Opinion pages often date the story only in a trailer (`Published in Daily Times, October 11th 2017`).
        for line in lines[(region.end + 1)..<min(lines.count, region.end + 11)] where article.date == nil {
            if let (_, parsed) = dateIn(line.text) { article.date = parsed }
        }
        if article.title.isEmpty {
            article.warnings.append(LineWarning(line: lines[region.start].number, message: "no headline found above the story"))
        }
        return article
    }

    private func readMetadata(_ text: String, into article: inout ParsedArticle) {
        if article.date == nil, let (prefix, parsed) = dateIn(text) {
            article.date = parsed
            let byline = ArticleTextParser.cleanByline(Self.strippingDateWords(prefix))
            if article.byline == nil, Self.isNameLike(byline), !byline.isEmpty { article.byline = byline }
        } else if article.byline == nil, Self.isNameLike(text), text.split(separator: " ").count >= 2, !chrome.isChrome(text) {
            article.byline = ArticleTextParser.cleanByline(text)
        }
    }

    // MARK: Header

    /// Walks up from the story: dates, bylines and chrome are read or skipped until a line that
    /// reads like a headline; a date is still looked for a few lines above it.
    private func readHeader(_ lines: [Line], above start: Int, into article: inout ParsedArticle) {
        var index = start - 1
        let limit = max(0, start - Self.headerReach)
        var titleIndex: Int?
        while index >= limit {
            let text = lines[index].text
            defer { index -= 1 }
            if Self.isProse(text) { break }
            if let credit = ArticleTextParser.photoCredit(text) {
                if article.photoCredit == nil { article.photoCredit = credit }
                continue
            }
            if let (prefix, parsed) = dateIn(text) {
                if article.date == nil {
                    article.date = parsed
                    let byline = ArticleTextParser.cleanByline(Self.strippingDateWords(prefix))
                    if article.byline == nil, Self.isNameLike(byline) { article.byline = byline }
                }
                if titleIndex != nil { break }
                continue
            }
            if titleIndex != nil {
                // Above the headline only a date is of interest.
                if index < (titleIndex! - 6) { break }
                continue
            }
            if chrome.isChrome(text) || chrome.isEndMarker(text) || Self.isLabel(text) { continue }
            if Self.isNameLike(text) {
                if article.byline == nil, text.split(separator: " ").count >= 2 { article.byline = ArticleTextParser.cleanByline(text) }
                continue
            }
            if text.split(separator: " ").count == 1 { continue }
            article.title = ArticleTextParser.cleanTitle(text)
            titleIndex = index
            if article.date != nil { break }
        }
    }

    /// A date anywhere in a short line (`Posted on June 2, 2018`, `TFT Issue: 13 Jan 2017`,
    /// `Published Apr 09, 2016 10:44am`), with the text before it.
    func dateIn(_ text: String) -> (String, NewsDateParser.Parsed)? {
        guard text.utf8.count <= 120 else { return nil }
        if let parsed = dates.parse(text) { return ("", parsed) }
        return dates.findDate(in: text).map { (String(text[..<$0.range.lowerBound]), $0.parsed) }
    }

    /// `Written by`, `Posted in`, `By`: labels whose value is on another line.
    static func isLabel(_ text: String) -> Bool {
        // The longest label is a dozen letters: longer lines need no folding to be ruled out.
        guard text.utf8.count <= 24 else { return false }
        let lowered = text.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        return ["by", "written by", "posted in", "posted by", "filed under", "updated", "published", "tags"].contains(lowered)
    }

    /// Words that introduce a date in page headers.
    static func strippingDateWords(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        for word in ["Updated", "Published", "Posted on", "Posted", "TFT Issue:", "Last updated"] {
            if result.hasSuffix(word) { result = String(result.dropLast(word.count)) }
            if result.hasPrefix(word) { result = String(result.dropFirst(word.count)) }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// A person's or desk's name: up to five capitalised words, no digits.
    static func isNameLike(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), text.count <= 48 else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return !word.contains { $0.isNumber } && !word.hasSuffix(":")
        }
    }

    // MARK: Body

    /// The story's paragraphs; short lines inside it are kept when they read as sentences or as
    /// a subhead between paragraphs, and returned apart otherwise (bylines, dates, share counts).
    private func readBody(_ lines: [Line], region: Region) -> ([BodyBlock], [String]) {
        var body: [BodyBlock] = []
        var gap: [String] = []
        var others: [String] = []
        var previous: String?
        for line in lines[region.start...region.end] {
            let text = line.text
            if chrome.isEndMarker(text) { break }
            if chrome.isChrome(text) { continue }
            if Self.isProse(text) || Self.isSentence(text) {
                if gap.count == 1, let heading = gap.first, dateIn(heading) == nil, !Self.isNameLike(heading) {
                    body.append(.paragraph(heading))
                } else {
                    others += gap
                }
                gap = []
                // Pages often repeat the first paragraph as a summary.
                if text != previous { body.append(.paragraph(text)) }
                previous = text
            } else {
                gap.append(text)
            }
        }
        return (body, others)
    }

    /// A paragraph of running text.
    static func isProse(_ text: String) -> Bool {
        text.utf8.count >= 100 && wordCount(text, atLeast: 12)
    }

    /// Whether `text` has at least `minimum` space-separated words, counted without allocating.
    static func wordCount(_ text: String, atLeast minimum: Int) -> Bool {
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words >= minimum { return true }
            }
        }
        return false
    }

    /// A short paragraph that is still a sentence: it ends like one and has a few words.
    static func isSentence(_ text: String) -> Bool {
        guard let last = text.last, ".!?\"”’)…".contains(last) else { return false }
        return wordCount(text, atLeast: 5)
    }
}

import Foundation
