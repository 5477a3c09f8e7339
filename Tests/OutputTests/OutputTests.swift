import Core
import Foundation
import Testing
@testable import Output
import Site
import Taxonomy

@Suite("Feeds, sitemap and the output writer")
struct OutputTests {
    func site() -> SiteModel {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let articles = (1...3).map { day in
            ArticleMetadata(sourcePath: "\(day).md", format: .markdown, title: "Story <\(day)> & ]]>",
                            dek: day == 1 ? "Dek with \"quotes\"" : nil, byline: "Desk",
                            date: calendar.date(from: DateComponents(year: 2025, month: 2, day: day, hour: 9))!,
                            countries: ["JP"], slug: "story-\(day)")
        }
        return SiteModel(config: SiteConfig(title: "Daily", baseURL: "https://news.example.org/sub/", feedItems: 2), articles: articles, gazetteer: .standard)
    }

    @Test("RSS lists the latest items, titles as escaped HTML, with absolute links")
    func rss() throws {
        let site = site()
        let plan = PagePlan(site: site)
        let feed = try #require(plan.feeds.first { $0.path == "index.xml" })
        let xml = FeedWriter(site: site).rss(feed)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\""))
        #expect(xml.components(separatedBy: "<item>").count - 1 == 2)
        // RSS readers render titles as HTML: the text is escaped for HTML, then for XML.
        #expect(xml.contains("<title>Story &amp;lt;3&amp;gt; &amp;amp; ]]&amp;gt;</title>"))
        #expect(xml.contains("<dc:creator>Desk</dc:creator>"))
        #expect(xml.contains("<link>https://news.example.org/sub/articles/2025/02/story-3/</link>"))
        #expect(xml.contains("<pubDate>Mon, 03 Feb 2025 09:00:00 +0000</pubDate>"))
        #expect(!xml.contains("story-1/"))
        #expect(xml.contains("<lastBuildDate>Mon, 03 Feb 2025 09:00:00 +0000</lastBuildDate>"))
    }

    @Test("Atom and JSON Feed carry the same items, escaped, with stable dates")
    func atomAndJSONFeed() throws {
        let site = site()
        let feed = try #require(PagePlan(site: site).feeds.first { $0.path == "index.xml" })
        #expect(feed.atomPath == "atom.xml")
        #expect(feed.jsonPath == "feed.json")
        let atom = FeedWriter(site: site).atom(feed)
        #expect(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"))
        #expect(atom.contains("<updated>2025-02-03T09:00:00+00:00</updated>"))
        #expect(atom.contains("<title>Story &lt;3&gt; &amp; ]]&gt;</title>"))
        #expect(atom.contains("<link href=\"https://news.example.org/sub/atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>"))
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 2)
        let json = FeedWriter(site: site).json(feed)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(object["feed_url"] as? String == "https://news.example.org/sub/feed.json")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["title"] as? String == "Story <3> & ]]>")
        // Each item needs content: without a dek, the headline, as HTML.
        #expect(items[0]["content_html"] as? String == "Story &lt;3&gt; &amp; ]]&gt;")
        #expect(items[0]["url"] as? String == "https://news.example.org/sub/articles/2025/02/story-3/")
        #expect(items[0]["date_published"] as? String == "2025-02-03T09:00:00+00:00")
    }

    @Test("the sitemap lists first pages with their newest date")
    func sitemap() {
        let site = site()
        let files = SitemapWriter(site: site).render(PagePlan(site: site))
        #expect(files.map(\.path) == ["sitemap.xml"])
        let xml = files[0].contents
        #expect(xml.contains("<url><loc>https://news.example.org/sub/articles/2025/02/story-1/</loc><lastmod>2025-02-01</lastmod></url>"))
        #expect(xml.contains("<loc>https://news.example.org/sub/</loc><lastmod>2025-02-03</lastmod>"))
        #expect(xml.contains("<loc>https://news.example.org/sub/countries/japan/</loc>"))
        #expect(!xml.contains("404"))
    }

    @Test("an article's path in the sitemap is its page's, escaped, whatever its slug and year")
    func sitemapArticlePaths() {
        let dates = [(2025, 2), (999, 12), (12025, 1)].map { year, month in
            var components = DateComponents(year: year, month: month, day: 3, hour: 9)
            components.timeZone = TimeZone(identifier: "UTC")
            return Calendar(identifier: .gregorian).date(from: components)!
        }
        let articles = zip(["café-ürün", "a&b", "plain"], dates).enumerated().map { index, pair in
            ArticleMetadata(sourcePath: "\(index).md", format: .markdown, title: "Story \(index)", date: pair.1, slug: pair.0)
        }
        let site = SiteModel(config: SiteConfig(title: "Daily", baseURL: "https://news.example.org/"), articles: articles, gazetteer: .standard)
        let xml = SitemapWriter(site: site).render(PagePlan(site: site))[0].contents
        for id in site.articles.indices {
            #expect(xml.contains("<url><loc>https://news.example.org/\(Field.xmlURL.encode(site.articlePath(id)))</loc>"))
        }
        #expect(Set(site.articles.indices.map(site.articlePath)) == ["articles/2025/02/café-ürün/", "articles/999/12/a&b/", "articles/12025/01/plain/"])
        #expect(xml.contains("<loc>https://news.example.org/articles/999/12/a&amp;b/</loc>"))
        // A sitemap's URLs are URIs: non-ASCII is percent-encoded.
        #expect(xml.contains("<loc>https://news.example.org/articles/2025/02/caf%C3%A9-%C3%BCr%C3%BCn/</loc>"))
    }

    @Test("past the URL limit the sitemap becomes an index of numbered sitemaps")
    func sitemapIndex() throws {
        let site = site()
        let plan = PagePlan(site: site)
        let listed = plan.articleCount + plan.listPages.filter(\.isListedInSitemap).count
        let files = SitemapWriter(site: site).render(plan, maximumURLs: 5)
        // The index last, once every file's newest date is known.
        #expect(files.map(\.path) == (1...((listed + 4) / 5)).map { "sitemap-\($0).xml" } + ["sitemap.xml"])
        let index = try #require(files.last).contents
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(index.contains("<sitemap><loc>https://news.example.org/sub/sitemap-1.xml</loc><lastmod>"))
        let urls = files.dropLast().map { $0.contents.components(separatedBy: "<url>").count - 1 }
        #expect(urls.allSatisfy { $0 <= 5 })
        #expect(urls.reduce(0, +) == listed)
        // Only the files that list some articles: what a full render writes for them.
        let articles = plan.articleCount
        let byTwo = SitemapWriter(site: site).render(plan, maximumURLs: 2)
        let some = SitemapWriter(site: site).render(plan, maximumURLs: 2, listing: [0, articles - 1])
        #expect(articles == 3 && some.map(\.path) == ["sitemap-1.xml", "sitemap-2.xml"])
        for file in some { #expect(byTwo.first { $0.path == file.path }?.contents == file.contents) }
        // And the files that list some list pages, with the index, as a full render writes them.
        let lastList = try #require(plan.listPages.indices.last { plan.listPages[$0].isListedInSitemap })
        let withLists = SitemapWriter(site: site).render(plan, maximumURLs: 2, listing: [0], lists: [lastList])
        #expect(withLists.map(\.path) == ["sitemap-1.xml", "sitemap-\((listed + 1) / 2).xml", "sitemap.xml"])
        for file in withLists { #expect(byTwo.first { $0.path == file.path }?.contents == file.contents, "\(file.path)") }
        let small = SitemapWriter(site: site).render(plan, listing: [1])
        #expect(small.map(\.path) == ["sitemap.xml"] && small[0].contents == SitemapWriter(site: site).render(plan)[0].contents)
    }

    @Test("after a term page comes or goes, the sitemap files from the first moved entry on, with the index, are what a full render writes")
    func sitemapAfterNewTerm() throws {
        var site = site()
        let before = PagePlan(site: site)
        var edited = site.articles[1]
        edited.tags = ["Ports"]
        let edit = site.replaceTerms(of: 1, with: edited, gazetteer: .standard)
        #expect(edit?.termsChanged == true)
        let after = PagePlan(site: site)
        let first = try #require(after.firstMovedListPage(since: before))
        #expect(after.listPages[..<first].map(\.file) == before.listPages[..<first].map(\.file))
        let full = SitemapWriter(site: site).render(after, maximumURLs: 3)
        // The files the site had, with those the partial render writes put over them.
        var files = Dictionary(uniqueKeysWithValues: SitemapWriter(site: site).render(before, maximumURLs: 3).map { ($0.path, $0.contents) })
        #expect(files.count == full.count, "the same number of sitemap files")
        let partial = SitemapWriter(site: site).render(after, maximumURLs: 3, listing: [1], lists: Set(first..<after.listPages.count))
        #expect(partial.count < full.count)
        for file in partial { files[file.path] = file.contents }
        for file in full { #expect(files[file.path] == file.contents, "\(file.path)") }
        // The moved entries alone would leave a stale file behind.
        #expect(SitemapWriter(site: site).render(after, maximumURLs: 3, listing: [1]).count < partial.count)
    }

    @Test("pages are staged and moved into place only on commit; stale files go, foreign files stay")
    func stagedWrites() throws {
        let disk = MemoryFileSystem(files: ["site/Output/keep.txt": "mine", "site/Output/old/index.html": "old page"])
        try disk.writeFile("site/.cache/output-manifest.txt", string: "old/index.html\n")
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: disk)
        try writer.write("index.html", string: "home")
        try writer.write("a/b/index.html", string: "page")
        #expect(disk.string(at: "site/Output/index.html") == nil)
        try writer.commit()
        #expect(disk.string(at: "site/Output/index.html") == "home")
        #expect(disk.string(at: "site/Output/a/b/index.html") == "page")
        #expect(disk.string(at: "site/Output/keep.txt") == "mine")
        #expect(disk.string(at: "site/Output/old/index.html") == nil)
        #expect(!disk.allPaths.contains { $0.contains("staging") })
    }

    @Test("a first build stages the site at its paths and moves it whole; a rebuild stages each file under a number")
    func stagingLayout() throws {
        let first = MemoryFileSystem(files: [:])
        let firstWriter = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: first)
        try firstWriter.write("index.html", string: "home")
        try firstWriter.write("a/b/index.html", string: "page")
        #expect(first.string(at: "site/.Output.staging/a/b/index.html") == "page")
        try firstWriter.commit()
        #expect(first.string(at: "site/Output/a/b/index.html") == "page")

        let pages = (0..<(OutputWriter.stagedPerFolder + 2)).map { "articles/\($0)/index.html" }
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: first)
        for (number, path) in pages.enumerated() { try writer.write(path, string: "page \(number)") }
        let staged = first.allPaths.filter { $0.hasPrefix("site/.Output.staging/") }
        #expect(staged.count == pages.count)
        #expect(first.string(at: "site/.Output.staging/0/7") == "page 7")
        #expect(first.string(at: "site/.Output.staging/1/1") == "page \(OutputWriter.stagedPerFolder + 1)")
        try writer.commit()
        for (number, path) in pages.enumerated() { #expect(first.string(at: "site/Output/\(path)") == "page \(number)") }
        #expect(first.string(at: "site/Output/index.html") == nil, "the last build's files this one did not write go")
        #expect(!first.allPaths.contains { $0.contains("staging") })
    }

    @Test("a page left out under a one-letter folder goes with its folder, and folders are cut from paths as Foundation would")
    func oneLetterFolders() throws {
        let disk = MemoryFileSystem(files: ["site/Output/a/b/index.html": "old", "site/Output/p/index.html": "kept"])
        try disk.createDirectory("site/Output/a/b")
        try disk.writeFile("site/.cache/output-manifest.txt", string: "a/b/index.html\np/index.html\n")
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: disk)
        try writer.write("p/index.html", string: "new")
        try writer.commit()
        #expect(disk.string(at: "site/Output/p/index.html") == "new")
        #expect(!disk.allPaths.contains { $0.hasPrefix("site/Output/a") })
        let cuts = ["a/b/c.html": "a/b", "c.html": "", "a": "", "/c": "/", "/": "/", "a//b": "a", "a/b/": "a", "./a": "."]
        for (path, folder) in cuts { #expect(parentFolder(of: path) == folder, "\(path)") }
        #expect(["a/b/c.html", "a", "a/", "/"].map { lastPathComponent(of: $0) } == ["c.html", "a", "a", "/"])
    }

    @Test("a journal of files staged at their paths, from an older build, is completed too")
    func interruptedCommitStagedAtPaths() throws {
        let memory = MemoryFileSystem(files: ["site/Output/a.html": "old a", "site/Output/keep.txt": "mine",
                                              "site/.Output.staging/b/index.html": "new b"])
        try memory.writeFile("site/.cache/output-manifest.txt", string: "a.html\n")
        try memory.writeFile("site/.cache/output-journal.txt", string: "+b/index.html\n=a.html\n")
        _ = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: memory)
        #expect(memory.string(at: "site/Output/b/index.html") == "new b")
        #expect(memory.string(at: "site/Output/a.html") == "old a")
        #expect(memory.string(at: "site/Output/keep.txt") == "mine")
        #expect(memory.string(at: "site/.cache/output-manifest.txt") == "a.html\nb/index.html\n")
        #expect(memory.string(at: "site/.cache/output-journal.txt") == nil)
    }

    @Test("a build interrupted while moving files into place is completed by the next one")
    func interruptedCommit() throws {
        let memory = MemoryFileSystem(files: ["site/Output/old.html": "old", "site/Output/keep.txt": "mine", "site/Output/a.html": "old a"])
        try memory.writeFile("site/.cache/output-manifest.txt", string: "old.html\na.html\n")
        let faulty = FaultyFileSystem(wrapping: memory, failAfterMoves: 2)
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: faulty)
        for name in ["a", "b", "c", "d", "e"] { try writer.write("\(name).html", string: "new \(name)") }
        #expect(throws: Diagnostic.self) { try writer.commit() }
        // Killed half way: some files are new, the rest still staged.
        #expect(memory.string(at: "site/Output/a.html") == "new a")
        #expect(memory.string(at: "site/Output/e.html") == nil)
        // Numbered in the order written, and listed in that order.
        #expect(memory.string(at: "site/.Output.staging/0/4") == "new e")
        #expect(memory.string(at: "site/.cache/output-journal.txt") == "~a.html\n~b.html\n~c.html\n~d.html\n~e.html\n")

        _ = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: memory)
        for name in ["a", "b", "c", "d", "e"] { #expect(memory.string(at: "site/Output/\(name).html") == "new \(name)") }
        #expect(memory.string(at: "site/Output/old.html") == nil)
        #expect(memory.string(at: "site/Output/keep.txt") == "mine")
        #expect(memory.string(at: "site/.cache/output-journal.txt") == nil)
        #expect(memory.string(at: "site/.cache/output-manifest.txt") == "a.html\nb.html\nc.html\nd.html\ne.html\n")
    }

    @Test("clean removes what the build did not write, even files it never wrote")
    func clean() throws {
        let memory = MemoryFileSystem(files: ["site/Output/keep.txt": "mine", "site/Output/stray/page.html": "stray"])
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: memory)
        try writer.write("index.html", string: "home")
        try writer.commit(clean: true)
        #expect(memory.allPaths.filter { $0.hasPrefix("site/Output/") } == ["site/Output/index.html"])
    }

    @Test("an abandoned build leaves the output as it was")
    func abandon() throws {
        let disk = MemoryFileSystem(files: ["site/Output/index.html": "previous"])
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: disk)
        try writer.write("index.html", string: "half-built")
        writer.abandon()
        #expect(disk.allPaths == ["site/Output/index.html"])
        #expect(disk.string(at: "site/Output/index.html") == "previous")
    }

    @Test("paths that leave the output folder, and two writes to one file, are refused")
    func refusals() throws {
        let writer = try OutputWriter(outputDirectory: "Output", cacheDirectory: ".cache", fileSystem: MemoryFileSystem())
        for path in ["../escape.html", "/etc/passwd", "a/../../b", "a\\b", ""] {
            #expect(throws: Diagnostic.self) { try writer.write(path, string: "x") }
        }
        try writer.write("same.html", string: "1")
        #expect(throws: Diagnostic.self) { try writer.write("same.html", string: "2") }
    }

    @Test("XML text drops characters XML cannot carry")
    func xmlEscaping() {
        #expect(XMLText.escape("a\u{1}b\u{0}c <&> \"'") == "abc &lt;&amp;&gt; &quot;&apos;")
    }
}

