extension Substring {
    /// The text without surrounding spaces, tabs and no-break spaces. Cheaper than Foundation's
    /// `trimmingCharacters(in:)`, which bridges through NSString; this runs on every line.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        // Byte checks first: almost every line starts and ends with a letter or a mark.
        while start < end, let byte = utf8[start...].first, byte == 0x20 || byte == 0x09 || (byte >= 0x80 && isSpace(scalars[start])) {
            start = scalars.index(after: start)
        }
        while end > start {
            let last = scalars.index(before: end)
            let byte = utf8[utf8.index(before: end)]
            guard byte == 0x20 || byte == 0x09 || (byte >= 0x80 && isSpace(scalars[last])) else { break }
            end = last
        }
        if start == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(self[start..<end])
    }
}

extension String {
    func trimmingSpaces() -> String {
        self[...].trimmingSpaces()
    }
}

extension StringProtocol {
    /// The text without the given characters at either end (`" ,|-–—"` around a byline), by
    /// Unicode scalar, without Foundation's bridging through NSString.
    func trimming(_ unwanted: Set<Unicode.Scalar>) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, unwanted.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, unwanted.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

extension StringProtocol {
    /// Whether the text opens with `prefix`, ignoring the case of ASCII letters (`Photo:`,
    /// `PHOTO:`): byte by byte, without Foundation's bridging.
    /// The first place `needle` occurs, found byte by byte (Foundation's `range(of:)` bridges
    /// through NSString, and this runs on every article's headline and first paragraph).
    func firstRange(ofBytes needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let view = utf8
        var index = view.startIndex
        while index != view.endIndex {
            if view[index] == first {
                var cursor = view.index(after: index)
                var matched = 1
                while matched < pattern.count, cursor != view.endIndex, view[cursor] == pattern[matched] {
                    cursor = view.index(after: cursor)
                    matched += 1
                }
                if matched == pattern.count { return index..<cursor }
            }
            index = view.index(after: index)
        }
        return nil
    }

    func containsBytes(_ needle: String) -> Bool {
        firstRange(ofBytes: needle) != nil
    }

    /// The text cut at every occurrence of `separator`, by bytes.
    func splitting(byBytes separator: String) -> [SubSequence] {
        var parts: [SubSequence] = []
        var rest = self[...]
        while let range = rest.firstRange(ofBytes: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }

    func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        var text = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = text.next() else { return false }
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let wanted = expected >= 0x41 && expected <= 0x5A ? expected | 0x20 : expected
            if folded != wanted { return false }
        }
        return true
    }
}

private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0xA0, 0x3000, 0x2000...0x200A, 0x202F, 0x205F, 0x1680: return true
    default: return false
    }
}

/// The spaces `trimmingSpaces` removes, recognised in UTF-8 bytes.
enum UTF8Spaces {
    /// The range `from..<to` of `bytes` without spaces at either end.
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (Int, Int) {
        var start = from, end = to
        while start < end {
            let length = spaceLength(bytes, at: start, limit: end)
            if length == 0 { break }
            start += length
        }
        while end > start {
            let length = spaceLength(bytes, endingAt: end, limit: start)
            if length == 0 { break }
            end -= length
        }
        return (start, end)
    }

    /// The byte length of the space starting at `index`, or 0.
    private static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D { return 1 }
        if byte < 0x80 { return 0 }
        for length in 2...3 where index + length <= limit {
            if isSpace(bytes, from: index, length: length) { return length }
        }
        return 0
    }

    private static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, limit: Int) -> Int {
        let byte = bytes[end - 1]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D { return 1 }
        if byte < 0x80 { return 0 }
        for length in 2...3 where end - length >= limit {
            if isSpace(bytes, from: end - length, length: length) { return length }
        }
        return 0
    }

    /// No-break space, ideographic space, the typographic spaces, Ogham space mark.
    private static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, length: Int) -> Bool {
        let b0 = bytes[index], b1 = bytes[index + 1]
        if length == 2 { return b0 == 0xC2 && b1 == 0xA0 }
        let b2 = bytes[index + 2]
        switch (b0, b1) {
        case (0xE3, 0x80): return b2 == 0x80
        case (0xE2, 0x80): return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF
        case (0xE2, 0x81): return b2 == 0x9F
        case (0xE1, 0x9A): return b2 == 0x80
        default: return false
        }
    }
}
