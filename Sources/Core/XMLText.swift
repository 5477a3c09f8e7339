/// Escaping for XML text and attribute values.
///
/// Characters XML 1.0 forbids (most C0 controls) are dropped rather than escaped: no escape
/// makes them legal, and one stray byte would make a whole feed unreadable.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        // Most texts (every URL of a sitemap) need nothing: checked byte by byte first.
        var text = text
        if !text.withUTF8(needsEscape) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                let value = scalar.value
                if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D { continue }
                if value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `escape` would change text of these UTF-8 bytes (0xEF may begin U+FFFE or U+FFFF).
    public static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
        }
    }
}