/// A file system that fails after a number of moves, as a build killed mid-commit would.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    let base: MemoryFileSystem
    private var movesLeft: Int

    init(wrapping base: MemoryFileSystem, failAfterMoves: Int) {
        self.base = base
        self.movesLeft = failAfterMoves
    }

    struct Interrupted: Error {}

    func moveItem(from source: String, to destination: String) throws {
        guard movesLeft > 0 else { throw Interrupted() }
        movesLeft -= 1
        try base.moveItem(from: source, to: destination)
    }

    func readFile(_ path: String) throws -> Data { try base.readFile(path) }
    func exclusiveLock(_ path: String, waiting: () -> Void) -> (any FileLock)? { base.exclusiveLock(path, waiting: waiting) }
    func writeFile(_ path: String, contents: Data) throws { try base.writeFile(path, contents: contents) }
    func listFiles(under directory: String) throws -> [String] { try base.listFiles(under: directory) }
    func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    func modificationDate(_ path: String) -> Date? { base.modificationDate(path) }
    func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
    func createDirectory(_ path: String) throws { try base.createDirectory(path) }
    func removeItem(_ path: String) throws { try base.removeItem(path) }
    func removeDirectoryIfEmpty(_ path: String) -> Bool { base.removeDirectoryIfEmpty(path) }
}

