import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Load cache file format")
struct LoadCacheCodecTests {
    static let entries: [String: LoadCache.Entry] = [
        "2024/05/full.txt": LoadCache.Entry(stamp: "1716000000.250000000:4096", outcome: .article(
            ArticleMetadata(sourcePath: "2024/05/full.txt", format: .text, title: "Floods in Sindh — “worst in decades”",
                            dek: "Relief arrives late", byline: "Ayesha Khan", date: Date(timeIntervalSince1970: 1_716_000_000.5),
                            hasTime: true, dateline: "KARACHI", photoCredit: "Reuters", countries: ["PK", "IN"],
                            tags: ["Floods"], automaticTags: ["monsoon rains", "relief camps"], slug: "floods-in-sindh", wordCount: 812),
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
        let (decoded, settings) = try #require(LoadCacheCodec.decode(data))
        #expect(settings == Self.settings)
        #expect(decoded.keys.sorted() == Self.entries.keys.sorted())
        for (path, entry) in Self.entries {
            let back = try #require(decoded[path])
            #expect(back.stamp == entry.stamp)
            #expect(Self.same(back.outcome, entry.outcome))
        }
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
}
