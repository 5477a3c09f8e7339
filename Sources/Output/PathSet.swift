import Foundation

/// The relative paths of the files a build writes, kept as bytes in large blocks with a table
/// of their positions. A `Set<String>` costs a heap allocation of a hundred bytes or more for
/// each path, and the set's table; here a path costs its bytes, twelve of position and about six of table.
///
/// Not safe across threads: `OutputWriter` holds it under its lock.
final class PathSet {
    /// Paths are appended to a block until the next does not fit; blocks never move, so a
    /// path's bytes are read in place.
    static let blockSize = 1 << 20

    private var blocks: [UnsafeMutableRawPointer] = []
    private var lastBlockUsed = 0
    private var lastBlockSize = 0
    /// Each path's block (high half) and offset in it (low half), and its length, by index.
    private var starts: [UInt64] = []
    private var lengths: [UInt32] = []
    /// Open addressing over the indices (each stored plus one; zero is an empty slot), at most
    /// half full.
    private var slots = [UInt32](repeating: 0, count: 16)
    /// Whether every path is ASCII: then byte order is `String` order, and sorting compares bytes.
    private(set) var isASCII = true

    init() {}

    deinit {
        for block in blocks { block.deallocate() }
    }

    var count: Int { starts.count }

    /// The bytes of the path at `index`, valid while the set is.
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        let start = starts[index]
        return UnsafeRawBufferPointer(start: blocks[Int(start >> 32)] + Int(start & 0xFFFF_FFFF), count: Int(lengths[index]))
    }

    func path(_ index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// Adds `path`; false when it was there already.
    @discardableResult
    func insert(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    @discardableResult
    func insert(_ path: UnsafeRawBufferPointer) -> Bool {
        let (slot, found) = find(path)
        if found { return false }
        slots[slot] = UInt32(append(path) + 1)
        if count * 2 > slots.count { grow() }
        return true
    }

    func contains(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { contains(UnsafeRawBufferPointer($0)) }
    }

    func contains(_ path: UnsafeRawBufferPointer) -> Bool {
        find(path).found
    }

    /// The slot that holds `path`, or the empty one where it would go.
    private func find(_ path: UnsafeRawBufferPointer) -> (slot: Int, found: Bool) {
        let mask = slots.count - 1
        var slot = Self.hash(path) & mask
        while slots[slot] != 0 {
            if Self.equal(bytes(Int(slots[slot]) - 1), path) { return (slot, true) }
            slot = (slot + 1) & mask
        }
        return (slot, false)
    }

    /// The indices of the paths in `String` order: the order of the manifest, which a rebuild
    /// compares byte for byte with the last one.
    func sortedIndices() -> [Int32] {
        var order = Array(0..<Int32(count))
        let ascii = isASCII
        order.sort { Self.precedes(bytes(Int($0)), bytes(Int($1)), ascii: ascii) }
        return order
    }

    /// Whether path `a` comes before path `b` in `String` order. For ASCII that is the order of
    /// their bytes; other text is compared as `String`, which orders by canonical equivalence,
    /// and two paths it holds equal (the same letter composed and decomposed: two files to the
    /// file system) by their bytes, so that the order never depends on which came first.
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, ascii: Bool) -> Bool {
        if !ascii {
            let first = String(decoding: a, as: UTF8.self), second = String(decoding: b, as: UTF8.self)
            if first != second { return first < second }
        }
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    private static func hash(_ path: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: path)
        return hasher.finalize()
    }

    /// Copies `path` into the last block, or a new one, and gives its index.
    private func append(_ path: UnsafeRawBufferPointer) -> Int {
        if blocks.isEmpty || lastBlockSize - lastBlockUsed < path.count {
            // A path longer than a block gets one of its own size.
            lastBlockSize = max(Self.blockSize, path.count)
            blocks.append(UnsafeMutableRawPointer.allocate(byteCount: lastBlockSize, alignment: 1))
            lastBlockUsed = 0
        }
        if path.count > 0 {
            (blocks[blocks.count - 1] + lastBlockUsed).copyMemory(from: path.baseAddress!, byteCount: path.count)
        }
        if isASCII { isASCII = !path.contains { $0 >= 0x80 } }
        starts.append(UInt64(blocks.count - 1) << 32 | UInt64(lastBlockUsed))
        lengths.append(UInt32(path.count))
        lastBlockUsed += path.count
        return starts.count - 1
    }

    private func grow() {
        var grown = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for index in 0..<count {
            var slot = Self.hash(bytes(index)) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = UInt32(index + 1)
        }
        slots = grown
    }
}