@Suite("Site checker")
struct SiteCheckerTests {
    @Test("broken links, missing anchors and unreadable feeds are reported with file and line")
    func problems() throws {
        let disk = MemoryFileSystem(files: [
            "out/index.html": "<html><body>\n<a href=\"/tags/\">tags</a>\n<a href=\"/missing/\">gone</a>\n<a href=\"tags/#top\">top</a>\n<a href=\"/tags/#nowhere\">x</a>\n<img src=\"/logo.png\">\n<a href=\"https://elsewhere.example/\">out</a> <a href=\"#self\">me</a><p id=\"self\"></p>\n<script>var a = \"<a href='/fake/'>\";</script></body></html>",
            "out/tags/index.html": "<h1 id=\"top\">Tags</h1><a href=\"../index.html\">home</a><a href=\"../../escape.html\">up</a>",
            "out/logo.png": "png",
            "out/index.xml": "<rss><channel></rss>",
            "out/feed.json": "{\"version\": 1}",
        ])
        let summary = try SiteChecker(directory: "out", fileSystem: disk).check()
        #expect(summary.pages == 2)
        #expect(summary.feeds == 2)
        let found = summary.problems.map { "\($0.file ?? ""):\($0.line.map(String.init) ?? "-") \($0.message)" }.sorted()
        #expect(found.filter { !$0.hasPrefix("out/index.xml") } == [
            "out/index.html:3 broken link: `/missing/`",
            "out/index.html:5 no element with id `nowhere`: `/tags/#nowhere`",
            "out/tags/index.html:1 broken link: `../../escape.html`",
        ])
        #expect(found.contains { $0.hasPrefix("out/index.xml:1 not well-formed XML") }, "\(found)")
    }

    @Test("a site under a sub-path checks its root-relative links against that path")
    func basePath() throws {
        let disk = MemoryFileSystem(files: ["out/index.html": "<a href=\"/news/a/\">a</a><a href=\"/b/\">b</a>", "out/a/index.html": "a"])
        let summary = try SiteChecker(directory: "out", basePath: "/news/", fileSystem: disk).check()
        #expect(summary.problems.map(\.message) == ["points outside the site's base path: `/b/`"])
    }
}
