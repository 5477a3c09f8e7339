import ArgumentParser

@main
struct Broadsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "A static site generator for news archives.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, ExtractCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
