import Yams

/// Splits a Markdown file into YAML front matter and body, and reads the front matter's keys.
public enum FrontMatterParser {
    public struct Result: Sendable {
        public var frontMatter: FrontMatter
        public var body: String
        /// 1-based line of the file where the body starts.
        public var bodyLine: Int
        public var warnings: [LineWarning]
    }

    /// An error at a line of the file (1-based).
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Yams' default encoding, looked up once (it still honours `YAMS_DEFAULT_ENCODING`); a plain
    /// enum value that Yams does not mark `Sendable`.
    nonisolated(unsafe) private static let encoding = Parser.Encoding.default

    public static func parse(_ text: String) throws(Failure) -> Result {
        let (yaml, body, bodyLine) = try split(text)
        var result = Result(frontMatter: FrontMatter(), body: body, bodyLine: bodyLine, warnings: [])
        guard let yaml, !yaml.allSatisfy(\.isWhitespace) else { return result }
        let node: Node?
        do {
            // The basic resolver skips Yams' per-scalar regular expressions (int, float, timestamp…):
            // every value here is read as text and typed by this parser, which is much faster.
            // The encoding is passed, not defaulted: Yams' default reads the whole process
            // environment (for `YAMS_DEFAULT_ENCODING`) on every call, a twentieth of a cold build.
            node = try Yams.compose(yaml: yaml, .basic, .default, Self.encoding)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first {
                throw Failure(line: 1 + secondOccurrence(of: key, in: yaml), message: "front matter key `\(key)` appears twice")
            }
            throw Failure(line: 1 + yamlLine(error), message: "front matter is not valid YAML: \(yamlProblem(error))")
        } catch {
            throw Failure(line: 2, message: "front matter is not valid YAML: \(error)")
        }
        guard let node else { return result }
        guard let mapping = node.mapping else {
            throw Failure(line: 2, message: "front matter must be a mapping of keys to values")
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            // Lines are counted from the opening `---`, which is line 1 of the file.
            let line = (keyNode.mark?.line ?? 0) + 1
            guard let key = keyNode.string else { continue }
            if !seen.insert(key).inserted {
                throw Failure(line: line, message: "front matter key `\(key)` appears twice")
            }
            try read(key: key, value: value, line: line, into: &result)
        }
        return result
    }

    private static func read(key: String, value: Node, line: Int, into result: inout Result) throws(Failure) {
        var matter = result.frontMatter
        defer { result.frontMatter = matter }
        switch key.lowercased() {
        case "title": matter.title = try scalar(value, key: key, line: line)
        case "date", "publishdate":
            if matter.date == nil || key.lowercased() == "date" {
                matter.date = try scalar(value, key: key, line: line)
                matter.dateLine = line
            }
        case "description", "dek", "summary", "subtitle":
            if matter.dek == nil { matter.dek = try scalar(value, key: key, line: line) }
        case "author", "authors", "byline":
            matter.author = try list(value, key: key, line: line).joined(separator: ", ")
        case "photo", "photo_credit", "photocredit": matter.photo = try scalar(value, key: key, line: line)
        case "dateline": matter.dateline = try scalar(value, key: key, line: line)
        case "tags", "keywords": matter.tags += try list(value, key: key, line: line)
        case "countries", "country": matter.countries = try list(value, key: key, line: line)
        case "slug": matter.slug = try scalar(value, key: key, line: line)
        case "draft":
            guard case .scalar(let scalar) = value, let flag = Self.bool(scalar.string) else {
                throw Failure(line: line, message: "front matter key `draft` must be true or false")
            }
            matter.draft = flag
        default:
            if let text = value.string { matter.extra[key] = text }
        }
    }

    private static func scalar(_ node: Node, key: String, line: Int) throws(Failure) -> String? {
        if case .scalar(let scalar) = node {
            let text = scalar.string.trimmingSpaces()
            return text.isEmpty || (scalar.style == .plain && (text == "null" || text == "~")) ? nil : text
        }
        throw Failure(line: line, message: "front matter key `\(key)` must be a single value, not a list or mapping")
    }

    private static func list(_ node: Node, key: String, line: Int) throws(Failure) -> [String] {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.trimmingSpaces()
            return text.isEmpty ? [] : [text]
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard let text = item.string else {
                    throw Failure(line: line, message: "front matter key `\(key)` must be a list of plain values")
                }
                let trimmed = text.trimmingSpaces()
                if !trimmed.isEmpty { items.append(trimmed) }
            }
            return items
        default:
            throw Failure(line: line, message: "front matter key `\(key)` must be a value or a list of values")
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// The body alone, without reading the YAML: what rendering needs once loading has checked it.
    public static func body(_ text: String) throws(Failure) -> String {
        try split(text).body
    }

    /// Finds the `---` fences; a file without them is all body. Works on UTF-8 bytes: this runs
    /// for every Markdown article twice (load and render).
    static func split(_ text: String) throws(Failure) -> (yaml: String?, body: String, bodyLine: Int) {
        var text = text
        /// Where the front matter's lines start and end, and the body starts, as UTF-8 offsets.
        enum Layout { case none, unclosed, fenced(yaml: Range<Int>, body: Int, bodyLine: Int) }
        let layout = text.withUTF8 { bytes -> Layout in
            let count = bytes.count
            guard count >= 3, bytes[0] == 0x2D, bytes[1] == 0x2D, bytes[2] == 0x2D,
                  count == 3 || bytes[3] == 0x0A || (bytes[3] == 0x20 || bytes[3] == 0x09) else {
                return .none
            }
            // Skip the opening fence line.
            var lineStart = 0
            while lineStart < count && bytes[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
            let yamlStart = min(lineStart, count)
            var lineNumber = 2
            while lineStart < count {
                var lineEnd = lineStart
                while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if isFence(bytes, from: lineStart, to: lineEnd) {
                    return .fenced(yaml: yamlStart..<lineStart, body: min(lineEnd + 1, count), bodyLine: lineNumber + 1)
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            return .unclosed
        }
        switch layout {
        case .none:
            return (nil, text, 1)
        case .unclosed:
            throw Failure(line: 1, message: "front matter opened with `---` is never closed")
        case .fenced(let yaml, let body, let bodyLine):
            // Cut at line breaks, so each part is valid UTF-8 as the whole was: copied as it is,
            // not decoded again.
            let utf8 = text.utf8
            func offset(_ value: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: value) }
            return (String(text[offset(yaml.lowerBound)..<offset(yaml.upperBound)]), String(text[offset(body)...]), bodyLine)
        }
    }

    /// `---` or `...` alone on a line, trailing spaces allowed.
    private static func isFence(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var end = end
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard end - start == 3 else { return false }
        let first = bytes[start]
        return (first == 0x2D || first == 0x2E) && bytes[start + 1] == first && bytes[start + 2] == first
    }

    /// The line (1-based within the YAML) where a top-level key is written the second time.
    private static func secondOccurrence(of key: String, in yaml: String) -> Int {
        var seen = false
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix(key + ":") || line.hasPrefix("\"\(key)\":") || line.hasPrefix("'\(key)':") {
            if seen { return index + 1 }
            seen = true
        }
        return 1
    }

    private static func yamlLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: error)
        }
    }
}

import Foundation
