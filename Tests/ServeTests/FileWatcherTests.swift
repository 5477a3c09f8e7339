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
        for _ in 0..<100 where changes.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(changes.all.contains { $0.hasSuffix("2025/01/story.md") }, "\(changes.all)")
    }
}
