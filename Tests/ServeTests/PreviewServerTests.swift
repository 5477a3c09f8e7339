import BroadsheetKit
import Core
import Foundation
import Logging
import Serve
import Testing

@Suite("Preview server", .serialized)
struct PreviewServerTests {
    /// How long a test waits for an event before it fails: a guard against a hang, not a
    /// speed target (`Benchmarks/serve-latency` measures how soon an edit shows). On a loaded
    /// machine a second was not always enough.
    static let eventWait = 30.0

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A small site in a temporary folder, served on a free port for the length of `body`.
    /// `prepare` runs on the site before the server starts.
    static func withServer(prepare: (URL) throws -> Void = { _ in }, logger given: Logger? = nil,
                           _ body: (_ port: Int, _ site: URL) async throws -> Void) async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let content = site.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Templates"), to: site.appendingPathComponent("Templates"))
        try Data(contentsOf: repository.appendingPathComponent("Content/seed/000_630e8bf078d2bd28.txt"))
            .write(to: content.appendingPathComponent("seed.txt"))
        try "---\ntitle: Second story\ndate: 2025-01-05\ncountries: [JP]\n---\nThe first version.\n"
            .write(to: content.appendingPathComponent("second.md"), atomically: true, encoding: .utf8)
        try "title: Preview\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        // Something outside the site that a symbolic link inside it points to.
        let secret = site.appendingPathComponent("secret.txt")
        try "top secret".write(to: secret, atomically: true, encoding: .utf8)

        try prepare(site)

