import BuildCache
import Core
import Foundation
import Output
import Testing
@testable import BroadsheetKit

@Suite("Stored summaries")
struct SummaryStoreTests {
    let store = SummaryStore(cacheDirectory: "site/.broadsheet-cache")

    /// A store of `summaries` (ID → HTML) keyed `1000 + ID`, as a full build leaves it.
    func write(_ summaries: [Int: String], count: Int, previous: SummaryStore.Reader? = nil, to memory: MemoryFileSystem) throws {
        let writer = try #require(SummaryStore.Writer(store: store, count: count, fileSystem: memory))
        for (id, html) in summaries.sorted(by: { $0.key < $1.key }) {
            writer.add(id, key: UInt64(1000 + id), html: html)
            // An article shown twice is stored once.
            writer.add(id, key: UInt64(1000 + id), html: html)
        }
        writer.finish(keys: { UInt64(1000 + $0) }, previous: previous)
    }

    @Test("summaries written by a build come back by key; those its pages did not show come from the store before")
    func roundTrip() throws {
        let memory = MemoryFileSystem()
        try write([0: "<li>Zero</li>", 1: "<li>Ünïcode · one</li>", 2: ""], count: 4, to: memory)
        let first = try #require(store.reader(memory))
        #expect(first.count == 3)
        #expect(first.html(1000) == "<li>Zero</li>")
        #expect(first.html(1001) == "<li>Ünïcode · one</li>")
        #expect(first.html(1002) == "")
        #expect(first.html(1003) == nil)
        // The next build renders article 1 again and shows none of the others: 0 and 2 are kept.
        try write([1: "<li>One, edited</li>", 3: "<li>Three</li>"], count: 4, previous: first, to: memory)
        let second = try #require(store.reader(memory))
        #expect(second.count == 4)
        #expect(second.html(1000) == "<li>Zero</li>")
        #expect(second.html(1001) == "<li>One, edited</li>")
        #expect(second.html(1002) == "")
        #expect(second.html(1003) == "<li>Three</li>")
        // The earlier reader still reads what it was given.
        #expect(first.html(1001) == "<li>Ünïcode · one</li>")
        #expect(!memory.fileExists(store.dataPath + ".new"))
    }

    @Test("a changed, cut or missing file gives no summary rather than a wrong one")
    func damaged() throws {
        let memory = MemoryFileSystem()
        try write([0: "<li>Zero</li>", 1: "<li>One</li>"], count: 2, to: memory)
        let data = try memory.readFile(store.dataPath)
        // The same size, other bytes: the entry's check fails.
        var changed = data
        changed[changed.startIndex + 5] ^= 0x20
        try memory.writeFile(store.dataPath, contents: changed)
        let reader = try #require(store.reader(memory))
        #expect(reader.html(1000) == nil)
        #expect(reader.html(1001) == "<li>One</li>")
        // Another size: not the file the index describes.
        try memory.writeFile(store.dataPath, contents: data.dropLast())
        #expect(store.reader(memory) == nil)
        try memory.writeFile(store.dataPath, contents: data)
        let index = try memory.readFile(store.indexPath)
        try memory.writeFile(store.indexPath, contents: index.dropLast(3))
        #expect(store.reader(memory) == nil)
        try memory.removeItem(store.indexPath)
        #expect(store.reader(memory) == nil)
    }

    @Test("on the real disk, summaries are read from the file as they were written")
    func mappedFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summaries-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let disk = LocalFileSystem()
        let store = SummaryStore(cacheDirectory: folder)
        try disk.createDirectory(folder)
        let writer = try #require(SummaryStore.Writer(store: store, count: 3000, fileSystem: disk))
        // More than one chunk of the writer's buffer, keys in no order (the index sorts them).
        func key(_ id: Int) -> UInt64 { UInt64(id * 7919 % 3001) }
        for id in 0..<3000 { writer.add(id, key: key(id), html: "<li>Summary \(id) " + String(repeating: "x", count: id % 300) + "</li>") }
        writer.finish(keys: key, previous: nil)
        let reader = try #require(store.reader(disk))
        #expect(reader.count == 3000)
        for id in [0, 1, 299, 1500, 2999] {
            #expect(reader.html(key(id)) == "<li>Summary \(id) " + String(repeating: "x", count: id % 300) + "</li>")
        }
        #expect(reader.html(UInt64(3001)) == nil)
    }

    @Test("a summary added this build reads back as it was added, from the unwritten chunk or the new file, before and after more are added")
    func readBackDuringTheBuild() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summaries-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let disk = LocalFileSystem()
        try disk.createDirectory(folder)
        try readBack(on: disk, folder: folder)
        try readBack(on: MemoryFileSystem(), folder: folder)
    }

    private func readBack(on fileSystem: some FileSystem, folder: String) throws {
        let writer = try #require(SummaryStore.Writer(store: SummaryStore(cacheDirectory: folder), count: 3000, fileSystem: fileSystem))
        func html(_ id: Int) -> String { "<li>Ünïcode \(id) " + String(repeating: "x", count: id % 300) + "</li>" }
        #expect(writer.html(0) == nil)
        // Several chunks of the writer's buffer: early summaries are in the file, the last in the buffer.
        for id in 0..<3000 where id != 1234 {
            writer.add(id, key: UInt64(id), html: html(id))
            #expect(writer.html(id) == html(id))
            #expect(writer.html(id / 2) == (id / 2 == 1234 ? nil : html(id / 2)))
        }
        for id in [0, 1, 299, 1233, 1235, 2999] { #expect(writer.html(id) == html(id)) }
        #expect(writer.html(1234) == nil)
        writer.finish(keys: { UInt64($0) }, previous: nil)
        // Once the store is in place, the writer reads nothing back.
        #expect(writer.html(0) == nil)
    }

    @Test("a build after an edit takes the summaries it shows from the store the full build left")
    func usedAfterAnEdit() throws {
        let site = try StructuralEditTests().makeSite()
        defer { site.remove() }
        func build() throws -> BuildReport {
            try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        }
        _ = try build()
        let cache = joinPath(site.path, ".broadsheet-cache")
        let disk = LocalFileSystem()
        let store = SummaryStore(cacheDirectory: cache)
        let reader = try #require(store.reader(disk))
        #expect(reader.count == 60)
        // Report 5's stored summary, marked: what a build that reads the store shows.
        let key = try #require((0..<reader.count).map(reader.key(at:)).first { reader.html($0)?.contains(">Report 5</a>") == true })
        let marked = try #require(reader.html(key)).replacingOccurrences(of: ">Report 5<", with: ">Report V<")
        let writer = try #require(SummaryStore.Writer(store: store, count: 1, fileSystem: disk))
        writer.add(0, key: key, html: marked)
        writer.finish(keys: { _ in key }, previous: nil)
        func pagesShowingTheMark() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: joinPath(site.path, "Output"))
                .filter { $0.hasSuffix(".html") && site.read("Output/" + $0)?.contains(">Report V</a>") == true }
        }
        // Report 8 shares March's list with report 5: a new headline, then a date past report 5.
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "Report 8", with: "Harbour report") }
        #expect(try build().restoredModel)
        #expect(try pagesShowingTheMark().isEmpty == false, "a headline edit rendered report 5's summary")
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "2024-03-09", with: "2024-03-05") }
        #expect(try build().restoredModel)
        #expect(try pagesShowingTheMark().isEmpty == false, "a move rendered report 5's summary")
    }
}
