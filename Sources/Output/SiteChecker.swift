import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `broadsheet check`: reads a built site and reports broken internal links and anchors,
/// missing assets, and feeds or sitemaps that do not parse, each with file and line, as
/// `zola check` does.
public struct SiteChecker: Sendable {
    public let directory: String
    /// The path the site is served under (`/` or `/news/`): root-relative links start with it.
    public let basePath: String
    let fileSystem: any FileSystem

    public init(directory: String, basePath: String = "/", fileSystem: any FileSystem) {
        self.directory = directory
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
        self.fileSystem = fileSystem
    }

    public struct Summary: Sendable {
        public var pages = 0
        public var links = 0
        public var feeds = 0
        public var problems: [Diagnostic] = []
    }

    public func check() throws(Diagnostic) -> Summary {
        let files: [String]
        do {
            files = try fileSystem.listFiles(under: directory)
        } catch {
            throw .error(.write, file: directory, "cannot list the site: \(error.localizedDescription)")
        }
        guard !files.isEmpty else { throw .error(.write, file: directory, "the site folder is empty; build it first") }
        let fileSet = Set(files)
        var summary = Summary()
        var anchorCache: [String: Set<String>] = [:]
        for file in files {
            let path = joinPath(directory, file)
            guard let data = try? fileSystem.readFile(path) else { continue }
            if file.hasSuffix(".html") {
                summary.pages += 1
                let html = String(decoding: data, as: UTF8.self)
                for link in HTMLScanner.links(in: html) {
                    summary.links += 1
                    if let problem = problem(with: link.value, from: file, files: fileSet, anchors: &anchorCache) {
                        summary.problems.append(.error(.write, file: path, line: link.line, "\(problem): `\(link.value)`"))
                    }
                }
            } else if file.hasSuffix(".xml") {
                summary.feeds += 1
                let parser = XMLParser(data: data)
                // On Linux `parse()` can return true after an error; the error is what counts.
                if !parser.parse() || parser.parserError != nil {
                    summary.problems.append(.error(.write, file: path, line: parser.lineNumber,
                                                   "not well-formed XML (parser error \((parser.parserError as NSError?)?.code ?? 0))"))
                }
            } else if file.hasSuffix(".json") {
                summary.feeds += 1
                if (try? JSONSerialization.jsonObject(with: data)) == nil {
                    summary.problems.append(.error(.write, file: path, "not valid JSON"))
                }
            }
        }
        return summary
    }

    /// Why an internal link does not lead anywhere, or nil when it does (or is external).
    func problem(with link: String, from page: String, files: Set<String>, anchors: inout [String: Set<String>]) -> String? {
        let lowered = link.lowercased()
        if link.hasPrefix("//") || lowered.range(of: #"^[a-z][a-z0-9+.-]*:"#, options: .regularExpression) != nil { return nil }
        var target = link
        var fragment = ""
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...])
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        target = target.removingPercentEncoding ?? target
        var resolved: String
        if target.isEmpty {
            resolved = page
        } else if target.hasPrefix("/") {
            guard target.hasPrefix(basePath) || target + "/" == basePath else { return "points outside the site's base path" }
            resolved = String(target.dropFirst(min(target.count, basePath.count)))
        } else {
            let folder = parentFolder(of: page)
            resolved = Self.normalize(folder.isEmpty ? target : folder + "/" + target)
        }
        if resolved.isEmpty || resolved.hasSuffix("/") { resolved += "index.html" }
        if !files.contains(resolved) {
            if files.contains(resolved + "/index.html") { resolved += "/index.html" } else { return "broken link" }
        }
        guard !fragment.isEmpty, resolved.hasSuffix(".html") else { return nil }
        if anchors[resolved] == nil {
            let html = (try? fileSystem.readFile(joinPath(directory, resolved))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            anchors[resolved] = HTMLScanner.ids(in: html)
        }
        return anchors[resolved]!.contains(fragment) ? nil : "no element with id `\(fragment)`"
    }

    /// `a/b/../c/./d` → `a/c/d`.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }
}

/// Just enough HTML reading for the checker: the values of link attributes, with their line,
/// and the ids a page defines.
enum HTMLScanner {
    struct Link {
        var value: String
        var line: Int
    }

    static func links(in html: String) -> [Link] {
        var links: [Link] = []
        forEachAttribute(in: html) { name, value, line in
            if name == "href" || name == "src" { links.append(Link(value: decode(value), line: line)) }
        }
        return links
    }

    static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        forEachAttribute(in: html) { name, value, _ in
            if name == "id" || name == "name" { ids.insert(decode(value)) }
        }
        return ids
    }

    private static func decode(_ value: String) -> String {
        value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
    }

    /// Walks the tags of a document (skipping comments, scripts and styles) and their attributes.
    private static func forEachAttribute(in html: String, _ body: (String, String, Int) -> Void) {
        let bytes = Array(html.utf8)
        var index = 0
        var line = 1
        func skip(until marker: [UInt8]) {
            while index < bytes.count, !bytes[index...].starts(with: marker) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            index += marker.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            guard byte == 0x3C else { index += 1; continue }
            if bytes[index...].starts(with: Array("<!--".utf8)) { skip(until: Array("-->".utf8)); continue }
            index += 1
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E, bytes[index] != 0x2F { index += 1 }
            let tagName = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            // Attributes until `>`.
            while index < bytes.count, bytes[index] != 0x3E {
                if bytes[index] == 0x0A { line += 1 }
                if isSpace(bytes[index]) || bytes[index] == 0x2F { index += 1; continue }
                let attributeStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3D, bytes[index] != 0x3E { index += 1 }
                let name = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                guard index < bytes.count, bytes[index] == 0x3D else { continue }
                index += 1
                var value = ""
                if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {
                    let quote = bytes[index]
                    index += 1
                    let valueStart = index
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                    index += 1
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                }
                body(name, value, line)
            }
            index += 1
            if tagName == "script" { skip(until: Array("</script".utf8)) }
            if tagName == "style" { skip(until: Array("</style".utf8)) }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }
}
