import Core
import Site

/// The site's feeds: the latest articles of the site, a tag or a country, as RSS 2.0, Atom 1.0
/// and JSON Feed 1.1. Dates are the articles' own, never the clock, so that the same archive
/// always gives the same bytes.
public struct FeedWriter: Sendable {
    public let site: SiteModel
    let dates: DateText

    public init(site: SiteModel) {
        self.site = site
        self.dates = DateText(timeZone: site.config.timeZone)
    }

    /// A feed's three files by path: RSS, Atom and JSON Feed.
    public func files(_ feed: PagePlan.Feed) -> [(path: String, contents: String)] {
        [(feed.path, rss(feed)), (feed.atomPath, atom(feed)), (feed.jsonPath, json(feed))]
    }
}
