import Core
import Foundation
import Synchronization
import Testing
@testable import BroadsheetKit

@Suite("Rebuilding after edits to an article's tags, countries and date")
struct StructuralEditTests {
    /// Sixty articles over three months, three tags and four countries (China borders
    /// Afghanistan and North Korea), five to a page: term pages with pages, related terms and
    /// neighbours, archive months, indexes.
    func makeSite(itemsPerPage: Int = 5) throws -> FixtureSite {
        var files = ["site.yml": "title: Fixture Times\nbase_url: https://news.example.org/\nitems_per_page: \(itemsPerPage)\n"]
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
            ("a tag and a headline", "Content/13.md", {
                $0.replacingOccurrences(of: "tags: [", with: "tags: [Health, ").replacingOccurrences(of: "Report 13", with: "Harbour report")
            }),
        ]
    }

    @Test("a tag or country other articles have, or a new time, is built from the saved model, as a fresh build writes the site")
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
        // A new tag still takes the full build, from which the next edit is quick again.
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ") }
        #expect(try !build(site).restoredModel)
        #expect(try site.differencesFromFreshBuild() == [])
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "countries: [JP]", with: "countries: [JP, CN]") }
        #expect(try build(site).restoredModel)
        #expect(try site.differencesFromFreshBuild() == [])
    }

    @Test("the preview shows a tag, country or time edit by rendering the pages that change, as a fresh build writes the site")
    func termEditsInPreview() throws {
        let site = try makeSite(itemsPerPage: 100)
        defer { site.remove() }
        var options = BuildOptions(siteDirectory: site.path)
        options.loadCache = LoadCache()
        options.session = BuildSession()
        // What was on disk when the edited article's page was said to be written.
        let writtenFirst = Mutex<[(paths: [String], differences: [String])]>([])
        options.editedPagesWritten = { paths in
            let differences = (try? site.differencesFromFreshBuild()) ?? ["(no fresh build)"]
            writtenFirst.withLock { $0.append((paths, differences)) }
        }
        let builder = SiteBuilder(options: options, fileSystem: LocalFileSystem())
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
        // A tag no other article has: the preview's full build.
        try site.edit("Content/8.md") { $0.replacingOccurrences(of: "tags: [", with: "tags: [Harbours, ") }
        #expect(try builder.rebuildArticles(of: [joinPath(site.path, "Content/8.md")]) == nil)
    }
}
