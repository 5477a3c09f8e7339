import Core
import Foundation
import Output
import Synchronization
import Testing
@testable import BroadsheetKit

@Suite("Rebuilding after edits to an article's tags, countries and date")
struct StructuralEditTests {
    /// Sixty articles over three months, three tags and four countries (China borders
    /// Afghanistan and North Korea), five to a page: term pages with pages, related terms and
    /// neighbours, archive months, indexes.
    func makeSite(itemsPerPage: Int = 5, monthPageSize: Int? = nil, tagMinimum: Int? = nil) throws -> FixtureSite {
        var settings = "title: Fixture Times\nbase_url: https://news.example.org/\nitems_per_page: \(itemsPerPage)\n"
        if let monthPageSize { settings += "archives:\n  page_size: \(monthPageSize)\n" }
        if let tagMinimum { settings += "tags:\n  min_articles: \(tagMinimum)\n" }
        var files = ["site.yml": settings]
        let tags = ["Trade", "Energy", "Health"], countries = ["JP", "CN", "AF", "KP"]
        for number in 1...60 {
            let month = 1 + number % 3, day = 1 + number % 28
            files["Content/\(number).md"] = """
            ---
            title: "Report \(number)"
            date: 2024-\(String(format: "%02d", month))-\(String(format: "%02d", day))T08:00:00Z
            description: "Dek \(number)."
            tags: [\(tags[number % 3]), \(tags[(number / 3) % 3])]
            countries: [\(countries[number % 4])]
            ---
            Text of report \(number).
            """
        }
        return try FixtureSite(files: files)
    }

    /// A builder as the preview server keeps one (a load cache and a session), after its first build.
    static func preview(_ site: FixtureSite) throws -> SiteBuilder<LocalFileSystem> {
        let builder = SiteBuilder(options: BuildOptions(siteDirectory: site.path), mode: .preview(PreviewMemory()), fileSystem: LocalFileSystem())
        _ = try builder.build()
        return builder
    }

