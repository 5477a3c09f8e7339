import Core
import Site
import TemplateEngine

/// The site's templates, read from `Templates/`, compiled and checked before any page is
/// rendered: every page kind's template and every partial and parent they name must exist.
public struct TemplateSet: Sendable {
    public private(set) var library: TemplateLibrary
    public let names: Set<String>
    /// Every template's text, and the file it came from, by name.
    private var texts: [String: String]
    private var files: [String: String]

    /// The template a page of `kind` is rendered with; nil for articles' pages, which have their own.
    public static func template(for kind: PagePlan.Kind) -> String? {
        switch kind {
        case .home, .tag, .country, .archiveMonth: "list"
        case .tagIndex, .countryIndex: "terms"
        case .archiveIndex, .archiveYear: "archive"
        case .notFound: "404"
        case .about: "about"
        case .article: nil
        }
    }

    /// Templates every site needs, one per page kind, and the layout they extend.
    public static let required = ["base", "article", "list", "terms", "archive", "about", "404"]

    /// Files copied to the site as they are (`static/style.css` → `style.css`), by output path.
    public let staticFiles: [String: Data]
    /// Which templates came from the site's own folder rather than the default theme.
    public let overridden: Set<String>

    /// The default theme, with each file the site's `Templates/` folder has in its place: a site
    /// overrides a single template, partial or stylesheet by writing a file of the same name,
    /// as Hugo's and Zola's layouts do. A site without the folder gets the default theme.
    public init(directory: String, fileSystem: some FileSystem) throws(Diagnostic) {
        var sources: [String: (text: String, file: String)] = [:]
        var staticFiles: [String: Data] = [:]
        for (path, text) in DefaultTheme.files {
            Self.add(path: path, data: Data(text.utf8), file: "(default theme)/\(path)", sources: &sources, staticFiles: &staticFiles)
        }
        var overridden: Set<String> = []
        if fileSystem.directoryExists(directory) {
            let files: [String]
            do {
                files = try fileSystem.listFiles(under: directory)
            } catch {
                throw .error(.render, file: directory, "cannot list the templates folder: \(error.localizedDescription)")
            }
            for file in files where !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                let path = joinPath(directory, file)
                let data: Data
                do {
                    data = try fileSystem.readFile(path)
                } catch {
                    throw .error(.render, file: path, "cannot read the template: \(error.localizedDescription)")
                }
                if let name = Self.add(path: file, data: data, file: path, sources: &sources, staticFiles: &staticFiles) {
                    overridden.insert(name)
                }
            }
        }
        // Mustache renders a missing partial or parent as nothing; a typo would silently drop
        // part of every page, so every reference must name a template that exists.
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in Self.references(in: source.text) where sources[reference.name] == nil {
                throw .error(.render, file: source.file, line: reference.line, column: reference.column,
                             "`\(reference.tag)` names a template that does not exist (\(name) includes it; known: \(sources.keys.sorted().joined(separator: ", ")))")
            }
        }
        try self.init(texts: sources.mapValues(\.text), files: sources.mapValues(\.file), directory: directory, staticFiles: staticFiles,
                      overridden: overridden)
        var hash = PageFingerprint.StableHasher()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            hash.add(Data(name.utf8))
            hash.add(Data(source.text.utf8))
        }
        fingerprint = String(hash.value, radix: 16)
        unknownVariables = sources.sorted { $0.key < $1.key }.flatMap { TemplateVariables.unknown(in: $0.value.text, file: $0.value.file) }
    }

    /// Of every template's text: a page rendered with other templates is not reused.
    public private(set) var fingerprint = ""

    /// Tags naming a variable no page provides, as warnings (`--strict` fails the build on them).
    public private(set) var unknownVariables: [Diagnostic] = []

    /// The partials (`{{>name}}`) and parents (`{{<name}}`) a template names, with their position.
    static func references(in text: String) -> [(name: String, tag: String, line: Int, column: Int)] {
        tags(in: text).filter { $0.sigil == ">" || $0.sigil == "<" }.map { ($0.name, $0.text, $0.line, $0.column) }
    }

    /// A Mustache tag as written: its sigil (`""` for a variable, `#`, `^`, `/`, `>`, `<`, `$`,
    /// `!`, `{`, `&`), the name inside, and where it starts.
    struct Tag {
        var sigil: String?
        var name: String
        var text: String
        var line: Int
        var column: Int
        /// Where the tag stands in the template's text, braces included.
        var range: Range<String.Index>
    }

    /// Every tag of a template, in order (the default `{{ }}` delimiters; the theme uses no others).
    static func tags(in text: String) -> [Tag] {
        var found: [Tag] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                var inner = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                var end = close.upperBound
                // `{{{name}}}`: the third brace closes after the two.
                if inner.hasPrefix("{"), afterOpen[close.upperBound...].hasPrefix("}") {
                    end = afterOpen.index(after: close.upperBound)
                }
                let text = "{{" + inner + (inner.hasPrefix("{") ? "}}}" : "}}")
                var sigil = ""
                if let first = inner.first, "#^/><$!{&=".contains(first) {
                    sigil = String(first)
                    inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
                }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !inner.isEmpty {
                    found.append(Tag(sigil: sigil, name: inner, text: text, line: lineIndex + 1, column: column, range: open.lowerBound..<end))
                }
                rest = afterOpen[end...]
            }
        }
        return found
    }

    /// Files the templates folder may hold: `*.mustache` templates and anything under `static/`.
    @discardableResult
    private static func add(
        path: String, data: Data, file: String,
        sources: inout [String: (text: String, file: String)], staticFiles: inout [String: Data]
    ) -> String? {
        if path.hasPrefix("static/") {
            staticFiles[String(path.dropFirst("static/".count))] = data
            return "static/" + path.dropFirst("static/".count)
        }
        guard path.hasSuffix(".mustache") else { return nil }
        let name = String(path.dropLast(".mustache".count))
        sources[name] = (String(decoding: data, as: UTF8.self), file)
        return name
    }

    /// Templates given as text, without the default theme (for tests).
    public init(sources: [String: String]) throws(Diagnostic) {
        try self.init(texts: sources, files: Dictionary(uniqueKeysWithValues: sources.keys.map { ($0, "\($0).mustache") }),
                      directory: "Templates", staticFiles: [:], overridden: Set(sources.keys))
    }

    private init(texts: [String: String], files: [String: String], directory: String, staticFiles: [String: Data],
                 overridden: Set<String>) throws(Diagnostic) {
        for name in Self.required where texts[name] == nil {
            throw .error(.render, file: joinPath(directory, "\(name).mustache"), "required template is missing")
        }
        library = try Self.compile(texts, files: files)
        self.texts = texts
        self.files = files
        names = Set(texts.keys)
        self.staticFiles = staticFiles
        self.overridden = overridden
    }

    /// Every template compiled, escaping `{{name}}` as pages need; an error names its file.
    static func compile(_ texts: [String: String], files: [String: String]) throws(Diagnostic) -> TemplateLibrary {
        do {
            return try TemplateLibrary(sources: texts) { Field.htmlText.encode($0) }
        } catch {
            throw .error(.render, file: files[error.template] ?? "\(error.template).mustache", line: error.error.line,
                         column: error.error.column, "template syntax error: \(error.error.message)")
        }
    }

    /// A partial rendered on its own (a chip, a related-terms box), kept as it is made.
    public func render(_ context: PageContext, template name: String) -> String {
        (pageLibraries[name] ?? library).render(name, with: .fields(context)) ?? ""
    }

    /// A page, written to its file once rendered: its buffer is made a page's size at once.
    public func renderPage(_ context: PageContext, template name: String) -> String {
        (pageLibraries[name] ?? library).render(name, with: .fields(context), capacity: 32_768) ?? ""
    }

    /// `partials/summary` and the like, rendered from one article's summary.
    public func render(_ summary: ArticleSummary, template name: String) -> String {
        library.render(name, with: .object(summary)) ?? ""
    }

    /// The templates pages of one template (`article`) are rendered with, its layout and
    /// partials included, when they have values of their own put in (`withSharedValues(_:forPagesOf:)`).
    private var pageLibraries: [String: TemplateLibrary] = [:]

    /// The same templates, with each variable tag of a value in `shared` replaced by its text,
    /// rendered once: these are the same on every page. A partial made of them
    /// alone (the masthead, the footer) becomes plain text; one rendered on its own (a summary,
    /// a chip) shows them too.
    ///
    /// Each name `shared` holds must be set only at the root of every context the templates
    /// render, and to the same value in each: then a tag reads the same wherever it stands, in a
    /// section or not. A tag is replaced only where its whole name (`site.title`) leads to a
    /// string or a number in `shared`; others (`page.title` when `shared` has only
    /// `page.og_type`, a section) are left to the page.
    ///
    /// With `template`, only the pages of that template are rendered with the values put in
    /// (those of other templates differ), and the rest of the set is as it was.
    public func withSharedValues(_ shared: PageContext, forPagesOf template: String? = nil) -> TemplateSet {
        var texts = self.texts
        for (name, text) in texts {
            guard let substituted = Self.substitutingSharedValues(in: text, shared: shared) else { continue }
            texts[name] = substituted
        }
        guard let library = try? Self.compile(texts, files: files) else { return self }
        var copy = self
        if let template {
            copy.pageLibraries[template] = library
        } else {
            copy.texts = texts
            copy.library = library
            // A page template's own set, made from the texts before these, no longer holds.
            copy.pageLibraries = [:]
        }
        return copy
    }

    /// `text` with each variable tag naming a value of `shared` (`{{site.title}}`, `{{{nav.home}}}`)
    /// replaced by what it renders to from `shared`; nil when there is none to replace. A
    /// value with a brace or a line break is left to the tag (it could make a new tag of the
    /// text beside it, or a line that an indented partial would indent), as is every tag of a
    /// template that changes its delimiters.
    public static func substitutingSharedValues(in text: String, shared: PageContext) -> String? {
        guard !text.contains("{{=") else { return nil }
        var result = "", cursor = text.startIndex, changed = false
        for tag in tags(in: text) {
            guard let value = sharedValue(of: tag, shared: shared) else { continue }
            result += text[cursor..<tag.range.lowerBound]
            result += value
            cursor = tag.range.upperBound
            changed = true
        }
        guard changed else { return nil }
        return result + text[cursor...]
    }

    /// What a variable tag of a value in `shared` renders to, when it is one and the text is safe to inline.
    private static func sharedValue(of tag: Tag, shared: PageContext) -> String? {
        guard tag.sigil == "" || tag.sigil == "{" || tag.sigil == "&",
              tag.name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "_" }) else { return nil }
        var value: TemplateValue? = .fields(shared)
        for part in tag.name.split(separator: ".", omittingEmptySubsequences: false) {
            value = value?.members?[String(part)]
        }
        let raw: String
        switch value {
        case .string(let string): raw = string
        case .int(let number): raw = String(number)
        default: return nil
        }
        let text = tag.sigil == "" ? Field.htmlText.encode(raw) : raw
        guard !text.contains(where: { $0 == "{" || $0 == "}" || $0.isNewline }) else { return nil }
        return text
    }
}

import Foundation
