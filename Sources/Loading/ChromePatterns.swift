/// Site furniture that copies of news pages carry around the story, as data rather than code:
/// lines dropped wherever they appear, and markers after which nothing belongs to the story.
public struct ChromePatterns: Sendable, Hashable {
    /// Whole lines (compared case-insensitively, ignoring surrounding punctuation) that are never story text.
    public var lines: Set<String>
    /// Line openings that mark a short line as chrome (`Published in Dawn, January 4th, 2025`).
    public var linePrefixes: [String]
    /// Lines that open the comment section or page footer: the story has ended.
    public var endMarkers: Set<String>
    /// Line openings that end the story the same way (`Comments (319)`).
    public var endMarkerPrefixes: [String]
    /// Openings of whole paragraphs, however long, that are the site talking to its reader
    /// (`Dear reader, online ads enable us…`), not the story.
    public var paragraphPrefixes: [String]

    public init(lines: Set<String>, linePrefixes: [String], endMarkers: Set<String>, endMarkerPrefixes: [String],
                paragraphPrefixes: [String] = []) {
        self.lines = lines
        self.linePrefixes = linePrefixes
        self.paragraphPrefixes = paragraphPrefixes
        self.endMarkers = endMarkers
        self.endMarkerPrefixes = endMarkerPrefixes
    }

    public static let builtIn = ChromePatterns(
        lines: [
            "listen to article", "listen", "advertisement", "advertisements", "share", "share this article",
            "share this story", "print story", "print", "leave a comment", "submit a comment",
            "read more", "related", "related articles", "related stories", "skip to content",
            "skip to main content", "follow us", "load more", "reuter", "reuters",
        ],
        linePrefixes: ["published in ", "trending:", "read more:", "also read:"],
        endMarkers: ["comments", "comment", "replying to x", "reader comments"],
        endMarkerPrefixes: ["comments (", "comments are moderated"],
        paragraphPrefixes: ["dear reader", "please upgrade", "you are using an outdated browser", "we use cookies"]
    )

    /// The key a line is compared by: lower-cased, with the punctuation and space around it removed.
    static func key(_ line: String) -> String {
        collapseSpaces(line).lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
    }

    /// Copied text mixes no-break and ordinary spaces (`Listen\u{A0}to\u{A0}article`); compare them alike.
    static func collapseSpaces(_ line: String) -> String {
        line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// No chrome line is longer than this; longer lines are story text and skip the comparisons.
    static let longestLine = 100

    func isChrome(_ line: String) -> Bool {
        guard line.utf8.count <= Self.longestLine else { return isChromeParagraph(line) }
        let key = Self.key(line)
        if lines.contains(key) { return true }
        let lowered = Self.collapseSpaces(line).lowercased()
        return lowered.count <= 100 && linePrefixes.contains { lowered.hasPrefix($0) }
    }

    func isChromeParagraph(_ line: String) -> Bool {
        guard !paragraphPrefixes.isEmpty else { return false }
        let opening = line.prefix(40).lowercased()
        return paragraphPrefixes.contains { opening.hasPrefix($0) }
    }

    func isEndMarker(_ line: String) -> Bool {
        guard line.utf8.count <= Self.longestLine else { return false }
        if endMarkers.contains(Self.key(line)) { return true }
        let lowered = Self.collapseSpaces(line).lowercased()
        return lowered.count <= 100 && endMarkerPrefixes.contains { lowered.hasPrefix($0) }
    }
}

import Foundation
