import Foundation

/// Values a build that ends its process (`BuildMode.command(endsProcess: true)`) holds until the exit, so
/// that the archive's model is reclaimed with the process's memory at once rather than
/// released one string and array at a time.
enum MemoryLeftToExit {
    private nonisolated(unsafe) static var held: [Any] = []
    private static let lock = NSLock()

    static func hold(_ value: Any) {
        lock.withLock { held.append(value) }
    }
}
