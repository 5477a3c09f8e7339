/// Each format's fields by what its readers take them for. RSS 2.0 gives its elements no type:
/// readers render `description` as HTML and guess for titles, so both are written as HTML. Atom
/// says `type="text"` by default, Dublin Core's `creator` is text, and JSON Feed names its HTML
/// fields, so theirs stay text.
extension Field {
    /// RSS `title` and `description`, channel and item.
    public static let rssHTML = Field(.html, in: .xml)
    /// RSS `link`, `guid` and `atom:link`; sitemap `loc`.
    public static let xmlURL = Field(.url, in: .xml)
    /// Atom `title`, `subtitle`, `summary` and `author/name` (`type="text"`); RSS `dc:creator`
    /// and `language`; SVG text.
    public static let xmlText = Field(.text, in: .xml)
    /// JSON Feed `title`, `summary`, `description` and `authors[].name`.
    public static let jsonText = Field(.text, in: .json)
    /// JSON Feed `content_html`.
    public static let jsonHTML = Field(.html, in: .json)
    /// JSON Feed `url`, `id`, `home_page_url` and `feed_url`.
    public static let jsonURL = Field(.url, in: .json)
    /// JSON-LD in a page's `<script type="application/ld+json">`: schema.org text.
    public static let jsonLD = Field(.text, in: .scriptJSON)
    /// A page's text and attribute values, `<meta content>` among them (`{{name}}` in templates).
    public static let htmlText = Field(.text, in: .html)
}
