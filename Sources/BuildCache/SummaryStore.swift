import Core
import Foundation
import Rendering

/// Each article's summary HTML as the last full build rendered it (`summaries.bin` and its
/// index `summaries.index` in the cache folder), so that a later build re-rendering a term's
/// pages after one edit reads the summaries of the articles they show instead of rendering
/// them: after an edit that moves one article in a term of 30,000, every page of the term
/// changes, and rendering the summaries of all its articles was half of that build.
///
/// Summaries are known by a key made from the summary's inputs (`key(seed:summaryDigest:)`:
/// the article's fields that summaries show, the templates, settings and the program), never
/// by article ID, so a summary stored before an edit is found again whatever the edit did to
/// the IDs, and one whose inputs changed is simply not found and rendered. Only full builds
/// write the store; the few summaries an edit changes are rendered by each build after it
/// until the next full build stores them.
///
/// Each summary is read from the file when it is needed (`FileSystem.openFile`): a large
/// archive's store is large, and a build after an edit reads a few summaries of it.
package struct SummaryStore {
    package let dataPath: String
    package let indexPath: String

    package init(cacheDirectory: String) {
        dataPath = joinPath(cacheDirectory, "summaries.bin")
        indexPath = joinPath(cacheDirectory, "summaries.index")
    }

    private static let magic = Array("broadsheet summaries 2\n".utf8)
    /// Key, offset and length, and a check of the bytes: 24 bytes an entry.
    private static let entrySize = 24

    /// The key a summary is stored under: the fingerprints' seed (templates, settings, the
    /// program) with the digest of what summaries show of the article.
    package static func key(seed: UInt64, summaryDigest: UInt64) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(number: seed)
        hash.add(number: summaryDigest)
        return hash.value
    }

    /// A check of the stored bytes, so that a data file that is not the one its index
    /// describes gives no summary rather than another article's.
    package static func check(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        // Eight bytes a step (`StableHasher`): byte by byte it was a third of reading a
        // summary back, for the thirty thousand a term's pages show.
        var hash = PageFingerprint.StableHasher()
        hash.add(bytes: bytes)
        return UInt32(truncatingIfNeeded: hash.value ^ (hash.value >> 32))
    }

    /// Where a summary lies in the data file: 16 bytes, a million of them held by a full build.
    package struct Entry: Sendable {
        package var start: UInt64
        package var count: UInt32
        package var check: UInt32

        package init(offset: Int, length: Int, check: UInt32) {
            start = UInt64(offset)
            count = UInt32(length)
            self.check = check
        }

        package var offset: Int { Int(start) }
        package var length: Int { Int(count) }
    }

    /// The stored summaries, when both files are there and the index is one this version wrote.
    /// The index is read as it is, its entries sorted by key and found by binary search: the
    /// preview server's first page after an edit asks for a few summaries, and making a table
    /// of every entry first would cost it more than rendering them.
    package func reader(_ fileSystem: some FileSystem) -> Reader? {
        guard let index = try? fileSystem.readFile(indexPath), index.count >= Self.magic.count + 8,
              (index.count - Self.magic.count - 8) % Self.entrySize == 0,
              index.prefix(Self.magic.count).elementsEqual(Self.magic),
              let data = try? fileSystem.openFile(dataPath) else { return nil }
        let size = index.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: Self.magic.count, as: UInt64.self))) }
        // The data file's size when the index was written: another size is another file.
        guard size == data.size else { return nil }
        return Reader(index: Array(index.dropFirst(Self.magic.count + 8)), data: data)
    }

    /// Summaries read from the store, from any thread.
    package final class Reader: Sendable {
        /// The entries, sorted by key (`SummaryStore.entrySize` bytes each).
        package let index: [UInt8]
        package let data: any RandomAccessFile

        package init(index: [UInt8], data: any RandomAccessFile) {
            self.index = index
            self.data = data
        }

        package var count: Int { index.count / SummaryStore.entrySize }

        package func key(at position: Int) -> UInt64 {
            index.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position * SummaryStore.entrySize, as: UInt64.self)) }
        }

        /// The entry stored under `key`, when there is one that lies within the data file.
        package func entry(_ key: UInt64) -> Entry? {
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if self.key(at: middle) < key { low = middle + 1 } else { high = middle }
            }
            guard low < count, self.key(at: low) == key else { return nil }
            return index.withUnsafeBytes { bytes -> Entry? in
                let offset = low * SummaryStore.entrySize
                let start = Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
                let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self)))
                let check = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 20, as: UInt32.self))
                guard start >= 0, start + length <= data.size else { return nil }
                return Entry(offset: start, length: length, check: check)
            }
        }

        /// The entry's bytes, when they are still what was stored.
        package func bytes(_ entry: Entry) -> Data? {
            guard let bytes = try? data.read(offset: entry.offset, count: entry.length), bytes.count == entry.length,
                  bytes.withUnsafeBytes(SummaryStore.check) == entry.check else { return nil }
            return bytes
        }

        package func html(_ key: UInt64) -> String? {
            guard let entry = entry(key), let bytes = bytes(entry) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Collects a full build's summaries as they are rendered (or read), each article's once,
    /// into a new data file written in chunks; `finish` adds those of articles no rendered page
    /// showed from the old store, and puts the new files in place.
    package final class Writer: @unchecked Sendable {
        private let store: SummaryStore
        private let fileSystem: any FileSystem
        private let newDataPath: String
        private let lock = NSLock()
        private var buffer: [UInt8] = []
        private var written = 0
        private var entries: [(key: UInt64, entry: Entry)] = []
        /// Each article's place in `entries`, or -1 before its summary is added.
        private var positions: [Int32]
        private var failed = false
        /// The new data file open for reading back (`html(_:)`), as large as when it was opened.
        private var readBack: (any RandomAccessFile)?
        /// Bytes gathered before they are appended to the file: a few hundred summaries.
        private static let chunk = 1 << 18

        package init?(store: SummaryStore, count: Int, fileSystem: some FileSystem) {
            self.store = store
            self.fileSystem = fileSystem
            newDataPath = store.dataPath + ".new"
            positions = Array(repeating: -1, count: count)
            entries.reserveCapacity(count)
            do {
                try fileSystem.writeFile(newDataPath, contents: Data())
            } catch {
                return nil
            }
        }

        package func add(_ id: Int, key: UInt64, html: String) {
            var html = html
            html.withUTF8 { bytes in
                let check = SummaryStore.check(UnsafeRawBufferPointer(bytes))
                lock.withLock {
                    guard positions[id] < 0 else { return }
                    positions[id] = Int32(entries.count)
                    entries.append((key, Entry(offset: written + buffer.count, length: bytes.count, check: check)))
                    buffer.append(contentsOf: bytes)
                    if buffer.count >= Self.chunk { flush() }
                }
            }
        }

        /// The summary HTML this build already added for the article, read back from the chunk
        /// not yet written or from the new data file. A large archive's summary cache cannot keep
        /// every summary that a rare tag's pages or a related-articles box need again, and
        /// reading one back costs a small part of rendering it again.
        package func html(_ id: Int) -> String? {
            let found: (entry: Entry, file: (any RandomAccessFile)?, buffered: String?)? = lock.withLock {
                // After `finish` the entries are sorted by key and the positions are gone.
                guard id < positions.count, positions[id] >= 0, !failed else { return nil }
                let entry = entries[Int(positions[id])].entry
                if entry.offset >= written {
                    let start = entry.offset - written
                    return (entry, nil, String(decoding: buffer[start..<(start + entry.length)], as: UTF8.self))
                }
                if readBack == nil || entry.offset + entry.length > readBack!.size {
                    readBack = try? fileSystem.openFile(newDataPath)
                }
                return (entry, readBack, nil)
            }
            guard let found else { return nil }
            if let buffered = found.buffered { return buffered }
            // A summary that cannot be read back as it was written is rendered again.
            guard let bytes = try? found.file?.read(offset: found.entry.offset, count: found.entry.length),
                  bytes.count == found.entry.length, bytes.withUnsafeBytes(SummaryStore.check) == found.entry.check else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Called with the lock held.
        private func flush() {
            guard !buffer.isEmpty, !failed else { return }
            do {
                try fileSystem.appendFile(newDataPath, contents: Data(buffer))
                written += buffer.count
            } catch {
                failed = true
            }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Adds from `previous` the summaries of articles this build showed on no page it
        /// rendered (their pages were kept), then replaces the store. `keys` gives each
        /// article's key. A failure leaves no store rather than a wrong one.
        package func finish(keys: (Int) -> UInt64, previous: Reader?) {
            lock.withLock {
                if let previous {
                    for id in positions.indices where positions[id] < 0 {
                        let key = keys(id)
                        guard let entry = previous.entry(key), let bytes = previous.bytes(entry) else { continue }
                        entries.append((key, Entry(offset: written + buffer.count, length: entry.length, check: entry.check)))
                        buffer.append(contentsOf: bytes)
                        if buffer.count >= Self.chunk { flush() }
                    }
                }
                flush()
                // The old index goes first: a data file never sits beside an index of another.
                try? fileSystem.removeItem(store.indexPath)
                guard !failed else {
                    try? fileSystem.removeItem(newDataPath)
                    return
                }
                // By key, for the reader's binary search; two articles with the same summary keep
                // one. Written a megabyte at a time, as a large archive's index is large.
                entries.sort { $0.key < $1.key }
                let newIndexPath = store.indexPath + ".new"
                do {
                    var index = SummaryStore.magic
                    withUnsafeBytes(of: UInt64(written).littleEndian) { index.append(contentsOf: $0) }
                    try fileSystem.writeFile(newIndexPath, contents: Data(index))
                    index.removeAll(keepingCapacity: true)
                    var last: UInt64?
                    for (key, entry) in entries where key != last {
                        last = key
                        withUnsafeBytes(of: key.littleEndian) { index.append(contentsOf: $0) }
                        withUnsafeBytes(of: entry.start.littleEndian) { index.append(contentsOf: $0) }
                        withUnsafeBytes(of: entry.count.littleEndian) { index.append(contentsOf: $0) }
                        withUnsafeBytes(of: entry.check.littleEndian) { index.append(contentsOf: $0) }
                        if index.count >= 1 << 20 {
                            try fileSystem.appendFile(newIndexPath, contents: Data(index))
                            index.removeAll(keepingCapacity: true)
                        }
                    }
                    try fileSystem.appendFile(newIndexPath, contents: Data(index))
                    try fileSystem.moveReplacing(from: newDataPath, to: store.dataPath)
                    try fileSystem.moveReplacing(from: newIndexPath, to: store.indexPath)
                } catch {
                    try? fileSystem.removeItem(store.indexPath)
                }
                entries = []
                positions = []
                readBack = nil
            }
        }
    }
}
