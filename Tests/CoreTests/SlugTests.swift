import Foundation
import Testing
@testable import Core

@Suite("Slugs")
struct SlugTests {
    @Test("term and article slugs follow Hugo's rule")
    func rule() {
        #expect(Slug.make("United States") == "united-states")
        #expect(Slug.make("Afghanistan’s Taliban govt makes first trip") == "afghanistans-taliban-govt-makes-first-trip")
        #expect(Slug.make("Côte d'Ivoire") == "cote-divoire")
        #expect(Slug.make("  --Hello,   World!-- ") == "hello-world")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("?!#") == "")
        #expect(Slug.make("کراچی میں بارش") == "کراچی-میں-بارش")
    }

    @Test("long slugs are cut at a word boundary")
    func length() {
        let slug = Slug.make(String(repeating: "word ", count: 40))
        #expect(slug.count <= 80)
        #expect(slug.hasSuffix("word"))
    }
}
