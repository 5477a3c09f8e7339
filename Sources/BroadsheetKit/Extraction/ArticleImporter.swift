import Core
import Foundation
import Loading

/// Turns article text files into Markdown articles with front matter, for users who want to
/// edit what the loader read: one `.md` per source, named after it, never overwriting unless asked.
public struct ArticleImporter<FS: FileSystem>: Sendable {
    public enum Outcome: Sendable, Equatable {
        case wrote(String)
        case skippedExisting(String)
        case failed(String)
    }

    let extractor: ArticleExtractor<FS>
    let fileSystem: FS

    public init(fileSystem: FS, config: SiteConfig) {
        self.fileSystem = fileSystem
        self.extractor = ArticleExtractor(fileSystem: fileSystem, config: config)
    }

    public init(fileSystem: FS, timeZone: TimeZone) {
        self.fileSystem = fileSystem
        self.extractor = ArticleExtractor(fileSystem: fileSystem, timeZone: timeZone)
    }

    public func importFiles(_ sources: [String], into folder: String, force: Bool) -> [(source: String, outcome: Outcome)] {
        let articles = extractor.extract(sources)
        var taken: Set<String> = []
        return zip(sources, articles).map { source, article in
            if let error = article.error { return (source, .failed(error)) }
            var name = Self.fileName(for: source)
            // Two sources with one name (`a/1.txt`, `b/1.txt`) both get a file.
            var suffix = 2
            while !taken.insert(name).inserted {
                name = Self.fileName(for: source, suffix: suffix)
                suffix += 1
            }
            let destination = joinPath(folder, name)
            if !force && fileSystem.fileExists(destination) { return (source, .skippedExisting(destination)) }
            do {
                try fileSystem.writeFile(destination, string: Self.markdown(for: article, source: source))
                return (source, .wrote(destination))
            } catch {
                return (source, .failed("cannot write \(destination): \(error.localizedDescription)"))
            }
        }
    }

    static func fileName(for source: String, suffix: Int? = nil) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        let stem = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
        return suffix.map { "\(stem)-\($0).md" } ?? "\(stem).md"
    }

    public static func markdown(for article: ExtractedArticle, source: String) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        return FrontMatterWriter.document([
            ("title", article.title.map { .text($0) }),
            ("date", article.date.map { .text($0) }),
            ("description", article.dek.map { .text($0) }),
            ("author", article.byline.map { .text($0) }),
            ("dateline", article.dateline.map { .text($0) }),
            ("photo", article.photoCredit.map { .text($0) }),
            ("countries", article.countries.map { .list($0) }),
            ("tags", article.tags.map { .list($0) }),
            ("source", .text(name)),
        ], body: article.body ?? "")
    }
}
