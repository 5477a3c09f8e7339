/// The page records the last build saved (`PageFingerprintStore`), looked up from every core
/// while pages render, and let go as soon as the last page and feed have been, before the
/// rest of the build reaches its peak.
package final class PreviousRecords: @unchecked Sendable {
    // Read from many threads while pages render, changed only by `release`, after they are done.
    private var table: [UInt64: PageFingerprintStore.Record]

    package init(_ table: [UInt64: PageFingerprintStore.Record]) {
        self.table = table
    }

    package subscript(key: UInt64) -> PageFingerprintStore.Record? { table[key] }

    package var isEmpty: Bool { table.isEmpty }

    /// Lets the table go; only once no thread looks anything up any more.
    package func release() {
        table = [:]
    }
}
