import Foundation

/// Keeps the files a phase is about to read a window ahead of it: threads of its own ask the
/// file system to bring in the next files (`FilePrefetcher`) while the workers parse or render
/// the ones before. An archive larger than the system's cache is otherwise read one file per
/// worker at a time, each read waiting on the disk.
///
/// Positions are the order the phase reads its files in; each worker calls `advance()` once
/// per item it finishes, which moves the window. Only a hint: what the phase reads is the same
/// with it or without it.
public final class ReadAhead: @unchecked Sendable {
    /// Files asked for ahead of the workers: a few megabytes of articles.
    public static let window = 1024
    /// Requests in flight at once for each folder: a disk answers many faster than one after
    /// another; more did no better (Benchmarks/HISTORY.md).
    public static let threadsPerSource = 8
    /// Positions taken and items finished between wake-ups.
    public static let batch = 64

    /// A folder whose files the phase reads, or only checks are there, and the file at each
    /// position (nil for a position with none in that folder).
    public struct Source: Sendable {
        public enum Need: Sendable {
            /// The file's bytes: the phase reads it.
            case contents
            /// Only its entry: the phase checks that it is there (a page kept from before).
            case entry
        }

        let directory: String
        let need: Need
        let path: @Sendable (Int) -> String?

        public init(_ directory: String, need: Need, path: @escaping @Sendable (Int) -> String?) {
            self.directory = directory
            self.need = need
            self.path = path
        }
    }

    /// A source with the prefetcher for its folder.
    private struct Asking: Sendable {
        let source: Source
        let prefetcher: any FilePrefetcher

        func ask(at position: Int) {
            guard let path = source.path(position) else { return }
            switch source.need {
            case .contents: prefetcher.prefetch(path)
            case .entry: prefetcher.prefetchEntry(path)
            }
        }
    }

    private let count: Int
    private let askings: [Asking]
    private let condition = NSCondition()
    /// How many items the workers have finished, and the next position to ask for.
    private var finished = 0
    private var next = 0
    private var stopped = false

    /// Starts reading ahead of a phase whose positions below `count` need files from `sources`,
    /// or returns nil when there are too few positions to gain from it or no source's folder
    /// gains from it (a folder in memory). Folders are looked at only when there are enough.
    public static func start(count: Int, fileSystem: some FileSystem, sources: [Source]) -> ReadAhead? {
        guard count > window else { return nil }
        let askings = sources.compactMap { source in fileSystem.prefetcher(in: source.directory).map { Asking(source: source, prefetcher: $0) } }
        guard !askings.isEmpty else { return nil }
        return ReadAhead(count: count, askings: askings).launched()
    }

    /// Starts reading ahead whatever the count, each source through `prefetcher`.
    public static func launch(count: Int, prefetcher: any FilePrefetcher, sources: [Source]) -> ReadAhead {
        ReadAhead(count: count, askings: sources.map { Asking(source: $0, prefetcher: prefetcher) }).launched()
    }

    private init(count: Int, askings: [Asking]) {
        self.count = count
        self.askings = askings
    }

    private func launched() -> ReadAhead {
        for _ in 0..<Self.threadsPerSource * askings.count {
            Thread.detachNewThread { self.run() }
        }
        return self
    }

    /// One more item done: the window moves on by one.
    public func advance() {
        condition.lock()
        finished += 1
        // Waiting threads are woken a batch at a time: one wake-up per item cost more than the reads.
        if finished % Self.batch == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// No more requests: the phase is over.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while let positions = take() {
            for position in positions {
                for asking in askings { asking.ask(at: position) }
            }
        }
    }

    /// The next positions to ask for, waiting while the window is full; nil once all are
    /// asked for or the phase is over.
    private func take() -> Range<Int>? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, next < count, next >= finished + Self.window {
            condition.wait()
        }
        guard !stopped, next < count else { return nil }
        // Files the workers have already passed are not worth asking for.
        let start = max(next, finished)
        next = min(count, start + Self.batch)
        return start..<next
    }
}
