import Core
import Testing
@testable import Rendering

@Suite("Templates")
struct TemplateSetTests {
    static let minimal: [String: String] = [
        "base": "<html><title>{{$title}}Site{{/title}}</title><body>{{>partials/nav}}{{$main}}empty{{/main}}</body></html>",
        "partials/nav": "<nav>{{site}}</nav>",
        "article": "{{<base}}{{$title}}{{headline}}{{/title}}{{$main}}<h1>{{headline}}</h1>{{{body}}}{{/main}}{{/base}}",
        "list": "{{<base}}{{$main}}{{#items}}<li>{{.}}</li>{{/items}}{{/main}}{{/base}}",
        "terms": "{{<base}}{{/base}}",
        "archive": "{{<base}}{{/base}}",
        "about": "{{<base}}{{/base}}",
        "404": "{{<base}}{{/base}}",
    ]

    @Test("pages extend the base layout, fill its blocks and include partials")
    func inheritance() throws {
        let templates = try TemplateSet(sources: Self.minimal)
        let html = templates.render(["headline": "Rates <up>", "body": "<p>Text</p>", "site": "Daily"], template: "article")
        #expect(html == "<html><title>Rates &lt;up&gt;</title><body><nav>Daily</nav><h1>Rates &lt;up&gt;</h1><p>Text</p></body></html>")
        let list = templates.render(["items": ["a", "b"], "site": "Daily"], template: "list")
        #expect(list == "<html><title>Site</title><body><nav>Daily</nav><li>a</li><li>b</li></body></html>")
    }

