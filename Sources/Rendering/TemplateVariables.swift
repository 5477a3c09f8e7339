import Core

/// Every name a template can look up: the keys `PageContextBuilder` puts in page contexts, at
/// any depth (`page.title`, `articles` → `dek`). A tag naming anything else is a typo that would
/// silently render as nothing, since Mustache treats a missing name as empty; `--strict` makes
/// it an error with its file, line and column. A test keeps this list equal to what the
/// contexts really hold.
public enum TemplateVariables {
    public static let known: Set<String> = [
        "about", "anchor", "archive", "article", "articles", "articles_html", "atom_url", "base_path", "base_url", "body_html",
        "breadcrumbs", "byline", "canonical", "count", "count_text", "countries", "countries_html", "country_count", "date",
        "date_range", "dateline", "datetime", "days", "dek", "description", "dir", "feed", "feed_title", "feed_url",
        "first_date", "flag", "has_breadcrumbs", "has_countries", "has_days", "has_letters", "has_neighbours",
        "has_related", "has_related_countries", "has_related_tags", "has_related_terms", "has_tags", "has_term_feed",
        "has_top_terms", "heading", "home", "is_article", "is_countries", "is_home", "is_tags", "is_year",
        "json_feed_url", "json_ld", "kicker", "label", "language", "last_date", "latest", "letter", "letters",
        "months", "name", "nav", "neighbours", "newer", "next_url", "number", "og_type", "older", "page",
        "pagination", "path", "photo_credit", "previous_url", "published_time", "reading_minutes", "region",
        "regions", "related", "related_countries", "related_html", "related_tags", "related_terms_html", "site", "source", "stylesheet", "subregion", "summary_html",
        "tag_count", "tags", "tags_html", "terms", "title", "top_countries", "top_tags", "url", "word_count", "world_map",
        "year", "years",
    ]

    /// Variable and section tags whose names (or any part of a dotted name) are not known.
    public static func unknown(in text: String, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for tag in TemplateSet.tags(in: text) {
            guard let sigil = tag.sigil, ["", "{", "&", "#", "^"].contains(sigil), tag.name != "." else { continue }
            for part in tag.name.split(separator: ".") where !known.contains(String(part)) {
                problems.append(.warning(.render, file: file, line: tag.line, column: tag.column,
                                       "`\(tag.text)` uses `\(part)`, which no page provides (see docs/templates.md)"))
                break
            }
        }
        return problems
    }
}
