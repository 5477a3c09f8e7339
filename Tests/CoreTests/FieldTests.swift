import Core
import Testing

/// How a value becomes each kind of field: HTML-escaped first when its reader takes it for HTML,
/// then escaped for the document that carries it.
@Suite("Fields")
struct FieldTests {
    static let markup = "Use <b> & \"quotes\" it's ]]>"

    @Test("a field read as HTML in XML is escaped for HTML, then for XML")
    func htmlInXML() {
        #expect(Field.rssHTML.encode(Self.markup) == "Use &amp;lt;b&amp;gt; &amp;amp; &quot;quotes&quot; it&apos;s ]]&amp;gt;")
        // Quotes and apostrophes are not HTML-escaped: a reader that shows the field as text still shows them.
        #expect(Field.rssHTML.encode("Biden's \"plan\"") == "Biden&apos;s &quot;plan&quot;")
    }

    @Test("a field read as text is escaped once, for its document")
    func text() {
        #expect(Field.xmlText.encode(Self.markup) == "Use &lt;b&gt; &amp; &quot;quotes&quot; it&apos;s ]]&gt;")
        #expect(Field.jsonText.encode(Self.markup) == #""Use <b> & \"quotes\" it's ]]>""#)
        #expect(Field.htmlText.encode(Self.markup) == "Use &lt;b&gt; &amp; &quot;quotes&quot; it&#39;s ]]&gt;")
    }

    @Test("JSON read as HTML, and JSON inside a script element")
    func json() {
        #expect(Field.jsonHTML.encode("<img src=x onerror=alert(1)> & co") == #""&lt;img src=x onerror=alert(1)&gt; &amp; co""#)
        #expect(Field.jsonLD.encode("</script><b>\u{2028}&\n\u{1}") == #""\u003c/script\u003e\u003cb\u003e\u2028\u0026\n\u0001""#)
        #expect(Field.jsonText.encode("line\u{2028}break") == #""line\u2028break""#)
    }

    @Test("a URL is percent-encoded to ASCII, and an encoded one is left as it is")
    func url() {
        #expect(Field.xmlURL.encode("https://a.example/articles/café/?a=1&b=2")
            == "https://a.example/articles/caf%C3%A9/?a=1&amp;b=2")
        #expect(Field.xmlURL.encode("https://a.example/caf%C3%A9/") == "https://a.example/caf%C3%A9/")
        #expect(Field.jsonURL.encode("https://a.example/a b\"<x>\n") == #""https://a.example/a%20b%22%3Cx%3E%0A""#)
    }

    @Test("characters XML cannot carry are dropped, nothing else is lost")
    func xmlControls() {
        #expect(Field.xmlText.encode("a\u{1}b\tc\u{FFFE}d é") == "ab\tcd é")
        #expect(Field.xmlText.encode("plain") == "plain")
    }
}
