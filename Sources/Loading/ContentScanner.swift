import Core

/// Finds the article files in a content folder, nested in any folders.
public enum ContentScanner {
    public struct Scan: Sendable {
        /// Article files, relative to the content folder, sorted.
        public var articles: [String]
        /// Files that are not articles, reported so nothing disappears unnoticed.
        public var skipped: [Diagnostic]
    }

    public static func scan(_ contentDirectory: String, fileSystem: some FileSystem) throws -> Scan {
        var scan = Scan(articles: [], skipped: [])
        for path in try fileSystem.listFiles(under: contentDirectory) {
            let (name, hidden) = nameAndHidden(path)
            // Hidden files and editor droppings are not content.
            if hidden || name.utf8.hasSuffix("~") { continue }
            // Hugo's `_index.md` describes a section, it is not an article.
            if name == "_index.md" { continue }
            if ContentFormat(path: name) != nil {
                scan.articles.append(path)
            } else {
                scan.skipped.append(.warning(.load, file: joinPath(contentDirectory, path),
                                             "not an article (only .txt and .md files are read); skipped"))
            }
        }
        return scan
    }

    /// The file's name, and whether any part of its path starts with a dot, in one pass over
    /// the bytes: asked for every file of an archive of millions on every build.
    static func nameAndHidden(_ path: String) -> (name: Substring, hidden: Bool) {
        var hidden = false
        var nameStart = path.utf8.startIndex
        var atComponentStart = true
        for index in path.utf8.indices {
            let byte = path.utf8[index]
            if byte == UInt8(ascii: "/") {
                atComponentStart = true
                nameStart = path.utf8.index(after: index)
                continue
            }
            if atComponentStart, byte == UInt8(ascii: ".") { hidden = true }
            atComponentStart = false
        }
        return (path[nameStart...], hidden)
    }
}
