import Core
import Foundation
import Site

extension FeedWriter {
    /// JSON Feed 1.1 (jsonfeed.org).
    public func json(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        let items: [[String: Any]] = feed.articleIDs.map { id in
            let article = site.articles[id]
            var item: [String: Any] = [
                "id": base + site.articlePaths[id],
                "url": base + site.articlePaths[id],
                "title": article.title,
                "date_published": dates.iso8601(article.date),
            ]
            if let dek = article.dek { item["summary"] = dek }
            if let byline = article.byline { item["authors"] = [["name": byline]] }
            return item
        }
        let object: [String: Any] = [
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title,
            "description": site.config.description,
            "home_page_url": base + feed.pagePath,
            "feed_url": base + feed.jsonPath,
            "language": site.config.language,
            "items": items,
        ]
        // Sorted keys keep the file byte-identical from build to build.
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) else {
            return "{}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
