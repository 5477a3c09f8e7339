/// Turns ALL-CAPS wire headlines into title case a reader can scan.
enum ReadableCase {
    private static let minorWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
        "or", "over", "per", "the", "to", "up", "via", "vs", "with",
    ]

    static func titleCase(_ text: String) -> String {
        var words: [String] = []
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let lower = word.lowercased()
            // Abbreviations with dots (`U.S.`, `U.K.`) stay as written.
            if word.contains(".") && word.count <= 6 {
                words.append(String(word))
            } else if index > 0 && minorWords.contains(lower) {
                words.append(lower)
            } else {
                words.append(capitalizeParts(lower))
            }
        }
        return words.joined(separator: " ")
    }

    /// Capitalises each part of hyphenated words: `anti-inflation` → `Anti-Inflation`.
    private static func capitalizeParts(_ word: String) -> String {
        word.split(separator: "-", omittingEmptySubsequences: false)
            .map { part in part.prefix(1).uppercased() + part.dropFirst() }
            .joined(separator: "-")
    }
}
