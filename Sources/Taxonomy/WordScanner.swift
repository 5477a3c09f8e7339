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
/// article, and words are made of letters and digits, where the two agree.
struct WordScanner {
    struct Word: Sendable {
        var text: Substring
        var startsSentence: Bool
        /// Whether punctuation separates this word from the next one (names do not run across it).
        var endsPhrase: Bool
    }

    static func words(_ text: String) -> [Word] {
        let scalars = text.unicodeScalars
        var words: [Word] = []
        words.reserveCapacity(text.utf8.count / 6)
        var index = scalars.startIndex
        var sentenceStart = true
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                let start = index
                var end = scalars.index(after: index)
                while end < scalars.endIndex {
                    let next = scalars[end]
                    if isWordScalar(next) || (!next.isASCII && next.properties.isGraphemeExtend) {
                        end = scalars.index(after: end)
                    } else if next == "." || next == "-" || next == "&", continuesWord(scalars, start: start, at: end) {
                        end = scalars.index(after: end)
                    } else {
                        break
                    }
                }
                words.append(Word(text: text[start..<end], startsSentence: sentenceStart, endsPhrase: false))
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
                index = scalars.index(after: index)
            }
        }
        return words
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `U.S.`: single capitals separated by dots; `Guinea-Bissau`, `AT&T`: a joiner between letters.
    private static func continuesWord(_ scalars: String.UnicodeScalarView, start: String.Index, at position: String.Index) -> Bool {
        let separator = scalars[position]
        let afterIndex = scalars.index(after: position)
        if separator == "-" || separator == "&" {
            return afterIndex < scalars.endIndex && isWordScalar(scalars[afterIndex])
        }
        // A dot continues the word only inside runs of single capitals: U.S., U.K., U.S.A.
        var letters = 0
        var runLength = 0
        var cursor = start
        while cursor < position {
            let scalar = scalars[cursor]
            if scalar == "." {
                guard runLength == 1 else { return false }
                runLength = 0
            } else {
                guard scalar.isASCII, scalar.properties.isUppercase else { return false }
                runLength += 1
                letters += 1
            }
            cursor = scalars.index(after: cursor)
        }
        guard runLength == 1 else { return false }
        if afterIndex < scalars.endIndex, scalars[afterIndex].properties.isUppercase, scalars[afterIndex].isASCII {
            let nextNext = scalars.index(after: afterIndex)
            return nextNext == scalars.endIndex || scalars[nextNext] == "." || !isWordScalar(scalars[nextNext])
        }
        return letters >= 2
    }
}
