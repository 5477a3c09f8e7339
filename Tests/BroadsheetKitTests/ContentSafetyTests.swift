import BroadsheetKit
import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Article text and front matter can never inject markup: a site built from XSS payloads
/// (from the OWASP XSS filter-evasion cheat sheet) has no script but its own JSON-LD, no
/// event-handler attribute, no `javascript:` link, and feeds that still parse.
@Suite("Content safety")
struct ContentSafetyTests {
    static let payloads = [
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<a href=\"jav&#x09;ascript:alert('XSS');\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<</script>script>alert(1)<</script>/script>",
        "</script><script>alert(1)</script>",
        "\"><script>alert(1)</script>",
        "'\"--></style></script><script>alert(1)</script>",
        "]]><script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "\u{2028}</script>\u{2029}<script>alert(1)</script>",
        // Text that only looks like markup, which every reader must show as written.
        "Use <b> for bold & <i> for italics",
        "AT&T's \"deal\" &amp; &lt;b&gt; as typed, 1 < 2 > 0",
        "Café ]]> naïve — اردو سرخی <b>",
    ]

    static func site(config: String = "title: Safe\nbase_url: https://safe.example.org/\n") throws -> FixtureSite {
        var files: [String: String] = ["site.yml": config]
        for (index, payload) in payloads.enumerated() {
            let yamlPayload = payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\u{2028}", with: "\\L").replacingOccurrences(of: "\u{2029}", with: "\\P")
            files["Content/md/\(index).md"] = """
            ---
            title: "Title \(index) \(yamlPayload)"
            date: 2024-01-\(String(format: "%02d", index % 28 + 1))
            description: "Dek \(yamlPayload)"
            author: "Author \(yamlPayload)"
            photo: "Photo \(yamlPayload)"
            dateline: "PLACE \(yamlPayload)"
            tags: ["Tag \(index) \(yamlPayload)", "Shared"]
            countries: [JP]
            ---
            Body \(payload)

            \(payload)
            """
            files["Content/txt/\(index).txt"] = """
            Headline \(index) \(payload)

            Dek \(payload)

            Byline \(payload) March 3, 2024
            Photo: \(payload)

            TOKYO: First paragraph \(payload)

            \(payload)
            """
        }
        return try FixtureSite(files: files)
    }

    @Test("no output file carries a script, handler or script link from an article")
    func noInjectedScript() throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        #expect(report.articles == Self.payloads.count * 2)
        let files = site.snapshot("Output")
        #expect(files.count > 100)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            let lower = text.lowercased()
            if path.hasSuffix(".html") {
                // The only script elements are the JSON-LD blocks the theme writes.
                let scripts = lower.components(separatedBy: "<script").count - 1
                let jsonLD = lower.components(separatedBy: "<script type=\"application/ld+json\">").count - 1
                #expect(scripts == jsonLD, "\(path): a script element that is not JSON-LD")
                for tag in Self.tags(in: lower) {
                    for (name, value) in Self.attributes(of: tag) {
                        #expect(!name.hasPrefix("on"), "\(path): event handler in \(tag)")
                        if ["href", "src", "action", "formaction", "xlink:href", "poster", "data"].contains(name) {
                            #expect(!Self.isScriptURL(value), "\(path): script link in \(tag)")
                        }
                    }
                    for element in ["<iframe", "<svg", "<img", "<math", "<details", "<body onload", "<div style"] {
                        // The countries index draws its own map: that one svg element is the theme's.
                        if element == "<svg", path.hasSuffix("countries/index.html"), tag.hasPrefix("<svg class=\"world-map\"") { continue }
                        #expect(!tag.hasPrefix(element), "\(path): injected element \(tag)")
                    }
                }
                // JSON-LD may not contain anything that ends the script element early.
                for block in lower.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst() {
                    let json = block.components(separatedBy: "</script>")[0]
                    #expect(!json.contains("<"), "\(path): raw < inside JSON-LD")
                    #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(json.utf8)) }
                }
            }
            if path.hasSuffix(".xml") {
                #expect(!lower.contains("<script"), "\(path): script element in XML")
                // On Linux `parse()` can return true after an error; the error is what counts.
                let parser = XMLParser(data: data)
                #expect(parser.parse() && parser.parserError == nil, "\(path): not well-formed XML")
            }
            if path.hasSuffix(".json") {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: data) }
            }
        }
    }

    /// A tag's attributes as a browser reads them: names, and values quoted or not. Text inside
    /// a quoted value (`content="… onerror=…"`) is a value, not an attribute.
    static func attributes(of tag: Substring) -> [(String, String)] {
        var result: [(String, String)] = []
        var index = tag.index(after: tag.startIndex)
        // Skip the tag name.
        while index < tag.endIndex, !tag[index].isWhitespace, tag[index] != ">" { index = tag.index(after: index) }
        while index < tag.endIndex {
            while index < tag.endIndex, tag[index].isWhitespace || tag[index] == "/" { index = tag.index(after: index) }
            guard index < tag.endIndex, tag[index] != ">" else { break }
            let nameStart = index
            while index < tag.endIndex, !tag[index].isWhitespace, !"=>/".contains(tag[index]) { index = tag.index(after: index) }
            let name = String(tag[nameStart..<index])
            while index < tag.endIndex, tag[index].isWhitespace { index = tag.index(after: index) }
            var value = ""
            if index < tag.endIndex, tag[index] == "=" {
                index = tag.index(after: index)
                while index < tag.endIndex, tag[index].isWhitespace { index = tag.index(after: index) }
                if index < tag.endIndex, tag[index] == "\"" || tag[index] == "'" {
                    let quote = tag[index]
                    index = tag.index(after: index)
                    let valueStart = index
                    while index < tag.endIndex, tag[index] != quote { index = tag.index(after: index) }
                    value = String(tag[valueStart..<index])
                    if index < tag.endIndex { index = tag.index(after: index) }
                } else {
                    let valueStart = index
                    while index < tag.endIndex, !tag[index].isWhitespace, tag[index] != ">" { index = tag.index(after: index) }
                    value = String(tag[valueStart..<index])
                }
            }
            if !name.isEmpty { result.append((name, value)) }
        }
        return result
    }

    /// A URL that runs script once the browser has decoded entities and dropped the tabs and
    /// newlines it ignores inside a scheme (`jav&#x09;ascript:`).
    static func isScriptURL(_ value: String) -> Bool {
        var decoded = value.lowercased()
        for (entity, character) in [("&#x09;", ""), ("&#9;", ""), ("&#x0a;", ""), ("&#10;", ""), ("&colon;", ":"), ("&#58;", ":"), ("&tab;", "")] {
            decoded = decoded.replacingOccurrences(of: entity, with: character)
        }
        decoded = decoded.filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
        return decoded.hasPrefix("javascript:") || decoded.hasPrefix("vbscript:") || decoded.hasPrefix("data:text/html")
    }

    /// The tags of an HTML document, `<…>`, as written.
    static func tags(in html: String) -> [Substring] {
        var tags: [Substring] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            tags.append(html[open...close])
            index = html.index(after: close)
        }
        return tags
    }
}
