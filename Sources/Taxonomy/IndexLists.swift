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
        values[Int(offsets[index])..<Int(offsets[index + 1])].map(Int.init)
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
        guard from != to else { return self }
        let start = Int(offsets[from]), end = Int(offsets[from + 1])
        var result = IndexLists()
        result.values = values
        let row = Array(values[start..<end])
        result.values.removeSubrange(start..<end)
        // Where list `to` starts once `from` is out.
        let insertion = to < from ? Int(offsets[to]) : Int(offsets[to + 1]) - row.count
        result.values.insert(contentsOf: row, at: insertion)
        var lengths = (0..<count).map { offsets[$0 + 1] - offsets[$0] }
        lengths.insert(lengths.remove(at: from), at: to)
        result.offsets = [0]
        result.offsets.reserveCapacity(offsets.count)
        for length in lengths { result.offsets.append(result.offsets[result.offsets.count - 1] + length) }
        return result
    }
}