    @Test("strings and integers print as themselves, escaped or not, and keep their sections' meaning")
    func renderableValues() throws {
        let templates = try TemplateSet(sources: [
            "value": "{{text}}|{{{text}}}|{{count}}|{{#text}}[{{.}}]{{/text}}{{^text}}none{{/text}}|{{#count}}({{.}}){{/count}}|{{#empty}}x{{/empty}}",
        ].merging(Self.minimal) { own, _ in own })
        #expect(templates.render(["text": "a <b> & 'c'", "count": 42, "empty": ""], template: "value")
            == "a &lt;b&gt; &amp; &#39;c&#39;|a <b> & 'c'|42|[a &lt;b&gt; &amp; &#39;c&#39;]|(42)|x")
        #expect(templates.render(["count": -7], template: "value") == "||-7|none|(-7)|")
    }

    @Test("a page's direction follows the script most of its letters are written in")
    func direction() {
        #expect(PageContextBuilder.dominantDirection("Rates rise in Karachi") == "ltr")
        #expect(PageContextBuilder.dominantDirection("کراچی میں بارش") == "rtl")
        #expect(PageContextBuilder.dominantDirection("Karachi: کراچی میں بارش") == "rtl")
        #expect(PageContextBuilder.dominantDirection("Rain in Karachi today: کراچی") == "ltr")
        #expect(PageContextBuilder.dominantDirection("2024 — 42 %") == "ltr")
        #expect(PageContextBuilder.dominantDirection("Ünïcödé ÉTÉ") == "ltr")
    }

    @Test("a syntax error names the template, line and column")
    func syntaxError() {
        var sources = Self.minimal
        sources["article"] = "{{<base}}\n{{$main}}\n<h1>{{headline}</h1>\n{{/main}}{{/base}}"
        do {
            _ = try TemplateSet(sources: sources)
            Issue.record("broken template accepted")
        } catch {
            #expect(error.file == "article.mustache")
            #expect(error.line == 3)
            #expect(error.column != nil)
            #expect(error.stage == .render)
            #expect(error.description.hasPrefix("article.mustache:3:"))
        }
    }

    @Test("a missing page template fails before anything renders")
    func missingTemplate() {
        var sources = Self.minimal
        sources["terms"] = nil
        #expect(throws: Diagnostic.error(.render, file: "Templates/terms.mustache", "required template is missing")) {
            try TemplateSet(sources: sources)
        }
    }

    @Test("a partial or parent that does not exist fails with its file, line and column")
    func missingPartial() {
        var files: [String: String] = [:]
        for (name, text) in Self.minimal { files["site/Templates/\(name).mustache"] = text }
        files["site/Templates/article.mustache"] = "{{<base}}\n{{$main}}\n  {{> partials/bylin }}\n{{/main}}{{/base}}"
        do {
            _ = try TemplateSet(directory: "site/Templates", fileSystem: MemoryFileSystem(files: files))
            Issue.record("a missing partial was accepted")
        } catch {
            #expect(error.file == "site/Templates/article.mustache")
            #expect(error.line == 3)
            #expect(error.column == 3)
            #expect(error.message.contains("partials/bylin"))
        }
    }

    @Test("the templates folder is read recursively through the file-system seam")
    func directory() throws {
        var files: [String: String] = [:]
        for (name, text) in Self.minimal { files["site/Templates/\(name).mustache"] = text }
        files["site/Templates/static/style.css"] = "body{}"
        let templates = try TemplateSet(directory: "site/Templates", fileSystem: MemoryFileSystem(files: files))
        #expect(templates.names.contains("partials/nav"))
        #expect(!templates.names.contains("static/style"))
    }

    @Test("partials of site-wide values are rendered once; in the others, sections, and the page's values, still render with the page")
    func siteWidePartials() throws {
        var sources = Self.minimal
        sources["base"] = "{{>partials/masthead}}\n{{>partials/crumbs}}\n  {{>partials/indented}}\n<p>{{>partials/nav}}</p>{{$main}}{{/main}}"
        sources["partials/masthead"] = "<a href=\"{{nav.home}}\">{{site.title}}</a> {{! the masthead }}\n"
        sources["partials/crumbs"] = "{{#site.title}}<b>{{site.title}}</b>{{/site.title}}\n"
        sources["partials/indented"] = "<i>{{site.title}}</i>\n<i>{{nav.home}}</i>\n"
        sources["partials/nav"] = "{{site.title}}|{{headline}}"
        let templates = try TemplateSet(sources: sources)
        let siteWide: PageContext = ["site": ["title": "Daily & Co"], "nav": ["home": "/"]]
        let once = templates.withSharedValues(siteWide)
        // A page whose own values differ shows which partials were rendered once, from `siteWide`.
        let page: PageContext = ["site": ["title": "Page"], "nav": ["home": "/page/"], "headline": "H"]
        let html = once.render(page, template: "article")
        #expect(html.hasPrefix("<a href=\"/\">Daily &amp; Co</a> \n<b>Daily &amp; Co</b>\n  <i>Daily &amp; Co</i>\n  <i>/</i>\n<p>Daily &amp; Co|H</p>"))
        // The section is still the page's: without a title of its own, it shows nothing.
        let untitled: PageContext = ["site": ["title": false], "nav": ["home": "/page/"], "headline": "H"]
        #expect(once.render(untitled, template: "article").hasPrefix("<a href=\"/\">Daily &amp; Co</a> \n\n  <i>Daily &amp; Co</i>"))
        // With the same site-wide values, a page renders as it did before.
        let same: PageContext = siteWide.merging(["headline": "H"]) { $1 }
        #expect(once.render(same, template: "article") == templates.render(same, template: "article"))
    }

    @Test("values one template's pages share are put in for its pages only, layout and partials included; names they do not hold stay the page's")
    func pageTemplateValues() throws {
        var sources = Self.minimal
        sources["base"] = "<link href=\"{{feed_url}}\" title=\"{{page.title}}\" data-type=\"{{page.og_type}}\">{{>partials/feed}}{{$main}}{{/main}}"
        sources["partials/feed"] = "{{#items}}[{{feed_url}}]{{/items}}|"
        let templates = try TemplateSet(sources: sources)
        let shared: PageContext = ["feed_url": "/feed.xml", "page": ["og_type": "article"]]
        let once = templates.withSharedValues(shared, forPagesOf: "article")
        // Pages whose own values differ show which tags became text.
        let page: PageContext = ["feed_url": "/own.xml", "page": ["title": "T", "og_type": "own"], "items": [1, 2], "headline": "H"]
        #expect(once.render(page, template: "article") == "<link href=\"/feed.xml\" title=\"T\" data-type=\"article\">[/feed.xml][/feed.xml]|<h1>H</h1>")
        // A list page is rendered with the templates as they were.
        #expect(once.render(page, template: "list") == "<link href=\"/own.xml\" title=\"T\" data-type=\"own\">[/own.xml][/own.xml]|<li>1</li><li>2</li>")
        // With the shared values, an article page renders as it did before.
        let same: PageContext = ["feed_url": "/feed.xml", "page": ["title": "T", "og_type": "article"], "items": [1], "headline": "H"]
        #expect(once.render(same, template: "article") == templates.render(same, template: "article"))
        // Values put in for every page afterwards reach every page; the article's own set, made before them, goes.
        let siteWide = once.withSharedValues(["feed_url": "/all.xml"])
        #expect(siteWide.render(page, template: "list").hasPrefix("<link href=\"/all.xml\" title=\"T\" data-type=\"own\">"))
        #expect(siteWide.render(page, template: "article").hasPrefix("<link href=\"/all.xml\" title=\"T\" data-type=\"own\">"))
    }

    @Test("site-wide values are put in every template as they would render, escaped or not; a brace, a line break or new delimiters keep the tag")
    func siteWideValues() throws {
        var sources = Self.minimal
        sources["value"] = "{{site.title}}|{{{site.title}}}|{{& site.title }}|{{ nav.home }}|{{#site}}{{title}}{{/site}}|{{site.missing}}|{{! {{site.title}} }}|{{headline}}"
        sources["braced"] = "<b>{{site.tagline}}</b>{{site.note}}"
        sources["delimited"] = "{{=<% %>=}}<%site.title%>|{{site.title}}"
        let templates = try TemplateSet(sources: sources)
        let siteWide: PageContext = ["site": ["title": "A & B <C> 'D'", "tagline": "x{", "note": "two\nlines"], "nav": ["home": "/"]]
        let page = siteWide.merging(["headline": "H"]) { $1 }
        let once = templates.withSharedValues(siteWide)
        for name in ["value", "braced", "delimited"] {
            #expect(once.render(page, template: name) == templates.render(page, template: name), "\(name)")
        }
        #expect(templates.render(page, template: "value") == "A &amp; B &lt;C&gt; &#39;D&#39;|A & B <C> 'D'|A & B <C> 'D'|/|A &amp; B &lt;C&gt; &#39;D&#39;|| }}|H")
        // Which tags became text: a page whose own values differ shows it.
        let other: PageContext = ["site": ["title": "Page", "tagline": "Own", "note": "Own"], "nav": ["home": "/page/"], "headline": "H"]
        #expect(once.render(other, template: "value") == "A &amp; B &lt;C&gt; &#39;D&#39;|A & B <C> 'D'|A & B <C> 'D'|/|Page|| }}|H")
        #expect(once.render(other, template: "braced") == "<b>Own</b>Own")
        #expect(once.render(other, template: "delimited") == "Page|{{site.title}}")
    }
}
