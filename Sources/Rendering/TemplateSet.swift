import Core
import Mustache

/// The site's templates, read from `Templates/` and checked before any page is rendered.
///
/// swift-mustache renders a missing template as nothing, so the templates every page kind
/// needs are checked here, and parse errors are turned into messages with file, line and column.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: Set<String>

    /// Templates every site needs, one per page kind, and the layout they extend.
    public static let required = ["base", "article", "list", "terms", "archive", "about", "404"]

    public init(directory: String, fileSystem: some FileSystem) throws(Diagnostic) {
        guard fileSystem.directoryExists(directory) else {
            throw .error(.render, file: directory, "the templates folder does not exist")
        }
        let files: [String]
        do {
            files = try fileSystem.listFiles(under: directory)
        } catch {
            throw .error(.render, file: directory, "cannot list the templates folder: \(error.localizedDescription)")
        }
        var templates: [String: MustacheTemplate] = [:]
        for file in files where file.hasSuffix(".mustache") {
            let path = joinPath(directory, file)
            let text: String
            do {
                text = String(decoding: try fileSystem.readFile(path), as: UTF8.self)
            } catch {
                throw .error(.render, file: path, "cannot read the template: \(error.localizedDescription)")
            }
            templates[String(file.dropLast(".mustache".count))] = try Self.parse(text, file: path)
        }
        try self.init(templates: templates, directory: directory)
    }

    public init(sources: [String: String]) throws(Diagnostic) {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in sources {
            templates[name] = try Self.parse(text, file: "\(name).mustache")
        }
        try self.init(templates: templates, directory: "Templates")
    }

    private init(templates: [String: MustacheTemplate], directory: String) throws(Diagnostic) {
        for name in Self.required where templates[name] == nil {
            throw .error(.render, file: joinPath(directory, "\(name).mustache"), "required template is missing")
        }
        library = MustacheLibrary(templates: templates)
        names = Set(templates.keys)
    }

    static func parse(_ text: String, file: String) throws(Diagnostic) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            throw .error(.render, file: file, line: context.lineNumber, column: context.columnNumber,
                         "template syntax error: \(describe(error.error)) in `\(context.line.trimmingCharacters(in: .whitespaces))`")
        } catch {
            throw .error(.render, file: file, "template syntax error: \(error)")
        }
    }

    /// swift-mustache's errors have no readable text of their own.
    private static func describe(_ error: Swift.Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with `}}`"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only block definitions may appear inside `{{<parent}}`"
        case .textInsideInheritSection: return "text inside `{{<parent}}…{{/parent}}` outside a block is ignored"
        case .invalidConfigVariableSyntax: return "invalid configuration variable"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        @unknown default: return "\(error)"
        }
    }

    public func render(_ context: [String: Any], template name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

import Foundation
