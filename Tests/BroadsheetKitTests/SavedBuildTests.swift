import BuildCache
import Core
import Foundation
import Site
import Taxonomy
import Testing
@testable import BroadsheetKit

@Suite("Building from the model the last build saved")
struct SavedBuildTests {
    func makeSite() throws -> FixtureSite {
        var files = FixtureSite.japanArticles(25)
        files["site.yml"] = "title: Fixture Times\nbase_url: https://news.example.org/\n"
        // Problems the report must name on every build: a file that is not an article, one
        // without a headline, and two articles that want one URL.
        files["Content/notes.pdf"] = "not an article"
        files["Content/trade/untitled.md"] = "---\ndate: 2024-03-28T08:00:00Z\ntags: [Trade]\ncountries: [JP]\n---\nNo headline here.\n"
        files["Content/trade/twin.md"] = try #require(files["Content/trade/day-3.md"]).replacingOccurrences(of: "Exports on day 3.", with: "A twin.")
        return try FixtureSite(files: files)
    }

    /// The model the last build saved, read under the key its file starts with.
    func savedModel(_ site: FixtureSite) throws -> (build: SavedBuild, edits: [SavedBuild.Edit])? {
        let cache = joinPath(site.path, ".broadsheet-cache")
        let key = try #require(SavedBuild.savedKey(try Data(contentsOf: URL(fileURLWithPath: joinPath(cache, SavedBuild.fileName)))))
        return SavedBuild.load(cacheDirectory: cache, fileSystem: LocalFileSystem(), workers: 1, key: key)
    }

