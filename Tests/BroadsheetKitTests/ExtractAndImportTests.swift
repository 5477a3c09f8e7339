import BroadsheetKit
import Core
import Foundation
import Loading
import Testing

@Suite("Extract and import")
struct ExtractAndImportTests {
    static let seedText = """
    A headline about Japan

    A dek that sums it up.

    Desk Writer March 3, 2024
    Photo: AFP

    Listen to article

    TOKYO: The first paragraph names Japan.

    The second paragraph.

    COMMENTS

    A reader's comment.
    """

    func disk() -> MemoryFileSystem {
        MemoryFileSystem(files: ["in/story.txt": Self.seedText, "in/empty.txt": "\n\n", "in/dir/story.txt": Self.seedText])
    }

    @Test("extract gives every field, and an error object for a bad file without stopping")
    func extract() {
        let results = ArticleExtractor(fileSystem: disk(), timeZone: TimeZone(identifier: "UTC")!).extract(["in/story.txt", "in/empty.txt", "in/missing.txt"])
        #expect(results.count == 3)
        let story = results[0]
        #expect(story.source == "in/story.txt")
        #expect(story.title == "A headline about Japan")
        #expect(story.dek == "A dek that sums it up.")
        #expect(story.byline == "Desk Writer")
        #expect(story.date == "2024-03-03")
        #expect(story.dateline == "TOKYO")
        #expect(story.photoCredit == "AFP")
        #expect(story.countries == ["JP"])
        #expect(story.mentions == ["JP"])
        #expect(story.body == "The first paragraph names Japan.\n\nThe second paragraph.\n")
        #expect(story.error == nil)
        #expect(results[1].error?.contains("no text") == true)
        #expect(results[2].error?.contains("cannot read") == true)
    }

    @Test("extract prints JSON with the documented keys")
    func json() throws {
        let story = ArticleExtractor(fileSystem: disk(), timeZone: TimeZone(identifier: "UTC")!).extract("in/story.txt")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(story)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["source", "title", "dek", "byline", "date", "dateline", "photo_credit", "countries", "mentions", "tags", "body", "warnings"])
    }

    @Test("import writes Markdown that loads back to the same article, and never overwrites unless forced")
    func importRoundTrip() throws {
        let disk = disk()
        let importer = ArticleImporter(fileSystem: disk, timeZone: TimeZone(identifier: "UTC")!)
        let first = importer.importFiles(["in/story.txt", "in/dir/story.txt", "in/empty.txt"], into: "Content", force: false)
        #expect(first.map(\.outcome) == [.wrote("Content/story.md"), .wrote("Content/story-2.md"), .failed("the file has no text")])
        let markdown = try #require(disk.string(at: "Content/story.md"))
        #expect(markdown.contains("source: \"story.txt\""))
        let loaded = try ArticleLoader(fileSystem: disk, contentDirectory: "Content", timeZone: TimeZone(identifier: "UTC")!).load("story.md")
        guard case .article(let article) = loaded else {
            Issue.record("imported file did not load as an article")
            return
        }
        #expect(article.metadata.title == "A headline about Japan")
        #expect(article.metadata.dek == "A dek that sums it up.")
        #expect(article.metadata.byline == "Desk Writer")
        #expect(article.metadata.dateline == "TOKYO")
        #expect(article.metadata.photoCredit == "AFP")
        #expect(article.declaredCountries == ["JP"])
        #expect(article.bodyMarkdown == "The first paragraph names Japan.\n\nThe second paragraph.\n")

        try disk.writeFile("Content/story.md", string: "edited by hand")
        let second = importer.importFiles(["in/story.txt"], into: "Content", force: false)
        #expect(second.map(\.outcome) == [.skippedExisting("Content/story.md")])
        #expect(disk.string(at: "Content/story.md") == "edited by hand")
        _ = importer.importFiles(["in/story.txt"], into: "Content", force: true)
        #expect(disk.string(at: "Content/story.md") == markdown)
    }
}
