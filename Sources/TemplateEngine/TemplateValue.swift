/// A value a template renders: what a name in a tag resolves to.
public enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    /// Named values: a page's context and the dictionaries in it.
    case fields([String: TemplateValue])
    /// An object that answers names itself (an article's summary makes its fields when asked).
    case object(any TemplateObject)

    /// Whether a section renders for it: everything but null, `false` and an empty list.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        default: true
        }
    }

    /// The text `{{name}}` shows, before escaping.
    func appendText(to output: inout String) {
        switch self {
        case .null: break
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += Self.text(of: value)
        case .string(let value): output += value
        case .list, .fields, .object: break
        }
    }

    /// `1.0` as `1`, `1.21` as `1.21`, as data formats write numbers.
    static func text(of value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// The member `name` of an object, nil for any other value or a name it does not have.
    public func member(_ name: String) -> TemplateValue? {
        switch self {
        case .fields(let fields): fields[name]
        case .object(let object): object.member(name)
        default: nil
        }
    }
}

/// A value with named members that it makes when asked. A class: copying a value that holds
/// one is a reference count, not a copy of the object.
public protocol TemplateObject: AnyObject, Sendable {
    /// The member called `name`, or nil when it has none (the name is then looked up further
    /// down the context stack).
    func member(_ name: String) -> TemplateValue?
}


extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .fields(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The members of a `fields` value, nil for any other.
    public var members: [String: TemplateValue]? {
        guard case .fields(let fields) = self else { return nil }
        return fields
    }
}

/// A Swift value a template can show: strings, numbers, flags, lists of them, objects.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    public var templateValue: TemplateValue { self }

    public init(_ value: some TemplateRepresentable) {
        self = value.templateValue
    }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .string(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .int(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(map { $0.templateValue }) }
}

extension Dictionary: TemplateRepresentable where Key == String, Value == TemplateValue {
    public var templateValue: TemplateValue { .fields(self) }
}
