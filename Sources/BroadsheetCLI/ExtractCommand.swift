import ArgumentParser
import BroadsheetKit
import Core
import Foundation
import Loading

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print what the loader reads from article files, as JSON Lines."
    )

    @Flag(help: "One JSON object per file, one per line (the only format for now).")
    var jsonl = false

    @Option(name: .long, help: "A site folder whose site.yml gives the time zone.")
    var site: String?

    @Option(name: .customLong("time-zone"), help: "IANA time zone that decides the calendar day of dates without one (overrides site.yml).")
    var timeZone: String?

    @Argument(help: "Article files (.txt or .md).")
    var files: [String]

    func run() throws {
        let config = try SiteOptions.config(site: site, timeZone: timeZone)
        let extractor = ArticleExtractor(fileSystem: LocalFileSystem(), config: config)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = ""
        for article in extractor.extract(files) {
            let data = try encoder.encode(article)
            output += String(decoding: data, as: UTF8.self) + "\n"
            if output.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
