/// A text split into words once, for every stage that reads its words (countries, tags).
public struct ScannedText: Sendable {
    /// The text the words are in: texts put together with `+`, a line break between each.
    let text: String
    let words: [WordScanner.Word]
    /// Where each text put together with `+` starts in `text`: a word's neighbouring
    /// punctuation is looked for in its own text only.
    private let partStarts: [Int32]

    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        words = Self.bytes(of: text, WordScanner.words(bytes:))
        partStarts = [0]
    }

    private init(text: String, words: [WordScanner.Word], partStarts: [Int32]) {
        self.text = text
        self.words = words
        self.partStarts = partStarts
    }

    static let empty = ScannedText("")

    /// A word as written.
    func text(of word: WordScanner.Word) -> Substring {
        let utf8 = text.utf8
        return text[utf8.index(utf8.startIndex, offsetBy: Int(word.start))..<utf8.index(utf8.startIndex, offsetBy: Int(word.end))]
    }

    /// Consecutive words as written, joined by single spaces (`Bank of England`).
    func phrase(_ words: ArraySlice<WordScanner.Word>) -> String {
        words.map { String(text(of: $0)) }.joined(separator: " ")
    }

    /// The text's UTF-8 bytes.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Self.bytes(of: text, body)
    }

    /// A text's UTF-8 bytes, in place when it is stored contiguously (as `init` makes it).
    private static func bytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The bounds of the text put together with `+` that holds `word`.
    private func part(of word: WordScanner.Word) -> Range<Int> {
        var start = 0, end = text.utf8.count
        for (index, partStart) in partStarts.enumerated() where partStart <= word.start {
            start = Int(partStart)
            end = index + 1 < partStarts.count ? Int(partStarts[index + 1]) - 1 : text.utf8.count
        }
        return start..<end
    }

    /// The first byte after a word that is not a space, in the word's own text; nil at its end.
    func byte(after word: WordScanner.Word) -> UInt8? {
        let end = part(of: word).upperBound
        return withBytes { bytes in
            var index = Int(word.end)
            while index < end, bytes[index] == 0x20 { index += 1 }
            return index < end ? bytes[index] : nil
        }
    }

    /// The last byte before a word that is not a space, in the word's own text; nil at its start.
    func byte(before word: WordScanner.Word) -> UInt8? {
        let start = part(of: word).lowerBound
        return withBytes { bytes in
            var index = Int(word.start)
            while index > start {
                index -= 1
                if bytes[index] != 0x20 { return bytes[index] }
            }
            return nil
        }
    }

    /// Both texts' words, in order, as one text.
    public static func + (lhs: ScannedText, rhs: ScannedText) -> ScannedText {
        let shift = Int32(lhs.text.utf8.count + 1)
        var words = lhs.words
        words.reserveCapacity(lhs.words.count + rhs.words.count)
        for var word in rhs.words {
            word.start += shift
            word.end += shift
            words.append(word)
        }
        return ScannedText(text: lhs.text + "\n" + rhs.text, words: words, partStarts: lhs.partStarts + rhs.partStarts.map { $0 + shift })
    }
}

/// Splits text into words with their positions, keeping abbreviations like `U.S.` whole and
/// noting which words open a sentence (where capitals say nothing about names).
///
/// Works on Unicode scalars rather than grapheme clusters: it reads every word of every
/// article, and words are made of letters and digits, where the two agree. The scalars are
/// decoded from the text's UTF-8 bytes in place: going through `String.UnicodeScalarView`
/// index by index cost more than everything the taxonomy then did with the words.
struct WordScanner {
    /// A word by where it lies in its text's UTF-8 bytes (`ScannedText.text(of:)` spells it
    /// out), with what the stages ask of every word worked out once: a plain value, which the
    /// stages copy and drop for free, where a word holding a `Substring` took and released its
    /// text's storage at every step.
    struct Word: Sendable {
        var start: Int32
        var end: Int32
        /// The word's first Unicode scalar (names start with a capital).
        var first: Unicode.Scalar
        var startsSentence: Bool
        /// Whether punctuation separates this word from the next one (names do not run across it).
        var endsPhrase: Bool
        /// FNV-1a of the word's UTF-8 bytes as written (`WordScanner.hash`): the key of a first,
        /// cheap look-up that most words fail, before any string is hashed or compared.
        var hash: UInt64
        /// The same with ASCII capitals folded to small letters (`The` and `the` alike).
        var foldedHash: UInt64
    }

