import Core
import Foundation
import Rendering

/// The fingerprints of the pages the last successful build wrote (`page-fingerprints.bin` in the
/// cache folder): a page whose fingerprint has not changed keeps its file, so editing one article
/// re-renders that article's page and the pages that show it, not the whole site.
///
/// Pages are known by a 64-bit hash of their file's path rather than by the path: a rebuild
/// looks up every one of a large site's pages, and reading, hashing and writing hundreds of
/// thousands of paths cost a tenth of it. Two paths sharing a hash could at worst make a page
/// render again: a page is kept only when its whole fingerprint matches too.
struct PageFingerprintStore {
    let path: String

    init(cacheDirectory: String) {
        path = joinPath(cacheDirectory, "page-fingerprints.bin")
    }

    /// The key a page's fingerprint is stored under.
    static func key(_ file: String) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(file)
        return hash.value
    }

    private static let magic = Array("broadsheet page fingerprints 1\n".utf8)

    /// The table as saved, when there is one this version wrote.
    private func stored(_ fileSystem: some FileSystem) -> Data? {
        guard let data = try? fileSystem.readFile(path), data.count >= Self.magic.count,
              (data.count - Self.magic.count) % 16 == 0, data.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
        return data
    }

    /// The fingerprints by page key; none when the file is missing or not one this version wrote.
    func load(_ fileSystem: some FileSystem) -> [UInt64: UInt64] {
        guard let data = stored(fileSystem) else { return [:] }
        let count = (data.count - Self.magic.count) / 16
        var table: [UInt64: UInt64] = [:]
        table.reserveCapacity(count)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = Self.magic.count
            for _ in 0..<count {
                let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                table[key] = value
                offset += 16
            }
        }
        return table
    }

    /// Drops the fingerprints of `files`, written outside a full build (the preview's quick
    /// rebuilds): the next full build renders them again, rather than keep a file whose
    /// fingerprint describes the data of the build before.
    func forget(_ files: [String], fileSystem: some FileSystem) throws {
        try update([], removing: files, fileSystem: fileSystem)
    }

    /// Gives the pages of `pairs` their new fingerprints (those new to the table after the
    /// rest) and drops those of `removed`: for pages written outside a full build from the
    /// same fingerprints a full build computes.
    func update(_ pairs: [(key: UInt64, fingerprint: UInt64)], removing removed: [String], fileSystem: some FileSystem) throws {
        guard !pairs.isEmpty || !removed.isEmpty, let data = stored(fileSystem) else { return }
        var pending = Dictionary(pairs.map { ($0.key, $0.fingerprint) }, uniquingKeysWith: { _, last in last })
        let dropped = Set(removed.map(Self.key))
        var bytes = Self.magic
        bytes.reserveCapacity(data.count + pairs.count * 16)
        func append(_ key: UInt64, _ fingerprint: UInt64) {
            withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: fingerprint.littleEndian) { bytes.append(contentsOf: $0) }
        }
        data.withUnsafeBytes { (stored: UnsafeRawBufferPointer) in
            for offset in stride(from: Self.magic.count, to: stored.count, by: 16) {
                // One lookup for most of a large site's pages, which neither changed nor went.
                let key = UInt64(littleEndian: stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                if let fingerprint = pending.removeValue(forKey: key) {
                    append(key, fingerprint)
                } else if dropped.isEmpty || !dropped.contains(key) {
                    append(key, UInt64(littleEndian: stored.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
                }
            }
        }
        for pair in pairs {
            if let fingerprint = pending.removeValue(forKey: pair.key) { append(pair.key, fingerprint) }
        }
        guard bytes.count != data.count || !pairs.isEmpty else { return }
        try fileSystem.writeFile(path, contents: Data(bytes))
    }

    /// Pairs of page key and fingerprint, in the build's page order.
    func save(_ pairs: [(key: UInt64, fingerprint: UInt64)], to fileSystem: some FileSystem) throws {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.magic.count + pairs.count * 16)
        for pair in pairs {
            withUnsafeBytes(of: pair.key.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: pair.fingerprint.littleEndian) { bytes.append(contentsOf: $0) }
        }
        try fileSystem.writeFile(path, contents: Data(bytes))
        // The text table of earlier versions, which this one never reads.
        let legacy = (path as NSString).deletingLastPathComponent + "/page-fingerprints.tsv"
        if fileSystem.fileExists(legacy) { try? fileSystem.removeItem(legacy) }
    }

    /// Of the running program: a new version of Broadsheet may render the same context differently.
    static let rendererStamp: String = {
        let path = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path):\(size):\(date)"
    }()
}
