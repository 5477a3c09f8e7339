import Core
import Foundation

/// What loading each article came to, kept between builds — in memory by the preview server,
/// and in the cache folder (`articles.bin`) between runs of `build`: an article whose file has
/// the same modification time and size, read under the same settings, is not read and parsed
/// again. So a rebuild after one edit loads one article.
public final class LoadCache: @unchecked Sendable {
    package struct Entry: Sendable {
        package var stamp: String
        package var outcome: SiteBuilderLoadOutcome

        package init(stamp: String, outcome: SiteBuilderLoadOutcome) {
            self.stamp = stamp
            self.outcome = outcome
        }
    }

    private var entries = LoadCacheTable()
    /// The settings that change how a file reads (time zone, chrome, lexicon) the entries were
    /// read under: kept once for the whole cache rather than in every entry's stamp.
    private var settings = ""
    private let lock = NSLock()
    /// Paths stored or forgotten since the cache was loaded or saved: an unchanged cache is not
    /// saved again, and a few changes are appended to the file rather than rewriting it.
    private var changedPaths: Set<String> = []
    /// How many records the saved file holds, when it holds the entries as loaded or last saved;
    /// nil when the file must be written whole (no file yet, other settings).
    private var savedRecords: Int?

    public init() {}

    /// Drops every entry when they were read under other settings.
    package func use(settings: String) {
        lock.withLock {
            guard settings != self.settings else { return }
            entries = LoadCacheTable()
            changedPaths = []
            savedRecords = nil
            self.settings = settings
        }
    }

    package func outcome(for path: String, stamp: String) -> SiteBuilderLoadOutcome? {
        snapshot.outcome(for: path, stamp: stamp)
    }

    /// What loading a file came to when it was last read or found unchanged.
    package func entry(for path: String) -> Entry? {
        lock.withLock { entries[path] }
    }

    /// Whether the entries were read under these settings.
    package func isRead(under settings: String) -> Bool {
        lock.withLock { self.settings == settings }
    }

    /// The entries as they are now, to be looked up from many threads without taking the lock
    /// for each of an archive's files.
    package var snapshot: Snapshot { lock.withLock { Snapshot(entries: entries) } }

    package struct Snapshot: Sendable {
        fileprivate let entries: LoadCacheTable

        /// No file has a reading yet: every one will be read.
        package var isEmpty: Bool { entries.isEmpty }

        package func outcome(for path: String, stamp: String) -> SiteBuilderLoadOutcome? {
            guard let entry = entries[path], entry.stamp == stamp else { return nil }
            return entry.outcome
        }
    }

    package func store(_ outcome: SiteBuilderLoadOutcome, for path: String, stamp: String) {
        lock.withLock {
            entries[path] = Entry(stamp: stamp, outcome: outcome)
            changedPaths.insert(path)
        }
    }

    /// Forgets articles that are gone. Every one of `paths` has an entry by now (each was
    /// found or stored), so as many entries as paths means nothing is gone: the usual rebuild
    /// does not hash a hundred thousand paths to learn that.
    package func keep(only paths: [String]) {
        lock.withLock {
            guard entries.count != paths.count else { return }
            let paths = Set(paths)
            for path in entries.paths.filter({ !paths.contains($0) }) {
                entries[path] = nil
                changedPaths.insert(path)
            }
        }
    }

    public var count: Int { lock.withLock { entries.count } }

    /// Lets every entry go, once saved: `build` needs none of them after loading, and they
    /// would be held while the articles are gathered. A later `save` writes the file whole.
    package func removeAll() {
        lock.withLock {
            entries = LoadCacheTable()
            changedPaths = []
            savedRecords = nil
        }
    }

    /// Reads a cache saved by an earlier build; a missing, unreadable or older-format one leaves
    /// this empty (the cache only ever saves time).
    package func load(from path: String, fileSystem: some FileSystem) {
        // Mapped and given back as it is decoded: read whole, the file was held beside the
        // entries it decodes to at the build's peak.
        guard let saved = try? fileSystem.readThrough(path, { LoadCacheCodec.decode($0, passed: $1) }) else { return }
        lock.withLock {
            entries = saved.entries
            settings = saved.settings
            changedPaths = []
            savedRecords = saved.records
        }
    }

    /// Saves what changed: appended to the file when the changes are few (a rebuild after an
    /// edit writes one record, not the archive's), the whole cache when the file would otherwise
    /// hold more than a quarter more records than entries, or does not match.
    package func save(to path: String, fileSystem: some FileSystem) throws {
        try lock.withLock {
            if let records = savedRecords {
                guard !changedPaths.isEmpty else { return }
                if records + changedPaths.count <= entries.count + entries.count / 4 {
                    let changes = changedPaths.sorted().map { (path: $0, entry: entries[$0]) }
                    try fileSystem.appendFile(path, contents: LoadCacheCodec.encodeRecords(changes))
                    savedRecords = records + changes.count
                    changedPaths = []
                    return
                }
            }
            try Self.write(entries.records, settings: settings, to: path, fileSystem: fileSystem)
            savedRecords = entries.count
            changedPaths = []
        }
    }

    /// Saves `records` as the whole file and lets every entry go. For a build that read every
    /// file: its readings are written as they are, in their order, never gathered here (at a
    /// million articles the entries' table was a third of a gigabyte beside the readings).
    package func saveWhole(_ records: some Sequence<(path: String, entry: Entry)>, to path: String, fileSystem: some FileSystem) throws {
        try lock.withLock {
            entries = LoadCacheTable()
            changedPaths = []
            savedRecords = nil
            try Self.write(records, settings: settings, to: path, fileSystem: fileSystem)
        }
    }

    /// Written piece by piece: the first piece replaces the file, the rest follow it.
    private static func write(_ records: some Sequence<(path: String, entry: Entry)>, settings: String,
                              to path: String, fileSystem: some FileSystem) throws {
        try fileSystem.writeInPieces(path) { write in
            try LoadCacheCodec.encode(records: records, settings: settings, write: write)
        }
    }
}

/// One file's loading: an article (metadata before the archive's tag choice, its warnings, and
/// its words when it is in the word sample), a draft, or a failure.
package enum SiteBuilderLoadOutcome: Sendable {
    case article(ArticleMetadata, [Diagnostic], Set<String>?)
    case draft
    case failed(Diagnostic)
}
