import Mustache

// swift-mustache prints a variable that is not one of its own renderable types by casting it to
// a template, a lambda and an optional in turn and then calling `String(describing:)`: four
// dynamic casts per `{{name}}`, which made a tenth of a cold build's time. Strings and integers,
// nearly every value a page shows, render themselves instead, to the same text.

extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
