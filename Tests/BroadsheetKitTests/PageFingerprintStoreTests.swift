import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Page fingerprint store")
struct PageFingerprintStoreTests {
    let store = PageFingerprintStore(cacheDirectory: "site/.broadsheet-cache")

    @Test("fingerprints saved by page come back under the same pages' keys")
    func roundTrip() throws {
        let memory = MemoryFileSystem(files: ["site/.broadsheet-cache/page-fingerprints.tsv": "index.html\t1f\n"])
        let pages = ["index.html", "articles/2025/02/a-story/index.html", "tags/floods/page/2/index.html", "feed.xml"]
        let pairs = pages.enumerated().map { (key: PageFingerprintStore.key($1), fingerprint: UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        try store.save(pairs, to: memory)
        let loaded = store.load(memory)
        #expect(loaded.count == pages.count)
        for (page, pair) in zip(pages, pairs) { #expect(loaded[PageFingerprintStore.key(page)] == pair.fingerprint, "\(page)") }
        #expect(Set(pages.map(PageFingerprintStore.key)).count == pages.count)
        // The text table an earlier version wrote is gone.
        #expect(!memory.fileExists("site/.broadsheet-cache/page-fingerprints.tsv"))
    }

    @Test("a cut or foreign file reads as no fingerprints, so every page renders")
    func damaged() throws {
        let memory = MemoryFileSystem(files: [:])
        try store.save([(key: 1, fingerprint: 2), (key: 3, fingerprint: 4)], to: memory)
        let saved = try memory.readFile(store.path)
        try memory.writeFile(store.path, contents: saved.dropLast(3))
        #expect(store.load(memory).isEmpty)
        try memory.writeFile(store.path, string: "index.html\t1f\n")
        #expect(store.load(memory).isEmpty)
        #expect(PageFingerprintStore(cacheDirectory: "elsewhere").load(memory).isEmpty)
    }

    @Test("an update gives written pages their new fingerprints, adds new ones and drops removed pages")
    func update() throws {
        let memory = MemoryFileSystem(files: [:])
        let key = PageFingerprintStore.key
        try store.save([(key("a.html"), 1), (key("b.html"), 2), (key("c.html"), 3)], to: memory)
        try store.update([(key("b.html"), 20), (key("d.html"), 40)], removing: ["c.html"], fileSystem: memory)
        #expect(store.load(memory) == [key("a.html"): 1, key("b.html"): 20, key("d.html"): 40])
        // A page removed and written again (a moved page back in its place) keeps its new fingerprint.
        try store.update([(key("a.html"), 10)], removing: ["a.html"], fileSystem: memory)
        #expect(store.load(memory) == [key("a.html"): 10, key("b.html"): 20, key("d.html"): 40])
    }
}

