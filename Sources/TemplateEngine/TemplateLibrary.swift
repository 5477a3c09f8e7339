/// Templates by name, compiled once, which include one another as partials and parents.
public struct TemplateLibrary: Sendable {
    /// How `{{name}}` escapes a value; `{{{name}}}` and `{{&name}}` write it as it is.
    public typealias Escape = @Sendable (String) -> String

    let templates: [String: [TemplateNode]]
    let escape: Escape

    /// Compiles each template of `sources` (text by name). An error names the template.
    public init(sources: [String: String], escape: @escaping Escape) throws(LibraryError) {
        var templates: [String: [TemplateNode]] = [:]
        for (name, text) in sources {
            do {
                templates[name] = try TemplateParser.parse(text)
            } catch {
                throw LibraryError(template: name, error: error)
            }
        }
        self.templates = templates
        self.escape = escape
    }

    public struct LibraryError: Error, Sendable {
        public var template: String
        public var error: TemplateError
    }

    /// The template `name` rendered with `value` at the bottom of the context stack; nil when
    /// there is no such template. `capacity` is reserved first: a page's size saves the
    /// buffer's growing, but a string kept afterwards keeps what was reserved.
    public func render(_ name: String, with value: TemplateValue, capacity: Int = 0) -> String? {
        var output = ""
        output.reserveCapacity(capacity)
        return render(name, with: value, into: &output) ? output : nil
    }

    /// The same, appended to `output`; false when there is no such template.
    public func render(_ name: String, with value: TemplateValue, into output: inout String) -> Bool {
        guard let nodes = templates[name] else { return false }
        var renderer = TemplateRenderer(library: self, stack: [value])
        renderer.render(nodes, into: &output)
        return true
    }
}
