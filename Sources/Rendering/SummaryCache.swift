import Foundation

/// Each article's summary — the fields lists show and its HTML from `partials/summary` —
/// made once and reused by every list, related-articles box and 404 page that shows it: an
/// article appears in a dozen lists (home, its tags', its countries', its month, its
/// neighbours' related boxes), and making its summary each time was most of a cold build's
/// template and context work.
///
/// Made on first use from any thread; the same article always gives the same summary, so
/// which thread makes it does not matter. At most `capacity` summaries are kept (the oldest
/// go first), so memory stays bounded on an archive of millions.
public final class SummaryCache<Summary>: @unchecked Sendable {
    /// Enough whatever the archive's size: pages are rendered in the order of the articles they
    /// show (`PagePlan.renderOrder`), so a summary is needed again within the span of IDs one
    /// page of a term covers, which depends on how often the term is used, not on the archive.
    public static var defaultCapacity: Int { 1 << 14 }
    private var rendered: [Summary?]
    /// The IDs kept, oldest first, as a ring.
    private var order: [Int32]
    private var oldest = 0
    private var kept = 0
    private let lock = NSLock()
    private let render: @Sendable (Int) -> Summary

    public init(count: Int, capacity: Int = SummaryCache.defaultCapacity, render: @escaping @Sendable (Int) -> Summary) {
        self.rendered = Array(repeating: nil, count: count)
        self.order = Array(repeating: -1, count: max(1, min(count, capacity)))
        self.render = render
    }

    public func summary(_ id: Int) -> Summary {
        if let summary = lock.withLock({ rendered[id] }) { return summary }
        let summary = render(id)
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
            rendered[id] = summary
        }
        return summary
    }
}
