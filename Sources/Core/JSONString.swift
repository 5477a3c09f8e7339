/// JSON string literals (RFC 8259), written by hand: `Field` decides when a value gets one.
enum JSONString {
    /// `text` as a JSON string literal, quotes included, appended to `result`. `forScript` also
    /// writes `<`, `>`, `&`, U+2028 and U+2029 as escapes, so the literal can sit in an HTML
    /// script element (and in JavaScript source) without ending it.
    static func append(_ text: String, to result: inout String, forScript: Bool) {
        // Most headlines, names and URLs need no escape: checked by bytes (U+2028 and U+2029
        // start with 0xE2), they are quoted as they are.
        var text = text
        let plain = text.withUTF8 { bytes in
            for byte in bytes {
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 { return false }
                if forScript, byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") { return false }
            }
            return true
        }
        result += "\""
        if plain {
            result += text
            result += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<" where forScript: result += "\\u003c"
            case ">" where forScript: result += "\\u003e"
            case "&" where forScript: result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result += "\""
    }
}
