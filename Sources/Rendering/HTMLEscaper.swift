import Core
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
        Field.htmlText.encode(text)
    }
}
