import Core
import Foundation
import Testing
@testable import BuildCache

@Suite("Load cache file format")
struct LoadCacheCodecTests {
    static let entries: [String: LoadCache.Entry] = [
        "2024/05/full.txt": LoadCache.Entry(stamp: "1716000000.250000000:4096", outcome: .article(
            ArticleMetadata(sourcePath: "2024/05/full.txt", format: .text, title: "Floods in Sindh — “worst in decades”",
                            dek: "Relief arrives late", byline: "Ayesha Khan", date: Date(timeIntervalSince1970: 1_716_000_000.5),
                            hasTime: true, dateline: "KARACHI", photoCredit: "Reuters", countries: ["PK", "IN"],
                            tags: ["Floods"], automaticTags: ["monsoon rains", "relief camps"], slug: "floods-in-sindh", wordCount: 812, bodyLine: 9),
            [.warning(.load, file: "2024/05/full.txt", line: 3, "no byline")], ["monsoon", "relief", "sindh"])),
        "2024/05/plain.md": LoadCache.Entry(stamp: "-1:-1", outcome: .article(
            ArticleMetadata(sourcePath: "2024/05/plain.md", format: .markdown, title: "Plain", date: Date(timeIntervalSince1970: -86_400),
                            slug: "plain"), [], nil)),
        "drafts/idea.md": LoadCache.Entry(stamp: "5:6", outcome: .draft),
        "broken.txt": LoadCache.Entry(stamp: "7:8", outcome: .failed(.error(.load, file: "broken.txt", line: 1, column: 4, "no headline"))),
    ]

    static let settings = "Asia/Karachi|Listen to article|Advertisement|budget=economy"

    @Test("every kind of reading comes back as it was saved")
    func roundTrip() throws {
        let data = LoadCacheCodec.encode(Self.entries, settings: Self.settings)
        let (decoded, settings, records) = try #require(LoadCacheCodec.decode(data))
        #expect(settings == Self.settings)
        #expect(records == Self.entries.count)
        #expect(decoded.paths.sorted() == Self.entries.keys.sorted())
        for (path, entry) in Self.entries {
            let back = try #require(decoded[path])
            #expect(back.stamp == entry.stamp)
            #expect(Self.same(back.outcome, entry.outcome))
        }
    }

    @Test("a cache written in pieces is the file written whole")
    func pieces() throws {
        var pieces: [Data] = []
        LoadCacheCodec.encode(Self.entries, settings: Self.settings, pieceSize: 64) { pieces.append($0) }
        #expect(pieces.count > 2)
        let joined = pieces.reduce(Data(), +)
        #expect(joined == LoadCacheCodec.encode(Self.entries, settings: Self.settings))
        let (decoded, _, records) = try #require(LoadCacheCodec.decode(joined))
        #expect(records == Self.entries.count && decoded.count == Self.entries.count)
    }

    static func same(_ lhs: SiteBuilderLoadOutcome, _ rhs: SiteBuilderLoadOutcome) -> Bool {
        switch (lhs, rhs) {
        case let (.article(lm, lw, lv), .article(rm, rw, rv)): lm == rm && lw == rw && lv == rv
        case (.draft, .draft): true
        case let (.failed(l), .failed(r)): l == r
        default: false
        }
    }

    @Test("a cut, altered or older file reads as no cache")
    func damagedFiles() {
        let data = LoadCacheCodec.encode(Self.entries, settings: Self.settings)
        #expect(LoadCacheCodec.decode(data.prefix(data.count - 1)) == nil)
        #expect(LoadCacheCodec.decode(data + Data([0])) == nil)
        #expect(LoadCacheCodec.decode(Data("{\"version\":1,\"entries\":{}}".utf8)) == nil)
        var otherVersion = data
        otherVersion[4] = 1
        #expect(LoadCacheCodec.decode(otherVersion) == nil)
        #expect(LoadCacheCodec.decode(Data()) == nil)
    }

