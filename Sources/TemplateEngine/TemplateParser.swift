/// Turns a template's tokens, standalone lines removed, into its tree of nodes.
struct TemplateParser {
    typealias Token = TemplateScanner.Token

    private var tokens: [Token]
    private var index = 0

    static func parse(_ text: String) throws(TemplateError) -> [TemplateNode] {
        var parser = TemplateParser(tokens: StandaloneLines.apply(to: try TemplateScanner.tokens(of: text)))
        return try parser.nodes(until: nil)
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Nodes up to the close tag of `open` (or the end of the template when nil).
    private mutating func nodes(until open: Token?) throws(TemplateError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                nodes.append(.text(token.content))
            case .variable(let escaped):
                nodes.append(.variable(TemplateName(token.content), escaped: escaped))
            case .section, .inverted:
                let content = try self.nodes(until: token)
                nodes.append(.section(TemplateName(token.content), content, inverted: token.kind == .inverted))
            case .partial:
                nodes.append(.partial(Self.reference(token), indentation: token.isStandalone ? token.indentation : ""))
            case .parent:
                nodes.append(try parent(token))
            case .block:
                let start = index
                let content = try self.nodes(until: token)
                nodes.append(.block(token.content, content, indentation: Self.blockIndentation(token, firstContent: tokens[start])))
            case .close:
                guard let open, open.content == token.content else {
                    throw TemplateError(line: token.line, column: token.column,
                                        open.map { "`{{/\(token.content)}}` closes `\($0.content)`, opened on line \($0.line)" }
                                            ?? "`{{/\(token.content)}}` closes a section that was never opened")
                }
                return nodes
            case .comment, .delimiters:
                continue
            }
        }
        if let open {
            throw TemplateError(line: open.line, column: open.column, "`\(open.content)` is never closed")
        }
        return nodes
    }

    /// A parent tag and the blocks inside it; text between them is ignored, as the spec says.
    private mutating func parent(_ token: Token) throws(TemplateError) -> TemplateNode {
        var overrides: [String: [TemplateNode]] = [:]
        while index < tokens.count {
            let inner = tokens[index]
            index += 1
            switch inner.kind {
            case .block:
                if inner.isStandalone { stripIntrinsicIndentation(ofBlockAt: index) }
                overrides[inner.content] = try nodes(until: inner)
            case .close:
                guard inner.content == token.content else {
                    throw TemplateError(line: inner.line, column: inner.column, "`{{/\(inner.content)}}` closes `\(token.content)`, opened on line \(token.line)")
                }
                return .parent(Self.reference(token), indentation: token.indentation, overrides: overrides)
            case .text, .comment, .delimiters:
                continue
            default:
                throw TemplateError(line: inner.line, column: inner.column,
                                    "only blocks (`{{$name}}`) may stand inside `{{<\(token.content)}}`")
            }
        }
        throw TemplateError(line: token.line, column: token.column, "`\(token.content)` is never closed")
    }

    private static func reference(_ token: Token) -> TemplateReference {
        token.isDynamic ? .dynamic(TemplateName(token.content)) : .named(token.content)
    }

    /// Where an override of a block starts its lines: a block alone on its line takes the
    /// indentation of its default content (or its own, when it has none); one in a line,
    /// the spaces before it.
    private static func blockIndentation(_ token: Token, firstContent: Token) -> String {
        guard token.isStandalone else { return token.indentation }
        if firstContent.kind == .close { return token.indentation }
        if firstContent.kind == .text { return String(firstContent.content.prefix { $0 == " " || $0 == "\t" }) }
        return firstContent.indentation
    }

    /// An overriding block alone on its line is written with its own indentation removed from
    /// each of its lines: it takes the indentation of the block it replaces instead.
    private mutating func stripIntrinsicIndentation(ofBlockAt start: Int) {
        var depth = 0, atLineStart = true, intrinsic: String?
        var position = start
        while position < tokens.count {
            let token = tokens[position]
            if token.kind == .close {
                if depth == 0 { return }
                depth -= 1
            } else if [.section, .inverted, .block, .parent].contains(token.kind) {
                depth += 1
            }
            if atLineStart {
                let leading = token.kind == .text ? String(token.content.prefix { $0 == " " || $0 == "\t" }) : token.indentation
                let strip = intrinsic ?? leading
                intrinsic = strip
                if token.kind == .text, token.content.hasPrefix(strip) {
                    tokens[position].content.removeFirst(strip.count)
                } else if token.indentation.hasPrefix(strip) {
                    tokens[position].indentation.removeFirst(strip.count)
                }
            }
            atLineStart = token.kind == .text ? token.content.utf8.last == UInt8(ascii: "\n") : token.isStandalone
            position += 1
        }
    }
}
