import BroadsheetKit
import Core
import Foundation
import Testing

@Suite("Building a fixture site", .serialized)
struct SiteBuilderTests {
    let seedPage = "Output/articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/index.html"

    func makeSite(baseURL: String = "https://news.example.org/") throws -> FixtureSite {
        var files = FixtureSite.japanArticles(25)
        files["site.yml"] = "title: Fixture Times\nbase_url: \(baseURL)\n"
        files["Content/notes/pakistan.md"] = """
        ---
        title: "Budget passed in Islamabad"
        date: 2025-01-10
        dek: "The assembly voted late."
        author: Desk
        photo: APP
        tags: [Budget, Taliban]
        countries: [Pakistan, AF]
        ---
        The **budget** passed.
        """
        files["Content/notes/no-dek.md"] = """
        ---
        title: "Kabul talks continue"
        date: 2025-02-16
        tags: [Taliban]
        countries: [AF, JP]
        ---
        Talks went on.
        """
        files["Content/notes/_index.md"] = "---\ntitle: Notes section\n---\n"
        files["Content/notes/draft.md"] = "---\ntitle: Not yet\ndate: 2025-01-01\ndraft: true\n---\nSecret.\n"
        files["Content/broken/empty.txt"] = "  \n\n"
        let site = try FixtureSite(files: files)
        try site.copyFromRepository("Content/seed/000_630e8bf078d2bd28.txt", to: "Content/seed/000_630e8bf078d2bd28.txt")
        try site.write("Content/broken/picture.txt", data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]))
        return site
    }

    func build(_ site: FixtureSite, baseURL: String? = nil) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(siteDirectory: site.path, baseURL: baseURL), fileSystem: LocalFileSystem()).build()
    }

    @Test("the article page carries every field and links to its tag and country pages")
    func articlePage() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try build(site)
        #expect(report.articles == 28)
        #expect(report.drafts == 1)
        let html = try #require(site.read(seedPage))
        #expect(html.contains("<h1 class=\"story-title\">Afghanistan’s Taliban govt makes first diplomatic trip to Japan</h1>"))
        #expect(html.contains("<p class=\"story-dek\">Latif Nazari, part of the Taliban delegation, highlights Afghanistan’s goal for global engagement.</p>"))
        #expect(html.contains("By News Desk"))
        #expect(html.contains("<time datetime=\"2025-02-17T00:00:00+00:00\">February 17, 2025</time>"))
        #expect(html.contains("Photo: AFP"))
        #expect(html.contains("<p>A Taliban delegation arrived in Japan on Sunday"))
        #expect(html.contains("works to rebuild Afghanistan.</p>"))
        #expect(!html.contains("Listen"))
        #expect(!html.contains("Comments are moderated"))
        #expect(html.contains("href=\"/countries/afghanistan/\""))
        #expect(html.contains("href=\"/countries/japan/\""))
        // Taliban is an automatic tag here: the seed names it often and the Pakistan note shares it.
        #expect(html.contains("href=\"/tags/taliban/\""))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://news.example.org/articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/\">"))
    }

    @Test("related articles and neighbours show their own fields, never the page's")
    func relatedArticles() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let html = try #require(site.read(seedPage))
        let related = try #require(html.components(separatedBy: "Related coverage").last)
        #expect(related.contains("Kabul talks continue"))
        #expect(!related.contains("Latif Nazari, part of the Taliban delegation"))
        #expect(html.contains("rel=\"next\" href=\"/articles/2025/02/kabul-talks-continue/\""))
        #expect(html.contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\""))
        #expect(site.read("Output/robots.txt")?.contains("Sitemap: https://news.example.org/sitemap.xml") == true)
        let about = try #require(site.read("Output/about/index.html"))
        #expect(about.contains("GeoNames"))
        #expect(about.contains("mledoze/countries"))
    }

    @Test("term pages list their articles and paginate past twenty")
    func termPages() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let japan = try #require(site.read("Output/countries/japan/index.html"))
        #expect(japan.contains("27 articles · page 1 of 2"))
        #expect(japan.contains("href=\"/articles/2024/03/trade-report-25/\""))
        #expect(japan.contains("href=\"/articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/\""))
        #expect(japan.contains("rel=\"next\" href=\"/countries/japan/page/2/\""))
        let page2 = try #require(site.read("Output/countries/japan/page/2/index.html"))
        #expect(page2.contains("href=\"/articles/2024/03/trade-report-1/\""))
        #expect(page2.contains("rel=\"prev\" href=\"/countries/japan/\""))
        #expect(!site.exists("Output/countries/japan/page/3/index.html"))
        let pakistan = try #require(site.read("Output/countries/pakistan/index.html"))
        #expect(pakistan.contains("Budget passed in Islamabad"))
        #expect(!pakistan.contains("Trade report"))
        let countries = try #require(site.read("Output/countries/index.html"))
        #expect(countries.contains("<span class=\"term-name\">Japan</span></a> <span class=\"term-count\">27</span>"))
        #expect(countries.contains("mledoze/countries"))
        let tags = try #require(site.read("Output/tags/index.html"))
        #expect(tags.contains("<span class=\"term-name\">Trade</span></a> <span class=\"term-count\">25</span>"))
        #expect(site.exists("Output/tags/trade/page/2/index.html"))
        #expect(site.exists("Output/page/2/index.html"))
        let month = try #require(site.read("Output/articles/2024/03/index.html"))
        #expect(month.contains("<h2 id=\"day-3\" class=\"section-title\">Sunday, March 3</h2>"))
        #expect(month.components(separatedBy: "class=\"archive-day\"").count - 1 == 25)
        #expect(site.exists("Output/404.html"))
        #expect(site.exists("Output/style.css"))
    }

    @Test("country and tag pages show coverage dates, related terms and neighbours; the index a map and regions")
    func termPageFeatures() throws {
        var files = FixtureSite.japanArticles(3)
        for index in 1...45 {
            files["Content/topics/t\(index).md"] = "---\ntitle: \"Topic \(index)\"\ndate: 2023-05-\(String(format: "%02d", index % 28 + 1))\ntags: [\"Zeta \(index)\", Trade]\ncountries: [\(index % 2 == 0 ? "China" : "Japan, South Korea")]\n---\nText.\n"
        }
        let site = try FixtureSite(files: files)
        defer { site.remove() }
        _ = try build(site)
        let japan = try #require(site.read("Output/countries/japan/index.html"))
        #expect(japan.contains("26 articles · page 1 of 2 · from May 2, 2023 to March 3, 2024"))
        #expect(japan.contains("<h2 id=\"related-terms-heading\" class=\"section-title\">Often together</h2>"))
        #expect(japan.contains("href=\"/countries/south-korea/\""))
        #expect(japan.contains("<h3>Neighbours</h3>") == false, "Japan has no land border")
        let china = try #require(site.read("Output/countries/china/index.html"))
        #expect(china.contains("<h3>Neighbours</h3>") == false, "no neighbour of China has a page")
        let korea = try #require(site.read("Output/countries/south-korea/index.html"))
        #expect(korea.contains("<h3>Tags</h3>") && korea.contains("href=\"/tags/trade/\""))
        let trade = try #require(site.read("Output/tags/trade/index.html"))
        #expect(trade.contains("<h3>Countries</h3>") && trade.contains("href=\"/countries/japan/\""))
        let tags = try #require(site.read("Output/tags/index.html"))
        #expect(tags.contains("<nav class=\"letter-nav\" aria-label=\"Tags by letter\">"))
        #expect(tags.contains("<li><a href=\"#letter-2\">Z</a></li>"))
        #expect(tags.components(separatedBy: "href=\"/tags/zeta-1/\"").count - 1 == 2, "in Most used and under Z")
        let countries = try #require(site.read("Output/countries/index.html"))
        #expect(countries.contains("<svg class=\"world-map\""))
        #expect(countries.contains("<a href=\"/countries/japan/\"><path class=\"m5\""))
        #expect(countries.contains("<h2 id=\"region-1\" class=\"section-title\">Asia <span class=\"term-count\">3 countries · 48 articles</span></h2>"))
    }

    @Test("feeds and the sitemap list the right URLs")
    func feedsAndSitemap() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let feed = try #require(site.read("Output/index.xml"))
        #expect(feed.components(separatedBy: "<item>").count - 1 == 20)
        #expect(feed.contains("<link>https://news.example.org/articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/</link>"))
        let pakistanFeed = try #require(site.read("Output/countries/pakistan/index.xml"))
        #expect(pakistanFeed.components(separatedBy: "<item>").count - 1 == 1)
        #expect(pakistanFeed.contains("<description>The assembly voted late.</description>"))
        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://news.example.org/countries/japan/</loc>"))
        #expect(sitemap.contains("<loc>https://news.example.org/articles/2024/03/trade-report-7/</loc>"))
        #expect(!sitemap.contains("page/2/"))
        #expect(!sitemap.contains("404"))
        #expect(!sitemap.contains("not-yet"))
    }

    @Test("links work under a sub-path given by --base-url")
    func subPath() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site, baseURL: "https://example.org/archive")
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("href=\"/archive/style.css\""))
        #expect(home.contains("href=\"/archive/countries/\""))
        #expect(home.contains("href=\"/archive/articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/\""))
        #expect(!home.contains("href=\"/countries/"))
        let feed = try #require(site.read("Output/index.xml"))
        #expect(feed.contains("<link>https://example.org/archive/articles/"))
    }

    @Test("bad files are reported with their path and skipped; the rest builds")
    func badInput() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try build(site)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2)
        #expect(errors.contains { $0.file?.hasSuffix("Content/broken/empty.txt") == true && $0.message.contains("no text") })
        #expect(errors.contains { $0.file?.hasSuffix("Content/broken/picture.txt") == true && $0.message.contains("binary") })
        #expect(site.exists(seedPage))
        // Hugo's section file is not an article.
        #expect(!(site.read("Output/index.xml") ?? "").contains("Notes section"))
    }

    @Test("a broken template fails the build and leaves the previous output untouched")
    func brokenTemplate() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let before = site.snapshot("Output")
        #expect(before.count > 50)
        try site.write("Templates/list.mustache", "{{<base}}{{$main}}{{#articles}}{{/main}}{{/base}}")
        do {
            _ = try build(site)
            Issue.record("the build succeeded with a broken template")
        } catch let error as Diagnostic {
            #expect(error.file?.hasSuffix("Templates/list.mustache") == true)
            #expect(error.line != nil)
        }
        #expect(site.snapshot("Output") == before)
    }

    @Test("an unknown template variable is a warning with file, line and column; --strict fails on it and keeps Output/")
    func unknownVariable() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let before = site.snapshot("Output")
        try site.write("Templates/list.mustache", "{{<base}}{{$main}}\n<h1>{{heading}}</h1>\n  <p>{{cuont_text}}</p>{{/main}}{{/base}}")
        let report = try build(site)
        let warning = try #require(report.diagnostics.first { $0.message.contains("cuont_text") })
        #expect(warning.file?.hasSuffix("Templates/list.mustache") == true)
        #expect(warning.line == 3)
        #expect(warning.column == 6)
        try site.write("Templates/list.mustache", "{{<base}}{{$main}}\n<h1>{{heading}}</h1>\n  <p>{{cuont_text}}</p>{{/main}}{{/base}}\n")
        _ = try build(site)
        let settled = site.snapshot("Output")
        do {
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, strict: true), fileSystem: LocalFileSystem()).build()
            Issue.record("--strict built a site whose template names an unknown variable")
        } catch {
            let problem: Diagnostic = error
            #expect(problem.file?.hasSuffix("Templates/list.mustache") == true)
            #expect(problem.line == 3)
            #expect(problem.column == 6)
            #expect(problem.message.contains("cuont_text"))
        }
        #expect(site.snapshot("Output") == settled)
        #expect(settled != before)
    }

    @Test("a rebuild renders only the pages an edit touches, and gives the bytes a full build gives")
    func incremental() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        #expect(first.pagesReused == 0)
        let again = try build(site)
        #expect(again.pagesReused == again.pages)
        #expect(again.filesRead == 0, "the cache folder's readings are reused")
        // A body edit touches only its own page.
        let note = "Content/notes/no-dek.md"
        try site.write(note, "---\ntitle: \"Kabul talks continue\"\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks went on, and on.\n")
        let bodyEdit = try build(site)
        #expect(bodyEdit.pages - bodyEdit.pagesReused == 1)
        #expect(bodyEdit.filesRead == 1)
        #expect(site.read("Output/articles/2025/02/kabul-talks-continue/index.html")?.contains("Talks went on, and on.") == true)
        // A title edit touches the pages that show the title: its own, neighbours, lists.
        try site.write(note, "---\ntitle: \"Kabul talks continue\"\nslug: kabul-talks-continue\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks went on, and on.\n")
        _ = try build(site)
        try site.write(note, "---\ntitle: \"Kabul talks resume\"\nslug: kabul-talks-continue\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks went on, and on.\n")
        let titleEdit = try build(site)
        let rendered = titleEdit.pages - titleEdit.pagesReused
        #expect(rendered > 3 && rendered < titleEdit.pages / 2, "\(rendered) of \(titleEdit.pages)")
        let incremental = site.snapshot("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, clean: true), fileSystem: LocalFileSystem()).build()
        let full = site.snapshot("Output")
        #expect(Set(incremental.keys) == Set(full.keys))
        #expect(full.filter { incremental[$0.key] != $0.value }.map(\.key).isEmpty)
        // Without the cache folder everything is read and rendered again, to the same bytes.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".broadsheet-cache"))
        let cold = try build(site)
        #expect(cold.pagesReused == 0 && cold.filesRead > 20)
        #expect(site.snapshot("Output") == full)
        // A template edit renders every page again.
        try site.write("Templates/partials/summary.mustache", (site.read("Templates/partials/summary.mustache") ?? "") + "\n")
        let templateEdit = try build(site)
        #expect(templateEdit.pagesReused < templateEdit.pages / 2)
    }

    @Test("a template edit renders every page again but rewrites only the files whose bytes changed")
    func templateEditKeepsUnchangedFiles() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let first = site.fileNumbers("Output")
        let articlePage = seedPage.dropFirst("Output/".count)
        // A comment changes the template, and so every page's fingerprint, but no page's bytes.
        try site.edit("Templates/article.mustache") { "{{! Why this layout: see the style guide. }}" + $0 }
        let commentEdit = try build(site)
        #expect(commentEdit.pagesReused == 0)
        #expect(commentEdit.pagesAsBefore == commentEdit.pages)
        let afterComment = site.fileNumbers("Output")
        let pages = first.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 40)
        #expect(pages.filter { afterComment[$0] != first[$0] }.isEmpty)
        // A visible change rewrites the article pages only; the lists keep their files.
        try site.edit("Templates/article.mustache") { $0.replacingOccurrences(of: "{{$main}}", with: "{{$main}}<p class=\"edition\">Late edition</p>") }
        let visibleEdit = try build(site)
        let afterVisible = site.fileNumbers("Output")
        let rewritten = Set(pages.filter { afterVisible[$0] != afterComment[$0] })
        #expect(rewritten.contains(String(articlePage)))
        #expect(rewritten.allSatisfy { site.read("Output/" + $0)?.contains("Late edition") == true })
        #expect(!rewritten.contains("index.html") && !rewritten.contains("tags/taliban/index.html"))
        #expect(visibleEdit.pagesAsBefore == visibleEdit.pages - rewritten.count)
        #expect(try site.differencesFromFreshBuild().isEmpty)
        // The records saved with the kept files serve the next build: nothing renders again.
        let again = try build(site)
        #expect(again.pagesReused == again.pages)
    }

    @Test("a headline edit that moves a page's URL leaves no empty folder where the page was, and keeps folders with other files")
    func movedPageFolder() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let note = "Content/notes/no-dek.md"
        let oldFolder = "Output/articles/2025/02/kabul-talks-continue"
        #expect(site.exists(oldFolder + "/index.html"))
        try site.write(note, "---\ntitle: \"Kabul talks resume\"\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks went on.\n")
        _ = try build(site)
        #expect(site.exists("Output/articles/2025/02/kabul-talks-resume/index.html"))
        #expect(!site.exists(oldFolder), "the moved page's folder is removed with its page")
        #expect(site.exists("Output/articles/2025/02"), "folders that still hold pages stay")
        let incremental = site.folders("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, clean: true), fileSystem: LocalFileSystem()).build()
        #expect(site.folders("Output") == incremental, "the same folders as a clean build")
        // A file of the site's owner in the folder of a page that moves keeps the folder.
        try site.write("Output/articles/2025/02/kabul-talks-resume/notes.txt", "mine")
        try site.write(note, "---\ntitle: \"Kabul talks end\"\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks went on.\n")
        _ = try build(site)
        #expect(!site.exists("Output/articles/2025/02/kabul-talks-resume/index.html"))
        #expect(site.read("Output/articles/2025/02/kabul-talks-resume/notes.txt") == "mine")
    }

    @Test("--stats shows each phase's time and the peak memory when it ended")
    func phaseStats() throws {
        let site = try makeSite()
        defer { site.remove() }
        let report = try build(site)
        #expect(report.phases.map(\.name) == ["config", "load", "index", "plan", "render", "write"])
        let peaks = report.phases.map(\.peakBytes)
        #expect(peaks.allSatisfy { $0 > 1_000_000 }, "\(peaks)")
        #expect(peaks == peaks.sorted(), "a peak so far never falls")
        #if os(Linux)
        #expect(report.phases.allSatisfy { ($0.residentBytes ?? 0) > 1_000_000 })
        #endif
        let table = report.phaseTable.split(separator: "\n")
        #expect(table.first { $0.hasPrefix("  render") }?.contains(" MB") == true)
    }

    @Test("lists, related boxes and the 404 page show summaries from the site's own summary partial")
    func summaryPartialOverride() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("Templates/partials/summary.mustache", "<li class=\"mine\"><a href=\"{{url}}\">{{title}}</a> ({{date}})</li>\n")
        _ = try build(site)
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("<li class=\"mine\"><a href=\"/articles/2025/01/budget-passed-in-islamabad/\">Budget passed in Islamabad</a>"))
        #expect(!home.contains("class=\"summary\""))
        #expect(site.read("Output/404.html")?.contains("<li class=\"mine\">") == true)
        #expect(site.read("Output/tags/budget/index.html")?.contains("<li class=\"mine\">") == true)
    }

    @Test("a term's related-terms box comes from the site's own partial, made from the term's fields, alike on all its pages")
    func relatedTermsPartialOverride() throws {
        var files = FixtureSite.japanArticles(25)
        files["site.yml"] = "title: Fixture Times\nbase_url: https://news.example.org/\n"
        let site = try FixtureSite(files: files)
        defer { site.remove() }
        // A page's own fields (its count, its articles) are not the box's: they render as nothing.
        try site.write("Templates/partials/related-terms.mustache",
                       "<aside class=\"mine\">{{kicker}} {{heading}}{{#flag}} {{.}}{{/flag}}: {{#related_countries}}{{name}};{{/related_countries}}"
                       + "{{#related_tags}}{{name}};{{/related_tags}} [{{count_text}}] {{site.title}}</aside>")
        _ = try build(site)
        for page in ["Output/tags/trade/index.html", "Output/tags/trade/page/2/index.html"] {
            #expect(site.read(page)?.contains("<aside class=\"mine\">Tag Trade: Japan; [] Fixture Times</aside>\n") == true, "\(page)")
        }
        for page in ["Output/countries/japan/index.html", "Output/countries/japan/page/2/index.html"] {
            #expect(site.read(page)?.contains("<aside class=\"mine\">Country Japan 🇯🇵: Trade; [] Fixture Times</aside>\n") == true, "\(page)")
        }
        #expect(site.read("Output/index.html")?.contains("class=\"mine\"") == false)
    }

    @Test("a theme's own tag and country chips show on every article page that carries the term")
    func chipPartialsOverride() throws {
        var files = FixtureSite.japanArticles(3)
        files["site.yml"] = "title: Fixture Times\nbase_url: https://news.example.org/\n"
        let site = try FixtureSite(files: files)
        defer { site.remove() }
        try site.write("Templates/partials/tag-chip.mustache", "<li class=\"mine\">#{{name}} {{url}}</li>")
        try site.write("Templates/partials/country-chip.mustache", "<li class=\"mine\">{{flag}} {{name}} {{url}} {{site.title}}{{count_text}}</li>")
        _ = try build(site)
        for day in 1...3 {
            let page = try #require(site.read("Output/articles/2024/03/trade-report-\(day)/index.html"))
            #expect(page.contains("<ul class=\"chips\"><li class=\"mine\">#Trade /tags/trade/</li></ul>"), "day \(day)")
            // A chip sees its term's fields and the site's, nothing of the page.
            #expect(page.contains("<ul class=\"chips\"><li class=\"mine\">🇯🇵 Japan /countries/japan/ Fixture Times</li></ul>"), "day \(day)")
        }
    }

    @Test("a rebuild after a settings or dek edit gives the bytes a full build gives")
    func incrementalSettingsAndDek() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        // The dek shows on the article, its neighbours' pages and the lists, not on every page.
        let note = "Content/notes/pakistan.md"
        let original = try #require(site.read(note))
        try site.write(note, original.replacingOccurrences(of: "dek: \"The assembly voted late.\"", with: "dek: \"A late-night vote.\""))
        let dekEdit = try build(site)
        #expect(dekEdit.pagesReused > 0 && dekEdit.pagesReused < dekEdit.pages)
        #expect(site.read("Output/articles/2025/01/budget-passed-in-islamabad/index.html")?.contains("A late-night vote") == true)
        // New tags change which articles are related, term pages and counts.
        try site.write(note, (site.read(note) ?? "").replacingOccurrences(of: "tags: [Budget, Taliban]", with: "tags: [Budget, Trade, Exports]"))
        _ = try build(site)
        let retagged = site.snapshot("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, clean: true), fileSystem: LocalFileSystem()).build()
        #expect(site.snapshot("Output") == retagged)
        // A site setting shows on every page.
        try site.write("site.yml", "title: Fixture Gazette\nbase_url: https://news.example.org/\n")
        let settingsEdit = try build(site)
        #expect(settingsEdit.pagesReused == 0)
        let incremental = site.snapshot("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, clean: true), fileSystem: LocalFileSystem()).build()
        #expect(site.snapshot("Output") == incremental)
    }

    @Test("the readings a first build writes to the cache folder are read back whole when the saved model cannot serve")
    func loadCacheFileAfterFirstBuild() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = try build(site)
        #expect(first.filesRead > 20 && !first.restoredModel)
        let built = site.snapshot("Output")
        try FileManager.default.removeItem(atPath: site.path + "/.broadsheet-cache/site-model.bin")
        let second = try build(site)
        #expect(!second.restoredModel)
        #expect(second.filesRead == 0, "every article's reading came from the cache file")
        #expect(second.articles == first.articles && second.drafts == first.drafts)
        #expect(second.diagnostics.map(\.description) == first.diagnostics.map(\.description), "the warnings the readings carry too")
        #expect(site.snapshot("Output") == built)
    }

    @Test("with a load cache, a rebuild reads only the files that changed, and builds what a fresh build does")
    func loadCache() throws {
        let site = try makeSite()
        defer { site.remove() }
        let options = BuildOptions(siteDirectory: site.path), mode = BuildMode.preview(PreviewMemory())
        let first = try SiteBuilder(options: options, mode: mode, fileSystem: LocalFileSystem()).build()
        #expect(first.filesRead == first.articles + first.drafts + first.diagnostics.filter { $0.severity == .error }.count)
        let second = try SiteBuilder(options: options, mode: mode, fileSystem: LocalFileSystem()).build()
        #expect(second.filesRead == 0)
        // A new modification time and size: that one file is read again.
        try site.write("Content/notes/no-dek.md", "---\ntitle: \"Kabul talks resume\"\ndate: 2025-02-16\ntags: [Taliban]\ncountries: [AF, JP]\n---\nTalks resumed.\n")
        let third = try SiteBuilder(options: options, mode: mode, fileSystem: LocalFileSystem()).build()
        #expect(third.filesRead == 1)
        let cached = site.snapshot("Output")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, clean: true), fileSystem: LocalFileSystem()).build()
        let fresh = site.snapshot("Output")
        #expect(Set(cached.keys) == Set(fresh.keys))
        #expect(fresh.filter { cached[$0.key] != $0.value }.map(\.key).isEmpty)
        // Settings that change how files read make every file read again.
        try site.write("site.yml", "title: Fixture Times\nbase_url: https://news.example.org/\ntime_zone: Asia/Karachi\n")
        let fourth = try SiteBuilder(options: options, mode: mode, fileSystem: LocalFileSystem()).build()
        #expect(fourth.filesRead == first.filesRead)
    }

    @Test("building twice gives the same bytes, and files Broadsheet did not write are kept")
    func deterministic() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("Output/CNAME", "news.example.org")
        _ = try build(site)
        let first = site.snapshot("Output")
        _ = try build(site)
        #expect(site.snapshot("Output") == first)
        #expect(site.read("Output/CNAME") == "news.example.org")
        #expect(!site.exists(".Output.staging"))
    }

    @Test("one thread and many render the same bytes, build after build")
    func deterministicAcrossThreads() throws {
        let site = try makeSite()
        defer { site.remove() }
        var options = BuildOptions(siteDirectory: site.path, clean: true)
        options.jobs = 1
        _ = try SiteBuilder(options: options, fileSystem: LocalFileSystem()).build()
        let single = site.snapshot("Output")
        #expect(single.count > 40)
        for jobs in [2, 7] {
            options.jobs = jobs
            let report = try SiteBuilder(options: options, fileSystem: LocalFileSystem()).build()
            #expect(report.pagesReused == 0, "--clean renders every page")
            #expect(site.snapshot("Output") == single, "\(jobs) threads")
        }
    }

    @Test("taxonomy settings move term pages, size them, drop feeds and small terms")
    func taxonomySettings() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("site.yml", "title: Fixture Times\nbase_url: https://news.example.org/\ntags:\n  path: topics/{slug}/\n  page_size: 10\n  feed: false\ncountries:\n  min_articles: 3\n")
        _ = try build(site)
        #expect(site.exists("Output/topics/index.html"))
        #expect(site.exists("Output/topics/trade/page/3/index.html"))
        #expect(!site.exists("Output/topics/trade/page/4/index.html"))
        #expect(!site.exists("Output/topics/trade/index.xml"))
        #expect(!site.exists("Output/tags/index.html"))
        // Pakistan has only one article: no page, and no link to one.
        #expect(site.exists("Output/countries/japan/index.html"))
        #expect(!site.exists("Output/countries/pakistan/index.html"))
        #expect(!(site.read("Output/articles/2025/01/budget-passed-in-islamabad/index.html") ?? "").contains("/countries/pakistan/"))
        #expect(site.read("Output/index.html")?.contains("href=\"/topics/\"") == true)
    }

    @Test("archive settings move month pages, paginate them, give them feeds and drop thin months")
    func archiveSettings() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.write("site.yml", "title: Fixture Times\nbase_url: https://news.example.org/\narchives:\n  path: archive/{year}/{month}/\n  page_size: 10\n  feed: true\n  min_articles: 2\n")
        _ = try build(site)
        #expect(site.exists("Output/archive/index.html"))
        #expect(site.exists("Output/archive/2024/index.html"))
        let march = try #require(site.read("Output/archive/2024/03/index.html"))
        #expect(march.contains("25 articles · page 1 of 3"))
        #expect(march.contains("rel=\"next\" href=\"/archive/2024/03/page/2/\""))
        #expect(site.exists("Output/archive/2024/03/page/3/index.html"))
        #expect(!site.exists("Output/archive/2024/03/page/4/index.html"))
        #expect(site.exists("Output/archive/2024/03/index.xml"))
        #expect(site.exists("Output/archive/2025/02/index.html"))
        // January 2025 has one article: no page, and no link to one.
        #expect(!site.exists("Output/archive/2025/01/index.html"))
        #expect(!(site.read("Output/archive/2025/index.html") ?? "").contains("/archive/2025/01/"))
        // Month pages moved; article pages did not.
        #expect(!site.exists("Output/articles/2024/03/index.html"))
        #expect(site.exists("Output/articles/2024/03/trade-report-1/index.html"))
        #expect(site.read("Output/index.html")?.contains("href=\"/archive/\"") == true)
        #expect(site.read("Output/sitemap.xml")?.contains("https://news.example.org/archive/2024/03/page/2/") == false)
        #expect(site.read("Output/sitemap.xml")?.contains("https://news.example.org/archive/2024/03/") == true)
    }

    @Test("--relative-urls makes every internal link work from file://")
    func relativeURLs() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path, relativeURLs: true), fileSystem: LocalFileSystem()).build()
        let page = try #require(site.read(seedPage))
        #expect(page.contains("href=\"../../../../style.css\""))
        #expect(page.contains("href=\"../../../../countries/japan/index.html\""))
        #expect(!page.contains("href=\"/"))
        // Every relative link resolves to a file in the output.
        let root = site.root.appendingPathComponent("Output")
        let pageURL = root.appendingPathComponent("articles/2025/02/afghanistans-taliban-govt-makes-first-diplomatic-trip-to-japan/index.html")
        for link in page.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) })
        where !link.hasPrefix("http") && !link.hasPrefix("#") {
            let target = URL(fileURLWithPath: link.components(separatedBy: "#")[0], relativeTo: pageURL.deletingLastPathComponent()).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(link)")
        }
        #expect(site.read("Output/404.html")?.contains("href=\"/style.css\"") == true)
    }

    @Test("a site with no Templates/ folder builds with the default theme")
    func defaultTheme() throws {
        let site = try FixtureSite(files: FixtureSite.japanArticles(3), copyTemplates: false)
        defer { site.remove() }
        let report = try build(site)
        #expect(report.articles == 3)
        #expect(site.read("Output/index.html")?.contains("Trade report 3") == true)
        #expect(site.exists("Output/style.css"))
    }

    @Test("the seed article page matches its golden file")
    func golden() throws {
        let site = try makeSite()
        defer { site.remove() }
        _ = try build(site)
        let html = try #require(site.read(seedPage))
        let golden = FixtureSite.repository.appendingPathComponent("Tests/BroadsheetKitTests/Golden/seed-article.html")
        // Regenerate with: BROADSHEET_UPDATE_GOLDEN=1 swift test --filter golden
        if ProcessInfo.processInfo.environment["BROADSHEET_UPDATE_GOLDEN"] == "1" {
            try html.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == expected)
    }
}
