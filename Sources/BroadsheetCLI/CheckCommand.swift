import ArgumentParser
import Core
import Foundation
import Loading
import Output

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a built site for broken internal links and anchors, missing assets and feeds that do not parse."
    )

    @Option(name: .long, help: "The site folder; its site.yml gives the base path.")
    var site: String = "."

    @Option(name: .long, help: "The built site to check (default: <site>/Output).")
    var output: String?

    func run() throws {
        let config = try SiteOptions.config(site: site, timeZone: nil)
        let folder = output ?? joinPath(site, "Output")
        let summary: SiteChecker.Summary
        do {
            summary = try SiteChecker(directory: folder, basePath: config.basePath, fileSystem: LocalFileSystem()).check()
        } catch {
            printToStandardError(error.description)
            throw ExitCode.failure
        }
        for problem in summary.problems {
            printToStandardError(problem.description)
        }
        print("Checked \(summary.pages) pages, \(summary.links) links, \(summary.feeds) feeds and sitemaps: \(summary.problems.count) problem\(summary.problems.count == 1 ? "" : "s")")
        if !summary.problems.isEmpty { throw ExitCode.failure }
    }
}
