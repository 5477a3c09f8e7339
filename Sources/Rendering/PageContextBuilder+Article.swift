import Core
import Foundation
import Site
import Taxonomy
import TemplateEngine

/// An article's page: its summary fields, body, terms, neighbours, related articles and JSON-LD.
extension PageContextBuilder {
    /// - Parameter related: the article's related articles, when already found.
    public func article(id: Int, bodyHTML: String, related: [Int]? = nil) -> PageContext {
        let article = site.articles[id]
        var context = common(path: site.articlePath(id), title: "\(article.title) — \(site.config.title)",
                             description: article.dek ?? site.config.description)
        var view = summaryFields(id)
        if let html = summaryView?(id).html { view["summary_html"] = .string(html) }
        view["body_html"] = TemplateValue(bodyHTML)
        view["reading_minutes"] = TemplateValue(max(1, (article.wordCount + 229) / 230))
        view["word_count"] = TemplateValue(article.wordCount)
        let tagIndices = site.tagIndices(of: id)
        view["tags"] = TemplateValue(tagIndices.map { tagLinks[$0] })
        view["has_tags"] = TemplateValue(!tagIndices.isEmpty)
        if let chipView {
            view["tags_html"] = TemplateValue(tagIndices.map { chipView(termKey(tag: $0)) }.joined())
            view["countries_html"] = TemplateValue(site.countryIndices(of: id).map { chipView(termKey(country: $0)) }.joined())
        }
        view["source"] = article.format == .text ? .string(article.sourcePath) : false
        // Neighbours in time: a smaller ID is newer.
        view["newer"] = id > 0 ? .object(summary(id - 1)) : false
        view["older"] = id + 1 < site.articles.count ? .object(summary(id + 1)) : false
        let related = (related ?? RelatedArticles.find(for: id, in: site)).map(summary)
        view["related"] = TemplateValue(related)
        if let html = Self.html(of: related) { view["related_html"] = .string(html) }
        view["has_related"] = TemplateValue(!related.isEmpty)
        view["json_ld"] = TemplateValue(jsonLD(id: id))
        // An Urdu or Arabic article on an English site still reads right to left.
        view["dir"] = TemplateValue(Self.dominantDirection(article.title + " " + (article.dek ?? "")))
        context["article"] = TemplateValue(view)
        context["is_article"] = true
        var page = context["page"]?.members ?? [:]
        page["og_type"] = TemplateValue(Self.articleOpenGraphType)
        page["published_time"] = TemplateValue(dates.iso8601(article.date))
        context["page"] = TemplateValue(page)
        return context
    }

    /// schema.org `NewsArticle` for search engines, written by hand with its keys in sorted order
    /// straight into one string (`Field.jsonLD`: no article text can close its script element).
    func jsonLD(id: Int) -> String {
        let article = site.articles[id]
        var json = #"{"@context":"https://schema.org","@type":"NewsArticle","#
        json.reserveCapacity(512 + article.title.utf8.count + (article.dek?.utf8.count ?? 0))
        func field(_ key: String, _ value: String) {
            json += "\""
            json += key
            json += "\":"
            Field.jsonLD.append(value, to: &json)
            json += ","
        }
        if let byline = article.byline {
            json += #""author":{"@type":"Person","name":"#
            Field.jsonLD.append(byline, to: &json)
            json += "},"
        }
        field("datePublished", dates.iso8601(article.date))
        if let dateline = article.dateline { field("dateline", dateline) }
        if let dek = article.dek { field("description", dek) }
        field("headline", article.title)
        field("inLanguage", site.config.language)
        let tags = site.tagIndices(of: id), countries = site.countryIndices(of: id)
        if !tags.isEmpty || !countries.isEmpty {
            json += #""keywords":["#
            var first = true
            for name in tags.map({ site.tags[$0].name }) + countries.map({ site.countries[$0].name }) {
                if !first { json += "," }
                first = false
                Field.jsonLD.append(name, to: &json)
            }
            json += "],"
        }
        field("mainEntityOfPage", absoluteURL(site.articlePath(id)))
        json += #""publisher":{"@type":"Organization","name":"#
        Field.jsonLD.append(site.config.title, to: &json)
        json += "}}"
        return json
    }
}
