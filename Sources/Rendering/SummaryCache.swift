import Foundation

/// Each article's summary rendered once with `partials/summary` and reused by every list,
/// related-articles box and 404 page that shows it: an article appears in a dozen lists
/// (home, its tags', its countries', its month, its neighbours' related boxes), and rendering
/// its summary each time was most of a cold build's template work.
///
/// Rendered on first use from any thread; the same article always renders to the same text,
/// so which thread renders it does not matter.
public final class SummaryCache: @unchecked Sendable {
    private var rendered: [String?]
    private let lock = NSLock()
    private let render: @Sendable (Int) -> String

    public init(count: Int, render: @escaping @Sendable (Int) -> String) {
        self.rendered = Array(repeating: nil, count: count)
        self.render = render
    }

    public func html(_ id: Int) -> String {
        if let html = lock.withLock({ rendered[id] }) { return html }
        let html = render(id)
        lock.withLock { rendered[id] = html }
        return html
    }
}
