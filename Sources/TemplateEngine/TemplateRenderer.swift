/// Renders compiled nodes against a context stack into one output buffer.
struct TemplateRenderer {
    let library: TemplateLibrary
    var stack: [TemplateValue]
    /// Written before each line that partials and blocks indent.
    private var indentation = ""
    /// The blocks the parents being rendered override, the outermost's first.
    private var overrides: [String: [TemplateNode]] = [:]
    /// How many partials and parents deep: a template that includes itself for ever stops here.
    private var depth = 0
    private static let maximumDepth = 200

    init(library: TemplateLibrary, stack: [TemplateValue]) {
        self.library = library
        self.stack = stack
    }

    mutating func render(_ nodes: [TemplateNode], into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                indent(&output)
                output += text
            case .variable(let name, let escaped):
                write(lookUp(name), escaped: escaped, into: &output)
            case .section(let name, let content, let inverted):
                section(lookUp(name), content, inverted: inverted, into: &output)
            case .partial(let reference, let indentation):
                guard let nodes = template(reference) else { continue }
                include(nodes, indentation: indentation, overriding: [:], into: &output)
            case .parent(let reference, let indentation, let blocks):
                guard let nodes = template(reference) else { continue }
                include(nodes, indentation: indentation, overriding: blocks, into: &output)
            case .block(let name, let content, let indentation):
                if let override = overrides[name] {
                    include(override, indentation: indentation, overriding: [:], into: &output)
                } else {
                    render(content, into: &output)
                }
            }
        }
    }

    /// At the start of a line, the indentation of the partials and blocks being rendered.
    private func indent(_ output: inout String) {
        if !indentation.isEmpty, output.isEmpty || output.utf8.last == UInt8(ascii: "\n") {
            output += indentation
        }
    }

    private func write(_ value: TemplateValue, escaped: Bool, into output: inout String) {
        var text = ""
        if case .string(let string) = value {
            text = string
        } else {
            value.appendText(to: &text)
        }
        guard !text.isEmpty else { return }
        indent(&output)
        output += escaped ? library.escape(text) : text
    }

    private mutating func section(_ value: TemplateValue, _ content: [TemplateNode], inverted: Bool, into output: inout String) {
        guard !inverted else {
            if !value.isTruthy { render(content, into: &output) }
            return
        }
        switch value {
        case .null, .bool(false): return
        case .bool(true): render(content, into: &output)
        case .list(let items):
            for item in items {
                stack.append(item)
                render(content, into: &output)
                stack.removeLast()
            }
        default:
            stack.append(value)
            render(content, into: &output)
            stack.removeLast()
        }
    }

    /// Renders another template's nodes (or an override) in place, with more indentation and
    /// the blocks a parent overrides; blocks already overridden from outside keep their override.
    private mutating func include(_ nodes: [TemplateNode], indentation: String, overriding blocks: [String: [TemplateNode]],
                                  into output: inout String) {
        guard depth < Self.maximumDepth else { return }
        let (savedIndentation, savedOverrides) = (self.indentation, overrides)
        self.indentation += indentation
        overrides.merge(blocks) { outer, _ in outer }
        depth += 1
        render(nodes, into: &output)
        depth -= 1
        (self.indentation, overrides) = (savedIndentation, savedOverrides)
    }

    private func template(_ reference: TemplateReference) -> [TemplateNode]? {
        switch reference {
        case .named(let name):
            return library.templates[name]
        case .dynamic(let name):
            guard case .string(let resolved) = lookUp(name) else { return nil }
            return library.templates[resolved]
        }
    }

    /// The value a name leads to: its first part looked up from the top of the stack down, the
    /// rest inside what that finds; null when any part is missing.
    func lookUp(_ name: TemplateName) -> TemplateValue {
        guard let first = name.parts.first else { return stack.last ?? .null }
        var found: TemplateValue?
        for value in stack.reversed() {
            if let member = value.member(first) {
                found = member
                break
            }
        }
        guard var value = found else { return .null }
        for part in name.parts.dropFirst() {
            guard let member = value.member(part) else { return .null }
            value = member
        }
        return value
    }
}
