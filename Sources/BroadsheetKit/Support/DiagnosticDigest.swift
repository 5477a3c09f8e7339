import Core

/// Which of a build's diagnostics to print. A large archive can raise the same warning for a
/// thousand articles (two headlines in one month wanting one URL), and a terminal of them hides
/// the one that matters. Every error is shown; of the warnings, the first `warningsPerStage` of
/// each stage, and a line for each stage saying how many more there were.
public struct DiagnosticDigest: Sendable, Equatable {
    /// The diagnostics to print, in the order the build reported them.
    public var shown: [Diagnostic]
    /// The warnings left out, counted by stage, in pipeline order.
    public var omitted: [Stage: Int]

    /// How many warnings of one stage are printed unless the user asks for them all.
    public static let defaultWarningsPerStage = 10

    /// - Parameter warningsPerStage: nil to show every warning.
    public init(_ diagnostics: [Diagnostic], warningsPerStage: Int? = DiagnosticDigest.defaultWarningsPerStage) {
        var shownPerStage: [Stage: Int] = [:]
        var shown: [Diagnostic] = []
        var omitted: [Stage: Int] = [:]
        for diagnostic in diagnostics {
            if diagnostic.severity == .warning, let limit = warningsPerStage {
                guard shownPerStage[diagnostic.stage, default: 0] < limit else {
                    omitted[diagnostic.stage, default: 0] += 1
                    continue
                }
                shownPerStage[diagnostic.stage, default: 0] += 1
            }
            shown.append(diagnostic)
        }
        self.shown = shown
        self.omitted = omitted
    }

    /// One line per stage with warnings left out, saying how to see them: `howToSeeAll` is the
    /// option or place that lists every one.
    public func omittedLines(howToSeeAll: String) -> [String] {
        Stage.allCases.compactMap { stage in
            guard let count = omitted[stage] else { return nil }
            return "… and \(count) more [\(stage.rawValue)] warning\(count == 1 ? "" : "s") (\(howToSeeAll))"
        }
    }
}
