/// Splits text into words with their positions, keeping abbreviations like `U.S.` whole and
/// noting which words open a sentence (where capitals say nothing about names).
struct WordScanner {
    struct Word {
        var text: Substring
        var startsSentence: Bool
        /// Whether punctuation separates this word from the next one (names do not run across it).
        var endsPhrase: Bool
    }

    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var index = text.startIndex
        var sentenceStart = true
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                let start = index
                var end = text.index(after: index)
                while end < text.endIndex {
                    let next = text[end]
                    if next.isLetter || next.isNumber {
                        end = text.index(after: end)
                    } else if next == "." || next == "-" || next == "&", isAbbreviationOrCompound(text, start: start, at: end) {
                        end = text.index(after: end)
                    } else {
                        break
                    }
                }
                words.append(Word(text: text[start..<end], startsSentence: sentenceStart, endsPhrase: false))
                sentenceStart = false
                index = end
            } else {
                if character == "." || character == "!" || character == "?" || character == "\n" || character == ":" || character == "\"" || character == "“" {
                    sentenceStart = true
                }
                if !character.isWhitespace && character != "’" && character != "'", !words.isEmpty {
                    words[words.count - 1].endsPhrase = true
                }
                if character == "\n", !words.isEmpty { words[words.count - 1].endsPhrase = true }
                index = text.index(after: index)
            }
        }
        return words
    }

    /// `U.S.`: single capitals separated by dots; `Guinea-Bissau`: hyphen between letters.
    private static func isAbbreviationOrCompound(_ text: String, start: String.Index, at position: String.Index) -> Bool {
        let separator = text[position]
        let afterIndex = text.index(after: position)
        if separator == "-" || separator == "&" {
            return afterIndex < text.endIndex && text[afterIndex].isLetter
        }
        // A dot continues the word only inside single-letter runs: U.S., U.K., U.S.A.
        let sofar = text[start..<position]
        let letters = sofar.filter { $0 != "." }
        guard letters.allSatisfy({ $0.isUppercase }), sofar.split(separator: ".").allSatisfy({ $0.count == 1 }) else { return false }
        if afterIndex < text.endIndex, text[afterIndex].isUppercase {
            let nextNext = text.index(after: afterIndex)
            return nextNext == text.endIndex || text[nextNext] == "." || !text[nextNext].isLetter
        }
        return letters.count >= 2
    }
}
