import Core

/// Articles that share tags and countries with an article, found without scanning the archive:
/// only the articles filed next to it under each of its terms are considered, since those are
/// the closest in time (term lists are in date order).
public enum RelatedArticles {
    /// How many neighbours on each side of the article each term contributes.
    static let window = 12

    public static func find(for id: Int, in site: SiteModel, limit: Int = 4) -> [Int] {
        // Every article found beside this one under each term, once per term it shares; counted
        // by sorting rather than in a dictionary (a hundred or so numbers, for every page).
        var candidates: [Int] = []
        candidates.reserveCapacity(2 * window * 8)
        func collect(_ ids: [Int]) {
            let position = lowerBound(ids, id)
            let start = max(0, position - window), end = min(ids.count, position + window + 1)
            for other in ids[start..<end] where other != id { candidates.append(other) }
        }
        for index in site.tagIndices(of: id) { collect(site.tags[index].articleIDs) }
        for index in site.countryIndices(of: id) { collect(site.countries[index].articleIDs) }
        candidates.sort()
        var shared: [(id: Int, count: Int)] = []
        for other in candidates {
            if shared.last?.id == other { shared[shared.count - 1].count += 1 } else { shared.append((other, 1)) }
        }
        // Most terms in common first, then the closest in time, then the newest: a stable order.
        return shared.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            let lhsDistance = abs(lhs.id - id), rhsDistance = abs(rhs.id - id)
            return lhsDistance != rhsDistance ? lhsDistance < rhsDistance : lhs.id < rhs.id
        }.prefix(limit).map(\.id)
    }

    /// The articles of a term's list (`ids`, sorted) whose related articles may change when
    /// article `id` joins or leaves it: those within one more than the window of where it is or
    /// would be. Farther ones see the same neighbours under that term, merely shifted by one.
    public static func affected(byChangeOf id: Int, in ids: [Int]) -> ArraySlice<Int> {
        let position = lowerBound(ids, id)
        return ids[max(0, position - window - 1)..<min(ids.count, position + window + 2)]
    }

    /// The first index in a sorted list whose value is not below `value`.
    public static func lowerBound(_ values: [Int], _ value: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
