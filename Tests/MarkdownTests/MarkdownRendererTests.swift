import Testing
@testable import Markdown

@Suite("cmark rendering")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test("CommonMark to HTML with typographic punctuation")
    func rendering() {
        #expect(renderer.html("A *quiet* \"week\" -- or so...") == "<p>A <em>quiet</em> “week” – or so…</p>\n")
        #expect(renderer.html("## Subhead\n\n- one\n- two\n") == "<h2>Subhead</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
        #expect(MarkdownRenderer(smartPunctuation: false).html("\"plain\"") == "<p>&quot;plain&quot;</p>\n")
    }

    @Test("raw HTML and script links never reach the page")
    func safety() {
        let html = renderer.html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and [click](javascript:alert(1)).\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("<a href=\"\">click</a>"))
    }

    @Test("text with markup characters escaped renders as the same text")
    func escapedText() {
        #expect(renderer.html("\\<Hemdale Film Corp\\> bought 5 \\* 3") == "<p>&lt;Hemdale Film Corp&gt; bought 5 * 3</p>\n")
    }

    @Test("empty and non-ASCII input")
    func edges() {
        #expect(renderer.html("") == "")
        #expect(renderer.html("کراچی میں بارش") == "<p>کراچی میں بارش</p>\n")
    }
}
