import Foundation

/// Each article's summary rendered once with `partials/summary` and reused by every list,
/// related-articles box and 404 page that shows it: an article appears in a dozen lists
/// (home, its tags', its countries', its month, its neighbours' related boxes), and rendering
/// its summary each time was most of a cold build's template work.
///
/// Rendered on first use from any thread; the same article always renders to the same text,
/// so which thread renders it does not matter. At most `capacity` summaries are kept (the
/// oldest go first), so memory stays bounded on an archive of millions.
public final class SummaryCache: @unchecked Sendable {
    public static let defaultCapacity = 1 << 18
    private var rendered: [String?]
    /// The IDs kept, oldest first, as a ring.
    private var order: [Int32]
    private var oldest = 0
    private var kept = 0
    private let lock = NSLock()
    private let render: @Sendable (Int) -> String

    public init(count: Int, capacity: Int = SummaryCache.defaultCapacity, render: @escaping @Sendable (Int) -> String) {
        self.rendered = Array(repeating: nil, count: count)
        self.order = Array(repeating: -1, count: max(1, min(count, capacity)))
        self.render = render
    }

    public func html(_ id: Int) -> String {
        if let html = lock.withLock({ rendered[id] }) { return html }
        let html = render(id)
        lock.withLock {
            guard rendered[id] == nil else { return }
            if kept == order.count {
                rendered[Int(order[oldest])] = nil
                order[oldest] = Int32(id)
                oldest = (oldest + 1) % order.count
            } else {
                order[(oldest + kept) % order.count] = Int32(id)
                kept += 1
            }
            rendered[id] = html
        }
        return html
    }
}