    func build(_ site: FixtureSite) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
    }

    @Test("each edit renders the pages that show what changed, and the site is what a fresh build writes")
    func structuralEdits() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        let listPages = first.pages - 60
        let edits: [(String, () throws -> Void)] = [
            ("a tag added", { try site.edit("Content/7.md") { $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ") } }),
            ("a new tag", { try site.edit("Content/8.md") { $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ") } }),
            ("a tag removed", { try site.edit("Content/8.md") { $0.replacingOccurrences(of: "tags: [Harbours, ", with: "tags: [") } }),
            ("another country", { try site.edit("Content/9.md") { $0.replacingOccurrences(of: "countries: [CN]", with: "countries: [KP]") } }),
            ("a second country", { try site.edit("Content/10.md") { $0.replacingOccurrences(of: "countries: [AF]", with: "countries: [AF, CN]") } }),
            // China's neighbours change order, though no article of China's changed.
            ("neighbours' counts", {
                for file in ["Content/3.md", "Content/15.md", "Content/19.md"] {
                    try site.edit(file) { $0.replacingOccurrences(of: "countries: [KP]", with: "countries: [AF]") }
                }
            }),
            ("another month", { try site.edit("Content/11.md") { $0.replacingOccurrences(of: "2024-03-", with: "2024-01-") } }),
            ("a new article", { try site.write("Content/61.md", "---\ntitle: \"Report 61\"\ndate: 2024-02-20T08:00:00Z\ntags: [Energy]\ncountries: [JP]\n---\nNew.\n") }),
            ("an article removed", { try FileManager.default.removeItem(atPath: joinPath(site.path, "Content/12.md")) }),
        ]
        for (name, change) in edits {
            try change()
            let report = try build(site)
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            if name == "a tag added" {
                // The article's page, its tags' pages and those their relations reach, the
                // indexes and the front page: not every list.
                let rendered = report.pages - report.pagesReused
                #expect(rendered > 2 && rendered < listPages / 2, "\(rendered) pages of \(report.pages) (\(listPages) lists)")
            }
        }
    }

    @Test("a neighbour's new count keeps a country's pages while the neighbours keep their order, and renders them when it changes")
    func neighbourCounts() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        // China's neighbours, most covered first: Afghanistan and North Korea, 15 articles each.
        let china = joinPath(site.path, "Output/countries/china/index.html")
        let written = Date(timeIntervalSince1970: 1_000_000_000)
        func writtenAgain() throws -> Bool {
            try FileManager.default.attributesOfItem(atPath: china)[.modificationDate] as? Date != written
        }
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: china)
        // North Korea down to 14: still after Afghanistan.
        try site.edit("Content/3.md") { $0.replacingOccurrences(of: "countries: [KP]", with: "countries: [JP]") }
        _ = try build(site)
        #expect(try writtenAgain() == false, "China's page rendered again for a count it does not show")
        #expect(try site.differencesFromFreshBuild() == [])
        // Afghanistan down to 13: now after North Korea.
        for file in ["Content/2.md", "Content/6.md"] {
            try site.edit(file) { $0.replacingOccurrences(of: "countries: [AF]", with: "countries: [JP]") }
        }
        _ = try build(site)
        #expect(try writtenAgain(), "China's page kept with its neighbours in their old order")
        #expect(try site.differencesFromFreshBuild() == [])
    }

    /// Edits to tags, countries and a time that leave every term with its pages and every
    /// article in its place: each a change to a different article, the last a headline with them.
    func termEdits(_ site: FixtureSite) -> [(name: String, file: String, change: (String) -> String)] {
        [
            ("a tag added", "Content/7.md", { $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ") }),
            ("a tag removed", "Content/14.md", { $0.replacingOccurrences(of: "tags: [Health, Energy]", with: "tags: [Health]") }),
            ("another country", "Content/9.md", { $0.replacingOccurrences(of: "countries: [CN]", with: "countries: [KP]") }),
            ("a second country", "Content/10.md", { $0.replacingOccurrences(of: "countries: [AF]", with: "countries: [AF, CN]") }),
            // No other article is dated 2024-02-02: the article keeps its place.
            ("a new time", "Content/1.md", { $0.replacingOccurrences(of: "2024-02-02T08:00:00Z", with: "2024-02-02T09:30:00Z") }),
            // Past the articles of 2024-03-23 and 2024-03-24: they and it change places.
            ("a date past two others", "Content/20.md", { $0.replacingOccurrences(of: "2024-03-21", with: "2024-03-25") }),
            ("into another month", "Content/26.md", { $0.replacingOccurrences(of: "2024-03-27", with: "2024-02-10") }),
            // A tag and a date together: the terms at the old date, then the move.
            ("a tag and a date past others", "Content/17.md", {
                $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ").replacingOccurrences(of: "2024-03-18", with: "2024-03-25")
            }),
            ("a tag and a headline", "Content/13.md", {
                $0.replacingOccurrences(of: "tags: [", with: "tags: [Health, ").replacingOccurrences(of: "Report 13", with: "Harbour report")
            }),
        ]
    }

    @Test("a tag or country other articles have, or a new date, is built from the saved model, as a fresh build writes the site")
    func termEditsFromSavedModel() throws {
        // One page per term: no edit adds or removes a term's page.
        let site = try makeSite(itemsPerPage: 100)
        defer { site.remove() }
        let first = try build(site)
        for (name, file, change) in termEdits(site) {
            try site.edit(file, change)
            let report = try build(site)
            #expect(report.restoredModel && report.filesRead == 1, "\(name)")
            #expect(report.pages == first.pages && report.tags == first.tags && report.countries == first.countries, "\(name)")
            let rendered = report.pages - report.pagesReused
            #expect(rendered > 1 && rendered < report.pages / 2, "\(name): \(rendered) of \(report.pages) pages")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
        }
    }

    /// Edits that bring or take away pages and feeds: terms no other article has, and with five
    /// articles to a page, terms and months with a page more or fewer; with the pages each adds.
    func pageSetEdits() -> [(name: String, file: String, pages: Int, change: (String) -> String)] {
        [
            ("a new tag", "Content/8.md", 1, { $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ") }),
            ("a new country", "Content/8.md", 1, { $0.replacingOccurrences(of: "countries: [JP]", with: "countries: [JP, FR]") }),
            ("a tag for another new one", "Content/8.md", 0, { $0.replacingOccurrences(of: "Harbours", with: "Ports") }),
            ("the new tag gone", "Content/8.md", -1, { $0.replacingOccurrences(of: "tags: [Ports, ", with: "tags: [") }),
            ("the new country gone", "Content/8.md", -1, { $0.replacingOccurrences(of: "countries: [JP, FR]", with: "countries: [JP]") }),
            // Trade has 34 articles on seven pages of five: 35 fill them, 36 need an eighth.
            ("a tag to 35 articles", "Content/7.md", 0, { $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ") }),
            ("a tag with a page more", "Content/4.md", 1, { $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ") }),
            ("and one fewer", "Content/4.md", -1, { $0.replacingOccurrences(of: "tags: [Trade, ", with: "tags: [") }),
            // Months of five articles to a page: March has 20 articles on four pages, February 20: 21 need a fifth.
            ("a month with a page more", "Content/26.md", 1, { $0.replacingOccurrences(of: "2024-03-27", with: "2024-02-10") }),
            // A new tag with a date into another month: a tag page more.
            ("a new tag and a date", "Content/5.md", 1, {
                $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ").replacingOccurrences(of: "2024-03-06", with: "2024-02-12")
            }),
            ("both undone", "Content/5.md", -1, {
                $0.replacingOccurrences(of: "tags: [Harbours, ", with: "tags: [").replacingOccurrences(of: "2024-02-12", with: "2024-03-06")
            }),
            ("and back", "Content/26.md", -1, { $0.replacingOccurrences(of: "2024-02-10", with: "2024-03-27") }),
        ]
    }

    /// Edits to several files saved before one build: each group is built together.
    func editGroups() -> [(name: String, edits: [(file: String, change: (String) -> String)])] {
        [
            // Aardvarks sorts before every tag: the others' positions move after the first edit's
            // (13.md comes first), and back when it goes.
            ("a tag other articles have and a new tag before it", [
                ("Content/13.md", { $0.replacingOccurrences(of: "tags: [", with: "tags: [Trade, ") }),
                ("Content/31.md", { $0.replacingOccurrences(of: "tags: [", with: "tags: [Aardvarks, ") }),
            ]),
            ("both undone", [
                ("Content/13.md", { $0.replacingOccurrences(of: "tags: [Trade, ", with: "tags: [") }),
                ("Content/31.md", { $0.replacingOccurrences(of: "tags: [Aardvarks, ", with: "tags: [") }),
            ]),
            // The move renumbers the articles it passes, the headline's among them.
            ("a headline and a date that moves another article past it", [
                ("Content/23.md", { $0.replacingOccurrences(of: "Report 23", with: "Harbour report") }),
                ("Content/20.md", { $0.replacingOccurrences(of: "2024-03-21", with: "2024-03-25") }),
            ]),
            ("a date into another month, a tag and a body", [
                ("Content/26.md", { $0.replacingOccurrences(of: "2024-03-27", with: "2024-02-10") }),
                ("Content/9.md", { $0.replacingOccurrences(of: "tags: [", with: "tags: [Health, ") }),
                ("Content/40.md", { $0 + "\n\nA paragraph more.\n" }),
            ]),
            // 11.md leaves March for January; then 29.md passes most of March, and 47.md goes
            // to February, past the first move's place.
            ("three dates that move their articles", [
                ("Content/11.md", { $0.replacingOccurrences(of: "2024-03-12", with: "2024-01-30") }),
                ("Content/29.md", { $0.replacingOccurrences(of: "2024-03-02", with: "2024-03-26") }),
                ("Content/47.md", { $0.replacingOccurrences(of: "2024-03-20", with: "2024-02-27") }),
            ]),
            ("and back, with a tag", [
                ("Content/11.md", { $0.replacingOccurrences(of: "2024-01-30", with: "2024-03-12") }),
                ("Content/29.md", { $0.replacingOccurrences(of: "2024-03-26", with: "2024-03-02") }),
                ("Content/47.md", {
                    $0.replacingOccurrences(of: "2024-02-27", with: "2024-03-20").replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ")
                }),
            ]),
            ("a new tag with the move, another tag before it", [
                ("Content/5.md", {
                    $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ").replacingOccurrences(of: "2024-03-06", with: "2024-02-12")
                }),
                ("Content/31.md", { $0.replacingOccurrences(of: "tags: [", with: "tags: [Aardvarks, ") }),
            ]),
        ]
    }

    @Test("edits to several articles in one build, a move among them, are built from the saved model as a fresh build writes the site")
    func editGroupsFromSavedModel() throws {
        let site = try makeSite(monthPageSize: 5)
        defer { site.remove() }
        _ = try build(site)
        for (name, edits) in editGroups() {
            for (file, change) in edits { try site.edit(file, change) }
            let report = try build(site)
            #expect(report.restoredModel && report.filesRead == edits.count, "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            try expectFreshCounts(report, site, name)
        }
    }

    @Test("with the sitemap in several files, an edited article's new URL is in its file after a build with a move elsewhere")
    func sitemapFilesAfterMoveAndHeadline() throws {
        let site = try makeSite()
        defer { site.remove() }
        // Ten entries to a file: article 36 (31.md) is in the fourth, the move (IDs 2 to 4) in the first.
        var options = BuildOptions(siteDirectory: site.path)
        options.sitemapURLsPerFile = 10
        let builder = SiteBuilder(options: options, fileSystem: LocalFileSystem())
        _ = try builder.build()
        #expect(site.read("Output/sitemap-4.xml")?.contains("/report-31/") == true)
        try site.edit("Content/31.md") { $0.replacingOccurrences(of: "Report 31", with: "Harbour report") }
        try site.edit("Content/20.md") { $0.replacingOccurrences(of: "2024-03-21", with: "2024-03-25") }
        let report = try builder.build()
        #expect(report.restoredModel && report.filesRead == 2)
        #expect(try site.differencesFromFreshBuild(sitemapURLsPerFile: 10) == [])
        #expect(site.read("Output/sitemap-4.xml")?.contains("/harbour-report/") == true)
    }

    @Test("the preview takes edits to several articles at once, a move among them, as a fresh build writes the site")
    func editGroupsInPreview() throws {
        let site = try makeSite(monthPageSize: 5)
        defer { site.remove() }
        let builder = try Self.preview(site)
        for (name, edits) in editGroups() {
            for (file, change) in edits { try site.edit(file, change) }
            _ = try #require(try builder.rebuildArticles(of: edits.map { joinPath(site.path, $0.file) }), "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
        }
    }

    /// Whether a report and the site's list of its own files are a fresh build's.
    func expectFreshCounts(_ report: BuildReport, _ site: FixtureSite, _ name: String) throws {
        let fresh = try site.freshBuild().report
        #expect(report.pages == fresh.pages && report.files == fresh.files && report.feeds == fresh.feeds, "\(name)")
        #expect(report.tags == fresh.tags && report.countries == fresh.countries, "\(name)")
        let manifest = site.read(".broadsheet-cache/" + (OutputWriter.manifestPath(cacheDirectory: "") as NSString).lastPathComponent)
        let freshManifest = site.read("fresh-cache/" + (OutputWriter.manifestPath(cacheDirectory: "") as NSString).lastPathComponent)
        #expect(manifest != nil && manifest == freshManifest, "\(name)")
    }

    @Test("a term that comes or goes, or a page more or fewer, is built from the saved model: the site, its file list and counts are a fresh build's")
    func pageSetEditsFromSavedModel() throws {
        let site = try makeSite(monthPageSize: 5)
        defer { site.remove() }
        let first = try build(site)
        var pagesBefore = first.pages
        for (name, file, pages, change) in pageSetEdits() {
            try site.edit(file, change)
            let report = try build(site)
            #expect(report.restoredModel && report.filesRead == 1, "\(name)")
            #expect(report.pages - report.pagesReused < report.pages / 2, "\(name): \(report.pages - report.pagesReused) of \(report.pages) pages")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            try expectFreshCounts(report, site, name)
            #expect(report.pages == pagesBefore + pages, "\(name)")
            pagesBefore = report.pages
        }
        // Every edit undone but Trade on `7.md`: the pages the site started with.
        #expect(pagesBefore == first.pages)
    }

    @Test("the preview shows a tag, country or time edit by rendering the pages that change, as a fresh build writes the site")
    func termEditsInPreview() throws {
        let site = try makeSite(itemsPerPage: 100)
        defer { site.remove() }
        // What was on disk when the edited article's page was said to be written.
        let writtenFirst = Mutex<[(paths: [String], differences: [String])]>([])
        let memory = PreviewMemory { paths in
            let differences = (try? site.differencesFromFreshBuild(expected: true)) ?? ["(no fresh build)"]
            writtenFirst.withLock { $0.append((paths, differences)) }
        }
        let builder = SiteBuilder(options: BuildOptions(siteDirectory: site.path), mode: .preview(memory), fileSystem: LocalFileSystem())
        _ = try builder.build()
        for (name, file, change) in termEdits(site) {
            try site.edit(file, change)
            writtenFirst.withLock { $0 = [] }
            let report = try #require(try builder.rebuildArticles(of: [joinPath(site.path, file)]), "\(name)")
            #expect(report.pagesReused > report.pages / 2, "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            // The article's own page came first, as the fresh build has it, while pages that
            // show the article were still to be written.
            let first = try #require(writtenFirst.withLock { $0 }.first, "\(name)")
            let page = try #require(first.paths.first, "\(name)")
            #expect(first.paths == report.pagesWrittenFirst && first.paths.count == 1, "\(name)")
            #expect(page.hasPrefix("articles/") && !first.differences.contains("Output/" + page) && !first.differences.contains(page), "\(name)")
            #expect(!first.differences.isEmpty, "\(name)")
        }
    }

    @Test("where a tag's page needs 34 articles, one that leaves it takes the page and every link to it away, from the saved model")
    func tagBelowMinimumFromSavedModel() throws {
        // Trade and Energy have 34 articles each, Health 33 and no page.
        let site = try makeSite(tagMinimum: 34)
        defer { site.remove() }
        let first = try build(site)
        #expect(first.tags == 2)
        // `3.md` has Trade and Energy: it keeps Energy, and Trade is left with 33.
        try site.edit("Content/3.md") { $0.replacingOccurrences(of: "tags: [Trade, Energy]", with: "tags: [Energy]") }
        let left = try build(site)
        #expect(left.restoredModel && left.tags == 1 && left.pages == first.pages - 7)
        #expect(try site.differencesFromFreshBuild() == [])
        // Back to 34: a term that comes where its page needs more than one article takes the full build.
        try site.edit("Content/3.md") { $0.replacingOccurrences(of: "tags: [Energy]", with: "tags: [Trade, Energy]") }
        let back = try build(site)
        #expect(!back.restoredModel && back.tags == 2)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("in the preview, a tag that falls below the articles its page needs leaves every page that linked it, as a fresh build writes the site")
    func tagBelowMinimumInPreview() throws {
        // Trade and Energy have 34 articles each, Health 33 and no page.
        let site = try makeSite(tagMinimum: 34)
        defer { site.remove() }
        let builder = try Self.preview(site)
        // An edit the preview takes first, so that the next one starts from what it kept.
        try site.edit("Content/5.md") { $0 + "\nOne more line.\n" }
        _ = try #require(try builder.rebuildArticles(of: [joinPath(site.path, "Content/5.md")]))
        // `3.md` keeps Energy; Trade is left with 33 and goes, from the other 33 articles' pages too.
        try site.edit("Content/3.md") { $0.replacingOccurrences(of: "tags: [Trade, Energy]", with: "tags: [Energy]") }
        let report = try #require(try builder.rebuildArticles(of: [joinPath(site.path, "Content/3.md")]))
        #expect(report.tags == 1)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("in the preview, a tag's newest article spelling it otherwise renames it on every page that shows it, as a fresh build writes the site")
    func respelledTagInPreview() throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = try Self.preview(site)
        // `20.md` (March 21) is Trade's newest article: the tag takes its spelling.
        try site.edit("Content/20.md") { $0.replacingOccurrences(of: "tags: [Health, Trade]", with: "tags: [Health, trade]") }
        _ = try #require(try builder.rebuildArticles(of: [joinPath(site.path, "Content/20.md")]))
        #expect(site.read("Output/tags/trade/index.html")?.contains("<h1>trade</h1>") == true)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("fingerprints the preview saves after a new headline and then a new tag describe the pages it wrote: the next build after undoing the headline writes what a fresh build does")
    func headlineThenTagInPreview() throws {
        let site = try makeSite()
        defer { site.remove() }
        let preview = try Self.preview(site)
        // `7.md` (February 8) has Energy and Health; `8.md` (March 9) has neither Energy nor Trade.
        try site.edit("Content/7.md") { $0.replacingOccurrences(of: "title: \"Report 7\"", with: "title: \"Report seven\"") }
        _ = try #require(try preview.rebuildArticles(of: [joinPath(site.path, "Content/7.md")]))
        // `8.md` joins Energy before `7.md`: Energy's pages from there on are written again, `7.md` on one of them.
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "tags: [Health, Health]", with: "tags: [Health, Energy]") }
        _ = try #require(try preview.rebuildArticles(of: [joinPath(site.path, "Content/8.md")]))
        #expect(try site.differencesFromFreshBuild() == [])
        // The headline as it was, built as `broadsheet build` does: a page whose saved
        // fingerprint had the old headline would be kept with the new one on it.
        try site.edit("Content/7.md") { $0.replacingOccurrences(of: "title: \"Report seven\"", with: "title: \"Report 7\"") }
        _ = try build(site)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("the preview shows a term that comes or goes, or a page more or fewer, without a full build, as a fresh build writes the site")
    func pageSetEditsInPreview() throws {
        let site = try makeSite(monthPageSize: 5)
        defer { site.remove() }
        // The edited article's page is written before the plan is made again, after a move too.
        let writtenFirst = Mutex<[String]>([])
        let memory = PreviewMemory { paths in writtenFirst.withLock { $0 += paths } }
        let builder = SiteBuilder(options: BuildOptions(siteDirectory: site.path), mode: .preview(memory), fileSystem: LocalFileSystem())
        _ = try builder.build()
        for (name, file, _, change) in pageSetEdits() {
            try site.edit(file, change)
            writtenFirst.withLock { $0 = [] }
            let report = try #require(try builder.rebuildArticles(of: [joinPath(site.path, file)]), "\(name)")
            #expect(report.pagesReused > report.pages / 2, "\(name)")
            #expect(writtenFirst.withLock { $0 } == report.pagesWrittenFirst && report.pagesWrittenFirst.count == 1, "\(name)")
            #expect(try site.differencesFromFreshBuild() == [], "\(name)")
            let fresh = try site.freshBuild().report
            #expect(report.pages == fresh.pages && report.tags == fresh.tags && report.countries == fresh.countries, "\(name)")
        }
    }
}
