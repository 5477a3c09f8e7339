import Core
import Site

extension FeedWriter {
    /// RSS 2.0, the feed every reader understands. Titles and descriptions are written as HTML
    /// (`Field.rssHTML`), as readers take them; the byline is `dc:creator`, text, since RSS's
    /// own `author` holds an e-mail address.
    public func rss(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(Field.rssHTML.encode(feed.title))</title>
        <link>\(Field.xmlURL.encode(base + feed.pagePath))</link>
        <description>\(Field.rssHTML.encode(site.config.description))</description>
        <language>\(Field.xmlText.encode(site.config.language))</language>
        <atom:link href="\(Field.xmlURL.encode(base + feed.path))" rel="self" type="application/rss+xml"/>

        """
        // The newest article's date, not the clock: the same archive always gives the same feed.
        if let newest = feed.articleIDs.first {
            xml += "<lastBuildDate>\(dates.rfc822(site.articles[newest].date))</lastBuildDate>\n"
        }
        for id in feed.articleIDs {
            let article = site.articles[id]
            let link = Field.xmlURL.encode(base + site.articlePath(id))
            xml += "<item>\n<title>\(Field.rssHTML.encode(article.title))</title>\n<link>\(link)</link>\n"
            xml += "<guid isPermaLink=\"true\">\(link)</guid>\n<pubDate>\(dates.rfc822(article.date))</pubDate>\n"
            if let byline = article.byline { xml += "<dc:creator>\(Field.xmlText.encode(byline))</dc:creator>\n" }
            if let dek = article.dek { xml += "<description>\(Field.rssHTML.encode(dek))</description>\n" }
            xml += "</item>\n"
        }
        xml += "</channel>\n</rss>\n"
        return xml
    }
}
