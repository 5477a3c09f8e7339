import Mustache
import TemplateEngine

/// swift-mustache over the same templates and values as TemplateEngine, for differential tests
/// and side-by-side benchmarks: the engine Broadsheet rendered with before.
public struct MustacheOracle: Sendable {
    let library: MustacheLibrary

    /// Compiles `sources` (text by name), escaping `{{name}}` with `escape`.
    public init(sources: [String: String], escape: @escaping @Sendable (String) -> String) throws {
        MustacheContentTypes.register(Escaping(escape: escape), named: "ORACLE")
        var templates: [String: MustacheTemplate] = [:]
        // Standalone, the pragma line leaves the template's own lines as they are.
        for (name, text) in sources { templates[name] = try MustacheTemplate(string: "{{%CONTENT_TYPE:ORACLE}}\n" + text) }
        library = MustacheLibrary(templates: templates)
    }

    public func render(_ name: String, with value: TemplateValue) -> String {
        library.render(Self.plain(value) as Any, withTemplate: name) ?? ""
    }

    struct Escaping: MustacheContentType {
        let escape: @Sendable (String) -> String
        func escapeText(_ text: String) -> String { escape(text) }
    }

    /// An object whose members swift-mustache looks up by name, converted as they are.
    struct Object: MustacheParent {
        let value: TemplateValue
        func child(named name: String) -> Any? { value.member(name).flatMap(MustacheOracle.plain) }
    }

    static func plain(_ value: TemplateValue) -> Any? {
        switch value {
        case .null: nil
        case .bool(let flag): flag
        case .int(let number): number
        case .double(let number): number
        case .string(let text): text
        case .list(let items): items.map { plain($0) as Any }
        case .fields, .object: Object(value: value)
        }
    }
}
