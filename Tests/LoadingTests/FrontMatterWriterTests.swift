import Testing
@testable import Loading

@Suite("Front matter writer")
struct FrontMatterWriterTests {
    @Test("values that YAML would read as something else stay text, and read back the same")
    func roundTrip() throws {
        let tricky = ["no", "2025-01-01", "key: value", "\"quoted\" and \\ back", "# not a comment", "line\nbreak", "null", "Côte d’Ivoire"]
        let document = FrontMatterWriter.document([
            ("title", .text(tricky.joined(separator: " | "))),
            ("description", .text("no")),
            ("author", .text("null")),
            ("tags", .list(tricky)),
            ("countries", .list([])),
            ("photo", nil),
        ], body: "Body.\n")
        #expect(!document.contains("countries"))
        #expect(!document.contains("photo"))
        let parsed = try FrontMatterParser.parse(document)
        #expect(parsed.frontMatter.title == tricky.joined(separator: " | "))
        #expect(parsed.frontMatter.dek == "no")
        #expect(parsed.frontMatter.author == "null")
        #expect(parsed.frontMatter.tags == tricky)
        #expect(parsed.body == "Body.\n")
    }
}
