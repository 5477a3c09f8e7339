import ArgumentParser
import CAllocator

@main
struct Broadsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "A static site generator for news archives.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, ExtractCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    static func main() async {
        // A build's phases free hundreds of megabytes of one kind before making the next: the
        // allocator is asked to give it back (see CAllocator.h) before any is allocated.
        _ = broadsheet_limit_retained_memory()
        await main(nil)
    }
}
