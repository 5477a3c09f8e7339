import BroadsheetKit
import Foundation

/// The build's progress on standard error: a bar redrawn in place on a terminal, plain lines at
/// each quarter otherwise (logs, CI). Nothing shows for a build that finishes within a second.
final class ProgressDisplay: @unchecked Sendable {
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastQuarter: [String: Int] = [:]
    private var drawnPhase: String?

    func update(_ progress: BuildProgress) {
        guard Date().timeIntervalSince(started) >= 1, progress.total > 0 else { return }
        lock.withLock {
            if isTerminal {
                let width = 30
                let filled = progress.done * width / progress.total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                var line = "\r\(progress.phase.padding(toLength: 7, withPad: " ", startingAt: 0)) [\(bar)] \(progress.done)/\(progress.total)"
                if progress.done == progress.total { line += "\n" }
                write(line)
                drawnPhase = progress.done == progress.total ? nil : progress.phase
            } else {
                let quarter = progress.done * 4 / progress.total
                guard quarter > lastQuarter[progress.phase, default: 0] else { return }
                lastQuarter[progress.phase] = quarter
                write("\(progress.phase): \(quarter * 25)% (\(progress.done)/\(progress.total))\n")
            }
        }
    }

    /// Ends a bar left half drawn (a failed build), so the next message starts on its own line.
    func finish() {
        lock.withLock {
            if drawnPhase != nil { write("\n") }
            drawnPhase = nil
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
