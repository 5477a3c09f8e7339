import Core
import Foundation
import Testing
@testable import BuildCache

@Suite("Page fingerprint store")
struct PageFingerprintStoreTests {
    let store = PageFingerprintStore(cacheDirectory: "site/.broadsheet-cache")

    @Test("fingerprints saved by page come back under the same pages' keys")
    func roundTrip() throws {
        let memory = MemoryFileSystem(files: ["site/.broadsheet-cache/page-fingerprints.tsv": "index.html\t1f\n"])
        let pages = ["index.html", "articles/2025/02/a-story/index.html", "tags/floods/page/2/index.html", "feed.xml"]
        let pairs = pages.enumerated().map { index, page in
            (key: PageFingerprintStore.key(page),
             record: PageFingerprintStore.Record(fingerprint: UInt64(index) &* 0x9E37_79B9_7F4A_7C15, content: PageFingerprintStore.contentHash(page)))
        }
        try store.save(pairs, to: memory)
        let loaded = store.load(memory)
        #expect(loaded.count == pages.count)
        for (page, pair) in zip(pages, pairs) { #expect(loaded[PageFingerprintStore.key(page)] == pair.record, "\(page)") }
        #expect(Set(pages.map(PageFingerprintStore.key)).count == pages.count)
        #expect(PageFingerprintStore.contentHash("<p>a</p>") != PageFingerprintStore.contentHash("<p>b</p>"))
        #expect(PageFingerprintStore.contentHash(["ab", "c"]) != PageFingerprintStore.contentHash(["a", "bc"]))
        // The text table an earlier version wrote is gone.
        #expect(!memory.fileExists("site/.broadsheet-cache/page-fingerprints.tsv"))
    }

    @Test("records staged beside the store take its place only when committed; without them the store goes")
    func stagedRecords() throws {
        let memory = MemoryFileSystem(files: [:])
        func pairs(_ seed: UInt64) -> [(key: UInt64, record: PageFingerprintStore.Record)] {
            (0..<50).map { (key: UInt64($0), record: .init(fingerprint: seed &+ UInt64($0), content: seed)) }
        }
        func table(_ pairs: [(key: UInt64, record: PageFingerprintStore.Record)]) -> [UInt64: PageFingerprintStore.Record] {
            Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.record) })
        }
        try store.save(pairs(100), to: memory)
        // Written in pieces of a few records: the store is the last build's until the commit.
        try store.stage(pairs(200), to: memory, pieceSize: 64)
        #expect(store.load(memory) == table(pairs(100)))
        try store.commitStaged(memory)
        #expect(store.load(memory) == table(pairs(200)))
        #expect(!memory.fileExists(store.stagedPath))
        // A build whose records could not be put in place leaves no store and nothing staged.
        try store.stage(pairs(300), to: memory)
        store.remove(memory)
        #expect(store.load(memory).isEmpty && !memory.fileExists(store.path) && !memory.fileExists(store.stagedPath))
    }

    @Test("a cut or foreign file reads as no fingerprints, so every page renders")
    func damaged() throws {
        let memory = MemoryFileSystem(files: [:])
        try store.save([(key: 1, record: .init(fingerprint: 2, content: 5)), (key: 3, record: .init(fingerprint: 4))], to: memory)
        #expect(store.load(memory) == [1: .init(fingerprint: 2, content: 5), 3: .init(fingerprint: 4, content: 0)])
        let saved = try memory.readFile(store.path)
        try memory.writeFile(store.path, contents: saved.dropLast(3))
        #expect(store.load(memory).isEmpty)
        try memory.writeFile(store.path, string: "index.html\t1f\n")
        #expect(store.load(memory).isEmpty)
        // The table of the version before, without the pages' content hashes.
        try memory.writeFile(store.path, contents: Data("broadsheet page fingerprints 1\n".utf8) + Data(count: 32))
        #expect(store.load(memory).isEmpty)
        #expect(PageFingerprintStore(cacheDirectory: "elsewhere").load(memory).isEmpty)
    }

    @Test("an update gives written pages their new fingerprints, adds new ones and drops removed pages")
    func update() throws {
        let memory = MemoryFileSystem(files: [:])
        let key = PageFingerprintStore.key
        func record(_ fingerprint: UInt64) -> PageFingerprintStore.Record { .init(fingerprint: fingerprint, content: fingerprint + 100) }
        try store.save([(key("a.html"), record(1)), (key("b.html"), record(2)), (key("c.html"), record(3))], to: memory)
        try store.update([(key("b.html"), record(20)), (key("d.html"), record(40))], removing: ["c.html"], fileSystem: memory)
        #expect(store.load(memory) == [key("a.html"): record(1), key("b.html"): record(20), key("d.html"): record(40)])
        // A page removed and written again (a moved page back in its place) keeps its new record.
        try store.update([(key("a.html"), record(10))], removing: ["a.html"], fileSystem: memory)
        #expect(store.load(memory) == [key("a.html"): record(10), key("b.html"): record(20), key("d.html"): record(40)])
    }
}

