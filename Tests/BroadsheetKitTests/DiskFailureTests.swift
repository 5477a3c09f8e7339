import BroadsheetKit
import Core
import Foundation
import Testing

/// A file system in memory whose writes fail as a full disk or a read-only folder would, and
/// whose folders may give a prefetcher, as a disk's do.
final class FailingFileSystem: FileSystem, @unchecked Sendable {
    let base: MemoryFileSystem
    private let lock = NSLock()
    private var bytesLeft: Int
    private let deniedPrefix: String?
    private let folderPrefetcher: (@Sendable (String) -> any FilePrefetcher)?

    /// - Parameter prefetcher: what each folder's prefetcher is, given the folder.
    init(wrapping base: MemoryFileSystem, bytesLeft: Int = .max, deniedPrefix: String? = nil,
         prefetcher: (@Sendable (String) -> any FilePrefetcher)? = nil) {
        self.base = base
        self.bytesLeft = bytesLeft
        self.deniedPrefix = deniedPrefix
        self.folderPrefetcher = prefetcher
    }

    func prefetcher(in directory: String) -> (any FilePrefetcher)? { folderPrefetcher?(directory) }

    func writeFile(_ path: String, contents: Data) throws {
        if let deniedPrefix, path.hasPrefix(deniedPrefix) { throw POSIXError(.EACCES) }
        try lock.withLock {
            guard bytesLeft >= contents.count else { throw POSIXError(.ENOSPC) }
            bytesLeft -= contents.count
        }
        try base.writeFile(path, contents: contents)
    }

    func createDirectory(_ path: String) throws {
        if let deniedPrefix, path.hasPrefix(deniedPrefix) { throw POSIXError(.EACCES) }
        try base.createDirectory(path)
    }

    func moveItem(from source: String, to destination: String) throws {
        if let deniedPrefix, destination.hasPrefix(deniedPrefix) { throw POSIXError(.EACCES) }
        try base.moveItem(from: source, to: destination)
    }

    func readFile(_ path: String) throws -> Data { try base.readFile(path) }
    func exclusiveLock(_ path: String, waiting: () -> Void) -> (any FileLock)? { base.exclusiveLock(path, waiting: waiting) }
    func listFiles(under directory: String) throws -> [String] { try base.listFiles(under: directory) }
    func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    func fileSize(_ path: String) -> Int? { base.fileSize(path) }
    func stamp(_ path: String) -> String { base.stamp(path) }
    func modificationDate(_ path: String) -> Date? { base.modificationDate(path) }
    func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
    func removeDirectoryIfEmpty(_ path: String) -> Bool {
        if let deniedPrefix, path.hasPrefix(deniedPrefix) { return false }
        return base.removeDirectoryIfEmpty(path)
    }
    func removeItem(_ path: String) throws {
        if let deniedPrefix, path.hasPrefix(deniedPrefix) { throw POSIXError(.EACCES) }
        try base.removeItem(path)
    }
}

@Suite("Disk failures")
struct DiskFailureTests {
    func site() -> MemoryFileSystem {
        var files = ["site/site.yml": "title: Disk Test\nbase_url: https://example.org/\n"]
        for day in 1...12 {
            files["site/Content/story-\(day).md"] = "---\ntitle: Story \(day)\ndate: 2025-03-\(String(format: "%02d", day))\ntags: [Trade]\ncountries: [Japan]\n---\nText of story \(day).\n"
        }
        return MemoryFileSystem(files: files)
    }

    func outputFiles(_ disk: MemoryFileSystem) -> [String: String] {
        Dictionary(uniqueKeysWithValues: disk.allPaths.filter { $0.hasPrefix("site/Output/") }.map { ($0, disk.string(at: $0) ?? "") })
    }

    @Test("a disk that fills up mid-build fails with a clear error and leaves the previous site as it was")
    func diskFull() throws {
        let disk = site()
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: disk).build()
        let before = outputFiles(disk)
        #expect(before.count > 20)
        try disk.writeFile("site/Content/story-1.md", string: "---\ntitle: Story one, changed\ndate: 2025-03-01\n---\nNew text.\n")
        let full = FailingFileSystem(wrapping: disk, bytesLeft: 1_000)
        do {
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: full).build()
            Issue.record("the build succeeded on a full disk")
        } catch {
            let problem: Diagnostic = error
            #expect(problem.stage == .write)
            #expect(problem.message.lowercased().contains("no space left"), "\(problem.message)")
            #expect(problem.file != nil)
        }
        #expect(changes(from: before, to: outputFiles(disk)).isEmpty)
    }

    @Test("an output folder the build may not write to fails with a clear error and keeps the previous site")
    func permissionDenied() throws {
        let disk = site()
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: disk).build()
        let before = outputFiles(disk)
        try disk.writeFile("site/Content/story-2.md", string: "---\ntitle: Story two, changed\ndate: 2025-03-02\n---\nNew text.\n")
        let readOnly = FailingFileSystem(wrapping: disk, deniedPrefix: "site/Output")
        do {
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: readOnly).build()
            Issue.record("the build succeeded without permission to write")
        } catch {
            let problem: Diagnostic = error
            #expect(problem.message.lowercased().contains("permission denied"), "\(problem.message)")
            #expect(problem.file != nil)
        }
        #expect(changes(from: before, to: outputFiles(disk)).isEmpty)
    }

    @Test("a build from the saved model that runs out of disk part way leaves the previous site as it was")
    func diskFullFromSavedModel() throws {
        let disk = site()
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: disk).build()
        let before = outputFiles(disk)
        // A new headline only: the saved model takes it, and the article's page moves.
        try disk.writeFile("site/Content/story-3.md",
                           string: "---\ntitle: Story three, renamed\ndate: 2025-03-03\ntags: [Trade]\ncountries: [Japan]\n---\nText of story 3.\n")
        var failures = 0
        for bytesLeft in stride(from: 2_000, through: 400_000, by: 6_000) {
            do {
                let report = try SiteBuilder(options: BuildOptions(siteDirectory: "site"), fileSystem: FailingFileSystem(wrapping: disk, bytesLeft: bytesLeft)).build()
                #expect(report.restoredModel)
                break
            } catch {
                failures += 1
                #expect(changes(from: before, to: outputFiles(disk)).isEmpty, "with \(bytesLeft) bytes left")
                #expect(!disk.allPaths.contains { $0.hasSuffix(".broadsheet-new") }, "with \(bytesLeft) bytes left")
            }
        }
        // Some budgets held some of the pages but not all of them.
        #expect(failures > 1)
        #expect(outputFiles(disk).keys.contains { $0.contains("story-three-renamed") })
    }

    /// The paths that differ, so a failure names files rather than printing whole pages.
    func changes(from before: [String: String], to after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
