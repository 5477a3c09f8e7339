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
        let special = specialBytes
        var copy = line
        let plain = copy.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, !(first >= 0x30 && first <= 0x39), !escapedAtLineStartBytes.contains(first) else { return false }
            return special.withUnsafeBufferPointer { table in !bytes.contains { table[Int($0)] } }
        }
        if plain { return line }
        // Every character that may need a backslash is ASCII: the work is done on bytes.
        let bytes = Array(line.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        // Count the digits a line starts with: `1987. The year…` would open an ordered list.
        let leadingDigits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        for (index, byte) in bytes.enumerated() {
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if specialBytes[Int(byte)] && byte != 0x26 {
                result.append(0x5C)
            } else if index == 0 && escapedAtLineStartBytes.contains(byte) {
                result.append(0x5C)
            } else if byte == 0x26, next == 0x23 || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) {
                // Only an entity-like run (`&amp;`, `&#39;`) would be decoded; escape just those.
                result.append(0x5C)
            } else if leadingDigits > 0, index == leadingDigits, byte == 0x2E || byte == 0x29 {
                result.append(0x5C)
            }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