        var logger = Logger(label: "test")
        logger.logLevel = .critical
        if let given { logger = given }
        let server = PreviewServer(options: BuildOptions(siteDirectory: site.path), port: 0, logger: logger)
        let ready = AsyncStream<String>.makeStream()
        let task = Task {
            try await server.run(handleSignals: false) { url in ready.continuation.yield(url) }
        }
        defer { task.cancel() }
        var iterator = ready.stream.makeAsyncIterator()
        guard let url = await iterator.next(), let port = URL(string: url)?.port else {
            Issue.record("the server did not start")
            return
        }
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent(".broadsheet-cache/preview/leak.txt").path,
                                                   withDestinationPath: secret.path)
        try await body(port, site)
        task.cancel()
        _ = try? await task.value
    }

    @Test("pages, feeds and assets come with the right status and type")
    func contentTypes() async throws {
        try await Self.withServer { port, _ in
            let home = try await RawHTTPClient.fetch(port: port, path: "/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(home.headers["cache-control"] == "no-cache")
            #expect(home.body.contains("Second story"))
            #expect(home.body.contains("<script src=\"/__broadsheet/reload.js\"></script>\n</body>"))
            let expectations: [(String, String)] = [
                ("/index.xml", "application/xml"), ("/atom.xml", "application/xml"), ("/feed.json", "application/json"),
                ("/sitemap.xml", "application/xml"), ("/style.css", "text/css"), ("/robots.txt", "text/plain"),
                ("/__broadsheet/reload.js", "text/javascript"),
            ]
            for (path, type) in expectations {
                let response = try await RawHTTPClient.fetch(port: port, path: path)
                #expect(response.status == 200, "\(path)")
                #expect(response.headers["content-type"]?.hasPrefix(type) == true, "\(path): \(response.headers["content-type"] ?? "none")")
            }
            let redirect = try await RawHTTPClient.fetch(port: port, path: "/countries")
            #expect(redirect.status == 301 || redirect.status == 308)
            #expect(redirect.headers["location"] == "/countries/")
            let missing = try await RawHTTPClient.fetch(port: port, path: "/no/such/page/")
            #expect(missing.status == 404)
            #expect(missing.body.contains("Page not found"))
            let head = try await RawHTTPClient.fetch(port: port, method: "HEAD", path: "/")
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == String(home.body.utf8.count))
            let etag = try #require(home.headers["etag"])
            let revalidated = try await RawHTTPClient.fetch(port: port, path: "/", headers: ["If-None-Match": etag])
            #expect(revalidated.status == 304)
        }
    }

    @Test("no request reaches a file outside the site")
    func traversal() async throws {
        try await Self.withServer { port, _ in
            for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/hostname", "/..%2fsecret.txt",
                         "//etc/hostname", "/leak.txt", "/articles/..%2f..%2f..%2fsecret.txt"] {
                let response = try await RawHTTPClient.fetch(port: port, path: path)
                #expect(response.status == 400 || response.status == 404, "\(path): \(response.status)")
                #expect(!response.body.contains("top secret"), "\(path)")
                #expect(!response.body.contains("localhost"), "\(path)")
            }
        }
    }

    @Test("an edit reloads open pages with the new page; a broken template shows an error, a fix recovers")
    func liveReload() async throws {
        try await Self.withServer { port, site in
            let events = RawHTTPClient(port: port)
            try events.send(method: "GET", path: "/__broadsheet/events", headers: [:])
            #expect(try await events.waitAsync(": connected", timeout: Self.eventWait))

            try "---\ntitle: Second story, updated\ndate: 2025-01-05\ncountries: [JP]\n---\nThe second version.\n"
                .write(to: site.appendingPathComponent("Content/second.md"), atomically: true, encoding: .utf8)
            #expect(try await events.waitAsync("event: reload", timeout: Self.eventWait))
            let page = try await RawHTTPClient.fetch(port: port, path: "/articles/2025/01/second-story-updated/")
            #expect(page.status == 200)
            #expect(page.body.contains("The second version."))

            let list = site.appendingPathComponent("Templates/list.mustache")
            let good = try String(contentsOf: list, encoding: .utf8)
            try "{{<base}}{{$main}}{{#articles}}{{/main}}{{/base}}".write(to: list, atomically: true, encoding: .utf8)
            #expect(try await events.waitAsync("event: failure", timeout: Self.eventWait))
            #expect(events.text.contains("list.mustache"))
            // The last good site is still served.
            let stillServed = try await RawHTTPClient.fetch(port: port, path: "/")
            #expect(stillServed.body.contains("Second story, updated"))

            try good.write(to: list, atomically: true, encoding: .utf8)
            #expect(try await events.waitAsync("event: reload\ndata: 3", timeout: Self.eventWait))
        }
    }

    @Test("a country other articles have: the article's own page is written and reloaded first, every other page after")
    func editedPageFirst() async throws {
        func thirdStory(_ site: URL) throws {
            try "---\ntitle: Third story\ndate: 2025-01-06\ncountries: [JP, FR]\n---\nAnother story.\n"
                .write(to: site.appendingPathComponent("Content/third.md"), atomically: true, encoding: .utf8)
        }
        try await Self.withServer(prepare: thirdStory) { port, site in
            let events = RawHTTPClient(port: port)
            try events.send(method: "GET", path: "/__broadsheet/events", headers: [:])
            #expect(try await events.waitAsync(": connected", timeout: Self.eventWait))
            try "---\ntitle: Second story\ndate: 2025-01-05\ncountries: [JP, FR]\n---\nThe first version.\n"
                .write(to: site.appendingPathComponent("Content/second.md"), atomically: true, encoding: .utf8)
            let page = "articles/2025/01/second-story/index.html"
            #expect(try await events.waitAsync("event: pages\ndata: 2\ndata: \(page)\n\n", timeout: Self.eventWait))
            // The final reload spares the page already shown.
            #expect(try await events.waitAsync("event: reload\ndata: 3\ndata: \(page)\n\n", timeout: Self.eventWait))
            let france = try await RawHTTPClient.fetch(port: port, path: "/countries/france/")
            #expect(france.status == 200 && france.body.contains("Second story"))
            let article = try await RawHTTPClient.fetch(port: port, path: "/" + page)
            #expect(article.body.contains("/countries/france/"))
        }
    }

    @Test("a rebuild shows the warnings it finds anew, not those the terminal has shown")
    func warningsShownOnce() async throws {
        let log = RecordingLogHandler.Messages()
        var logger = Logger(label: "test") { _ in RecordingLogHandler(messages: log) }
        logger.logLevel = .info
        func letter(_ day: Int, _ text: String) -> String {
            "---\ntitle: Letters to the editor\ndate: 2025-02-\(String(format: "%02d", day))\n---\n\(text)\n"
        }
        try await Self.withServer(prepare: { site in
            for day in 1...3 {
                try letter(day, "Letter \(day).").write(to: site.appendingPathComponent("Content/letter-\(day).md"), atomically: true, encoding: .utf8)
            }
        }, logger: logger) { port, site in
            func collisions() -> [String] { log.all.filter { $0.contains("another article already has the URL") } }
            func waitForRebuild(_ count: Int) async throws {
                let deadline = Date().addingTimeInterval(Self.eventWait)
                while log.all.filter({ $0.hasPrefix("rebuilt") }).count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(log.all.filter { $0.hasPrefix("rebuilt") }.count == count, "\(log.all)")
            }
            try await waitForRebuild(1)
            #expect(collisions().count == 2, "\(log.all)")
            // An edit that leaves the two numbered URLs as they were: nothing shown again.
            try letter(2, "Letter 2, corrected.").write(to: site.appendingPathComponent("Content/letter-2.md"), atomically: true, encoding: .utf8)
            try await waitForRebuild(2)
            #expect(collisions().count == 2, "\(log.all)")
            // Still counted, so that a problem left alone is not forgotten.
            #expect(log.all.last { $0.hasPrefix("rebuilt") }?.hasSuffix("; 2 warnings or skipped files (none new)") == true, "\(log.all)")
            // A fourth letter: its own warning only.
            try letter(4, "Letter 4.").write(to: site.appendingPathComponent("Content/letter-4.md"), atomically: true, encoding: .utf8)
            try await waitForRebuild(3)
            let shown = collisions()
            #expect(shown.count == 3, "\(log.all)")
            #expect(shown.last?.contains("letter-4.md") == true)
        }
    }

    @Test("the preview keeps its build state apart: a page it moved does not stay behind in Output/ at the next build")
    func stateApartFromOutput() async throws {
        func build(_ site: URL) throws {
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        }
        try await Self.withServer(prepare: build) { port, site in
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Output/articles/2025/01/second-story/index.html").path))
            let events = RawHTTPClient(port: port)
            try events.send(method: "GET", path: "/__broadsheet/events", headers: [:])
            #expect(try await events.waitAsync(": connected", timeout: Self.eventWait))
            try "---\ntitle: Second story, moved\ndate: 2025-01-05\ncountries: [JP]\n---\nThe first version.\n"
                .write(to: site.appendingPathComponent("Content/second.md"), atomically: true, encoding: .utf8)
            #expect(try await events.waitAsync("event: reload", timeout: Self.eventWait))
            // An editor's save can come as two bursts of events (the new file, then its rename): the
            // page is there once the build of the second is.
            var moved = try await RawHTTPClient.fetch(port: port, path: "/articles/2025/01/second-story-moved/")
            for _ in 0..<50 where moved.status != 200 {
                try await Task.sleep(for: .milliseconds(100))
                moved = try await RawHTTPClient.fetch(port: port, path: "/articles/2025/01/second-story-moved/")
            }
            #expect(moved.status == 200)
            // The next build of Output/ still knows the files it wrote there, while the site is in its folder.
            try build(site)
            let output = site.appendingPathComponent("Output/articles/2025/01")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("second-story-moved/index.html").path))
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("second-story").path))
        }
    }
}

/// Keeps every message logged, for tests that read what the terminal would show.
struct RecordingLogHandler: LogHandler {
    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func append(_ message: String) { lock.withLock { messages.append(message) } }
        var all: [String] { lock.withLock { messages } }
    }

    let messages: Messages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        messages.append("\(event.message)")
    }
}
