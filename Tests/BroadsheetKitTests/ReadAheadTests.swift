import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Reading ahead")
struct ReadAheadTests {
    /// Remembers every file it is asked for.
    final class RecordingPrefetcher: FilePrefetcher, @unchecked Sendable {
        private let lock = NSLock()
        private var asked: [String] = []

        func prefetch(_ relativePath: String) { lock.withLock { asked.append(relativePath) } }

        var paths: [String] { lock.withLock { asked } }

        /// The paths asked for once they stop changing (the read-ahead threads work on their own).
        func settled(at expected: Int) -> [String] {
            for _ in 0..<400 where paths.count < expected { Thread.sleep(forTimeInterval: 0.005) }
            Thread.sleep(forTimeInterval: 0.05)
            return paths
        }
    }

    @Test("files are asked for a window ahead of the workers, each once, and none after the phase ends")
    func window() {
        let prefetcher = RecordingPrefetcher()
        // Odd positions read no file.
        let readAhead = ReadAhead.start(count: 5000, prefetcher: prefetcher) { $0.isMultiple(of: 2) ? "file\($0)" : nil }
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
        let disk = FailingFileSystem(wrapping: MemoryFileSystem(files: files), prefetcher: recorder)
        func build() throws -> Int {
            let before = recorder.paths.count
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: disk).build()
            return recorder.settled(at: before).count - before
        }
        // A first build reads every file twice (to load it, and for its page's body), and asks for both ahead.
        #expect(try build() >= 2 * ReadAhead.window)
        #expect(try build() == 0)
        // A new title is on every page: every page renders again, and every body is read again.
        try disk.writeFile("site/site.yml", string: "title: Read Ahead, renamed\nbase_url: https://example.org/\n")
        #expect(try build() >= ReadAhead.window)
        try disk.writeFile("site/Content/story-7.md", string: "---\ntitle: Story 7\ndate: 2024-08-08\n---\nText 7, edited.\n")
        #expect(try build() == 0)
    }
}
