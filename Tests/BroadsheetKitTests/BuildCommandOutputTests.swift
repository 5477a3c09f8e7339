import BroadsheetKit
import Foundation
import Testing

@Suite("What `broadsheet build` prints")
struct BuildCommandOutputTests {
    /// Runs the CLI and returns its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = FixtureSite.binary
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both to the end before waiting: a full pipe would stall the build.
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    /// Fifteen articles of one month under one headline: fourteen get numbered URLs, each with a warning.
    static func sameHeadlines() throws -> FixtureSite {
        var files = ["site.yml": "title: Letters\nbase_url: https://example.org/\n"]
        for day in 1...15 {
            files["Content/letter-\(String(format: "%02d", day)).md"] = """
            ---
            title: Letters to the editor
            date: 2024-05-\(String(format: "%02d", day))
            ---
            Letter number \(day).
            """
        }
        return try FixtureSite(files: files)
    }

    @Test("warnings are compiler-style lines on standard error, the first ten of a stage and a count of the rest")
    func cappedWarnings() throws {
        let site = try Self.sameHeadlines()
        defer { site.remove() }
        let build = try Self.run(["build", "--site", site.path])
        #expect(build.status == 0)
        let lines = build.errors.split(separator: "\n").map(String.init).filter { !$0.contains("%") }
        let warnings = lines.filter { $0.contains(": warning: [index] another article already has the URL") }
        #expect(warnings.count == 10, "\(build.errors)")
        // Each starts with the article's path, as editors and terminals read it, with nothing before.
        #expect(warnings.allSatisfy { $0.hasPrefix(site.path + "/Content/letter-") })
        #expect(lines.contains("… and 4 more [index] warnings (--all-warnings prints every one)"), "\(build.errors)")
        #expect(build.output.contains("; 14 warnings"))

        let all = try Self.run(["build", "--site", site.path, "--all-warnings"])
        #expect(all.status == 0)
        #expect(all.errors.components(separatedBy: ": warning: [index]").count - 1 == 14)
        #expect(!all.errors.contains("more [index] warnings"))

        let quiet = try Self.run(["build", "--site", site.path, "--quiet"])
        #expect(quiet.errors.isEmpty && quiet.output.isEmpty)
    }
}
