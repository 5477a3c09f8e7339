import TemplateEngine

extension TemplateValue {
    /// A page context's value as the template engine reads it: strings, numbers, flags,
    /// dictionaries, lists and summaries; anything else by its description.
    public init(any value: Any) {
        switch value {
        case let string as String: self = .string(string)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let dictionary as [String: Any]: self = .object(ContextDictionary(members: dictionary))
        case let object as any TemplateObject: self = .object(object)
        case let list as [Any]: self = .list(list.map(TemplateValue.init(any:)))
        case let number as Double: self = .double(number)
        case let template as TemplateValue: self = template
        default: self = .string(String(describing: value))
        }
    }
}

/// A `[String: Any]` context, its members converted as they are looked up.
struct ContextDictionary: TemplateObject {
    let members: [String: Any]

    func member(_ name: String) -> TemplateValue? {
        members[name].map(TemplateValue.init(any:))
    }
}
