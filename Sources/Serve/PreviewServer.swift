import BroadsheetKit
import BuildCache
import Core
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `broadsheet serve`: builds the site into the preview folder, serves it over HTTP, rebuilds
/// when `Content/`, `Templates/` or `site.yml` change, and tells open pages to reload. A failed
/// build is shown in the terminal and over the page, and the last good site stays served.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var host: String
    public var port: Int
    public let logger: Logger
    public let events = ReloadBroadcaster()

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "broadsheet.serve")) {
        self.options = options
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// The folder the preview is built into: the site's cache folder, so that `Output/` keeps
    /// what `build` wrote for publishing, with its own base URL.
    public var previewDirectory: String {
        options.outputDirectory ?? joinPath(options.resolvedCacheDirectory, "preview")
    }

    /// Where the preview's builds keep their state (the list of files written, the pages'
    /// fingerprints, the related articles): apart from `build`'s, which describes `Output/`.
    /// Shared, a rebuild of `Output/` after the preview took the preview's file list for its
    /// own, and a page whose URL moved while the preview ran stayed in `Output/`.
    public var previewStateDirectory: String {
        joinPath(options.resolvedCacheDirectory, "preview-state")
    }

    /// Whether a host name only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The HTTP library reports a cancelled connection at shutdown as an error; the preview's
    /// own messages are what the user needs, so the library speaks only when something is grave.
    private static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = .critical
        return quiet
    }

    /// Calls `handler` on Ctrl-C or SIGTERM instead of letting the signal end the process.
    private static func onInterrupt(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Serves until the task is cancelled (or, with `handleSignals`, until Ctrl-C).
    /// `onReady` gets the URL once the server listens and the first build is done.
    public func run(handleSignals: Bool = true, onReady: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: previewDirectory, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: previewDirectory).resolvingSymlinksInPath().path
        let router = Router()
        router.add(middleware: PreviewMiddleware(root: root))
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))
        router.get(RouterPath(stringLiteral: ReloadScript.path)) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: ReloadScript.source)))
        }
        let events = self.events
        router.get(RouterPath(stringLiteral: ReloadScript.eventsPath)) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                for await event in await events.subscribe() {
                    try await writer.write(ByteBuffer(string: event.wireFormat))
                }
                try await writer.finish(nil)
            })
        }

        let rebuilder = Rebuilder(server: self)
        let watcher = FileWatcher(paths: [
            joinPath(options.siteDirectory, "Content"), joinPath(options.siteDirectory, "Templates"),
            joinPath(options.siteDirectory, "site.yml"),
        ]) { changed in
            rebuilder.rebuild(reason: changed)
        }
        let host = self.host
        let logger = self.logger
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "broadsheet"),
            onServerRunning: { channel in
                let boundPort = channel.localAddress?.port ?? 0
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(boundPort)/"
                rebuilder.setBaseURL(url)
                // Watching starts before the first build, so that a file saved while it runs
                // is built next (rebuilds take turns), not missed until the one after.
                do {
                    try watcher.start()
                } catch {
                    logger.warning("\(error); pages will not reload by themselves")
                }
                await rebuilder.rebuildAndWait()
                onReady(url)
            },
            logger: Self.quiet(logger)
        )
        // Open pages hold event streams that never end by themselves; stopping the server ends
        // them first, so that Ctrl-C stops at once rather than waiting for every tab to close.
        let serverTask = Task { try await app.runService(gracefulShutdownSignals: []) }
        let signalSources = handleSignals ? Self.onInterrupt {
            logger.info("stopping")
            Task { await events.finishAll() }
            serverTask.cancel()
        } : []
        defer { signalSources.forEach { $0.cancel() } }
        try await withTaskCancellationHandler {
            _ = try await serverTask.value
        } onCancel: {
            Task { await events.finishAll() }
            serverTask.cancel()
        }
        watcher.stop()
        await events.finishAll()
    }
}

