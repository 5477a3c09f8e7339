/// Rewrites a page's root-relative links (`href="/tags/x/"`) into links relative to the page
/// (`href="../../tags/x/index.html"`), so that the site can be browsed from `file://`, where
/// there is no server to find a folder's `index.html`.
public enum RelativeLinks {
    /// `pagePath` is the page's folder relative to the site root (`articles/2025/02/slug/`, or
    /// `` for the home page, `404.html` for a file); `basePath` is the site's path (`/` or `/news/`).
    public static func rewrite(_ html: String, pagePath: String, basePath: String) -> String {
        let depth = pagePath.split(separator: "/", omittingEmptySubsequences: true).count - (pagePath.hasSuffix("/") || pagePath.isEmpty ? 0 : 1)
        let up = String(repeating: "../", count: max(0, depth))
        var result = ""
        result.reserveCapacity(html.utf8.count + 512)
        var rest = html[...]
        while let attribute = nextAttribute(in: rest) {
            result += rest[..<attribute.valueStart]
            let value = rest[attribute.valueStart..<attribute.valueEnd]
            if value.hasPrefix(basePath), !value.hasPrefix("//") {
                var target = String(value.dropFirst(basePath.count))
                let fragmentStart = target.firstIndex(where: { $0 == "#" || $0 == "?" })
                let fragment = fragmentStart.map { String(target[$0...]) } ?? ""
                if let fragmentStart { target = String(target[..<fragmentStart]) }
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                result += up + target + fragment
            } else {
                result += value
            }
            rest = rest[attribute.valueEnd...]
        }
        result += rest
        return result
    }

    /// The next `href="…"` or `src="…"` value.
    private static func nextAttribute(in text: Substring) -> (valueStart: Substring.Index, valueEnd: Substring.Index)? {
        var search = text
        while let range = search.range(of: "=\"") {
            let nameEnd = range.lowerBound
            let isLink = text[..<nameEnd].hasSuffix(" href") || text[..<nameEnd].hasSuffix(" src")
            let valueStart = range.upperBound
            guard let close = text[valueStart...].firstIndex(of: "\"") else { return nil }
            if isLink { return (valueStart, close) }
            search = text[text.index(after: close)...]
        }
        return nil
    }
}
