import Core
import Foundation
import Testing
@testable import BuildCache

@Suite("Keeping every article's related articles between builds")
struct RelatedArticlesStoreTests {
    @Test("the lists come back as saved, empty slots and all, only for the structure and count they were found in")
    func roundTrip() throws {
        let files = MemoryFileSystem(files: [:])
        let store = RelatedArticlesStore(cacheDirectory: "cache")
        // Three articles, four slots each: the second has one related article, the third none.
        let lists: [Int32] = [1, 2, 70_000, 3, 0, -1, -1, -1, -1, -1, -1, -1]
        try store.save(lists, structure: 0xFEED_F00D_1234, count: 3, fileSystem: files)
        let data = try files.readFile("cache/related.bin")
        #expect(data.count == 24 + lists.count * 4)
        #expect(Array(data[0..<4]) == Array("BSRA".utf8))
        // Little-endian on disk whatever the machine: 70,000 is 0x11170.
        #expect(Array(data[(24 + 8)..<(24 + 12)]) == [0x70, 0x11, 0x01, 0x00])
        #expect(store.load(structure: 0xFEED_F00D_1234, count: 3, fileSystem: files) == lists)
        #expect(store.load(structure: 0xFEED_F00D_1235, count: 3, fileSystem: files) == nil)
        #expect(store.load(structure: 0xFEED_F00D_1234, count: 4, fileSystem: files) == nil)
        try files.writeFile("cache/related.bin", contents: data.dropLast(4))
        #expect(store.load(structure: 0xFEED_F00D_1234, count: 3, fileSystem: files) == nil)
    }
}
