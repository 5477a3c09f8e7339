import Core
import Foundation

/// What loading each article came to, kept between builds — in memory by the preview server,
/// and in the cache folder (`articles.bin`) between runs of `build`: an article whose file has
/// the same modification time and size, read under the same settings, is not read and parsed
/// again. So a rebuild after one edit loads one article.
public final class LoadCache: @unchecked Sendable {
    struct Entry {
        var stamp: String
        var outcome: SiteBuilderLoadOutcome
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()
    /// Whether anything changed since the cache was loaded: an unchanged cache is not saved again.
    private var changed = false

    public init() {}

    func outcome(for path: String, stamp: String) -> SiteBuilderLoadOutcome? {
        lock.withLock { entries[path].flatMap { $0.stamp == stamp ? $0.outcome : nil } }
    }

    /// The stamp a file had when it was last read or found unchanged.
    func stamp(for path: String) -> String? {
        lock.withLock { entries[path]?.stamp }
    }

    func store(_ outcome: SiteBuilderLoadOutcome, for path: String, stamp: String) {
        lock.withLock {
            entries[path] = Entry(stamp: stamp, outcome: outcome)
            changed = true
        }
    }

    /// Forgets articles that are gone.
    func keep(only paths: Set<String>) {
        lock.withLock {
            let kept = entries.filter { paths.contains($0.key) }
            if kept.count != entries.count { changed = true }
            entries = kept
        }
    }

    public var count: Int { lock.withLock { entries.count } }

    /// Reads a cache saved by an earlier build; a missing, unreadable or older-format one leaves
    /// this empty (the cache only ever saves time).
    func load(from path: String, fileSystem: some FileSystem) {
        guard let data = try? fileSystem.readFile(path), let saved = LoadCacheCodec.decode(data) else { return }
        lock.withLock {
            entries = saved
            changed = false
        }
    }

    func save(to path: String, fileSystem: some FileSystem) throws {
        guard let data = lock.withLock({ changed ? LoadCacheCodec.encode(entries) : nil }) else { return }
        try fileSystem.writeFile(path, contents: data)
        lock.withLock { changed = false }
    }
}

/// One file's loading: an article (metadata before the archive's tag choice, its warnings, and
/// its words when it is in the word sample), a draft, or a failure.
enum SiteBuilderLoadOutcome: Sendable {
    case article(ArticleMetadata, [Diagnostic], Set<String>?)
    case draft
    case failed(Diagnostic)
}
