/// The Mustache rule for lines that hold a single tag: a section, comment, partial, parent,
/// block or set-delimiter tag alone on its line (spaces aside) leaves no line behind. The
/// spaces before it become its indentation, which partials and blocks apply to their lines.
enum StandaloneLines {
    typealias Token = TemplateScanner.Token

    static func apply(to tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        // Whether only spaces and tags that stood alone come between the last line break and here.
        var atLineStart = true
        // Whether each open section, block or parent stood alone: after a close tag that does
        // not, the line counts as begun where its opening tag's did.
        var openedAlone: [Bool] = []
        var index = 0
        while index < tokens.count {
            var token = tokens[index]
            index += 1
            if token.kind == .text {
                if token.content.utf8.last == UInt8(ascii: "\n") {
                    atLineStart = true
                } else if !isBlank(token.content) {
                    atLineStart = false
                }
                result.append(token)
                continue
            }
            let spacesBefore = atLineStart ? result.last.flatMap(spaces) : nil
            if atLineStart { token.indentation = spacesBefore ?? "" }
            let next = index < tokens.count ? tokens[index] : nil
            let endsLine = next.map { $0.kind == .text && (isLineEnd($0.content) || (index + 1 == tokens.count && isBlank($0.content))) } ?? true
            if token.canStandAlone, atLineStart, endsLine {
                token.isStandalone = true
                if spacesBefore != nil { result.removeLast() }
                if next != nil { index += 1 }
            }
            switch token.kind {
            case .section, .inverted, .block, .parent:
                openedAlone.append(token.isStandalone)
                atLineStart = token.isStandalone
            case .close:
                let openerAlone = openedAlone.popLast() ?? false
                atLineStart = token.isStandalone || openerAlone
            default:
                atLineStart = token.isStandalone
            }
            // Blocks directly inside a parent are the parent's arguments, not its text.
            if token.kind == .parent { atLineStart = true }
            result.append(token)
        }
        return result
    }

    /// The text of a text token made only of spaces and tabs, nil for any other token.
    private static func spaces(_ token: Token) -> String? {
        token.kind == .text && isBlank(token.content) ? token.content : nil
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Spaces, then a line break (`\n` or `\r\n`).
    private static func isLineEnd(_ text: String) -> Bool {
        var bytes = text.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if bytes.first == UInt8(ascii: "\r") { bytes = bytes.dropFirst() }
        return bytes.elementsEqual([UInt8(ascii: "\n")])
    }
}
