/// Sends build events to every open page: `reload` after a good build, `failure` with the
/// error after a bad one, and `pages` when a rebuild has written some pages ahead of the rest
/// (an edited article's own). Each page listens through Server-Sent Events.
public actor ReloadBroadcaster {
    public enum Event: Sendable, Equatable {
        /// Pages reload, but for those at `except` (paths in the output folder), which a
        /// `pages` event of the same build already brought up to date.
        case reload(generation: Int, except: [String] = [])
        /// The pages at `paths` are written; the pages showing them reload.
        case pages(generation: Int, paths: [String])
        case failure(message: String)

        /// The event in Server-Sent Events wire format: the generation on the first data line,
        /// then one path per line.
        var wireFormat: String {
            switch self {
            case .reload(let generation, let except):
                return Self.wireFormat("reload", generation: generation, paths: except)
            case .pages(let generation, let paths):
                return Self.wireFormat("pages", generation: generation, paths: paths)
            case .failure(let message):
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
                return "event: failure\n\(lines.joined(separator: "\n"))\n\n"
            }
        }

        private static func wireFormat(_ name: String, generation: Int, paths: [String]) -> String {
            "event: \(name)\ndata: \(generation)\n" + paths.map { "data: \($0)\n" }.joined() + "\n"
        }
    }

    private var listeners: [Int: AsyncStream<Event>.Continuation] = [:]
    private var nextID = 0
    /// The last build's failure, sent to pages that connect while the site is broken.
    private var currentFailure: String?

    public init() {}

    public func subscribe() -> AsyncStream<Event> {
        let id = nextID
        nextID += 1
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        listeners[id] = continuation
        if let currentFailure { continuation.yield(.failure(message: currentFailure)) }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    public func publish(_ event: Event) {
        switch event {
        case .reload: currentFailure = nil
        case .pages: break
        case .failure(let message): currentFailure = message
        }
        for continuation in listeners.values { continuation.yield(event) }
    }

    public var listenerCount: Int { listeners.count }

    private func remove(_ id: Int) {
        listeners[id] = nil
    }

    /// Ends every open event stream, so that the server can stop.
    public func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}
