import Core
import Foundation

/// What loading each article came to, kept between builds in one process (the preview server):
/// an article whose file has the same modification time and size, read under the same settings,
/// is not read and parsed again. So a rebuild after one edit loads one article.
public final class LoadCache: @unchecked Sendable {
    struct Entry {
        var stamp: String
        var outcome: SiteBuilderLoadOutcome
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    public init() {}

    func outcome(for path: String, stamp: String) -> SiteBuilderLoadOutcome? {
        lock.withLock { entries[path].flatMap { $0.stamp == stamp ? $0.outcome : nil } }
    }

    func store(_ outcome: SiteBuilderLoadOutcome, for path: String, stamp: String) {
        lock.withLock { entries[path] = Entry(stamp: stamp, outcome: outcome) }
    }

    /// Forgets articles that are gone.
    func keep(only paths: Set<String>) {
        lock.withLock { entries = entries.filter { paths.contains($0.key) } }
    }

    public var count: Int { lock.withLock { entries.count } }
}

/// One file's loading: an article (metadata before the archive's tag choice, its warnings, and
/// its words when it is in the word sample), a draft, or a failure.
enum SiteBuilderLoadOutcome: Sendable {
    case article(ArticleMetadata, [Diagnostic], Set<String>?)
    case draft
    case failed(Diagnostic)
}
