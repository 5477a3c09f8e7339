/// Escapes plain text so that CommonMark reads it back as the same text.
///
/// Article text is prose, not Markdown: `<Hemdale Film Corp>` must not become raw HTML,
/// `*` must not start emphasis, and a line starting `1987.` must not start a list.
public enum MarkdownEscaper {
    private static let alwaysEscaped: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<"]
    private static let escapedAtLineStart: Set<Unicode.Scalar> = ["#", ">", "-", "+", "=", "|", "~"]
    /// Bytes that may need an escape anywhere in a line (`&` only before an entity), as a table.
    private static let specialBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for scalar in alwaysEscaped { table[Int(scalar.value)] = true }
        table[0x26] = true
        return table
    }()
    private static let escapedAtLineStartBytes: Set<UInt8> = Set(escapedAtLineStart.map { UInt8($0.value) })

    public static func escape(_ line: String) -> String {
        // Most lines of prose need nothing: check the bytes before doing any work.
        if let first = line.utf8.first, !(first >= 0x30 && first <= 0x39), !escapedAtLineStartBytes.contains(first),
           !line.utf8.contains(where: { specialBytes[Int($0)] }) {
            return line
        }
        let scalars = Array(line.unicodeScalars)
        var result = String.UnicodeScalarView()
        result.reserveCapacity(scalars.count + 8)
        // Count the digits a line starts with: `1987. The year…` would open an ordered list.
        let leadingDigits = scalars.prefix { $0.isASCII && $0.properties.numericType != nil }.count
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if alwaysEscaped.contains(scalar) {
                result.append("\\")
            } else if index == 0 && escapedAtLineStart.contains(scalar) {
                result.append("\\")
            } else if scalar == "&", let next, next == "#" || next.properties.isAlphabetic {
                // Only an entity-like run (`&amp;`, `&#39;`) would be decoded; escape just those.
                result.append("\\")
            } else if leadingDigits > 0, index == leadingDigits, scalar == "." || scalar == ")" {
                result.append("\\")
            }
            result.append(scalar)
        }
        return String(result)
    }
}
