import Core
import Site

extension FeedWriter {
    /// RSS 2.0, the feed every reader understands.
    public func rss(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>\(XMLText.escape(feed.title))</title>
        <link>\(XMLText.escape(base + feed.pagePath))</link>
        <description>\(XMLText.escape(site.config.description))</description>
        <language>\(XMLText.escape(site.config.language))</language>
        <atom:link href="\(XMLText.escape(base + feed.path))" rel="self" type="application/rss+xml"/>

        """
        // The newest article's date, not the clock: the same archive always gives the same feed.
        if let newest = feed.articleIDs.first {
            xml += "<lastBuildDate>\(dates.rfc822(site.articles[newest].date))</lastBuildDate>\n"
        }
        for id in feed.articleIDs {
            let article = site.articles[id]
            let link = XMLText.escape(base + site.articlePath(id))
            xml += "<item>\n<title>\(XMLText.escape(article.title))</title>\n<link>\(link)</link>\n"
            xml += "<guid isPermaLink=\"true\">\(link)</guid>\n<pubDate>\(dates.rfc822(article.date))</pubDate>\n"
            if let byline = article.byline { xml += "<author>\(XMLText.escape(byline))</author>\n" }
            if let dek = article.dek { xml += "<description>\(XMLText.escape(dek))</description>\n" }
            xml += "</item>\n"
        }
        xml += "</channel>\n</rss>\n"
        return xml
    }
}
