import Core
import Foundation
import Testing
@testable import Loading

@Suite("Finding the articles of a content folder")
struct ContentScannerTests {
    @Test("articles at any depth are found; hidden files and folders, backups and section files are not; others are reported")
    func scan() throws {
        let files = MemoryFileSystem(files: [
            "Content/2025/01/flood.txt": "x",
            "Content/2025/01/budget.md": "x",
            "Content/2025/01/_index.md": "x",
            "Content/2025/01/budget.md~": "x",
            "Content/2025/01/.draft.md": "x",
            "Content/.git/notes.md": "x",
            "Content/2025/.hidden/inside.txt": "x",
            "Content/notes/readme.markdown": "x",
            "Content/2025/01/photo.jpg": "x",
        ])
        let scan = try ContentScanner.scan("Content", fileSystem: files)
        #expect(scan.articles == ["2025/01/budget.md", "2025/01/flood.txt", "notes/readme.markdown"])
        #expect(scan.skipped.map(\.file) == ["Content/2025/01/photo.jpg"])
    }

    @Test("a file's name and whether any part of its path is hidden")
    func nameAndHidden() {
        #expect(ContentScanner.nameAndHidden("2025/01/a.md") == ("a.md", false))
        #expect(ContentScanner.nameAndHidden("a.md") == ("a.md", false))
        #expect(ContentScanner.nameAndHidden(".a.md") == (".a.md", true))
        #expect(ContentScanner.nameAndHidden("x/.cache/a.md") == ("a.md", true))
        #expect(ContentScanner.nameAndHidden("x/a.b/c.md") == ("c.md", false))
    }

    @Test("a file's format is told from its name's last bytes, whatever letters come before")
    func formatFromName() {
        #expect(ContentFormat(path: "2025/01/a.txt") == .text)
        #expect(ContentFormat(path: "Zürich-élection.md") == .markdown)
        #expect(ContentFormat(path: "notes.markdown"[...]) == .markdown)
        #expect(ContentFormat(path: ".md") == .markdown)
        for name in ["md", "a.md~", "a.mdx", "a.txt.bak", "a.TXT", "", "d"] { #expect(ContentFormat(path: name) == nil, "\(name)") }
        #expect("flood.md~".utf8.hasSuffix("~"))
        #expect(!"~flood.md".utf8.hasSuffix("~"))
        #expect(!"".utf8.hasSuffix("~"))
    }

    /// A folder on disk holding `files` (relative path → text) and `links` (relative path → target, relative to the folder).
    func folder(files: [String], links: [String: String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(link).path,
                                                       withDestinationPath: root.appendingPathComponent(target).path)
        }
        return root
    }

    @Test("the disk's folders are listed in path order, each folder's files once, whether or not links lead into them")
    func localFolders() throws {
        let files = ["2024/12/a.md", "2025/01/b.md", "2025/01/c.md", "2025/02/d.txt", "2025-notes.md", "top.md", "x/e.md"]
        let plain = try folder(files: files)
        defer { try? FileManager.default.removeItem(at: plain) }
        #expect(try LocalFileSystem().listFiles(under: plain.path) == files.sorted())

        // Links from one year into another, back to the top and from the top into a year: the
        // files they lead to are listed once, under their first path in name order.
        let linked = try folder(files: files, links: ["2025/old": "2024", "x/up": ".", "z-latest": "2025"])
        defer { try? FileManager.default.removeItem(at: linked) }
        #expect(try LocalFileSystem().listFiles(under: linked.path) == files.sorted())

        // A link into a folder no other path reaches is followed.
        let elsewhere = try folder(files: ["2025/a.md", "2026/b.md", "archive/old/c.md"], links: ["2026/more": "archive/old"])
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        #expect(try LocalFileSystem().listFiles(under: elsewhere.path) == ["2025/a.md", "2026/b.md", "2026/more/c.md"])
    }
}
