import Foundation

/// The seam between the pipeline and the disk: every read and write goes through it,
/// so tests can build whole sites in memory.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws -> Data
    /// The file's bytes, or `FileTooLarge` when it holds more than `limit`: a file far too
    /// large is refused before it is read, by the size the file system gives when it opens it.
    func readFile(_ path: String, atMost limit: Int) throws -> Data
    /// The file open for reads of any part of it, from any thread: a large cache file of which
    /// a build needs a little, read without holding it in memory.
    func openFile(_ path: String) throws -> any RandomAccessFile
    /// Reads a file once from its start to its end: `body` gets its bytes and tells `passed`
    /// how far it has gone, and what is behind may be let go. A cache file of hundreds of
    /// megabytes is decoded without being held whole beside what it decodes to.
    func readThrough<Result>(_ path: String, _ body: (UnsafeRawBufferPointer, _ passed: (Int) -> Void) throws -> Result) throws -> Result
    func writeFile(_ path: String, contents: Data) throws
    /// Writes text as UTF-8 (a rendered page: the real disk writes its bytes without a copy).
    func writeFile(_ path: String, string: String) throws
    /// Adds bytes to the end of an existing file.
    func appendFile(_ path: String, contents: Data) throws
    /// Every regular file below `directory`, as paths relative to it with `/` separators, sorted.
    func listFiles(under directory: String) throws -> [String]
    func fileExists(_ path: String) -> Bool
    func modificationDate(_ path: String) -> Date?
    func directoryExists(_ path: String) -> Bool
    func createDirectory(_ path: String) throws
    func removeItem(_ path: String) throws
    /// Removes the folder at `path` if nothing is in it; false when it holds something or is not there.
    @discardableResult func removeDirectoryIfEmpty(_ path: String) -> Bool
    func moveItem(from source: String, to destination: String) throws
    /// The file's size in bytes, when it can be known without reading it.
    func fileSize(_ path: String) -> Int?
    /// Modification time and size in one text (`1716000000.250000000:4096`), which changes when the
    /// file is edited; `-1:-1` for a file that cannot be examined.
    func stamp(_ path: String) -> String
    /// Moves a file to `destination`, replacing what is there and making its folder if needed.
    func moveReplacing(from source: String, to destination: String) throws
    /// Stamps of files named relative to `directory`, asked for every file of an archive.
    func stamper(in directory: String) -> any FileStamper
    /// Starts reading files named relative to `directory` into the system's cache, for reads
    /// soon after; nil where there is nothing to gain (files already in memory).
    func prefetcher(in directory: String) -> (any FilePrefetcher)?
    /// Holds the lock file at `path`, made if missing, until the returned lock is let go. When
    /// another build holds it, `waiting` is told and this one waits for it. Nil when the file
    /// cannot be made (a read-only folder): the build then goes on unguarded, as before.
    func exclusiveLock(_ path: String, waiting: () -> Void) -> (any FileLock)?
}

/// A lock held on a file until this is let go (`FileSystem.exclusiveLock`).
public protocol FileLock: AnyObject, Sendable {}

/// A file open for reading at any offset (`FileSystem.openFile`).
public protocol RandomAccessFile: Sendable {
    /// The file's size when it was opened.
    var size: Int { get }
    /// `count` bytes from `offset`; fewer only where the file ends.
    func read(offset: Int, count: Int) throws -> Data
}

/// A file's bytes already in memory, for file systems without their own open files.
public struct InMemoryFile: RandomAccessFile {
    let data: Data
    public init(data: Data) { self.data = data }
    public var size: Int { data.count }
    public func read(offset: Int, count: Int) throws -> Data {
        let start = data.startIndex + min(max(offset, 0), data.count)
        return data[start..<min(start + max(count, 0), data.endIndex)]
    }
}

/// Asks for files to be read into memory ahead of need, without waiting for the disk: an
/// archive too large for the cache is otherwise read one file at a time, each read waiting
/// for the last, at the disk's latency rather than its throughput.
public protocol FilePrefetcher: Sendable {
    /// Returns once the request is made; reading the file later gives the same bytes either way.
    func prefetch(_ relativePath: String)
    /// Brings in only what finding the file takes (its folder's entry and its inode), not its
    /// bytes: for files a phase checks are there but does not read.
    func prefetchEntry(_ relativePath: String)
}

/// Gives the stamps (`FileSystem.stamp`) of files named relative to one folder, from any thread.
public protocol FileStamper: Sendable {
    func stamp(_ relativePath: String) -> String
}

