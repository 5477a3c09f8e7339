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
            let name = path.split(separator: "/").last.map(String.init) ?? path
            // Hidden files and editor droppings are not content.
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) || name.hasSuffix("~") { continue }
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
}