    func build(_ site: FixtureSite, strict: Bool = false) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(siteDirectory: site.path, strict: strict), fileSystem: LocalFileSystem()).build()
    }

    @Test("edits to headlines, deks and bodies are built from the saved model, each as a fresh build writes the site")
    func shownEdits() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        #expect(!first.restoredModel && site.exists(".broadsheet-cache/site-model.bin"))
        let article = "Content/trade/day-7.md"
        let original = try #require(site.read(article))
        let edits: [(String, (String) -> String)] = [
            ("headline", { $0.replacingOccurrences(of: "Trade report 7", with: "Harbour strike ends") }),
            ("headline back", { _ in original }),
            ("dek", { $0.replacingOccurrences(of: "Exports on day 7.", with: "Exports fell on day 7.") }),
            ("body", { $0 + "\n\nShipping costs fell too.\n" }),
            // The same number of words: only the file's stamp tells the page must change.
            ("a word of the body", { $0.replacingOccurrences(of: "Exports rose on day 7.", with: "Exports fell on day 7.") }),
        ]
        for (name, change) in edits {
            try site.edit(article, change)
            let report = try build(site)
            #expect(report.restoredModel, "\(name)")
            #expect(report.filesRead == 1, "\(name)")
            #expect(report.pages == first.pages && report.pagesReused < first.pages && report.pagesReused > first.pages / 2, "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
        }
        let page = site.read("Output/articles/2024/03/trade-report-7/index.html")
        #expect(page?.contains("Shipping costs fell too.") == true && page?.contains("Exports fell on day 7.") == true)
    }

    @Test("the site named by another spelling of its path (`--site .`) is built from the same saved model")
    func samePathSpelledOtherwise() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        try site.edit("Content/trade/day-7.md") { $0.replacingOccurrences(of: "Trade report 7", with: "Harbour strike ends") }
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: site.path + "/./Content/.."), fileSystem: LocalFileSystem()).build()
        #expect(report.restoredModel)
        #expect(report.filesRead == 1)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("a build from the saved model reports what a full build reports")
    func sameReport() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        #expect(first.diagnostics.count == 3)
        // An article without problems, then the one without a headline: its warning is still named once.
        for (file, change) in [("Content/trade/day-11.md", { (text: String) in text.replacingOccurrences(of: "Trade report 11", with: "Rice prices climb") }),
                               ("Content/trade/untitled.md", { (text: String) in text + "A second line.\n" })] {
            try site.edit(file, change)
            let quick = try build(site)
            let fresh = try site.freshBuild().report
            #expect(quick.restoredModel)
            #expect(quick.diagnostics.map(\.description) == fresh.diagnostics.map(\.description))
            for (name, value) in [("articles", \BuildReport.articles), ("pages", \.pages), ("feeds", \.feeds), ("tags", \.tags),
                                  ("countries", \.countries), ("files", \.files), ("drafts", \.drafts)] as [(String, KeyPath<BuildReport, Int>)] {
                #expect(quick[keyPath: value] == fresh[keyPath: value], "\(name)")
            }
        }
        // --strict fails on the same warnings.
        #expect(throws: Diagnostic.self) { try build(site, strict: true) }
    }

    @Test("nothing changed: nothing is read or written")
    func unchanged() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        let report = try build(site)
        #expect(report.restoredModel && report.filesRead == 0 && report.pagesReused == first.pages)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("what the saved model cannot take is built in full: new and removed files, settings, templates")
    func fullBuilds() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let changes: [(String, () throws -> Void)] = [
            ("a new article", { try site.write("Content/trade/new.md", try #require(site.read("Content/trade/day-4.md"))
                .replacingOccurrences(of: "Trade report 4", with: "A new report")) }),
            ("a removed article", { try FileManager.default.removeItem(atPath: joinPath(site.path, "Content/trade/day-5.md")) }),
            ("the settings", { try site.write("site.yml", "title: Fixture Daily\nbase_url: https://news.example.org/\n") }),
            ("a template", { try site.write("Templates/partials/footer.mustache", "<footer>Fixture footer</footer>\n") }),
            ("the stylesheet", { try site.write("Templates/static/style.css", "body { color: #222; }\n") }),
        ]
        for (name, change) in changes {
            try change()
            let report = try build(site)
            #expect(!report.restoredModel, "\(name)")
            if name == "the stylesheet" { #expect(site.read("Output/style.css") == "body { color: #222; }\n") }
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            // The full build saved the model again: an edit after it is quick.
            try site.edit("Content/trade/day-12.md") { $0 + "\n\nAnother line after \(name).\n" }
            #expect(try build(site).restoredModel, "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
        }
    }

    @Test("past 48 edits the saved model is saved whole again, the edits taken in, and later builds start from it")
    func compaction() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let limit = SiteBuilder<LocalFileSystem>.savedEditsBeforeCompaction
        for number in 1...limit {
            try site.edit("Content/trade/day-7.md") { $0 + "\n\nLine \(number).\n" }
            let report = try build(site)
            #expect(report.restoredModel && !report.savedModelCompacted, "edit \(number)")
        }
        // The last edit before compaction brings a new tag: the model saved whole has it.
        try site.edit("Content/trade/day-8.md") { $0.replacingOccurrences(of: "tags: [Trade]", with: "tags: [Trade, Ports]") }
        let compacting = try build(site)
        #expect(compacting.restoredModel && compacting.savedModelCompacted)
        let (saved, edits) = try #require(try savedModel(site))
        #expect(edits.isEmpty && saved.parts.tags.map(\.slug) == ["ports", "trade"] && saved.files == compacting.files)
        #expect(try site.differencesFromFreshBuild() == [])
        try site.edit("Content/trade/day-7.md") { $0 + "\n\nOne more line.\n" }
        let next = try build(site)
        #expect(next.restoredModel && !next.savedModelCompacted && next.filesRead == 1 && next.files == compacting.files)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("moves count as several edits towards compaction: the model is saved whole after a few of them")
    func compactionAfterMoves() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let budget = SiteBuilder<LocalFileSystem>.savedEditsBeforeCompaction, cost = SiteBuilder<LocalFileSystem>.replayCostOfMove
        // Day 7 moves past day 9 and back, each build one move: the k-th build replays k - 1.
        let movesKept = (budget - 1) / cost + 1
        for number in 1...movesKept {
            try site.edit("Content/trade/day-7.md") {
                number % 2 == 1 ? $0.replacingOccurrences(of: "2024-03-07", with: "2024-03-10") : $0.replacingOccurrences(of: "2024-03-10", with: "2024-03-07")
            }
            let report = try build(site)
            #expect(report.restoredModel && !report.savedModelCompacted, "move \(number)")
        }
        try site.edit("Content/trade/day-12.md") { $0 + "\n\nA line more.\n" }
        let compacting = try build(site)
        #expect(compacting.restoredModel && compacting.savedModelCompacted, "after \(movesKept) moves")
        let (_, edits) = try #require(try savedModel(site))
        #expect(edits.isEmpty)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("pages written from the saved model are rendered again by the next full build, as that build's data has them")
    func fullBuildAfterQuickOnes() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let article = "Content/trade/day-14.md"
        let original = try #require(site.read(article))
        try site.edit(article) { $0.replacingOccurrences(of: "Trade report 14", with: "Port reopens") }
        #expect(try build(site).restoredModel)
        // The headline back, with a new article: a full build, whose neighbours of the article
        // must not keep the pages with the edited headline.
        try site.write(article, original)
        try site.write("Content/trade/new.md", "---\ntitle: New\ndate: 2024-03-30\n---\nNew.\n")
        #expect(try !build(site).restoredModel)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("a damaged or missing saved model means a full build, never a wrong site")
    func damagedSave() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let saved = joinPath(site.path, ".broadsheet-cache/site-model.bin")
        let data = try Data(contentsOf: URL(fileURLWithPath: saved))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: saved))
        try site.edit("Content/trade/day-6.md") { $0.replacingOccurrences(of: "Trade report 6", with: "Markets calm") }
        #expect(try !build(site).restoredModel)
        #expect(try site.differencesFromFreshBuild() == [])
        try FileManager.default.removeItem(atPath: saved)
        try site.edit("Content/trade/day-6.md") { $0.replacingOccurrences(of: "Markets calm", with: "Markets rally") }
        #expect(try !build(site).restoredModel)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("the saved model survives being written and read: every part comes back")
    func roundTrip() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let data = try Data(contentsOf: URL(fileURLWithPath: joinPath(site.path, ".broadsheet-cache/site-model.bin")))
        let decoded = try #require(SavedBuild.decode(data))
        // Read under its own key only; another key stops at the file's start.
        let cache = joinPath(site.path, ".broadsheet-cache")
        #expect(SavedBuild.savedKey(data.prefix(40 + decoded.build.key.utf8.count)) == decoded.build.key)
        #expect(try savedModel(site)?.build.parts.articles == decoded.build.parts.articles)
        for other in ["", decoded.build.key + "x", String(decoded.build.key.dropLast())] {
            #expect(SavedBuild.load(cacheDirectory: cache, fileSystem: LocalFileSystem(), workers: 1, key: other) == nil)
        }
        var encoded = Data()
        decoded.build.encode(pieceSize: 64) { encoded.append($0) }
        #expect(encoded == data)
        #expect(decoded.edits.isEmpty)
        #expect(decoded.build.parts.articles.count == 27)
        #expect(decoded.build.fileHashes.count == 27)
        #expect(decoded.build.loadDiagnostics.count == 1)
    }

    @Test("a model of several runs of articles comes back in order on any number of threads, and a cut run is refused")
    func severalRuns() throws {
        let count = SavedBuild.articlesPerRun * 2 + 17
        let articles = (0..<count).map { index in
            ArticleMetadata(sourcePath: "2024/\(index % 12 + 1)/story-\(index).md", format: .markdown, title: "Story \(index)",
                            dek: index % 3 == 0 ? "Dek \(index)" : nil, date: Date(timeIntervalSince1970: Double(index) * 3_600),
                            countries: index % 2 == 0 ? ["JP"] : ["FR", "DE"], tags: ["Trade \(index % 7)"], slug: "story-\(index)",
                            wordCount: index)
        }
        let site = SiteModel(config: SiteConfig(title: "Runs"), articles: articles, gazetteer: .standard)
        let saved = SavedBuild(key: "key", fileHashes: (0..<count).map { UInt64($0) }, tagInputs: Array(repeating: 7, count: count),
                               loadDiagnostics: [], drafts: 0, files: count, parts: site.parts)
        var data = Data()
        saved.encode(pieceSize: 1 << 16) { data.append($0) }
        for workers in [1, 2, 5] {
            let decoded = try #require(SavedBuild.decode(data, workers: workers))
            #expect(decoded.build.parts.articles == site.parts.articles, "\(workers) threads")
            #expect(decoded.build.parts.articleMonths == site.parts.articleMonths, "\(workers) threads")
            #expect(decoded.build.fileHashes == saved.fileHashes)
        }
        // Read through in batches of runs, each let go once decoded: every run, then each part
        // after them, reported passed in order; the same model; and from the disk, mapped.
        var passed: [Int] = []
        let throughBatches = try #require(data.withUnsafeBytes { raw in
            SavedBuild.decode(raw, workers: 2, batchBytes: 1) { passed.append($0) }
        })
        #expect(throughBatches.build.parts.articles == site.parts.articles)
        #expect(passed.count == 3 + 3, "\(passed)")
        #expect(zip(passed, passed.dropFirst()).allSatisfy { $0 < $1 } && passed.allSatisfy { $0 <= data.count }, "\(passed)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-saved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: folder.appendingPathComponent(SavedBuild.fileName))
        let loaded = try #require(SavedBuild.load(cacheDirectory: folder.path, fileSystem: LocalFileSystem(), workers: 2, key: "key"))
        #expect(loaded.build.parts.articles == site.parts.articles)
        #expect(loaded.build.parts.articleMonths == site.parts.articleMonths)

        // A byte gone from the middle of the second run: its articles no longer line up.
        let secondRun = try #require(data.range(of: Data("story-\(SavedBuild.articlesPerRun + 100).md".utf8)))
        var cut = data
        cut.remove(at: secondRun.lowerBound)
        #expect(SavedBuild.decode(cut) == nil)
    }
}