/// A stamper that joins each path to its folder and asks the file system.
public struct JoinedPathStamper<FS: FileSystem>: FileStamper {
    let fileSystem: FS
    let directory: String

    public func stamp(_ relativePath: String) -> String {
        fileSystem.stamp(joinPath(directory, relativePath))
    }
}

/// A file larger than a read allowed (`FileSystem.readFile(_:atMost:)`).
public struct FileTooLarge: Error, Equatable {
    public let path: String
    /// Its size in bytes, or how much of it was read before the limit was passed.
    public let size: Int

    public init(path: String, size: Int) {
        self.path = path
        self.size = size
    }
}

extension FileSystem {
    public func readFile(_ path: String, atMost limit: Int) throws -> Data {
        if let size = fileSize(path), size > limit { throw FileTooLarge(path: path, size: size) }
        let data = try readFile(path)
        guard data.count <= limit else { throw FileTooLarge(path: path, size: data.count) }
        return data
    }

    public func openFile(_ path: String) throws -> any RandomAccessFile { InMemoryFile(data: try readFile(path)) }
    public func readThrough<Result>(_ path: String, _ body: (UnsafeRawBufferPointer, _ passed: (Int) -> Void) throws -> Result) throws -> Result {
        try readFile(path).withUnsafeBytes { try body($0, { _ in }) }
    }
    public func fileSize(_ path: String) -> Int? { nil }

    /// Writes a file a piece at a time, as `produce` hands the pieces to the function it is
    /// given: the first replaces the file, the rest are appended to it, so a file of hundreds of
    /// megabytes is never held whole. No piece at all leaves an empty file.
    public func writeInPieces(_ path: String, _ produce: (_ write: (Data) throws -> Void) throws -> Void) throws {
        var started = false
        try produce { piece in
            if started {
                try appendFile(path, contents: piece)
            } else {
                try writeFile(path, contents: piece)
                started = true
            }
        }
        if !started { try writeFile(path, contents: Data()) }
    }

    public func stamp(_ path: String) -> String {
        "\(modificationDate(path)?.timeIntervalSince1970 ?? -1):\(fileSize(path) ?? -1)"
    }

    public func moveReplacing(from source: String, to destination: String) throws {
        try carefulMove(from: source, to: destination)
    }

    public func stamper(in directory: String) -> any FileStamper {
        JoinedPathStamper(fileSystem: self, directory: directory)
    }

    public func prefetcher(in directory: String) -> (any FilePrefetcher)? { nil }

    /// `moveReplacing` in steps: remove what is in the way, make the folder, move.
    public func carefulMove(from source: String, to destination: String) throws {
        if fileExists(destination) || directoryExists(destination) { try removeItem(destination) }
        let folder = parentFolder(of: destination)
        if !folder.isEmpty, !directoryExists(folder) { try createDirectory(folder) }
        try moveItem(from: source, to: destination)
    }

    public func writeFile(_ path: String, string: String) throws {
        try writeFile(path, contents: Data(string.utf8))
    }

    public func appendFile(_ path: String, contents: Data) throws {
        try writeFile(path, contents: try readFile(path) + contents)
    }
}

/// Joins path components with exactly one `/` between them.
public func joinPath(_ base: String, _ components: String...) -> String {
    var result = base
    for component in components where !component.isEmpty {
        if result.isEmpty {
            result = component
        } else if result.hasSuffix("/") {
            result += component.hasPrefix("/") ? String(component.dropFirst()) : component
        } else {
            result += component.hasPrefix("/") ? component : "/" + component
        }
    }
    return result
}

/// The folder `path` is in, as `NSString.deletingLastPathComponent` gives it (`a/b/c.html` →
/// `a/b`, `c.html` → empty, `/c` → `/`, trailing and doubled slashes dropped). Foundation's own
/// traps on a path of a single character (`a`, the top folder of `a/b/index.html`) on this
/// toolchain, so paths are cut here.
public func parentFolder(of path: String) -> String {
    var path = Substring(path)
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    guard let slash = path.lastIndex(of: "/") else { return "" }
    var parent = path[..<slash]
    while parent.hasSuffix("/") { parent.removeLast() }
    return parent.isEmpty ? "/" : String(parent)
}

/// The last part of `path` (`a/b/c.html` → `c.html`, `a/` → `a`), as `NSString.lastPathComponent` gives it.
public func lastPathComponent(of path: String) -> String {
    var path = Substring(path)
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    guard let slash = path.lastIndex(of: "/"), path.count > 1 else { return String(path) }
    return String(path[path.index(after: slash)...])
}
