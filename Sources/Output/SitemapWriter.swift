import Core
import Site

/// `sitemap.xml`: every page a search engine should index, with the date of its newest content.
public struct SitemapWriter: Sendable {
    public let site: SiteModel
    let dates: DateText

    public init(site: SiteModel) {
        self.site = site
        self.dates = DateText(timeZone: site.config.timeZone)
    }

    /// The sitemaps protocol's limit of URLs per file.
    public static let maximumURLs = 50_000

    /// `sitemap.xml` alone, or past `maximumURLs` a sitemap index at `sitemap.xml` pointing to
    /// `sitemap-1.xml`, `sitemap-2.xml`, …: the files to write, by path. With `listing`, only
    /// the files that list those articles' pages (what changes when articles move and no date
    /// does: the index gives each file's newest date, so it stays as it was) and those that list
    /// the list pages at `lists` (positions in `plan.listPages`), whose newest article may have
    /// changed, with the index then.
    public func render(_ plan: PagePlan, maximumURLs: Int = SitemapWriter.maximumURLs,
                       listing articles: Set<Int>? = nil, lists changedLists: Set<Int> = []) -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = []
        render(plan, maximumURLs: maximumURLs, listing: articles, lists: changedLists) { files.append(($0, $1)) }
        return files
    }

    /// The paths of the files `render` writes for `plan`, without making them.
    public static func paths(_ plan: PagePlan, maximumURLs: Int = SitemapWriter.maximumURLs) -> [String] {
        let count = plan.articleCount + plan.listPages.lazy.filter(\.isListedInSitemap).count
        guard count > maximumURLs else { return ["sitemap.xml"] }
        return ["sitemap.xml"] + (1...((count + maximumURLs - 1) / maximumURLs)).map { "sitemap-\($0).xml" }
    }

    /// The same files handed to `write` one at a time, each let go before the next is made: a
    /// million articles' sitemap is a hundred megabytes. The index, when there is one, comes last.
    public func render<Failure: Error>(_ plan: PagePlan, maximumURLs: Int = SitemapWriter.maximumURLs, listing articles: Set<Int>? = nil,
                                       lists changedLists: Set<Int> = [],
                                       write: (_ path: String, _ contents: String) throws(Failure) -> Void) throws(Failure) {
        // Every article page is listed, first and in ID order: an article's entry is its ID.
        let listed = plan.listPages.indices.filter { plan.listPages[$0].isListedInSitemap }
        let lists = listed.map { plan.listPages[$0] }
        let count = plan.articleCount + lists.count
        let base = Field.xmlURL.encode(site.config.baseURL)
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        // An article's path written straight into the file: made as a string for each entry,
        // twice, the paths were most of the time a sitemap file took to write again after an edit.
        var path: [UInt8] = []
        func appendPath(_ entry: Int, to buffer: inout [UInt8]) {
            path.removeAll(keepingCapacity: true)
            if entry < plan.articleCount {
                site.appendArticlePath(entry, to: &path)
            } else {
                path.append(contentsOf: lists[entry - plan.articleCount].path.utf8)
            }
            if path.withUnsafeBufferPointer({ XMLText.needsEscape($0) || $0.contains(where: MarkupEscape.isOutsideURI) }) {
                buffer.append(contentsOf: Field.xmlURL.encode(String(decoding: path, as: UTF8.self)).utf8)
            } else {
                buffer.append(contentsOf: path)
            }
        }
        func pathLength(_ entry: Int) -> Int {
            entry < plan.articleCount ? Permalinks.articleBytes(slugBytes: site.articles[entry].slugByteCount)
                : lists[entry - plan.articleCount].path.utf8.count
        }
        /// The article whose date an entry's page is dated by: an article's page its own.
        func datedBy(_ entry: Int) -> Int? {
            entry < plan.articleCount ? entry : newestArticle(on: lists[entry - plan.articleCount])
        }
        /// A file of entries, made as bytes in one buffer rather than a string each, and the
        /// newest date in it.
        func urlset(_ entries: Range<Int>) -> (contents: String, newest: String?) {
            var buffer = Array((header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n").utf8)
            // Made to its size at once: grown by doubling, a full sitemap file with its copies was
            // the largest item at the peak of a large site's build.
            buffer.reserveCapacity(buffer.count + entries.reduce(0) { $0 + pathLength($1) }
                                   + entries.count * (base.utf8.count + Self.entryMarkup) + 16)
            var newest: [UInt8]?
            for entry in entries {
                buffer.append(contentsOf: "<url><loc>".utf8)
                buffer.append(contentsOf: base.utf8)
                appendPath(entry, to: &buffer)
                buffer.append(contentsOf: "</loc>".utf8)
                if let article = datedBy(entry) {
                    buffer.append(contentsOf: "<lastmod>".utf8)
                    let start = buffer.count
                    dates.appendDay(site.articles[article].date, to: &buffer)
                    if newest.map({ $0.lexicographicallyPrecedes(buffer[start...]) }) ?? true {
                        newest = Array(buffer[start...])
                    }
                    buffer.append(contentsOf: "</lastmod>".utf8)
                }
                buffer.append(contentsOf: "</url>\n".utf8)
            }
            buffer.append(contentsOf: "</urlset>\n".utf8)
            return (String(decoding: buffer, as: UTF8.self), newest.map { String(decoding: $0, as: UTF8.self) })
        }
        guard count > maximumURLs else { return try write("sitemap.xml", urlset(0..<count).contents) }
        let chunks = stride(from: 0, to: count, by: maximumURLs).map { $0..<min(count, $0 + maximumURLs) }
        var index = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func addToIndex(_ path: String, newest: String?) {
            index += "<sitemap><loc>\(Field.xmlURL.encode(site.config.baseURL + path))</loc>"
            if let newest { index += "<lastmod>\(newest)</lastmod>" }
            index += "</sitemap>\n"
        }
        if let articles {
            var numbers = Set(articles.map { $0 / maximumURLs })
            for (position, page) in listed.enumerated() where changedLists.contains(page) {
                numbers.insert((plan.articleCount + position) / maximumURLs)
            }
            for number in numbers.sorted() {
                try write("sitemap-\(number + 1).xml", urlset(chunks[number]).contents)
            }
            guard !changedLists.isEmpty else { return }
            // Each file's newest date, without making the files: the newest article is the lowest ID.
            for (number, entries) in chunks.enumerated() {
                let newest = entries.compactMap(datedBy).min()
                addToIndex("sitemap-\(number + 1).xml", newest: newest.map { dates.day(site.articles[$0].date) })
            }
        } else {
            for (number, entries) in chunks.enumerated() {
                let path = "sitemap-\(number + 1).xml"
                let (contents, newest) = urlset(entries)
                try write(path, contents)
                addToIndex(path, newest: newest)
            }
        }
        index += "</sitemapindex>\n"
        try write("sitemap.xml", index)
    }

    /// The bytes of an entry besides its URL: `<url><loc></loc><lastmod>YYYY-MM-DD</lastmod></url>` and a line break.
    static let entryMarkup = 52

    private func newestArticle(on page: PagePlan.Page) -> Int? {
        switch page.kind {
        case .article(let id): return id
        case .home(let pagination), .tag(_, let pagination), .country(_, let pagination): return pagination.articleIDs.first
        case .archiveYear(let year): return site.publishedYears.first { $0.year == year }?.months.first?.articleIDs.first
        case .archiveMonth(_, _, let pagination?): return pagination.articleIDs.first
        case .archiveMonth(let year, let month, nil):
            return site.archive.articleIDs(year: year, month: month).first
        case .tagIndex, .countryIndex, .archiveIndex: return site.articles.isEmpty ? nil : 0
        case .notFound, .about: return nil
        }
    }
}
