import Core

/// Articles that share tags and countries with an article, found without scanning the archive:
/// only the articles filed next to it under each of its terms are considered, since those are
/// the closest in time (term lists are in date order).
public enum RelatedArticles {
    /// How many neighbours on each side of the article each term contributes.
    static let window = 12

    public static func find(for id: Int, in site: SiteModel, limit: Int = 4) -> [Int] {
        var shared: [Int: Int] = [:]
        let terms = site.tagIndices(of: id).map { site.tags[$0] } + site.countryIndices(of: id).map { site.countries[$0] }
        for term in terms {
            let ids = term.articleIDs
            let position = lowerBound(ids, id)
            let start = max(0, position - window), end = min(ids.count, position + window + 1)
            for other in ids[start..<end] where other != id {
                shared[other, default: 0] += 1
            }
        }
        // Most terms in common first, then the closest in time, then the newest: a stable order.
        return shared.sorted { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value > rhs.value }
            let lhsDistance = abs(lhs.key - id), rhsDistance = abs(rhs.key - id)
            return lhsDistance != rhsDistance ? lhsDistance < rhsDistance : lhs.key < rhs.key
        }.prefix(limit).map(\.key)
    }

    /// The first index in a sorted list whose value is not below `value`.
    static func lowerBound(_ values: [Int], _ value: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
