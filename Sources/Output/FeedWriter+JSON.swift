import Core
import Site

extension FeedWriter {
    /// JSON Feed 1.1 (jsonfeed.org), keys in sorted order so that the file is the same from
    /// build to build. `title`, `summary` and names are text; `content_html`, which each item
    /// needs, is the dek (or, without one, the headline) as HTML.
    public func json(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        var json = "{\n"
        func member(_ key: String, _ field: Field, _ value: String, indent: String = "  ", last: Bool = false) {
            json += "\(indent)\"\(key)\": "
            field.append(value, to: &json)
            json += last ? "\n" : ",\n"
        }
        member("description", .jsonText, site.config.description)
        member("feed_url", .jsonURL, base + feed.jsonPath)
        member("home_page_url", .jsonURL, base + feed.pagePath)
        json += "  \"items\": ["
        for (position, id) in feed.articleIDs.enumerated() {
            let article = site.articles[id], url = base + site.articlePath(id)
            json += position == 0 ? "\n    {\n" : ",\n    {\n"
            if let byline = article.byline {
                json += "      \"authors\": [{\"name\": "
                Field.jsonText.append(byline, to: &json)
                json += "}],\n"
            }
            member("content_html", .jsonHTML, article.dek ?? article.title, indent: "      ")
            member("date_published", .jsonText, dates.iso8601(article.date), indent: "      ")
            member("id", .jsonURL, url, indent: "      ")
            if let dek = article.dek { member("summary", .jsonText, dek, indent: "      ") }
            member("title", .jsonText, article.title, indent: "      ")
            member("url", .jsonURL, url, indent: "      ", last: true)
            json += "    }"
        }
        json += feed.articleIDs.isEmpty ? "],\n" : "\n  ],\n"
        member("language", .jsonText, site.config.language)
        member("title", .jsonText, feed.title)
        member("version", .jsonText, "https://jsonfeed.org/version/1.1", last: true)
        json += "}\n"
        return json
    }
}
