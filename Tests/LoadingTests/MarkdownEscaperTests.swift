import Testing
@testable import Loading

@Suite("Markdown escaping of plain text")
struct MarkdownEscaperTests {
    @Test("characters CommonMark would read as markup are escaped")
    func escapes() {
        #expect(MarkdownEscaper.escape("<Hemdale Film Corp> said") == "\\<Hemdale Film Corp> said")
        #expect(MarkdownEscaper.escape("5 * 3 = 15 and a_b") == "5 \\* 3 = 15 and a\\_b")
        #expect(MarkdownEscaper.escape("# not a heading") == "\\# not a heading")
        #expect(MarkdownEscaper.escape("- not a list") == "\\- not a list")
        #expect(MarkdownEscaper.escape("1987. The year") == "1987\\. The year")
        #expect(MarkdownEscaper.escape("AT&T and &amp; & co") == "AT\\&T and \\&amp; & co")
        #expect(MarkdownEscaper.escape("[link](x)") == "\\[link\\](x)")
    }

    @Test("ordinary prose is left alone")
    func prose() {
        let text = "The plan, initially hailed — “at home” — cost 250 pct (a record)."
        #expect(MarkdownEscaper.escape(text) == text)
    }
}
