/// Sends build events to every open page: `reload` after a good build, `failure` with the
/// error after a bad one. Each page listens through Server-Sent Events.
public actor ReloadBroadcaster {
    public enum Event: Sendable, Equatable {
        case reload(generation: Int)
        case failure(message: String)

        /// The event in Server-Sent Events wire format.
        var wireFormat: String {
            switch self {
            case .reload(let generation):
                return "event: reload\ndata: \(generation)\n\n"
            case .failure(let message):
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
                return "event: failure\n\(lines.joined(separator: "\n"))\n\n"
            }
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
