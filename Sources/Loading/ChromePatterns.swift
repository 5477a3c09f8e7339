import Core
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
            "skip to main content", "follow us", "load more", "reuter", "reuters", "subscribe", "sign in",
            "log in", "most popular", "most read", "print this article", "email this article", "shares",
        ],
        linePrefixes: ["published in ", "trending:", "read more:", "also read:"],
        endMarkers: ["comments", "comment", "replying to x", "reader comments"],
        endMarkerPrefixes: ["comments (", "comments are moderated"],
        paragraphPrefixes: ["dear reader", "please upgrade", "you are using an outdated browser", "we use cookies"]
    )

    /// The built-in patterns with a site's own additions from `site.yml`.
    public func adding(lines extraLines: [String], prefixes: [String], endMarkers extraMarkers: [String]) -> ChromePatterns {
        var patterns = self
        patterns.lines.formUnion(extraLines.map { Self.key($0) })
        patterns.linePrefixes += prefixes.map { Self.key($0) }.filter { !$0.isEmpty }
        patterns.endMarkers.formUnion(extraMarkers.map { Self.key($0) })
        return patterns
    }

    public static func forSite(_ config: SiteConfig) -> ChromePatterns {
        builtIn.adding(lines: config.chromeLines, prefixes: config.chromePrefixes, endMarkers: config.chromeEndMarkers)
    }

    /// The key a line is compared by: lower-cased, spaces collapsed (copied text mixes no-break
    /// and ordinary spaces: `Listen\u{A0}to\u{A0}article`), punctuation and space around it removed.
    static func key(_ line: Substring) -> String {
        if let ascii = asciiKey(line) { return ascii }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.lowercased().unicodeScalars {
            if scalar.isASCII ? (scalar == " " || scalar == "\t") : scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else if isPunctuation(scalar) && result.isEmpty {
                continue
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        while let last = result.last, isPunctuation(last) || last == " " { result.removeLast() }
        return String(result)
    }

    static func key(_ line: String) -> String { key(line[...]) }

    /// `key` for an ASCII line, on bytes; nil when the line has other characters.
    private static func asciiKey(_ line: Substring) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for byte in line.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || byte == 0x09 || (byte >= 0x0A && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
            } else if result.isEmpty && isKeyPunctuation(byte) {
                continue
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        while let last = result.last, isKeyPunctuation(last) || last == 0x20 { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }

    /// The ASCII characters Unicode calls punctuation (symbols such as `$`, `+`, `<` are not).
    private static func isKeyPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x23, 0x25...0x2A, 0x2C...0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B...0x5D, 0x5F, 0x7B, 0x7D: return true
        default: return false
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// No chrome line is longer than this; longer lines are story text and skip the comparisons.
    static let longestLine = 100
    /// Whole chrome lines are short; prefixes are matched on a line's opening only.
    static let longestKey = 40

    func isChrome(_ line: String) -> Bool {
        let length = line.utf8.count
        guard length <= Self.longestLine else { return isChromeParagraph(line) }
        if length <= Self.longestKey, lines.contains(Self.key(line)) { return true }
        return linePrefixes.contains { Self.opens(line, with: $0) }
    }

    /// Whether a line opens with `prefix`, ignoring case, leading punctuation and the kind of
    /// spaces; compared on bytes, since it runs for every short line of every article.
    static func opens(_ line: String, with prefix: String) -> Bool {
        guard prefix.utf8.allSatisfy({ $0 < 0x80 }) else {
            let opening = key(line.prefix(longestKey))
            return opening.hasPrefix(prefix) || (prefix.hasSuffix(":") && opening == prefix.dropLast())
        }
        var lineBytes = line.utf8.makeIterator()
        var current = lineBytes.next()
        // Skip leading spaces and ASCII punctuation (`• `, `* `, quotes are rare here).
        while let byte = current, byte == 0x20 || byte == 0x09 || (byte < 0x80 && byte != 0x26 && isASCIIPunctuation(byte)) {
            current = lineBytes.next()
        }
        var previousWasSpace = false
        for expected in prefix.utf8 {
            // Collapse runs of spaces (and the two bytes of a no-break space) in the line.
            while let byte = current, previousWasSpace, byte == 0x20 || byte == 0xC2 || byte == 0xA0 {
                current = lineBytes.next()
            }
            guard let byte = current else {
                // `Trending:` alone matches the prefix `trending:` without its colon.
                return expected == 0x3A
            }
            if expected == 0x20 {
                guard byte == 0x20 || byte == 0xC2 || byte == 0x09 else { return false }
                if byte == 0xC2 { _ = lineBytes.next() }
                previousWasSpace = true
            } else {
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                guard lowered == expected else { return false }
                previousWasSpace = false
            }
            current = lineBytes.next()
        }
        return true
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }

    func isChromeParagraph(_ line: String) -> Bool {
        guard !paragraphPrefixes.isEmpty else { return false }
        return paragraphPrefixes.contains { prefix in
            prefix.utf8.allSatisfy { $0 < 0x80 } ? line.hasPrefixIgnoringASCIICase(prefix) : line.prefix(40).lowercased().hasPrefix(prefix)
        }
    }

    func isEndMarker(_ line: String) -> Bool {
        let length = line.utf8.count
        guard length <= Self.longestLine else { return false }
        if length <= Self.longestKey, endMarkers.contains(Self.key(line)) { return true }
        return endMarkerPrefixes.contains { Self.opens(line, with: $0) }
    }
}

import Foundation
