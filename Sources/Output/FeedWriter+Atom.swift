import Core
import Site

extension FeedWriter {
    /// Atom 1.0, for readers that prefer it. Its text constructs are `type="text"` by default,
    /// so titles, summaries and names are written as `Field.xmlText`.
    public func atom(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        let pageURL = Field.xmlURL.encode(base + feed.pagePath)
        // The newest article's date, not the clock, so that the same archive gives the same feed.
        let updated = feed.articleIDs.first.map { dates.iso8601(site.articles[$0].date) } ?? "1970-01-01T00:00:00+00:00"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Field.xmlText.encode(site.config.language))">
        <title>\(Field.xmlText.encode(feed.title))</title>
        <subtitle>\(Field.xmlText.encode(site.config.description))</subtitle>
        <id>\(pageURL)</id>
        <link href="\(pageURL)" rel="alternate" type="text/html"/>
        <link href="\(Field.xmlURL.encode(base + feed.atomPath))" rel="self" type="application/atom+xml"/>
        <updated>\(updated)</updated>
        <author><name>\(Field.xmlText.encode(site.config.title))</name></author>

        """
        for id in feed.articleIDs {
            let article = site.articles[id]
            let link = Field.xmlURL.encode(base + site.articlePath(id))
            let date = dates.iso8601(article.date)
            xml += "<entry>\n<title>\(Field.xmlText.encode(article.title))</title>\n<link href=\"\(link)\" rel=\"alternate\" type=\"text/html\"/>\n"
            xml += "<id>\(link)</id>\n<published>\(date)</published>\n<updated>\(date)</updated>\n"
            if let byline = article.byline { xml += "<author><name>\(Field.xmlText.encode(byline))</name></author>\n" }
            if let dek = article.dek { xml += "<summary>\(Field.xmlText.encode(dek))</summary>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }
}
