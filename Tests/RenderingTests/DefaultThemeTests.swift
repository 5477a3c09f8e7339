import Core
import Foundation
import Testing
@testable import Rendering

@Suite("Default theme")
struct DefaultThemeTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates")

    @Test("the theme built into the binary is the repository's Templates/ (run Scripts/embed-theme.py after editing it)")
    func embeddedCopyIsCurrent() throws {
        let files = try LocalFileSystem().listFiles(under: Self.templates.path)
        #expect(Set(files) == Set(DefaultTheme.files.keys))
        for file in files {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(file), encoding: .utf8)
            #expect(DefaultTheme.files[file] == text, "\(file) differs from the embedded copy")
        }
    }

    @Test("a site without templates gets the default theme; a site's own file replaces just that file")
    func overrides() throws {
        let bare = try TemplateSet(directory: "site/Templates", fileSystem: MemoryFileSystem())
        #expect(bare.names.isSuperset(of: TemplateSet.required))
        #expect(bare.staticFiles["style.css"] != nil)
        #expect(bare.overridden.isEmpty)

        let disk = MemoryFileSystem(files: [
            "site/Templates/partials/footer.mustache": "<footer>Our own footer</footer>",
            "site/Templates/static/style.css": "body { color: red }",
            "site/Templates/static/logo.svg": "<svg/>",
        ])
        let custom = try TemplateSet(directory: "site/Templates", fileSystem: disk)
        #expect(custom.overridden == ["partials/footer", "static/style.css", "static/logo.svg"])
        #expect(custom.staticFiles["style.css"] == Data("body { color: red }".utf8))
        #expect(custom.staticFiles["logo.svg"] == Data("<svg/>".utf8))
        let html = custom.render(["site": ["title": "Daily"], "heading": "Gone"], template: "404")
        #expect(html.contains("<footer>Our own footer</footer>"))
        #expect(html.contains("<h1>Gone</h1>"))
    }
}
