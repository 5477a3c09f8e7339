import Foundation

/// Runs `body` for every index on all cores and returns the results in index order, so the
/// outcome never depends on the number of threads or their timing.
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = ResultSlots<T>(count: count)
    // Chunks keep the per-item overhead small while still balancing uneven articles.
    let chunk = max(1, min(64, count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
    let chunks = (count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { chunkIndex in
        let start = chunkIndex * chunk
        for index in start..<min(count, start + chunk) {
            results.set(index, body(index))
        }
    }
    return results.values()
}

/// Write-once slots filled from many threads; each index is written by exactly one worker.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { storage[index] = value } }

    func values() -> [T] { lock.withLock { storage.map { $0! } } }
}
