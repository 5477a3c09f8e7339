import Core
import Foundation
import Rendering

/// The fingerprints of the pages the last successful build wrote (`page-fingerprints.bin` in the
/// cache folder): a page whose fingerprint has not changed keeps its file, so editing one article
/// re-renders that article's page and the pages that show it, not the whole site. With each
/// goes a hash of the page's bytes (`Record`), so a page rendered again as it was keeps its file too.
///
/// Pages are known by a 64-bit hash of their file's path rather than by the path: a rebuild
/// looks up every one of a large site's pages, and reading, hashing and writing hundreds of
/// thousands of paths cost a tenth of it. Two paths sharing a hash could at worst make a page
/// render again: a page is kept only when its whole fingerprint matches too.
package struct PageFingerprintStore {
    package let path: String

    package init(cacheDirectory: String) {
        path = joinPath(cacheDirectory, "page-fingerprints.bin")
    }

    /// The key a page's fingerprint is stored under.
    package static func key(_ file: String) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(file)
        return hash.value
    }

    /// What the store holds for a page: the fingerprint of its inputs, and a hash of the bytes
    /// its file was given (`content`, 0 when not known). When the inputs changed but the page
    /// comes out as before (a new version of Broadsheet, a template edit that does not reach
    /// it), its file is kept rather than written again: replacing every file of a large site
    /// takes longer than rendering them.
    package struct Record: Equatable, Sendable {
        package var fingerprint: UInt64
        package var content: UInt64 = 0

        package init(fingerprint: UInt64, content: UInt64 = 0) {
            self.fingerprint = fingerprint
            self.content = content
        }
    }

    /// A hash of a page's bytes, never 0 (which stands for "not known").
    package static func contentHash(_ text: String) -> UInt64 {
        contentHash(CollectionOfOne(text))
    }

    /// A hash of several files' bytes taken together (a feed's three formats).
    package static func contentHash(_ texts: some Sequence<String>) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        for text in texts { hash.add(text) }
        return hash.value == 0 ? 1 : hash.value
    }

    private static let magic = Array("broadsheet page fingerprints 2\n".utf8)
    private static let recordSize = 24

    /// The table as saved, when there is one this version wrote.
    private func stored(_ fileSystem: some FileSystem) -> Data? {
        guard let data = try? fileSystem.readFile(path), data.count >= Self.magic.count,
              (data.count - Self.magic.count) % Self.recordSize == 0,
              data.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
        return data
    }

    /// The records by page key; none when the file is missing or not one this version wrote.
    package func load(_ fileSystem: some FileSystem) -> [UInt64: Record] {
        guard let data = stored(fileSystem) else { return [:] }
        var table: [UInt64: Record] = [:]
        table.reserveCapacity((data.count - Self.magic.count) / Self.recordSize)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for offset in stride(from: Self.magic.count, to: bytes.count, by: Self.recordSize) {
                let (key, record) = Self.decode(bytes, at: offset)
                table[key] = record
            }
        }
        return table
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (key: UInt64, record: Record) {
        func word(_ position: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + position, as: UInt64.self))
        }
        return (word(0), Record(fingerprint: word(8), content: word(16)))
    }

    private static func append(_ key: UInt64, _ record: Record, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: record.fingerprint.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: record.content.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Drops the records of `files`, written outside a full build (the preview's quick
    /// rebuilds): the next full build renders them again, rather than keep a file whose
    /// record describes the data of the build before.
    package func forget(_ files: [String], fileSystem: some FileSystem) throws {
        try update([], removing: files, fileSystem: fileSystem)
    }

    /// Gives the pages of `pairs` their new records (those new to the table after the rest)
    /// and drops those of `removed`: for pages written outside a full build from the same
    /// fingerprints a full build computes.
    package func update(_ pairs: [(key: UInt64, record: Record)], removing removed: [String], fileSystem: some FileSystem) throws {
        guard !pairs.isEmpty || !removed.isEmpty, let data = stored(fileSystem) else { return }
        var pending = Dictionary(pairs.map { ($0.key, $0.record) }, uniquingKeysWith: { _, last in last })
        let dropped = Set(removed.map(Self.key))
        var bytes = Self.magic
        bytes.reserveCapacity(data.count + pairs.count * Self.recordSize)
        data.withUnsafeBytes { (stored: UnsafeRawBufferPointer) in
            for offset in stride(from: Self.magic.count, to: stored.count, by: Self.recordSize) {
                // One lookup for most of a large site's pages, which neither changed nor went.
                let (key, record) = Self.decode(stored, at: offset)
                if let new = pending.removeValue(forKey: key) {
                    Self.append(key, new, to: &bytes)
                } else if dropped.isEmpty || !dropped.contains(key) {
                    Self.append(key, record, to: &bytes)
                }
            }
        }
        for pair in pairs {
            if let record = pending.removeValue(forKey: pair.key) { Self.append(pair.key, record, to: &bytes) }
        }
        guard bytes.count != data.count || !pairs.isEmpty else { return }
        try fileSystem.writeFile(path, contents: Data(bytes))
    }

    /// Pairs of page key and record, in the build's page order.
    package func save(_ pairs: some Sequence<(key: UInt64, record: Record)>, to fileSystem: some FileSystem) throws {
        try stage(pairs, to: fileSystem)
        try commitStaged(fileSystem)
    }

    /// Where a build's records wait, beside the store, until its site is in place.
    package var stagedPath: String { path + ".new" }

    /// Writes the records of `pairs` beside the store, a few megabytes at a time, as the pages'
    /// outcomes give them: gathered into an array, then bytes, then `Data`, they were held three
    /// times over at the end of the render.
    package func stage(_ pairs: some Sequence<(key: UInt64, record: Record)>, to fileSystem: some FileSystem, pieceSize: Int = 4 << 20) throws {
        try fileSystem.writeInPieces(stagedPath) { write in
            var bytes = Self.magic
            bytes.reserveCapacity(pieceSize + Self.recordSize)
            for pair in pairs {
                Self.append(pair.key, pair.record, to: &bytes)
                guard bytes.count >= pieceSize else { continue }
                try write(Data(bytes))
                bytes.removeAll(keepingCapacity: true)
            }
            if !bytes.isEmpty { try write(Data(bytes)) }
        }
    }

    /// Puts the staged records in the store's place, once the pages they describe are in place.
    package func commitStaged(_ fileSystem: some FileSystem) throws {
        try fileSystem.moveReplacing(from: stagedPath, to: path)
        // The text table of earlier versions, which this one never reads.
        let legacy = parentFolder(of: path) + "/page-fingerprints.tsv"
        if fileSystem.fileExists(legacy) { try? fileSystem.removeItem(legacy) }
    }

    /// Drops the staged records of a build that failed: the store still describes the site,
    /// which that build left as it was.
    package func discardStaged(_ fileSystem: some FileSystem) {
        if fileSystem.fileExists(stagedPath) { try? fileSystem.removeItem(stagedPath) }
    }

    /// Without records that describe this build's pages, none: a record left from an earlier
    /// build could keep a page whose file this build changed.
    package func remove(_ fileSystem: some FileSystem) {
        discardStaged(fileSystem)
        if fileSystem.fileExists(path) { try? fileSystem.removeItem(path) }
    }

    /// Of the running program: a new version of Broadsheet may render the same context differently.
    package static let rendererStamp: String = {
        let path = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path):\(size):\(date)"
    }()
}
