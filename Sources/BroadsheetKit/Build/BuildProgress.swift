import Foundation

/// How far a build has got, for a progress display: the phase, and items done of the total.
public struct BuildProgress: Sendable {
    public var phase: String
    public var done: Int
    public var total: Int
}

/// Counts finished items of a phase from many threads and reports at most every `step` items,
/// so that a display costs nothing next to the work.
final class ProgressCounter: @unchecked Sendable {
    private let phase: String
    private let total: Int
    private let step: Int
    private let report: @Sendable (BuildProgress) -> Void
    private var done = 0
    private let lock = NSLock()

    init(phase: String, total: Int, report: @escaping @Sendable (BuildProgress) -> Void) {
        self.phase = phase
        self.total = total
        self.step = max(1, total / 200)
        self.report = report
        report(BuildProgress(phase: phase, done: 0, total: total))
    }

    func advance() {
        let now = lock.withLock { () -> Int? in
            done += 1
            return done % step == 0 || done == total ? done : nil
        }
        if let now { report(BuildProgress(phase: phase, done: now, total: total)) }
    }
}
