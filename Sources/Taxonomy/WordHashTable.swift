/// A map from 64-bit word hashes (`WordScanner.Word.hash`, `foldedHash`, or a phrase's) to small
/// integers, in flat arrays with open addressing.
///
/// The taxonomy looks up nearly every word of every article, and most look-ups fail. A
/// `Dictionary` keyed by the word hashed the word's text again (SipHash, after checking its
/// normalisation), and one keyed by the 64-bit hash still ran SipHash over it; here the hash,
/// already well mixed, picks the slot with one multiplication.
struct WordHashTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var count = 0

    /// Marks a free slot in `values`.
    private static let empty = Int32.min

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: Self.empty, count: size)
        mask = size - 1
    }

    /// A table of every `(key, value)`; for a key given twice, the last value.
    init(_ entries: [(UInt64, Int)]) {
        var table = WordHashTable(minimumCapacity: entries.count)
        for (key, value) in entries { table.set(key, to: value) }
        self = table
    }

    /// The words' `WordScanner.hash`es, as a set to check a word's hash against before its text.
    init(hashesOf words: some Sequence<some StringProtocol>) {
        self.init(words.map { (WordScanner.hash($0), 1) })
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    subscript(key: UInt64) -> Int? {
        var index = slot(key)
        while values[index] != Self.empty {
            if keys[index] == key { return Int(values[index]) }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Adds `key`, or gives it a new value. (Keys are never removed: the tables only grow.)
    mutating func set(_ key: UInt64, to value: Int) {
        var index = slot(key)
        while values[index] != Self.empty {
            if keys[index] == key {
                values[index] = Int32(value)
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = Int32(value)
        count += 1
        if count * 2 > keys.count { grow() }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: Self.empty, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for index in oldKeys.indices where oldValues[index] != Self.empty {
            set(oldKeys[index], to: Int(oldValues[index]))
        }
    }
}
