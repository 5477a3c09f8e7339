import ArgumentParser
import BroadsheetKit
import Core
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert article text files into Markdown with front matter."
    )

    @Argument(help: "Article text files to convert.")
    var sources: [String]

    @Option(name: .long, help: "The folder to write the .md files to (for example Content/).")
    var into: String

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    @Option(name: .long, help: "A site folder whose site.yml gives the time zone and chrome patterns.")
    var site: String?

    @Option(name: .customLong("time-zone"), help: "IANA time zone for dates without one (overrides site.yml).")
    var timeZone: String?

    func run() throws {
        let config = try SiteOptions.config(site: site, timeZone: timeZone)
        let importer = ArticleImporter(fileSystem: LocalFileSystem(), config: config)
        var wrote = 0, skipped = 0, failed = 0
        for (source, outcome) in importer.importFiles(sources, into: into, force: force) {
            switch outcome {
            case .wrote(let path):
                wrote += 1
                print("wrote \(path)")
            case .skippedExisting(let path):
                skipped += 1
                print("skipped \(path): it exists (use --force to overwrite)")
            case .failed(let message):
                failed += 1
                printToStandardError("\(source): error: \(message)")
            }
        }
        print("\(wrote) written, \(skipped) skipped, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }
}
