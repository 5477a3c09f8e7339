/// A Mustache template's text as tokens: text split after each line break, and tags with
/// their kind, name and position. Set-delimiter tags are applied as they are met.
struct TemplateScanner {
    struct Token {
        enum Kind: Equatable {
            case text
            case variable(escaped: Bool)
            case section, inverted, close, comment, partial, parent, block, delimiters
        }

        var kind: Kind
        /// The text, or the tag's name without its sigil and spaces.
        var content: String
        /// `{{>*name}}` and `{{<*name}}`: the name is looked up in the context.
        var isDynamic = false
        var line: Int
        var column: Int
        /// Whether the tag stood alone on its line, which was then removed.
        var isStandalone = false
        /// The spaces before the tag on its line, when nothing else precedes it.
        var indentation = ""

        /// Tags that may stand alone on a line, which then leaves no line behind.
        var canStandAlone: Bool {
            switch kind {
            case .text, .variable: false
            default: true
            }
        }
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func tokens(of text: String) throws(TemplateError) -> [Token] {
        var scanner = TemplateScanner(text)
        return try scanner.scan()
    }

    private mutating func scan() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var textStart = position
        func flushText(upTo end: Int) {
            guard end > textStart else { return }
            tokens.append(Token(kind: .text, content: String(decoding: bytes[textStart..<end], as: UTF8.self), line: line, column: 0))
        }
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") {
                position += 1
                flushText(upTo: position)
                textStart = position
                line += 1
                lineStart = position
            } else if matches(open, at: position) {
                flushText(upTo: position)
                let (tagLine, column) = (line, position - lineStart + 1)
                var token = try tag()
                token.line = tagLine
                token.column = column
                tokens.append(token)
                textStart = position
            } else {
                position += 1
            }
        }
        flushText(upTo: position)
        return tokens
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        index + delimiter.count <= bytes.count && bytes[index..<index + delimiter.count].elementsEqual(delimiter)
    }

    /// The tag at `position`, which starts with the open delimiter; moves past its end.
    private mutating func tag() throws(TemplateError) -> Token {
        let (startLine, startColumn) = (line, position - lineStart + 1)
        position += open.count
        let sigil = position < bytes.count ? bytes[position] : 0
        var kind: Token.Kind
        var closing = close
        switch sigil {
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "="): kind = .delimiters; closing = Array("=".utf8) + close
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "{"): kind = .variable(escaped: false); closing = Array("}".utf8) + close
        default: kind = .variable(escaped: true)
        }
        if kind != .variable(escaped: true) { position += 1 }
        let contentStart = position
        while position < bytes.count, !matches(closing, at: position) {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        let unclosed = TemplateError(line: startLine, column: startColumn, "a tag is not closed with `\(String(decoding: closing, as: UTF8.self))`")
        guard position < bytes.count else { throw unclosed }
        let content = String(decoding: bytes[contentStart..<position], as: UTF8.self)
        position += closing.count
        var token = Token(kind: kind, content: content.trimmingSpaces, line: 0, column: 0)
        if kind == .delimiters {
            try setDelimiters(token.content)
        } else if kind == .partial || kind == .parent, token.content.hasPrefix("*") {
            token.isDynamic = true
            token.content = String(token.content.dropFirst()).trimmingSpaces
        }
        if kind != .comment, kind != .delimiters {
            // A name never holds a space or another tag: `{{name}` ran on into the next tag.
            if token.content.contains(where: \.isWhitespace) || token.content.contains(String(decoding: open, as: UTF8.self)) { throw unclosed }
            if token.content.isEmpty { throw TemplateError(line: startLine, column: startColumn, "a tag names nothing") }
        }
        return token
    }

    private mutating func setDelimiters(_ content: String) throws(TemplateError) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else {
            throw TemplateError(line: line, column: position - lineStart, "a set-delimiter tag needs two delimiters, as in `{{=<% %>=}}`")
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }
}

extension String {
    /// Without the spaces, tabs and line breaks at either end.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
