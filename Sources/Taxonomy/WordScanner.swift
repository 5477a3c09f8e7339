/// A text split into words once, for every stage that reads its words (countries, tags).
public struct ScannedText: Sendable {
    let words: [WordScanner.Word]

    public init(_ text: String) {
        words = WordScanner.words(text)
    }

    init(words: [WordScanner.Word]) {
        self.words = words
    }

    public static func + (lhs: ScannedText, rhs: ScannedText) -> ScannedText {
        ScannedText(words: lhs.words + rhs.words)
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
    struct Word: Sendable {
        var text: Substring
        var startsSentence: Bool
        /// Whether punctuation separates this word from the next one (names do not run across it).
        var endsPhrase: Bool
        /// FNV-1a of the word's UTF-8 bytes as written (`WordScanner.hash`): the key of a first,
        /// cheap look-up that most words fail, before any string is hashed or compared.
        var hash: UInt64
        /// The same with ASCII capitals folded to small letters (`The` and `the` alike).
        var foldedHash: UInt64
    }

    static func words(_ text: String) -> [Word] {
        if let words = text.utf8.withContiguousStorageIfAvailable({ words(text, bytes: $0) }) { return words }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { words(contiguous, bytes: $0) } ?? []
    }

    private static func words(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(bytes.count / 6)
        let utf8 = text.utf8
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
                let lower = utf8.index(utf8.startIndex, offsetBy: start), upper = utf8.index(lower, offsetBy: end - start)
                words.append(Word(text: text[lower..<upper], startsSentence: sentenceStart, endsPhrase: false, hash: hash, foldedHash: folded))
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
