import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Reading ahead")
struct ReadAheadTests {
    /// Remembers every file it is asked for, and every file whose entry alone it is asked for.
    final class RecordingPrefetcher: FilePrefetcher, @unchecked Sendable {
        private let lock = NSLock()
        private var asked: [String] = []
        private var askedEntries: [String] = []

        func prefetch(_ relativePath: String) { lock.withLock { asked.append(relativePath) } }
        func prefetchEntry(_ relativePath: String) { lock.withLock { askedEntries.append(relativePath) } }

        var paths: [String] { lock.withLock { asked } }
        var entries: [String] { lock.withLock { askedEntries } }

        /// A prefetcher for one folder that records the paths it is asked for joined to the folder.
        struct Folder: FilePrefetcher {
            let recorder: RecordingPrefetcher
            let folder: String
            func prefetch(_ relativePath: String) { recorder.prefetch(folder + "/" + relativePath) }
            func prefetchEntry(_ relativePath: String) { recorder.prefetchEntry(folder + "/" + relativePath) }
        }

        /// The paths asked for once they stop changing (the read-ahead threads work on their own).
        func settled(at expected: Int) -> [String] {
            for _ in 0..<6000 where paths.count < expected { Thread.sleep(forTimeInterval: 0.005) }
            Thread.sleep(forTimeInterval: 0.05)
            return paths
        }
    }

    @Test("files are asked for a window ahead of the workers, each once, and none after the phase ends")
    func window() {
        let prefetcher = RecordingPrefetcher()
        // Odd positions read no file.
        let readAhead = ReadAhead.launch(count: 5000, prefetcher: prefetcher, sources: [.init("", need: .contents) { $0.isMultiple(of: 2) ? "file\($0)" : nil }])
        let firstWindow = (0..<ReadAhead.window).filter { $0.isMultiple(of: 2) }.map { "file\($0)" }
        // Workers that have not finished anything: only the first window is asked for.
        #expect(Set(prefetcher.settled(at: firstWindow.count)) == Set(firstWindow))
        #expect(prefetcher.paths.count == firstWindow.count)
        // A window's worth of items done: the next window follows.
        for _ in 0..<ReadAhead.window { readAhead.advance() }
        let twoWindows = (0..<2 * ReadAhead.window).filter { $0.isMultiple(of: 2) }.map { "file\($0)" }
        let asked = prefetcher.settled(at: twoWindows.count)
        #expect(asked.count == twoWindows.count)
        #expect(Set(asked) == Set(twoWindows))
        // Once stopped, finishing more asks for nothing more.
        readAhead.stop()
        for _ in 0..<ReadAhead.window { readAhead.advance() }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(prefetcher.paths.count == twoWindows.count)
    }

    @Test("a folder in memory gives no prefetcher, a folder on disk gives one that leaves files as they are")
    func localFolders() throws {
        let fileSystem = LocalFileSystem()
        if FileManager.default.fileExists(atPath: "/dev/shm") {
            #expect(fileSystem.prefetcher(in: "/dev/shm") == nil)
        }
        #expect(fileSystem.prefetcher(in: "/no/such/folder") == nil)
        let folder = FileManager.default.currentDirectoryPath + "/.build/read-ahead-test-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("text".utf8).write(to: URL(fileURLWithPath: folder + "/a.md"))
        // The package folder is on disk in a checkout; where it is not, there is nothing to try.
        guard let prefetcher = fileSystem.prefetcher(in: folder) else { return }
        prefetcher.prefetch("a.md")
        prefetcher.prefetch("missing.md")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.md")) == Data("text".utf8))
    }

    @Test("the render asks for the articles' files ahead when most article pages render again, and not after one edit")
    func renderReadsAheadWhenMostPagesChange() throws {
        let count = ReadAhead.window + 100
        var files = ["site/site.yml": "title: Read Ahead\nbase_url: https://example.org/\n"]
        for index in 1...count {
            files["site/Content/story-\(index).md"] = "---\ntitle: Story \(index)\ndate: 2024-\(String(format: "%02d", index % 12 + 1))-\(String(format: "%02d", index % 28 + 1))\n---\nText \(index).\n"
        }
        let recorder = RecordingPrefetcher()
        let disk = FailingFileSystem(wrapping: MemoryFileSystem(files: files)) { RecordingPrefetcher.Folder(recorder: recorder, folder: $0) }
        /// The files read ahead, and the files only looked for ahead, by one build.
        func build() throws -> (files: [String], entries: [String]) {
            let before = (recorder.paths.count, recorder.entries.count)
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: disk).build()
            return (Array(recorder.settled(at: before.0).dropFirst(before.0)), Array(recorder.entries.dropFirst(before.1)))
        }
        // A first build reads every file twice (to load it, and for its page's body), and asks
        // for both ahead; there are no pages from before to look for.
        let first = try build()
        #expect(first.files.count >= 2 * ReadAhead.window)
        #expect(first.entries.isEmpty)
        let unchanged = try build()
        #expect(unchanged.files.isEmpty && unchanged.entries.isEmpty)
        // A new title is on every page: every page renders again, and every body is read again.
        // Each page's file from before is looked for ahead: a page that comes out as it was is kept.
        // Every page comes out changed: moving each into place looks up its staged file and the
        // file it replaces, both asked for ahead.
        // (How many depends on how far the threads get before each phase ends: at least a window.)
        try disk.writeFile("site/site.yml", string: "title: Read Ahead, renamed\nbase_url: https://example.org/\n")
        let renamed = try build()
        #expect(renamed.files.count >= ReadAhead.window)
        #expect(renamed.files.allSatisfy { $0.hasPrefix("site/Content/story-") && $0.hasSuffix(".md") })
        let inOutput = renamed.entries.filter { $0.hasPrefix("site/Output/") }
        let inStaging = renamed.entries.filter { $0.hasPrefix("site/.Output.staging/") }
        #expect(inOutput.count >= 2 * ReadAhead.window)
        #expect(inStaging.count >= ReadAhead.window)
        #expect(inOutput.count + inStaging.count == renamed.entries.count)
        #expect(inOutput.allSatisfy { disk.fileExists($0) })
        // A rebuild stages each file under its number (`0/17`), a folder for each thousand and some.
        #expect(inStaging.allSatisfy { entry in
            let name = entry.dropFirst("site/.Output.staging/".count).split(separator: "/")
            return name.count == 2 && name.allSatisfy { $0.allSatisfy(\.isNumber) }
        })
        #expect(Set(inStaging).count == inStaging.count)
        // The pages moved into place, their entries asked for ahead, are what a fresh build writes.
        var fresh = BuildOptions(siteDirectory: "site", outputDirectory: "site/Fresh", cacheDirectory: "site/fresh-cache", clean: true)
        fresh.jobs = 1
        _ = try SiteBuilder(options: fresh, fileSystem: disk).build()
        let moved = try disk.listFiles(under: "site/Output").sorted()
        #expect(moved == (try disk.listFiles(under: "site/Fresh").sorted()))
        #expect(moved.count > ReadAhead.window)
        #expect(moved.allSatisfy { (try? disk.readFile("site/Output/" + $0)) == (try? disk.readFile("site/Fresh/" + $0)) })
        #expect(!disk.directoryExists("site/.Output.staging"))
        try disk.writeFile("site/Content/story-7.md", string: "---\ntitle: Story 7\ndate: 2024-08-08\n---\nText 7, edited.\n")
        let edited = try build()
        #expect(edited.files.isEmpty && edited.entries.isEmpty)
    }
}
