import Foundation
import Testing
@testable import Core

@Suite("Shared strings")
struct SharedStringsTests {
    @Test("long names repeated across articles come back as one copy; the articles read the same")
    func sharing() {
        var pool = SharedStrings()
        func article(_ path: String) -> ArticleMetadata {
            // Built at run time, so that each article has strings of its own.
            let tag = ["no-confidence", "motion"].joined(separator: " ")
            return ArticleMetadata(sourcePath: path, format: .markdown, title: path, byline: ["Mehwish", "Kowalski"].joined(separator: " "),
                                   date: Date(timeIntervalSince1970: 0), tags: [tag, "trade"], slug: path)
        }
        var first = article("a"), second = article("b")
        let unshared = second
        first.share(&pool)
        second.share(&pool)
        #expect(second == unshared, "sharing changes no value")
        func storage(_ text: String) -> UInt? {
            var text = text
            return text.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        }
        #expect(storage(first.tags[0]) == storage(second.tags[0]))
        #expect(storage(first.byline!) == storage(second.byline!))
        #expect(storage(unshared.tags[0]) != storage(second.tags[0]), "the second article's own copy is let go")
        #expect(pool.share("trade") == "trade")
    }
}
