import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Showing an edit to an article by rendering the pages that show it")
struct ArticleEditRebuildTests {
    func makeSite(withTextArticle: Bool = false) throws -> FixtureSite {
        var files = FixtureSite.japanArticles(25)
        files["site.yml"] = "title: Fixture Times\nbase_url: https://news.example.org/\n"
        let site = try FixtureSite(files: files)
        if withTextArticle {
            try site.copyFromRepository("Content/seed/000_630e8bf078d2bd28.txt", to: "Content/seed/000_630e8bf078d2bd28.txt")
        }
        return site
    }

    /// A builder as the preview server has it, once its first build is done.
    func builtForPreview(_ site: FixtureSite) throws -> SiteBuilder<LocalFileSystem> {
        let builder = previewBuilder(site)
        _ = try builder.build()
        return builder
    }

    /// Writes `text` to a content file and asks for a quick rebuild of it, as the watcher would.
    func edit(_ file: String, to text: String, in site: FixtureSite, with builder: SiteBuilder<LocalFileSystem>) throws -> BuildReport? {
        try site.write(file, text)
        return try builder.rebuildArticles(of: [joinPath(site.path, file)])
    }

    /// A builder as the preview server makes one: readings and a session kept between builds.
    func previewBuilder(_ site: FixtureSite) -> SiteBuilder<LocalFileSystem> {
        SiteBuilder(options: BuildOptions(siteDirectory: site.path), mode: .preview(PreviewMemory()), fileSystem: LocalFileSystem())
    }

    @Test("a new paragraph renders only its article's page, and the site is what a full build writes")
    func bodyEdit() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = previewBuilder(site)
        let full = try builder.build()
        for (file, paragraph) in [("Content/trade/day-7.md", "Shipping costs fell too."), ("Content/trade/day-7.md", "And rose again."),
                                  ("Content/trade/day-20.md", "Ports were busy.")] {
            try site.write(file, (site.read(file) ?? "") + "\n\n\(paragraph)\n")
            let quick = try #require(try builder.rebuildArticles(of: [joinPath(site.path, file)]))
            #expect(quick.filesRead == 1)
            #expect(quick.pages == full.pages && quick.pagesReused == full.pages - 1)
            #expect(site.snapshot("Output").values.contains { String(decoding: $0, as: UTF8.self).contains(paragraph) })
        }
        // A word for another: the article's fields and word count are as they were.
        try site.edit("Content/trade/day-20.md") { $0.replacingOccurrences(of: "Ports were busy.", with: "Ports were quiet.") }
        let quick = try #require(try builder.rebuildArticles(of: [joinPath(site.path, "Content/trade/day-20.md")]))
        #expect(quick.pagesReused == full.pages - 1)
        #expect(site.read("Output/articles/2024/03/trade-report-20/index.html")?.contains("Ports were quiet.") == true)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("the words of an article in the word sample choose automatic tags: an edit to it needs a full build")
    func sampledArticle() throws {
        // With text articles in the archive, below 2,000 files every article is in the sample.
        let site = try makeSite(withTextArticle: true)
        defer { site.remove() }
        let builder = try builtForPreview(site)
        let paragraph = "\n\nA new paragraph about tariffs.\n"
        let text = "Content/seed/000_630e8bf078d2bd28.txt"
        // Before the comment boilerplate, which the loader leaves out.
        try site.write(text, try #require(site.read(text)).replacingOccurrences(of: "\n\nCOMMENTS", with: paragraph + "\nCOMMENTS"))
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, text)]) == nil)
        try site.write("Content/trade/day-7.md", (site.read("Content/trade/day-7.md") ?? "") + paragraph)
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, "Content/trade/day-7.md")]) == nil)
    }

    @Test("a new headline moves the article's page and shows on every page that lists it, as a full build writes them")
    func headlineEdit() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = previewBuilder(site)
        let full = try builder.build()
        let article = "Content/trade/day-7.md"
        let original = try #require(site.read(article))
        let quick = try #require(try edit(article, to: original.replacingOccurrences(of: "Trade report 7", with: "Harbour strike ends"), in: site, with: builder))
        #expect(quick.filesRead == 1)
        // Its page, its two neighbours', those it is related to, and a few lists: not the site.
        let rendered = quick.pages - quick.pagesReused
        #expect(rendered > 3 && rendered < full.pages / 2)
        #expect(!site.exists("Output/articles/2024/03/trade-report-7/index.html"))
        #expect(!site.folders("Output").contains("articles/2024/03/trade-report-7"))
        #expect(site.read("Output/articles/2024/03/harbour-strike-ends/index.html")?.contains("Harbour strike ends") == true)
        #expect(site.read("Output/index.html")?.contains("Harbour strike ends") == true)
        #expect(site.read("Output/sitemap.xml")?.contains("harbour-strike-ends") == true)
        #expect(try site.differencesFromFreshBuild() == [])

        // Back as it was, then a dek: each shown as a full build writes it.
        #expect(try edit(article, to: original, in: site, with: builder) != nil)
        #expect(try site.differencesFromFreshBuild() == [])
        #expect(try edit(article, to: original.replacingOccurrences(of: "Exports on day 7.", with: "Exports fell on day 7."), in: site, with: builder) != nil)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("a page a quick rebuild wrote is not kept by a full build that finds the data of the build before it")
    func fullBuildAfterQuickRebuild() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = try builtForPreview(site)
        let article = "Content/trade/day-9.md"
        let original = try #require(site.read(article))
        #expect(try edit(article, to: original.replacingOccurrences(of: "Trade report 9", with: "Port reopens"), in: site, with: builder) != nil)
        // The headline back as it was, with a new article: a full build, whose neighbours of
        // the article have the fingerprints of the first build, but not its files.
        try site.write(article, original)
        try site.write("Content/trade/new.md", "---\ntitle: New\ndate: 2024-03-30\n---\nNew.\n")
        #expect(try builder.rebuildArticles(of: ["Content/trade/new.md", article].map { joinPath(site.path, $0) }) == nil)
        _ = try builder.build()
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("after quick rebuilds, the next build knows its own files: a moved page's old file does not stay behind")
    func buildAfterQuickRebuilds() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = try builtForPreview(site)
        let article = "Content/trade/day-12.md"
        let original = try #require(site.read(article))
        #expect(try edit(article, to: original.replacingOccurrences(of: "Trade report 12", with: "Rice prices climb"), in: site, with: builder) != nil)
        // The edit undone while nothing watched: a plain build must remove the page the quick rebuild wrote.
        try site.write(article, original.replacingOccurrences(of: "Trade report 12", with: "Rice prices fall"))
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        #expect(!site.exists("Output/articles/2024/03/rice-prices-climb/index.html"))
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("a headline whose URL another article has, a new file, a template or the settings need a full build")
    func otherEdits() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = try builtForPreview(site)
        let article = "Content/trade/day-3.md"
        let original = try #require(site.read(article))
        #expect(try edit(article, to: original.replacingOccurrences(of: "Trade report 3\"", with: "Trade report 4\""), in: site, with: builder) == nil)
        _ = try builder.build()
        try site.write("Content/trade/new.md", "---\ntitle: New\ndate: 2024-03-30\n---\nNew.\n")
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, "Content/trade/new.md")]) == nil)
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, "site.yml")]) == nil)
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, "Templates/article.mustache")]) == nil)
        // Without a session (as `broadsheet build` runs) there is nothing to go on.
        let plain = SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem())
        #expect(try plain.rebuildArticles(of: [joinPath(site.path, article)]) == nil)
    }
}
