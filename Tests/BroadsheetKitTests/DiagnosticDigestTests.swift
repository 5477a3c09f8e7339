import BroadsheetKit
import Core
import Testing

@Suite("Diagnostic digest")
struct DiagnosticDigestTests {
    static func collision(_ index: Int) -> Diagnostic {
        .warning(.index, file: "Content/2025/01/story-\(index).txt", "another article already has the URL for slug `story`; this one is published as `story-\(index)`")
    }

    @Test("every error is shown; of the warnings, the first of each stage, in the order reported, and the rest counted")
    func capsWarningsPerStage() {
        let undated = Diagnostic.warning(.load, file: "Content/undated.txt", line: 3, "no date")
        let broken = Diagnostic.error(.load, file: "Content/broken.txt", line: 1, "not UTF-8; skipped")
        let diagnostics = (1...4).map(Self.collision) + [undated] + (5...7).map(Self.collision) + [broken]
        let digest = DiagnosticDigest(diagnostics, warningsPerStage: 3)
        #expect(digest.shown == (1...3).map(Self.collision) + [undated, broken])
        #expect(digest.omitted == [.index: 4])
        #expect(digest.omittedLines(howToSeeAll: "--all-warnings prints every one")
            == ["… and 4 more [index] warnings (--all-warnings prints every one)"])
    }

    @Test("errors are never left out, however many; without a limit every warning is shown")
    func errorsAndNoLimit() {
        let errors = (1...30).map { Diagnostic.error(.load, file: "Content/bad-\($0).txt", "unreadable") }
        let capped = DiagnosticDigest(errors + [Self.collision(1), Self.collision(2)], warningsPerStage: 1)
        #expect(capped.shown.count == 31)
        #expect(capped.omittedLines(howToSeeAll: "x") == ["… and 1 more [index] warning (x)"])
        let all = (1...25).map(Self.collision)
        let unlimited = DiagnosticDigest(all, warningsPerStage: nil)
        #expect(unlimited.shown == all)
        #expect(unlimited.omitted.isEmpty)
        #expect(unlimited.omittedLines(howToSeeAll: "x").isEmpty)
    }
}
