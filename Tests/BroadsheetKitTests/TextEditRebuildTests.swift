import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Showing an edit to an article's text")
struct TextEditRebuildTests {
    func makeSite(withTextArticle: Bool = false) throws -> FixtureSite {
        var files = FixtureSite.japanArticles(25)
        files["site.yml"] = "title: Fixture Times\nbase_url: https://news.example.org/\n"
        let site = try FixtureSite(files: files)
        if withTextArticle {
            try site.copyFromRepository("Content/seed/000_630e8bf078d2bd28.txt", to: "Content/seed/000_630e8bf078d2bd28.txt")
        }
        return site
    }

    /// Options as the preview server sets them: a load cache and a session kept between builds.
    func previewOptions(_ site: FixtureSite) -> BuildOptions {
        var options = BuildOptions(siteDirectory: site.path)
        options.loadCache = LoadCache()
        options.session = BuildSession()
        return options
    }

    @Test("a new paragraph renders only its article's page, and the site is what a full build writes")
    func bodyEdit() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = SiteBuilder(options: previewOptions(site), fileSystem: LocalFileSystem())
        let full = try builder.build()
        for (file, paragraph) in [("Content/trade/day-7.md", "Shipping costs fell too."), ("Content/trade/day-7.md", "And rose again."),
                                  ("Content/trade/day-20.md", "Ports were busy.")] {
            try site.write(file, (site.read(file) ?? "") + "\n\n\(paragraph)\n")
            let quick = try #require(try builder.rebuildText(of: [joinPath(site.path, file)]))
            #expect(quick.filesRead == 1)
            #expect(quick.pages == full.pages && quick.pagesReused == full.pages - 1)
            #expect(site.snapshot("Output").values.contains { String(decoding: $0, as: UTF8.self).contains(paragraph) })
        }
        let shown = site.snapshot("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, outputDirectory: joinPath(site.path, "Fresh"),
                                                  cacheDirectory: joinPath(site.path, "fresh-cache")), fileSystem: LocalFileSystem()).build()
        let fresh = site.snapshot("Fresh")
        #expect(Set(shown.keys) == Set(fresh.keys))
        #expect(fresh.filter { shown[$0.key] != $0.value }.map(\.key).isEmpty)
    }

    @Test("the words of an article in the word sample choose automatic tags: an edit to it needs a full build")
    func sampledArticle() throws {
        // With text articles in the archive, below 2,000 files every article is in the sample.
        let site = try makeSite(withTextArticle: true)
        defer { site.remove() }
        let builder = SiteBuilder(options: previewOptions(site), fileSystem: LocalFileSystem())
        _ = try builder.build()
        let paragraph = "\n\nA new paragraph about tariffs.\n"
        let text = "Content/seed/000_630e8bf078d2bd28.txt"
        // Before the comment boilerplate, which the loader leaves out.
        try site.write(text, try #require(site.read(text)).replacingOccurrences(of: "\n\nCOMMENTS", with: paragraph + "\nCOMMENTS"))
        #expect(try builder.rebuildText(of: [joinPath(site.path, text)]) == nil)
        try site.write("Content/trade/day-7.md", (site.read("Content/trade/day-7.md") ?? "") + paragraph)
        #expect(try builder.rebuildText(of: [joinPath(site.path, "Content/trade/day-7.md")]) == nil)
    }

    @Test("a headline, a tag, a new file, a template or the settings need a full build")
    func otherEdits() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = SiteBuilder(options: previewOptions(site), fileSystem: LocalFileSystem())
        _ = try builder.build()
        let article = "Content/trade/day-3.md"
        let original = try #require(site.read(article))
        try site.write(article, original.replacingOccurrences(of: "Trade report 3", with: "Trade report three"))
        #expect(try builder.rebuildText(of: [joinPath(site.path, article)]) == nil)
        try site.write(article, original.replacingOccurrences(of: "tags: [Trade]", with: "tags: [Trade, Ports]"))
        #expect(try builder.rebuildText(of: [joinPath(site.path, article)]) == nil)
        try site.write("Content/trade/new.md", "---\ntitle: New\ndate: 2024-03-30\n---\nNew.\n")
        #expect(try builder.rebuildText(of: [joinPath(site.path, "Content/trade/new.md")]) == nil)
        #expect(try builder.rebuildText(of: [joinPath(site.path, "site.yml")]) == nil)
        #expect(try builder.rebuildText(of: [joinPath(site.path, "Templates/article.mustache")]) == nil)
        // Without a session (as `broadsheet build` runs) there is nothing to go on.
        let plain = SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem())
        #expect(try plain.rebuildText(of: [joinPath(site.path, article)]) == nil)
    }
}
