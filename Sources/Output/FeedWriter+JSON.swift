import Core
import Foundation
import Site

extension FeedWriter {
    /// JSON Feed 1.1 (jsonfeed.org).
    public func json(_ feed: PagePlan.Feed) -> String {
        let base = site.config.baseURL
        let document = JSONFeedDocument(
            version: "https://jsonfeed.org/version/1.1", title: feed.title, description: site.config.description,
            home_page_url: base + feed.pagePath, feed_url: base + feed.jsonPath, language: site.config.language,
            items: feed.articleIDs.map { id in
                let article = site.articles[id], url = base + site.articlePath(id)
                return JSONFeedDocument.Item(
                    id: url, url: url, title: article.title,
                    date_published: dates.iso8601(article.date), summary: article.dek,
                    authors: article.byline.map { [JSONFeedDocument.Author(name: $0)] })
            })
        // Sorted keys keep the file byte-identical from build to build.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The JSON Feed 1.1 document, field names as the format spells them.
struct JSONFeedDocument: Encodable {
    struct Author: Encodable {
        var name: String
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String
        var date_published: String
        var summary: String?
        var authors: [Author]?
    }

    var version: String
    var title: String
    var description: String
    var home_page_url: String
    var feed_url: String
    var language: String
    var items: [Item]
}
