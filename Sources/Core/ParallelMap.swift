import Foundation

/// Runs `body` for every index on `workers` threads (all cores when nil) and returns the
/// results in index order, so the outcome never depends on the number of threads or their timing.
package func parallelMap<T: Sendable>(_ count: Int, workers: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
    parallelMap(count, workers: workers, index: { $0 }, body)
}

/// `parallelMap` visiting the indices in `order` (every index below its count, each once),
/// and still returning the results in index order: the order decides only which items are
/// worked on close together in time.
package func parallelMap<T: Sendable>(in order: [Int32], workers: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
    parallelMap(order.count, workers: workers, index: { Int(order[$0]) }, body)
}

private func parallelMap<T: Sendable>(_ count: Int, workers: Int?, index: @Sendable (Int) -> Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let threads = max(1, workers ?? cores)
    // Chunks keep the per-item overhead small while still balancing uneven articles.
    let chunk = max(1, min(64, count / (max(threads, cores) * 8)))
    let chunks = (count + chunk - 1) / chunk
    let next = ChunkCounter()
    return Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
        let results = ResultSlots(buffer)
        // Each worker takes the next chunk until none is left.
        DispatchQueue.concurrentPerform(iterations: min(threads, chunks)) { _ in
            while let chunkIndex = next.take(below: chunks) {
                let start = chunkIndex * chunk
                for position in start..<min(count, start + chunk) {
                    let item = index(position)
                    results.initialize(item, body(item))
                }
            }
        }
        // Every index was visited once (`index` maps the positions onto all of them).
        initializedCount = count
    }
}

/// Hands out chunk numbers to workers, each once.
final class ChunkCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// The result array's own storage (or another array's), filled from many threads; each index
/// is written once, by one worker. In place because slots of their own, copied into the array
/// at the end, held every result twice for a moment.
///
/// No lock: distinct elements of one buffer are distinct memory, and `concurrentPerform`
/// returns only when every worker is done, so the array is read after every write. (A lock
/// per slot made the two cores wait on each other for every article.)
package struct ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T>

    package init(_ storage: UnsafeMutableBufferPointer<T>) {
        self.storage = storage
    }

    package func initialize(_ index: Int, _ value: T) {
        (storage.baseAddress! + index).initialize(to: value)
    }

    /// Replaces the value at `index`, in storage already initialized.
    package func assign(_ index: Int, _ value: T) {
        storage[index] = value
    }
}
