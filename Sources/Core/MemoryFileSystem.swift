import Foundation

/// An in-memory file tree for tests: paths are plain strings, directories are implied by files.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    private var files: [String: Data]
    private var directories: Set<String> = []
    /// When each file was last written, as a count of writes: what a modification time is
    /// to a disk's files, so that a changed file has a new stamp.
    private var writes: [String: Int] = [:]
    private var writeCount = 0
    private let lock = NSLock()
    /// Lock files held (`exclusiveLock`), and the signal that one was let go.
    private var heldLocks: Set<String> = []
    private let lockReleased = NSCondition()

    public init(files: [String: String] = [:]) {
        self.files = files.mapValues { Data($0.utf8) }
    }

    public var allPaths: [String] { lock.withLock { files.keys.sorted() } }

    public func string(at path: String) -> String? {
        lock.withLock { files[normalize(path)].map { String(decoding: $0, as: UTF8.self) } }
    }

    public func readFile(_ path: String) throws -> Data {
        try lock.withLock {
            guard let data = files[normalize(path)] else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            return data
        }
    }

    public func writeFile(_ path: String, contents: Data) throws {
        lock.withLock {
            files[normalize(path)] = contents
            writeCount += 1
            writes[normalize(path)] = writeCount
        }
    }

    public func fileSize(_ path: String) -> Int? {
        lock.withLock { files[normalize(path)]?.count }
    }

    public func stamp(_ path: String) -> String {
        lock.withLock {
            guard let data = files[normalize(path)] else { return "-1:-1" }
            return "\(writes[normalize(path)] ?? 0):\(data.count)"
        }
    }

    public func listFiles(under directory: String) throws -> [String] {
        let prefix = normalize(directory) + "/"
        return lock.withLock {
            files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        }
    }

    public func fileExists(_ path: String) -> Bool {
        lock.withLock { files[normalize(path)] != nil }
    }

    public func modificationDate(_ path: String) -> Date? { nil }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = normalize(path) + "/"
        return lock.withLock { directories.contains(normalize(path)) || files.keys.contains { $0.hasPrefix(prefix) } }
    }

    public func createDirectory(_ path: String) throws {
        _ = lock.withLock { directories.insert(normalize(path)) }
    }

    public func removeItem(_ path: String) throws {
        let path = normalize(path)
        lock.withLock {
            files[path] = nil
            for key in files.keys where key.hasPrefix(path + "/") { files[key] = nil }
            directories = directories.filter { $0 != path && !$0.hasPrefix(path + "/") }
        }
    }

    public func removeDirectoryIfEmpty(_ path: String) -> Bool {
        let path = normalize(path), prefix = path + "/"
        return lock.withLock {
            guard directories.contains(path), !files.keys.contains(where: { $0.hasPrefix(prefix) }),
                  !directories.contains(where: { $0.hasPrefix(prefix) }) else { return false }
            directories.remove(path)
            return true
        }
    }

    public func moveItem(from source: String, to destination: String) throws {
        let source = normalize(source), destination = normalize(destination)
        try lock.withLock {
            if let data = files.removeValue(forKey: source) {
                files[destination] = data
                writes[destination] = writes.removeValue(forKey: source)
                return
            }
            let moved = files.keys.filter { $0.hasPrefix(source + "/") }
            guard !moved.isEmpty || directories.contains(source) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: source])
            }
            for key in moved {
                files[destination + key.dropFirst(source.count)] = files.removeValue(forKey: key)
                writes[destination + key.dropFirst(source.count)] = writes.removeValue(forKey: key)
            }
            directories.remove(source)
            directories.insert(destination)
        }
    }

    private func normalize(_ path: String) -> String {
        var path = path
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        return path
    }

    /// As the disk's: one holder at a time, the others wait (here, threads of this process).
    public func exclusiveLock(_ path: String, waiting: () -> Void) -> (any FileLock)? {
        let path = normalize(path)
        lockReleased.lock()
        defer { lockReleased.unlock() }
        if heldLocks.contains(path) {
            waiting()
            while heldLocks.contains(path) { lockReleased.wait() }
        }
        heldLocks.insert(path)
        return HeldLock { [self] in
            lockReleased.lock()
            heldLocks.remove(path)
            lockReleased.broadcast()
            lockReleased.unlock()
        }
    }

    private final class HeldLock: FileLock, @unchecked Sendable {
        let release: () -> Void
        init(release: @escaping () -> Void) { self.release = release }
        deinit { release() }
    }
}
