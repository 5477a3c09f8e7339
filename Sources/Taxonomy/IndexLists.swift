/// Short lists of small numbers, one per article, in two flat arrays rather than an array
/// each: a million articles' lists cost a few megabytes and two allocations.
public struct IndexLists: Sendable, Equatable {
    /// Where each list starts in `values`, and one past the last list's end.
    public private(set) var offsets: [Int32] = [0]
    public private(set) var values: [Int32] = []

    public init() {}

    /// Lists as `offsets` and `values` hold them (a saved model's); nil when they do not fit together.
    public init?(offsets: [Int32], values: [Int32]) {
        guard offsets.first == 0, offsets.last == Int32(values.count),
              offsets.indices.dropFirst().allSatisfy({ offsets[$0 - 1] <= offsets[$0] }) else { return nil }
        self.offsets = offsets
        self.values = values
    }

    public init(_ lists: [[Int]]) {
        reserveCapacity(lists.count)
        for list in lists { append(list) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserveCapacity(_ count: Int) {
        offsets.reserveCapacity(count + 1)
    }

    public mutating func append(_ list: [Int]) {
        for value in list { values.append(Int32(value)) }
        offsets.append(Int32(values.count))
    }

    public subscript(index: Int) -> [Int] {
        values(of: index).map(Int.init)
    }

    /// One list's values as stored, without making an array of them.
    public func values(of index: Int) -> ArraySlice<Int32> {
        values[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    /// Calls `body` with each value of one list, in order. Unlike `values(of:)`, it takes no
    /// reference to the storage every list shares: threads going through different articles'
    /// lists at once then do not contend for its reference count.
    public func forEachValue(of index: Int, _ body: (Int32) -> Void) {
        for position in Int(offsets[index])..<Int(offsets[index + 1]) { body(values[position]) }
    }

    /// Every value replaced by `transform` of it; a value it maps to nil is dropped.
    public func mapped(_ transform: (Int) -> Int?) -> IndexLists {
        var result = IndexLists()
        result.offsets.reserveCapacity(offsets.count)
        result.values.reserveCapacity(values.count)
        for index in 0..<count {
            for value in values[Int(offsets[index])..<Int(offsets[index + 1])] {
                if let mapped = transform(Int(value)) { result.values.append(Int32(mapped)) }
            }
            result.offsets.append(Int32(result.values.count))
        }
        return result
    }
}

extension IndexLists {
    /// The same lists with the one at `index` replaced by `list`.
    public func replacing(_ index: Int, with list: [Int]) -> IndexLists {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        let delta = Int32(list.count - (end - start))
        var result = self
        result.values.replaceSubrange(start..<end, with: list.map(Int32.init))
        if delta != 0 {
            for position in (index + 1)..<result.offsets.count { result.offsets[position] += delta }
        }
        return result
    }

    /// The lists with list `from` taken out and put back at `to`, the others keeping their order
    /// (an article moved among the others by a new date).
    public func moving(_ from: Int, to: Int) -> IndexLists {
        var result = self
        result.move(from, to: to)
        return result
    }

    /// Moves list `from` to `to` in place, the lists between shifting by one. Only that
    /// stretch of values and offsets is touched: a date edit moves an article past the few
    /// published the same days, and making the whole archive's lists again was most of what
    /// a build replaying such edits spent on them.
    public mutating func move(_ from: Int, to: Int) {
        guard from != to else { return }
        let start = Int(offsets[from]), end = Int(offsets[from + 1]), length = offsets[from + 1] - offsets[from]
        let row = Array(values[start..<end])
        if from < to {
            // Lists from + 1 through `to` move one place up, and the row follows them.
            let blockEnd = Int(offsets[to + 1])
            values.replaceSubrange(start..<blockEnd, with: Array(values[end..<blockEnd]) + row)
            for list in (from + 1)...to { offsets[list] = offsets[list + 1] - length }
        } else {
            // The row goes first, and lists `to` through from - 1 move one place down.
            let blockStart = Int(offsets[to])
            values.replaceSubrange(blockStart..<end, with: row + Array(values[blockStart..<start]))
            for list in stride(from: from, through: to + 1, by: -1) { offsets[list] = offsets[list - 1] + length }
        }
    }
}
