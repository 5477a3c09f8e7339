import ArgumentParser
import BroadsheetKit
import Core
import Foundation
import Logging

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from Content/ and Templates/ into Output/."
    )

    @Option(name: .long, help: "The site folder, holding Content/, Templates/ and site.yml.")
    var site: String = "."

    @Option(name: .long, help: "Where to write the site (default: <site>/Output).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "The URL the site is published at; overrides base_url in site.yml.")
    var baseURL: String?

    @Option(name: .customLong("cache-dir"), help: "Where build state lives (default: <site>/.broadsheet-cache).")
    var cacheDirectory: String?

    @Flag(name: .customLong("relative-urls"), help: "Write links relative to each page, so that the site also works from file://.")
    var relativeURLs = false

    @Flag(help: "Remove every file in the output folder that this build did not write.")
    var clean = false

    @Flag(help: "Fail the build on any warning or skipped file.")
    var strict = false

    @Option(name: .shortAndLong, help: "Threads that load and render (default: one per core). The output is the same for any number.")
    var jobs: Int?

    @Flag(help: "Print the time each phase took, counts and peak memory.")
    var stats = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .customLong("all-warnings"), help: "Print every warning, not only the first \(DiagnosticDigest.defaultWarningsPerStage) of each stage.")
    var allWarnings = false

    func run() throws {
        let logger = Logger(label: "broadsheet")
        var options = BuildOptions(siteDirectory: site, outputDirectory: output, baseURL: baseURL,
                                   cacheDirectory: cacheDirectory, strict: strict, relativeURLs: relativeURLs, clean: clean)
        if let jobs {
            guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
            options.jobs = jobs
        }
        let display = ProgressDisplay()
        var hooks = BuildHooks()
        if !quiet { hooks.progress = { display.update($0) } }
        hooks.waitingForOtherBuild = { cache in
            logger.notice("waiting for another build of this site to finish (it holds \(joinPath(cache, "build.lock")))")
        }
        let builder = SiteBuilder(options: options, mode: .command(endsProcess: true), hooks: hooks, fileSystem: LocalFileSystem())
        let report: BuildReport
        defer { display.finish() }
        do {
            report = try builder.build()
        } catch {
            display.finish()
            printToStandardError(error.description)
            throw ExitCode.failure
        }
        // Compiler-style lines (`file:line: warning: [stage] message`), as editors read them.
        let reported = quiet ? report.diagnostics.filter { $0.severity == .error } : report.diagnostics
        let digest = DiagnosticDigest(reported, warningsPerStage: allWarnings ? nil : DiagnosticDigest.defaultWarningsPerStage)
        for diagnostic in digest.shown { printToStandardError(diagnostic.description) }
        for line in digest.omittedLines(howToSeeAll: "--all-warnings prints every one") { printToStandardError(line) }
        if !quiet { print(report.summary) }
        if stats { print(report.phaseTable) }
        if strict && !report.diagnostics.isEmpty { throw ExitCode.failure }
    }
}
