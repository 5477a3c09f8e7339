import Mustache

/// HTML escaping for `{{name}}` tags, byte for byte what swift-mustache's own HTML content type
/// writes (`<`, `>`, `&`, `"`, `'`), without its walk over `Character`s and a dictionary look-up
/// per character: a text with nothing to escape, nearly every title and date, is returned as it
/// is. Escaping was a sixth of a cold build's time before.
///
/// Templates select it with a `CONTENT_TYPE` pragma that `TemplateSet` puts before each one.
struct HTMLEscaper: MustacheContentType {
    static let name = "BROADSHEET_HTML"

    /// Registered once, before the first template is parsed (the parser looks the name up).
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLEscaper(), named: name)
        return true
    }()

    /// The pragma line put before every template: standalone, so the parser drops the whole
    /// line and the template's own lines keep their numbers plus one.
    static let pragma = "{{%CONTENT_TYPE:\(name)}}\n"

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var text = text
        let needsEscaping = text.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        }
        guard needsEscaping else { return text }
        return text.withUTF8 { bytes in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }
}