/// Runs builds one at a time, in the order changes arrive, and reports each to the pages.
final class Rebuilder: @unchecked Sendable {
    private let server: PreviewServer
    private let queue = DispatchQueue(label: "broadsheet.rebuild")
    private let lock = NSLock()
    private var baseURL: String?
    private var generation = 0
    /// Articles read by earlier builds: a rebuild reads only files that changed.
    private let loadCache = LoadCache()
    /// What the last build knew: an edit to what pages show of an article renders only the pages that show it.
    private let session = BuildSession()
    /// The diagnostics the terminal has shown: a rebuild shows those it finds anew, not the
    /// archive's thousand duplicate-URL warnings again after every edit. Touched only on `queue`.
    private var diagnosticsShown: Set<Diagnostic> = []

    init(server: PreviewServer) {
        self.server = server
    }

    func setBaseURL(_ url: String) {
        lock.withLock { baseURL = url }
    }

    func rebuild(reason: [String]) {
        queue.async { self.build(reason: reason) }
    }

    /// The first build: waits for it without holding a thread of the async runtime.
    func rebuildAndWait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.build(reason: [])
                continuation.resume()
            }
        }
    }

    private func build(reason: [String]) {
        var options = server.options
        options.outputDirectory = server.previewDirectory
        options.cacheDirectory = server.previewStateDirectory
        options.baseURL = lock.withLock { baseURL } ?? options.baseURL
        // The edited article's own page reloads as soon as it is written.
        let memory = PreviewMemory(readings: loadCache, session: session) { [self] paths in
            publish(.pages(generation: nextGeneration(), paths: paths))
        }
        let started = ContinuousClock.now
        do throws(Diagnostic) {
            let builder = SiteBuilder(options: options, mode: .preview(memory), fileSystem: LocalFileSystem())
            // A failed quick rebuild is no answer: the full build says what is wrong, or mends it.
            let quick = reason.isEmpty ? nil : try? builder.rebuildArticles(of: reason)
            let report: BuildReport
            if let quick { report = quick } else { report = try builder.build() }
            let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18 + Double((ContinuousClock.now - started).components.seconds)
            let fresh = report.diagnostics.filter { !diagnosticsShown.contains($0) }
            diagnosticsShown.formUnion(fresh)
            let digest = DiagnosticDigest(fresh)
            for diagnostic in digest.shown {
                if diagnostic.severity == .error {
                    server.logger.error("\(diagnostic.description)")
                } else {
                    server.logger.warning("\(diagnostic.description)")
                }
            }
            for line in digest.omittedLines(howToSeeAll: "`broadsheet build --all-warnings` prints every one") {
                server.logger.warning("\(line)")
            }
            let generation = nextGeneration()
            let changed = reason.isEmpty ? "" : " after changes to \(reason.map { lastPathComponent(of: $0) }.joined(separator: ", "))"
            // Problems shown by an earlier rebuild are still counted, so one left unfixed is not forgotten.
            let count = report.diagnostics.count, plural = count == 1 ? "" : "s"
            let problems = count == 0 ? "" : "; \(count) warning\(plural) or skipped file\(plural) (\(fresh.isEmpty ? "none" : String(fresh.count)) new)"
            server.logger.info("rebuilt \(report.articles) articles (\(report.filesRead) read), \(report.pages) pages (\(report.pages - report.pagesReused) rendered) in \(String(format: "%.2f", seconds)) s\(changed)\(problems)")
            publish(.reload(generation: generation, except: report.pagesWrittenFirst))
        } catch {
            server.logger.error("\(error.description)")
            publish(.failure(message: error.description))
        }
    }

    private func nextGeneration() -> Int {
        lock.withLock {
            generation += 1
            return generation
        }
    }

    /// Events go through one stream to one task, so they reach pages in build order without
    /// a build thread ever waiting on the async runtime.
    private lazy var outbox: AsyncStream<ReloadBroadcaster.Event>.Continuation = {
        let (stream, continuation) = AsyncStream<ReloadBroadcaster.Event>.makeStream()
        let events = server.events
        Task {
            for await event in stream { await events.publish(event) }
        }
        return continuation
    }()

    private func publish(_ event: ReloadBroadcaster.Event) {
        outbox.yield(event)
    }
}
