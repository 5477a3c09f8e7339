import Foundation
import Testing
@testable import Serve

@Suite("Watching the site's folders")
struct FileWatcherTests {
    final class Changes: @unchecked Sendable {
        private var paths: [String] = []
        private let lock = NSLock()
        func add(_ new: [String]) { lock.withLock { paths += new } }
        var all: [String] { lock.withLock { paths } }
    }

    @Test("an edit deep inside a content folder that is a link to another folder is seen")
    func linkedContentFolder() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let articles = root.appendingPathComponent("archive/articles/2025/01")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let story = articles.appendingPathComponent("story.md")
        try "---\ntitle: One\ndate: 2025-01-02\n---\nText.\n".write(to: story, atomically: false, encoding: .utf8)
        let content = root.appendingPathComponent("site/Content")
        try FileManager.default.createDirectory(at: content.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: content, withDestinationURL: root.appendingPathComponent("archive/articles"))

        let changes = Changes()
        let watcher = FileWatcher(paths: [content.path], quietPeriod: .milliseconds(20)) { changes.add($0) }
        try watcher.start()
        defer { watcher.stop() }
        try "---\ntitle: Two\ndate: 2025-01-02\n---\nText.\n".write(to: story, atomically: false, encoding: .utf8)
        for _ in 0..<1500 where changes.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(changes.all.contains { $0.hasSuffix("2025/01/story.md") }, "\(changes.all)")
    }

    /// A folder with one article in it, made before any watcher starts.
    static func folderWithArticle() throws -> (root: URL, story: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let story = root.appendingPathComponent("story.md")
        try "---\ntitle: One\ndate: 2025-01-02\n---\nText.\n".write(to: story, atomically: false, encoding: .utf8)
        return (root, story)
    }

    /// A watcher started on `root` whose quiet period no test waits for: a change reported
    /// came through the settle period.
    static func watchingWithLongQuietPeriod(_ root: URL) throws -> (FileWatcher, Changes) {
        let changes = Changes()
        let watcher = FileWatcher(paths: [root.path], quietPeriod: .seconds(600), settlePeriod: .milliseconds(5)) { changes.add($0) }
        try watcher.start()
        return (watcher, changes)
    }

    @Test("a file written and closed is reported after the settle period, without waiting for the quiet period")
    func finishedWrite() async throws {
        let (root, story) = try Self.folderWithArticle()
        defer { try? FileManager.default.removeItem(at: root) }
        let (watcher, changes) = try Self.watchingWithLongQuietPeriod(root)
        defer { watcher.stop() }
        try "---\ntitle: Two\ndate: 2025-01-02\n---\nText.\n".write(to: story, atomically: false, encoding: .utf8)
        for _ in 0..<1500 where changes.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(changes.all == [story.path])
    }

    @Test("a file still open for writing is not reported until it is closed")
    func unfinishedWrite() async throws {
        let (root, story) = try Self.folderWithArticle()
        defer { try? FileManager.default.removeItem(at: root) }
        let (watcher, changes) = try Self.watchingWithLongQuietPeriod(root)
        defer { watcher.stop() }
        let handle = try FileHandle(forWritingTo: story)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("More text.\n".utf8))
        // Long beside the settle period: a half-written file would have been reported by now.
        try await Task.sleep(for: .milliseconds(500))
        #expect(changes.all.isEmpty)
        try handle.close()
        for _ in 0..<1500 where changes.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(changes.all == [story.path])
    }
}
