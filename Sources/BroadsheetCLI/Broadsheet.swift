import ArgumentParser
import CAllocator
import Foundation

@main
struct Broadsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "A static site generator for news archives.",
        version: "0.1.0",
        subcommands: [InitCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, ExtractCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    static func main() async {
        // A build's phases free hundreds of megabytes of one kind before making the next: the
        // allocator is asked to give it back (see CAllocator.h) before any is allocated.
        _ = broadsheet_limit_retained_memory()
        await main(nil)
    }
}

/// One line on standard error: diagnostics and problems, kept apart from the summary on
/// standard output.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
