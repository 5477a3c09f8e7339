/// What the text parser finds in one article: its fields and its body as Markdown.
public struct ParsedArticle: Sendable, Equatable {
    public var title: String
    public var dek: String?
    public var byline: String?
    public var date: NewsDateParser.Parsed?
    public var dateline: String?
    public var photoCredit: String?
    public var body: [BodyBlock]
    public var warnings: [LineWarning]
    /// The line the body starts on, when the body is simply the text's blocks from there on:
    /// rendering reads the body again from that line without reading the header again
    /// (`ArticleTextParser.body(_:fromLine:)`). None when the header analysis changed the body's
    /// first block or the page was read as a scraped page.
    public var bodyLine: Int?

    public init(
        title: String, dek: String? = nil, byline: String? = nil, date: NewsDateParser.Parsed? = nil,
        dateline: String? = nil, photoCredit: String? = nil, body: [BodyBlock] = [], warnings: [LineWarning] = []
    ) {
        self.title = title
        self.dek = dek
        self.byline = byline
        self.date = date
        self.dateline = dateline
        self.photoCredit = photoCredit
        self.body = body
        self.warnings = warnings
    }

    public var bodyMarkdown: String {
        body.map(\.markdown).joined(separator: "\n\n") + (body.isEmpty ? "" : "\n")
    }

    /// The body as plain text, for detecting countries and tags.
    public var bodyText: String {
        body.map(\.plainText).joined(separator: "\n\n")
    }
}

/// One block of an article's body.
public enum BodyBlock: Sendable, Equatable {
    case paragraph(String)
    /// Lines whose breaks carry meaning (tables of figures, addresses): kept as hard line breaks.
    case lines([String])
    case list([String])

    public var markdown: String {
        switch self {
        case .paragraph(let text):
            return MarkdownEscaper.escape(text)
        case .lines(let lines):
            return lines.map(MarkdownEscaper.escape).joined(separator: "\\\n")
        case .list(let items):
            return items.map { "- " + MarkdownEscaper.escape($0) }.joined(separator: "\n")
        }
    }

    public var plainText: String {
        switch self {
        case .paragraph(let text): return text
        case .lines(let lines), .list(let lines): return lines.joined(separator: "\n")
        }
    }
}

/// A warning tied to a line of the source text.
public struct LineWarning: Sendable, Equatable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
