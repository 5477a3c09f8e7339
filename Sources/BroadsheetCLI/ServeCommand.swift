import ArgumentParser
import BroadsheetKit
import Core
import Foundation
import Logging
import Serve

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally and rebuild and reload pages on every change."
    )

    @Option(name: .long, help: "The site folder, holding Content/, Templates/ and site.yml.")
    var site: String = "."

    @Option(name: .long, help: "The interface to listen on; anything but loopback exposes the preview to the network.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .customLong("cache-dir"), help: "Where build state and the preview live (default: <site>/.broadsheet-cache).")
    var cacheDirectory: String?

    @Flag(help: "Open the site in the default browser once it is ready.")
    var open = false

    func run() async throws {
        var logger = Logger(label: "broadsheet")
        logger.logLevel = .info
        if !PreviewServer.isLoopback(host) {
            logger.warning("listening on \(host): anyone who can reach this machine can read the preview")
        }
        let server = PreviewServer(
            options: BuildOptions(siteDirectory: site, cacheDirectory: cacheDirectory),
            host: host, port: port, logger: logger)
        let open = self.open
        try await server.run { url in
            print("Serving \(url) (Ctrl-C to stop)")
            fflush(nil)
            if open {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["xdg-open", url]
                try? process.run()
            }
        }
        print("Stopped.")
    }
}
