/// The escapes of HTML and of URLs, applied by `Field` before a value is escaped for the
/// document that carries it.
public enum MarkupEscape {
    /// HTML text or a quoted attribute value: `<`, `>`, `&`, `"` and `'` as references. A text
    /// with nothing to escape, nearly every title and date, is returned as it is.
    public static func htmlAttribute(_ text: String) -> String {
        html(text, quotes: true)
    }

    /// HTML text that is never an attribute (a feed's HTML field): only `<`, `>` and `&`, so
    /// that a reader that shows the field as text instead still shows quotes and apostrophes.
    public static func htmlContent(_ text: String) -> String {
        html(text, quotes: false)
    }

    private static func html(_ text: String, quotes: Bool) -> String {
        escape(text) { byte in
            switch byte {
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "\"") where quotes: "&quot;"
            case UInt8(ascii: "'") where quotes: "&#39;"
            default: nil
            }
        }
    }

    /// A URL with every byte a URI may not hold (non-ASCII, controls, space, `"<>\^`{|}`)
    /// percent-encoded; `%` and the reserved characters stay, so an encoded URL is unchanged.
    public static func percentEncoded(_ url: String) -> String {
        escape(url) { byte in
            guard isOutsideURI(byte) else { return nil }
            let digits = Array("0123456789ABCDEF".utf8)
            return String(decoding: [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }
    }

    /// Whether `percentEncoded` changes `byte`.
    public static func isOutsideURI(_ byte: UInt8) -> Bool {
        byte >= 0x7F || byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "^") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "{")
            || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "}")
    }

    /// `text` with each byte that `replacement` names replaced: checked first, so text with
    /// nothing to replace is not copied.
    private static func escape(_ text: String, _ replacement: (UInt8) -> String?) -> String {
        var text = text
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            guard bytes.contains(where: { replacement($0) != nil }) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                if let replaced = replacement(byte) { escaped.append(contentsOf: replaced.utf8) } else { escaped.append(byte) }
            }
            return escaped
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
