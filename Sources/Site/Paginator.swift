/// One page of a paginated list.
public struct Pagination: Sendable, Hashable {
    /// 1-based page number.
    public var number: Int
    public var pageCount: Int
    /// The list's first-page path; other pages live under `…/page/n/`.
    public var basePath: String
    public var articleIDs: ArraySlice<Int>
    public var totalCount: Int

    public var path: String { Permalinks.paginated(basePath, page: number) }
    public var previousPath: String? { number > 1 ? Permalinks.paginated(basePath, page: number - 1) : nil }
    public var nextPath: String? { number < pageCount ? Permalinks.paginated(basePath, page: number + 1) : nil }
}

/// Splits a list of article IDs into pages.
public enum Paginator {
    public static func paginate(_ ids: [Int], basePath: String, pageSize: Int) -> [Pagination] {
        let size = max(1, pageSize)
        let pageCount = max(1, (ids.count + size - 1) / size)
        return (0..<pageCount).map { page in
            let start = page * size
            let end = min(ids.count, start + size)
            return Pagination(number: page + 1, pageCount: pageCount, basePath: basePath,
                              articleIDs: ids[start..<end], totalCount: ids.count)
        }
    }
}