    /// The words of a text's UTF-8 bytes (`ScannedText` holds the text).
    static func words(bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(bytes.count / 6)
        let count = bytes.count
        var index = 0
        var sentenceStart = true
        while index < count {
            let (scalar, length) = decode(bytes, at: index)
            if isWordScalar(scalar) {
                let start = index
                var end = index + length
                while end < count {
                    let (next, nextLength) = decode(bytes, at: end)
                    if isWordScalar(next) || (!next.isASCII && next.properties.isGraphemeExtend) {
                        end += nextLength
                    } else if next == "." || next == "-" || next == "&", continuesWord(bytes, start: start, at: end) {
                        end += 1
                    } else {
                        break
                    }
                }
                var hash = offsetBasis, folded = offsetBasis
                for position in start..<end {
                    hash = adding(bytes[position], to: hash)
                    folded = adding(lowercased(bytes[position]), to: folded)
                }
                words.append(Word(start: Int32(start), end: Int32(end), first: scalar, startsSentence: sentenceStart, endsPhrase: false,
                                  hash: hash, foldedHash: folded))
                sentenceStart = false
                index = end
            } else {
                switch scalar {
                case ".", "!", "?", "\n", ":", "\"", "\u{201C}":
                    sentenceStart = true
                default:
                    break
                }
                if !words.isEmpty && scalar != " " && scalar != "\u{2019}" && scalar != "'" && scalar != "\u{A0}" && scalar != "\t" {
                    words[words.count - 1].endsPhrase = true
                }
                index += length
            }
        }
        return words
    }

    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    /// One byte into an FNV-1a hash.
    @inline(__always)
    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 { isCapital(byte) ? byte | 0x20 : byte }

    /// FNV-1a of a text's UTF-8 bytes, as `Word.hash` is of a word's, from `hash` on: a phrase's
    /// words joined by single spaces hash as its text does.
    static func hash(_ text: some StringProtocol, continuing hash: UInt64 = offsetBasis) -> UInt64 {
        text.utf8.reduce(hash) { adding($1, to: $0) }
    }

    /// The same with ASCII capitals folded to small letters, as `Word.foldedHash` is of a word's.
    static func foldedHash(_ text: some StringProtocol) -> UInt64 {
        text.utf8.reduce(offsetBasis) { adding(lowercased($1), to: $0) }
    }

    /// The scalar that starts at `index` and its length in bytes. A `String`'s bytes are always
    /// valid UTF-8, so the lead byte gives the length.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let value: UInt32, length: Int
        if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            length = 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always)
    private static func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// `U.S.`: single capitals separated by dots; `Guinea-Bissau`, `AT&T`: a joiner between letters.
    private static func continuesWord(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, at position: Int) -> Bool {
        let separator = bytes[position]
        let after = position + 1
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: "&") {
            return after < bytes.count && isWordScalar(decode(bytes, at: after).0)
        }
        // A dot continues the word only inside runs of single capitals: U.S., U.K., U.S.A.
        var letters = 0
        var runLength = 0
        for cursor in start..<position {
            if bytes[cursor] == UInt8(ascii: ".") {
                guard runLength == 1 else { return false }
                runLength = 0
            } else {
                guard isCapital(bytes[cursor]) else { return false }
                runLength += 1
                letters += 1
            }
        }
        guard runLength == 1 else { return false }
        if after < bytes.count, isCapital(bytes[after]) {
            let nextNext = after + 1
            return nextNext == bytes.count || bytes[nextNext] == UInt8(ascii: ".") || !isWordScalar(decode(bytes, at: nextNext).0)
        }
        return letters >= 2
    }
}
