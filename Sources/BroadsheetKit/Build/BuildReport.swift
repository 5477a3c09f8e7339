import Site

/// What a build did: time per phase, counts, and every problem it found.
public struct BuildReport: Sendable {
    public struct Phase: Sendable {
        public var name: String
        public var seconds: Double
        /// The process's peak resident memory when the phase ended: the phase where it rises is
        /// the one that needed it.
        public var peakBytes: Int = 0
        /// What was resident when the phase ended (on Linux; nil where it cannot be known):
        /// what the phases before it left held.
        public var residentBytes: Int? = nil
    }

    public var phases: [Phase] = []
    public var articles = 0
    public var drafts = 0
    public var pages = 0
    /// Pages whose inputs had not changed since the last build: their files were kept, not rendered.
    public var pagesReused = 0
    /// Pages rendered again that came out as their files already were: the files were kept, not written.
    public var pagesAsBefore = 0
    /// Content files read and parsed (the rest came from the load cache, when there is one).
    public var filesRead = 0
    public var feeds = 0
    public var tags = 0
    public var countries = 0
    public var files = 0
    /// Files a build from the saved model added to the output folder, less those it removed.
    var outputFilesAdded = 0
    /// Whether a build from the saved model saved the model whole again, its edits taken in.
    var savedModelCompacted = false
    /// Whether the model came from the one the last build saved (only what pages show of a few
    /// articles had changed), not from the whole archive.
    public var restoredModel = false
    /// The pages written ahead of the rest (`PreviewMemory.editedPagesWritten`), by their paths
    /// in the output folder.
    public var pagesWrittenFirst: [String] = []
    /// Articles a quick rebuild moved among the others by their new dates: the IDs in between
    /// changed, and whoever keeps articles by ID must follow.
    var articleMoves: [SiteModel.Move] = []
    public var outputDirectory = ""
    /// Warnings, and errors for articles that were skipped; the build still succeeded.
    public var diagnostics: [Core.Diagnostic] = []

    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }

    public var summary: String {
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let skipped = diagnostics.filter { $0.severity == .error }.count
        var text = "Built \(articles) articles into \(pages) pages (\(tags) tags, \(countries) countries, \(feeds) feeds) in \(outputDirectory)"
        if pagesReused > 0 || pagesAsBefore > 0 { text += " (\(renderedText), \(pagesReused) unchanged)" }
        text += String(format: " in %.2f s", totalSeconds)
        if skipped > 0 { text += "; \(skipped) file\(skipped == 1 ? "" : "s") skipped" }
        if warnings > 0 { text += "; \(warnings) warning\(warnings == 1 ? "" : "s")" }
        return text
    }

    /// How many pages were rendered, and how many of those came out as their files were.
    private var renderedText: String {
        "\(pages - pagesReused) rendered" + (pagesAsBefore > 0 ? ", \(pagesAsBefore) of them as their files were, not rewritten" : "")
    }

    public var phaseTable: String {
        var lines = phases.map { phase in
            let name = phase.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            var line = "  \(name)" + String(format: "%8.3f s", phase.seconds)
            if phase.peakBytes > 0 {
                line += String(format: "   peak %5.0f MB", Double(phase.peakBytes) / 1_048_576)
                if let resident = phase.residentBytes { line += String(format: ", held %5.0f MB", Double(resident) / 1_048_576) }
            }
            return line
        }
        lines.append("  articles \(articles), drafts \(drafts), pages \(pages) (\(renderedText)), tags \(tags), countries \(countries), feeds \(feeds), files \(files)")
        lines.append("  content files read \(filesRead)" + (restoredModel ? "; the rest of the model as the last build saved it" : ""))
        lines.append(String(format: "  peak memory %.0f MB", Double(Self.peakResidentBytes()) / 1_048_576))
        return lines.joined(separator: "\n")
    }

    /// The process's resident set size now, from `/proc/self/statm` (Linux only).
    public static func residentBytes() -> Int? {
        #if os(Linux)
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return nil
        #endif
    }

    /// The process's peak resident set size so far (`getrusage`; kilobytes on Linux, bytes on macOS).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }
}

import Core
import Foundation
