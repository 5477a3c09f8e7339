import Foundation

/// Where a build's summaries come from before they are rendered: the store of the last full
/// build, read on first use; and where a full build puts them for the next.
package final class StoredSummaries: @unchecked Sendable {
    private let load: @Sendable () -> SummaryStore.Reader?
    private let key: @Sendable (Int) -> UInt64
    package let writer: SummaryStore.Writer?
    private let lock = NSLock()
    private var loaded = false
    private var reader: SummaryStore.Reader?

    /// - Parameter key: the key of an article's summary by ID (`SummaryStore.key`).
    package init(key: @escaping @Sendable (Int) -> UInt64, writer: SummaryStore.Writer? = nil, load: @escaping @Sendable () -> SummaryStore.Reader?) {
        self.key = key
        self.writer = writer
        self.load = load
    }

    /// The store as read, once, by the first summary that asks.
    package var previous: SummaryStore.Reader? {
        lock.withLock {
            if !loaded {
                reader = load()
                loaded = true
            }
            return reader
        }
    }

    /// The article's summary HTML as this build already made it, or from the last build's
    /// store, or `render`ed when neither has it.
    package func html(_ id: Int, render: () -> String) -> String {
        if let html = writer?.html(id) { return html }
        let key = key(id)
        let html = previous?.html(key) ?? render()
        writer?.add(id, key: key, html: html)
        return html
    }

    /// Puts a full build's summaries in place (see `SummaryStore.Writer.finish`).
    package func finish() {
        writer?.finish(keys: key, previous: previous)
    }
}
