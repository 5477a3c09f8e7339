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
}
