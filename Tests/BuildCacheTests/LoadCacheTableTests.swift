import Testing
@testable import BuildCache

@Suite("Load cache table")
struct LoadCacheTableTests {
    private static func entry(_ stamp: String) -> LoadCache.Entry {
        LoadCache.Entry(stamp: stamp, outcome: .draft)
    }

    @Test("entries stored, replaced and removed read back as a dictionary of them would, through the compactions removals cause")
    func behavesAsDictionary() {
        var table = LoadCacheTable(minimumCapacity: 10)
        var expected: [String: String] = [:]
        for index in 0..<300 {
            table["a/\(index).md"] = Self.entry("\(index):1")
            expected["a/\(index).md"] = "\(index):1"
        }
        // Every third replaced, then all but every fifth removed: the holes outnumber the
        // entries several times over, so the array is made again on the way.
        for index in stride(from: 0, to: 300, by: 3) {
            table["a/\(index).md"] = Self.entry("\(index):2")
            expected["a/\(index).md"] = "\(index):2"
        }
        for index in 0..<300 where index % 5 != 0 {
            table["a/\(index).md"] = nil
            expected["a/\(index).md"] = nil
        }
        // Removing what is not there changes nothing; a removed path can come back.
        table["missing.md"] = nil
        table["a/7.md"] = Self.entry("7:3")
        expected["a/7.md"] = "7:3"

        #expect(table.count == expected.count && table.count == 61)
        #expect(Set(table.paths) == Set(expected.keys))
        for index in 0..<300 {
            #expect(table["a/\(index).md"]?.stamp == expected["a/\(index).md"], "a/\(index).md")
        }
        let records = Dictionary(uniqueKeysWithValues: table.records.map { ($0.path, $0.entry.stamp) })
        #expect(records == expected)
        #expect(!table.isEmpty && LoadCacheTable().isEmpty)
    }
}
