import Foundation
import Testing
@testable import Rendering

@Suite("Summary cache")
struct SummaryCacheTests {
    final class Counter: @unchecked Sendable {
        private var counts: [Int: Int] = [:]
        private let lock = NSLock()
        func add(_ id: Int) { lock.withLock { counts[id, default: 0] += 1 } }
        func count(_ id: Int) -> Int { lock.withLock { counts[id] ?? 0 } }
    }

    @Test("a summary is rendered once while kept, again after the oldest were let go, always the same text")
    func boundedReuse() {
        let renders = Counter()
        let cache = SummaryCache(count: 10, capacity: 3) { id in
            renders.add(id)
            return "<li>\(id)</li>"
        }
        #expect(cache.summary(1) == "<li>1</li>")
        #expect(cache.summary(1) == "<li>1</li>")
        #expect(renders.count(1) == 1)
        _ = cache.summary(2)
        _ = cache.summary(3)
        _ = cache.summary(4)  // the fourth lets the oldest, 1, go
        #expect(cache.summary(2) == "<li>2</li>" && renders.count(2) == 1)
        #expect(cache.summary(1) == "<li>1</li>" && renders.count(1) == 2)
        #expect(cache.summary(4) == "<li>4</li>" && renders.count(4) == 1)
    }
}