    @Test("entries read under other settings are dropped; under the same ones they are kept")
    func settingsChange() {
        let cache = LoadCache()
        cache.use(settings: "UTC|")
        cache.store(.draft, for: "a.md", stamp: "1:2")
        cache.use(settings: "UTC|")
        #expect(cache.outcome(for: "a.md", stamp: "1:2") != nil)
        cache.use(settings: "Asia/Karachi|")
        #expect(cache.outcome(for: "a.md", stamp: "1:2") == nil)
        #expect(cache.count == 0)
    }

    @Test("a cache file read through from the disk decodes as read whole, its bytes behind the reader given back but not lost")
    func readThroughFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var entries: [String: LoadCache.Entry] = [:]
        for index in 0..<3_000 { entries["2024/05/story-\(index).md"] = LoadCache.Entry(stamp: "\(index):\(index * 7)", outcome: .draft) }
        let data = LoadCacheCodec.encode(entries, settings: Self.settings)
        #expect(data.count > 40_000)
        let path = folder.appendingPathComponent("articles.bin").path
        try data.write(to: URL(fileURLWithPath: path))
        var offsets: [Int] = []
        let (decoded, settings, records) = try #require(try LocalFileSystem().readThrough(path) { bytes, passed in
            let decoded = LoadCacheCodec.decode(bytes, step: 4096) { offset in
                offsets.append(offset)
                passed(offset)
            }
            // What was passed reads as it did.
            #expect(Data(bytes) == data)
            return decoded
        })
        #expect(settings == Self.settings && records == entries.count)
        #expect(Set(decoded.paths) == Set(entries.keys))
        #expect(decoded.records.allSatisfy { entries[$0.path]?.stamp == $0.entry.stamp })
        #expect(offsets.count > 8 && offsets == offsets.sorted() && offsets.last! < data.count)
        // An empty file is read too (it cannot be mapped), and is no cache.
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try LocalFileSystem().readThrough(path) { bytes, _ in LoadCacheCodec.decode(bytes) } == nil)
    }

    @Test("records appended to a saved cache replace and remove entries; a cut record reads as no cache")
    func appendedRecords() throws {
        var data = LoadCacheCodec.encode(Self.entries, settings: Self.settings)
        let edited = LoadCache.Entry(stamp: "9:10", outcome: .draft)
        data += LoadCacheCodec.encodeRecords([(path: "2024/05/full.txt", entry: edited), (path: "broken.txt", entry: nil)])
        let (decoded, _, records) = try #require(LoadCacheCodec.decode(data))
        #expect(records == Self.entries.count + 2)
        #expect(decoded.paths.sorted() == ["2024/05/full.txt", "2024/05/plain.md", "drafts/idea.md"])
        #expect(decoded["2024/05/full.txt"]?.stamp == "9:10")
        #expect(Self.same(try #require(decoded["2024/05/full.txt"]).outcome, .draft))
        #expect(LoadCacheCodec.decode(data.prefix(data.count - 1)) == nil)
    }

    @Test("a rebuild's few changes are appended; many are written whole; both read back as the cache")
    func savesAppendOrRewrite() throws {
        let files = MemoryFileSystem()
        let path = "cache/articles.bin"
        let cache = LoadCache()
        cache.use(settings: Self.settings)
        for index in 0..<8 { cache.store(.draft, for: "a\(index).md", stamp: "1:\(index)") }
        try cache.save(to: path, fileSystem: files)
        let whole = try files.readFile(path)

        // One edit: its record is appended to the file as it was.
        let second = LoadCache()
        second.load(from: path, fileSystem: files)
        second.use(settings: Self.settings)
        second.store(.draft, for: "a3.md", stamp: "2:3")
        try second.save(to: path, fileSystem: files)
        let appended = try files.readFile(path)
        #expect(appended.count > whole.count && appended.prefix(whole.count) == whole)

        // Most files gone: the file is written whole again, without them.
        let third = LoadCache()
        third.load(from: path, fileSystem: files)
        third.use(settings: Self.settings)
        #expect(third.outcome(for: "a3.md", stamp: "2:3") != nil)
        third.keep(only: ["a6.md", "a7.md"])
        try third.save(to: path, fileSystem: files)
        let (entries, _, records) = try #require(LoadCacheCodec.decode(try files.readFile(path)))
        #expect(entries.paths.sorted() == ["a6.md", "a7.md"])
        #expect(records == 2)
    }
}
