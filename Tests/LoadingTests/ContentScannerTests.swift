import Core
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
}
