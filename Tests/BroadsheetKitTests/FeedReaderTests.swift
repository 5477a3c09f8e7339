import BroadsheetKit
import Core
import Foundation
import Testing

/// The site built from the content-safety payloads, read by independent readers
/// (`Readers/read_site.py`: feedparser for RSS and Atom, Python's json for JSON Feed and JSON-LD,
/// html.parser for pages, xml.etree for the sitemap): every feed of every kind carries no
/// markup in a field its reader renders as HTML, and shows each headline, dek, byline, feed
/// title and description exactly as written.
@Suite("Feeds and pages as readers read them")
struct FeedReaderTests {
    static let siteTitle = "Safe <b>archive</b> & \"friends\" ]]>"
    static let siteDescription = "News & <script>alert(1)</script> notes, <img src=x onerror=alert(1)>"

    @Test("every feed and article page shows the original text and runs nothing")
    func readersShowTheOriginalText() throws {
        let site = try ContentSafetyTests.site(
            config: """
            title: "\(Self.yaml(Self.siteTitle))"
            description: "\(Self.yaml(Self.siteDescription))"
            base_url: https://safe.example.org/
            archives:
              feed: true
            """)
        defer { site.remove() }
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        let expected = site.root.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expectations(of: site), options: [.sortedKeys]).write(to: expected)

        let result = try Self.read(output: site.root.appendingPathComponent("Output"), expected: expected)
        #expect(result.status == 0, "\(result.output)")
        // Every kind of feed in every format was read, not just some.
        for format in ["rss", "atom", "json"] {
            for kind in ["site", "tag", "country", "month"] {
                #expect(result.output.contains(" \(format) \(kind) feed"), "no \(format) \(kind) feed read: \(result.output)")
            }
        }
        #expect(result.output.contains("article pages"), "\(result.output)")
    }

    @Test("the reader finds markup a reader would render, and text shown escaped twice")
    func readerCatchesUnsafeFeeds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Escaped once, as the feeds were: a reader renders the description's image and handler.
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Site</title><link>https://a.example/</link><description>About</description>
        <item><title>One</title><link>https://a.example/1/</link><description>Dek &lt;img src=x onerror=alert(1)&gt;</description></item>
        </channel></rss>
        """.write(to: folder.appendingPathComponent("index.xml"), atomically: true, encoding: .utf8)
        // Escaped twice in a `type="text"` element: the reader shows `&lt;b&gt;`.
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title><id>https://a.example/</id><updated>2024-01-01T00:00:00Z</updated>
        <entry><title>Use &amp;lt;b&amp;gt; for bold</title><id>https://a.example/2/</id><updated>2024-01-01T00:00:00Z</updated></entry>
        </feed>
        """.write(to: folder.appendingPathComponent("atom.xml"), atomically: true, encoding: .utf8)
        let articles: [[String: Any]] = [["title": "One", "dek": "Dek <img src=x onerror=alert(1)>", "byline": NSNull()],
                                         ["title": "Use <b> for bold", "dek": NSNull(), "byline": NSNull()]]
        let expected = folder.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: ["site_title": "Site", "site_description": "About", "feed_titles": ["Site"],
                                                    "articles": articles]).write(to: expected)
        let result = try Self.read(output: folder, expected: expected)
        #expect(result.status == 1)
        #expect(result.output.contains("index.xml: item description: executable markup a reader renders: onerror="), "\(result.output)")
        #expect(result.output.contains("atom.xml: title: reader shows 'Use &lt;b&gt; for bold'"), "\(result.output)")
    }

    /// What the site was built from, as the loader read it: each article's headline, dek and
    /// byline, and the title of every feed the site can have.
    func expectations(of site: FixtureSite) throws -> [String: Any] {
        let content = site.root.appendingPathComponent("Content").path
        let paths = try FileManager.default.subpathsOfDirectory(atPath: content).filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }
        let extracted = ArticleExtractor(fileSystem: LocalFileSystem(), timeZone: TimeZone(identifier: "UTC")!)
            .extract(paths.map { content + "/" + $0 })
        var names: Set<String> = ["Japan"]
        for article in extracted {
            names.formUnion(article.tags ?? [])
            // An article whose text gives no date is dated by its file, written just now.
            let date = article.date ?? DateText(timeZone: TimeZone(identifier: "UTC")!).day(Date())
            if let month = Int(date.dropFirst(5).prefix(2)) {
                names.insert("\(DateText.monthNames[month - 1]) \(date.prefix(4))")
            }
        }
        return [
            "site_title": Self.siteTitle, "site_description": Self.siteDescription,
            "feed_titles": [Self.siteTitle] + names.sorted().map { "\($0) — \(Self.siteTitle)" },
            "articles": extracted.map { article -> [String: Any] in
                ["title": article.title as Any? ?? NSNull(), "dek": article.dek as Any? ?? NSNull(), "byline": article.byline as Any? ?? NSNull()]
            },
        ]
    }

    static func yaml(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Runs the reader with the Python that `Scripts/ensure-dependencies` sets up with feedparser.
    static func read(output: URL, expected: URL) throws -> (status: Int32, output: String) {
        let python = FixtureSite.repository.appendingPathComponent(".build/readers/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("no feed reader at \(python.path): run Scripts/ensure-dependencies")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [FixtureSite.repository.appendingPathComponent("Tests/BroadsheetKitTests/Readers/read_site.py").path,
                             output.path, expected.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
