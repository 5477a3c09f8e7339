import Foundation

/// URL slugs: lower-cased, diacritics folded, runs of anything but letters and digits turned into `-`.
///
/// The same rule makes article slugs and term slugs (`United States` → `united-states`), matching
/// the URL layout Hugo uses for the same content.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        // ASCII needs no folding, and Foundation's is slow: every article and term comes through here.
        let folded = text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.lowercased()
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Self.posix).lowercased()
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if isSlugCharacter(scalar) {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                // Apostrophes join their word: "Afghanistan’s" → "afghanistans".
                continue
            } else {
                pendingDash = true
            }
        }
        if result.count > maxLength {
            // Cut at a word boundary so slugs never end mid-word.
            let prefix = result.prefix(maxLength)
            if let lastDash = prefix.lastIndex(of: "-"), prefix.distance(from: prefix.startIndex, to: lastDash) > maxLength / 2 {
                result = String(prefix[..<lastDash])
            } else {
                result = String(prefix)
            }
        }
        return result
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func isSlugCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
        }
        // Non-Latin scripts keep their letters so Urdu or Arabic titles still get readable slugs.
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
