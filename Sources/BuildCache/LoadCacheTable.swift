/// The load cache's entries by path: the entries in one array, in the order they came, and the
/// paths in a table of positions. A `[String: Entry]` keeps a whole entry in each slot of a
/// table at most three quarters full; here each entry takes its own size once, a slot four bytes.
package struct LoadCacheTable: Sendable {
    package typealias Entry = LoadCache.Entry

    /// Nil where an entry was removed, until the next compaction.
    private var entries: [Entry?] = []
    private var positions: [String: Int32] = [:]

    package init() {}

    package init(minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
        positions.reserveCapacity(minimumCapacity)
    }

    package var count: Int { positions.count }
    package var isEmpty: Bool { positions.isEmpty }

    /// The paths that have an entry, in no particular order.
    package var paths: Dictionary<String, Int32>.Keys { positions.keys }

    /// Each path with its entry, in no particular order.
    package var records: LazyMapSequence<[String: Int32], (path: String, entry: Entry)> {
        positions.lazy.map { [entries] path, position in (path, entries[Int(position)]!) }
    }

    package subscript(path: String) -> Entry? {
        get { positions[path].flatMap { entries[Int($0)] } }
        set {
            if let entry = newValue {
                if let position = positions[path] {
                    entries[Int(position)] = entry
                } else {
                    positions[path] = Int32(entries.count)
                    entries.append(entry)
                }
            } else if let position = positions.removeValue(forKey: path) {
                entries[Int(position)] = nil
                // Removed entries leave holes: when they are most of the array, it is made again.
                if entries.count > 64, positions.count < entries.count / 2 { compact() }
            }
        }
    }

    private mutating func compact() {
        var kept: [Entry?] = [], keptPositions: [String: Int32] = [:]
        kept.reserveCapacity(positions.count)
        keptPositions.reserveCapacity(positions.count)
        for (path, position) in positions {
            keptPositions[path] = Int32(kept.count)
            kept.append(entries[Int(position)])
        }
        entries = kept
        positions = keptPositions
    }
}
