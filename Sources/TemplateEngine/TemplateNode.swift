/// A compiled template: what it writes, in order, with each name split once.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{>name}}`; a dynamic one (`{{>*name}}`) looks the template's name up in the context.
    case partial(TemplateReference, indentation: String)
    /// `{{<name}}…{{/name}}`: the parent template, with the blocks it overrides.
    case parent(TemplateReference, indentation: String, overrides: [String: [TemplateNode]])
    /// `{{$name}}…{{/name}}`: its default content, and the indentation an override is given.
    case block(String, [TemplateNode], indentation: String)
}

/// A name as a tag writes it: `.` for the current value, or dot-separated parts.
public struct TemplateName: Sendable, Hashable, CustomStringConvertible {
    /// Empty for `.`.
    public let parts: [String]

    init(_ text: String) {
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public var description: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

/// The template a partial or parent tag includes.
enum TemplateReference: Sendable {
    case named(String)
    /// `*name`: the template named by the value of `name`.
    case dynamic(TemplateName)
}
