import BroadsheetKit
import Core
import Foundation
import Testing

@Suite("A new site")
struct SiteScaffoldTests {
    @Test("init makes a site that builds, and never overwrites one")
    func initThenBuild() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-init-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scaffold = SiteScaffold(directory: folder, fileSystem: LocalFileSystem())
        let written = try scaffold.create(title: "My \"Archive\"")
        #expect(written.map { String($0.dropFirst(folder.count + 1)) } == ["Content/welcome.md", "Templates/README.md", "site.yml"])
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: folder), fileSystem: LocalFileSystem()).build()
        #expect(report.articles == 1)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let home = try String(contentsOfFile: folder + "/Output/index.html", encoding: .utf8)
        #expect(home.contains("<title>My &quot;Archive&quot;</title>"))
        #expect(home.contains("Welcome to your archive"))

        try "title: Mine\n".write(toFile: folder + "/site.yml", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) { try scaffold.create(title: "Again") }
        #expect(try String(contentsOfFile: folder + "/site.yml", encoding: .utf8) == "title: Mine\n")
    }
}
