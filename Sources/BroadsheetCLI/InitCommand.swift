import ArgumentParser
import BroadsheetKit
import Core
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new site: site.yml, Content/ with a first article, and a note on changing the theme."
    )

    @Argument(help: "The folder of the new site (made when missing).")
    var directory: String

    @Option(name: .long, help: "The site's title (default: the folder's name).")
    var title: String?

    func run() throws {
        let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        do {
            let written = try SiteScaffold(directory: directory, fileSystem: LocalFileSystem()).create(title: title ?? name)
            for path in written { print("wrote \(path)") }
            print("Next: broadsheet serve --site \(directory)")
        } catch {
            printToStandardError(error.description)
            throw ExitCode.failure
        }
    }
}
