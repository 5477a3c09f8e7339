import Testing
@testable import Loading

@Suite("Front matter")
struct FrontMatterParserTests {
    @Test("Hugo's keys, as lists or single values")
    func keys() throws {
        let result = try FrontMatterParser.parse("""
        ---
        title: "Budget passed"
        date: 2024-05-01T10:00:00+05:00
        description: The assembly voted late.
        author: [A. Writer, B. Writer]
        photo: AFP
        tags: [Budget, Economy]
        countries: PK
        categories: politics
        ---
        Body *text*.
        """)
        let matter = result.frontMatter
        #expect(matter.title == "Budget passed")
        #expect(matter.date == "2024-05-01T10:00:00+05:00")
        #expect(matter.dateLine == 3)
        #expect(matter.dek == "The assembly voted late.")
        #expect(matter.author == "A. Writer, B. Writer")
        #expect(matter.photo == "AFP")
        #expect(matter.tags == ["Budget", "Economy"])
        #expect(matter.countries == ["PK"])
        #expect(matter.extra == ["categories": "politics"])
        #expect(result.body == "Body *text*.")
        #expect(result.bodyLine == 11)
    }

    @Test("drafts are flagged")
    func draft() throws {
        #expect(try FrontMatterParser.parse("---\ntitle: x\ndraft: true\n---\n").frontMatter.draft)
    }

    @Test("a file without front matter is all body")
    func noFrontMatter() throws {
        let result = try FrontMatterParser.parse("Just text\n")
        #expect(result.frontMatter == FrontMatter())
        #expect(result.body == "Just text\n")
    }

    @Test("the fences split a file into its front matter and body, byte for byte, whatever the script")
    func splitParts() throws {
        let fenced = try FrontMatterParser.split("---\ntitle: \"Zürich – 東京\"\nauthor: Ayşe\n---  \nBody é 🎉\n\nالنص\n")
        #expect(fenced.yaml == "title: \"Zürich – 東京\"\nauthor: Ayşe\n")
        #expect(fenced.body == "Body é 🎉\n\nالنص\n")
        #expect(fenced.bodyLine == 5)
        let dotted = try FrontMatterParser.split("--- \ntitle: Ñ\n...\n")
        #expect(dotted.yaml == "title: Ñ\n")
        #expect(dotted.body == "")
        let atEnd = try FrontMatterParser.split("---\ntitle: x\n---")
        #expect(atEnd.yaml == "title: x\n" && atEnd.body == "")
        let empty = try FrontMatterParser.split("---\n---\nß\n")
        #expect(empty.yaml == "" && empty.body == "ß\n" && empty.bodyLine == 3)
        let none = try FrontMatterParser.split("----\nÅ text\n")
        #expect(none.yaml == nil && none.body == "----\nÅ text\n" && none.bodyLine == 1)
    }

    @Test("broken front matter names the line")
    func errors() {
        #expect(throws: FrontMatterParser.Failure(line: 1, message: "front matter opened with `---` is never closed")) {
            try FrontMatterParser.parse("---\ntitle: x\n")
        }
        do {
            _ = try FrontMatterParser.parse("---\ntitle: x\ntitle: y\n---\n")
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("twice"))
        }
        do {
            _ = try FrontMatterParser.parse("---\ntitle: [unclosed\n---\n")
            Issue.record("invalid YAML accepted")
        } catch {
            #expect(error.message.contains("not valid YAML"))
        }
        do {
            _ = try FrontMatterParser.parse("---\ntitle:\n  nested: map\n---\n")
            Issue.record("mapping title accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("`title`"))
        }
    }
}
