import Foundation
import Testing
@testable import Core

@Suite("Article metadata")
struct ArticleMetadataTests {
    let date = Date(timeIntervalSince1970: 86_400)

    @Test("the path, title, dek and slug, kept in one string, read back as given, whatever is set after")
    func packedFields() {
        var article = ArticleMetadata(sourcePath: "2025/01/café-ürün.md", format: .text, title: "Karachi’s floods — what next?",
                                      dek: "A dek with an emoji 🌊 and an accent é", date: date, slug: "karachis-floods")
        #expect(article.sourcePath == "2025/01/café-ürün.md")
        #expect(article.title == "Karachi’s floods — what next?")
        #expect(article.dek == "A dek with an emoji 🌊 and an accent é")
        #expect(article.slug == "karachis-floods")

        article.title = "Short"
        #expect(article.title == "Short" && article.dek == "A dek with an emoji 🌊 and an accent é" && article.slug == "karachis-floods")
        article.slug = "karachis-floods-2"
        #expect(article.slug == "karachis-floods-2" && article.sourcePath == "2025/01/café-ürün.md")
        article.dek = nil
        #expect(article.dek == nil && article.slug == "karachis-floods-2" && article.title == "Short")
        article.dek = ""
        #expect(article.dek == "", "an empty dek is not the same as none")
        article.sourcePath = "x.md"
        #expect(article.sourcePath == "x.md" && article.title == "Short" && article.dek == "" && article.slug == "karachis-floods-2")

        // A field that begins with a combining mark: side by side, it joins the letter before
        // it into one character, and each field still reads back scalar for scalar.
        let joined = ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "Cafe", dek: "\u{301} and more",
                                     date: date, slug: "\u{301}")
        #expect(Array(joined.title.unicodeScalars) == Array("Cafe".unicodeScalars))
        #expect(Array(joined.dek!.unicodeScalars) == Array("\u{301} and more".unicodeScalars))
        #expect(Array(joined.slug.unicodeScalars) == Array("\u{301}".unicodeScalars))
    }

    @Test("two articles are equal only when every field is, a dek of nothing apart from an empty one")
    func equality() {
        let first = ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "ab", date: date, slug: "c")
        #expect(first == ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "ab", date: date, slug: "c"))
        // The same bytes one after the other, divided otherwise.
        #expect(first != ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "a", dek: "b", date: date, slug: "c"))
        #expect(first != ArticleMetadata(sourcePath: "a.md", format: .markdown, title: "ab", dek: "", date: date, slug: "c"))
        #expect(first != ArticleMetadata(sourcePath: "a.m", format: .markdown, title: "dab", date: date, slug: "c"))
    }

    @Test("source paths compare in place as strings do")
    func pathComparisons() {
        let paths = ["b/a.md", "a/b.md", "a/é.md", "a/e\u{301}z.md", "a/z.md", "A.md", "a/b.md.txt"]
        let articles = paths.map { ArticleMetadata(sourcePath: $0, format: .markdown, title: "Title of \($0)", date: date, slug: "s") }
        for (first, firstPath) in zip(articles, paths) {
            for (second, secondPath) in zip(articles, paths) {
                #expect(first.sourcePathPrecedes(second) == (firstPath < secondPath), "\(firstPath) against \(secondPath)")
            }
            #expect(first.hasSourcePath(firstPath))
        }
        #expect(!articles[1].hasSourcePath("a/b.m"))
        #expect(!articles[1].hasSourcePath("a/b.md.txt"))
    }

    @Test("coded by each field's own name")
    func coding() throws {
        let article = ArticleMetadata(sourcePath: "2025/a.md", format: .text, title: "Title", dek: "Dek", byline: "By", date: date,
                                      hasTime: true, countries: ["PK"], tags: ["trade"], slug: "title", wordCount: 12, bodyLine: 7)
        let data = try JSONEncoder().encode(article)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["sourcePath"] as? String == "2025/a.md" && object["title"] as? String == "Title")
        #expect(object["dek"] as? String == "Dek" && object["slug"] as? String == "title")
        #expect(try JSONDecoder().decode(ArticleMetadata.self, from: data) == article)
    }
}
