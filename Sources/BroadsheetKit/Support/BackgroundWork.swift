import Foundation

/// Work started on a thread of its own, its result waited for where it is needed: for two
/// steps that do not depend on each other, each of which leaves a core idle part of the time.
final class BackgroundWork<Result>: @unchecked Sendable {
    private var result: Result?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Result) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    /// The work's result, once it is done; asked for once.
    func wait() -> Result {
        done.wait()
        // The semaphore orders the worker's write before this read.
        return result.take()!
    }
}
