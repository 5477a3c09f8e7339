import BroadsheetKit
import Core
import Foundation
import Testing

/// The repository's own sample site, built and compared page kind by page kind with the files
/// under `Golden/sample/`. After an intended change to the theme or the pipeline, regenerate
/// them with `BROADSHEET_UPDATE_GOLDEN=1 swift test --filter golden` and review the diff.
@Suite("Sample site golden files", .serialized)
struct SampleSiteGoldenTests {
    static let pages = [
        "index.html",
        "articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/index.html",
        "articles/1987/02/brazil-anti-inflation-plan-limps-to-anniversary/index.html",
        "countries/index.html",
        "countries/pakistan/index.html",
        "tags/index.html",
        "tags/taliban/index.html",
        "articles/index.html",
        "articles/2025/index.html",
        "articles/2025/01/index.html",
        "about/index.html",
        "404.html",
        "index.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "robots.txt",
    ]

    @Test("every page kind of the sample site matches its golden file")
    func goldenSample() throws {
        let repository = FixtureSite.repository
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("Output").path
        _ = try SiteBuilder(
            options: BuildOptions(siteDirectory: repository.path, outputDirectory: output,
                                  cacheDirectory: scratch.appendingPathComponent("cache").path),
            fileSystem: LocalFileSystem()
        ).build()
        let goldenFolder = repository.appendingPathComponent("Tests/BroadsheetKitTests/Golden/sample")
        let update = ProcessInfo.processInfo.environment["BROADSHEET_UPDATE_GOLDEN"] == "1"
        for page in Self.pages {
            let built = try String(contentsOfFile: joinPath(output, page), encoding: .utf8)
            let golden = goldenFolder.appendingPathComponent(page)
            if update {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try built.write(to: golden, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(built == expected, "\(page) differs from its golden file")
        }
    }
}
