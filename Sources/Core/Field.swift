/// How a value becomes a field of another language: the one place that decides which escapes a
/// value gets and in what order. A plain-text value that a reader takes as HTML is HTML-escaped
/// first, then escaped for the document that carries it, so the reader shows the text itself.
public struct Field: Sendable, Hashable {
    /// What the reader of the field takes its value for.
    public enum Reading: Sendable, Hashable {
        /// Shown as it is (Atom `type="text"`, JSON Feed `title`, JSON-LD `headline`).
        case text
        /// Parsed as HTML before it is shown (RSS `description`, JSON Feed `content_html`).
        case html
        /// Followed as a link: percent-encoded to ASCII, as URIs must be (sitemaps, RSS `link`).
        case url
    }

    /// The document the field is written into.
    public enum Container: Sendable, Hashable {
        /// XML character data or a quoted attribute value.
        case xml
        /// A JSON string literal, quotes included.
        case json
        /// A JSON string literal inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and
        /// U+2029 as JSON escapes as well, so no value can end the element.
        case scriptJSON
        /// HTML text or a quoted attribute value.
        case html
    }

    public let reading: Reading
    public let container: Container

    public init(_ reading: Reading, in container: Container) {
        self.reading = reading
        self.container = container
    }

    /// `value` as this field writes it.
    public func encode(_ value: String) -> String {
        // A page's text, every `{{name}}` of every page: escaped without a second copy.
        if reading == .text, container == .html { return MarkupEscape.htmlAttribute(value) }
        var result = ""
        append(value, to: &result)
        return result
    }

    /// `value` as this field writes it, appended to `result`.
    public func append(_ value: String, to result: inout String) {
        let read: String
        switch reading {
        case .text: read = value
        case .html: read = MarkupEscape.htmlContent(value)
        case .url: read = MarkupEscape.percentEncoded(value)
        }
        switch container {
        case .xml: result += XMLText.escape(read)
        case .json: JSONString.append(read, to: &result, forScript: false)
        case .scriptJSON: JSONString.append(read, to: &result, forScript: true)
        case .html: result += MarkupEscape.htmlAttribute(read)
        }
    }
}
