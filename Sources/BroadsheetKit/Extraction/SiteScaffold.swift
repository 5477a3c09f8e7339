import Core
import Foundation

/// A new site's folder, as `broadsheet init` makes it: `site.yml`, a first article in
/// `Content/`, and a note in `Templates/` on changing the built-in theme. Nothing is overwritten.
public struct SiteScaffold<FS: FileSystem>: Sendable {
    public let directory: String
    public let fileSystem: FS

    public init(directory: String, fileSystem: FS) {
        self.directory = directory
        self.fileSystem = fileSystem
    }

    /// Writes the new site's files and returns their paths; fails, writing nothing, when any of them exists.
    public func create(title: String, today: Date = Date()) throws(Diagnostic) -> [String] {
        let files = Self.files(title: title, today: today)
        for path in files.keys.sorted() where fileSystem.fileExists(joinPath(directory, path)) {
            throw .error(.config, file: joinPath(directory, path), "already exists: `broadsheet init` makes a new site and overwrites nothing")
        }
        var written: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let full = joinPath(directory, path)
            do {
                try fileSystem.writeFile(full, string: text)
            } catch {
                throw .error(.write, file: full, "cannot write: \(error.localizedDescription)")
            }
            written.append(full)
        }
        return written
    }

    static func files(title: String, today: Date) -> [String: String] {
        let day = DateText(timeZone: TimeZone(identifier: "UTC")!).day(today)
        return [
            "site.yml": """
            # Settings of this archive; every key is optional (docs/configuration.md lists them all).
            title: "\(title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"
            description: "A news archive"
            # The address the site is published at: feeds and the sitemap need it whole.
            base_url: "http://localhost:8000/"
            language: en
            time_zone: UTC

            """,
            "Content/welcome.md": """
            ---
            title: "Welcome to your archive"
            date: \(day)
            description: "A first article, to be replaced by your own."
            author: "The editors"
            tags: [Archive]
            ---
            Put articles in `Content/`, in any folders: plain text as copied from a news page
            (headline, dek, byline and date, then the story), or Markdown like this file with its
            fields in front matter. `broadsheet serve` shows the site as you edit;
            `broadsheet build` writes it into `Output/` for any static server.

            """,
            "Templates/README.md": """
            # Changing the theme

            The default theme is built into `broadsheet`. To change one part of it, put a file of
            the same name here: `base.mustache` (the layout), `article.mustache`, `list.mustache`,
            `terms.mustache`, `archive.mustache`, `about.mustache`, `404.mustache`,
            `partials/<name>.mustache`, or `static/style.css`. Everything else still comes from
            the default theme. The templates are Mustache; the values each page provides are
            listed in Broadsheet's docs/templates.md.

            """,
        ]
    }
}
