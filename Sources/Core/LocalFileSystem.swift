import Foundation

/// The real disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    /// open(2), fstat(2) and read(2): `Data(contentsOf:)` made a URL and took its path back for
    /// each of an archive's files, which cost more than reading a small article.
    public func readFile(_ path: String) throws -> Data {
        try readFile(path, atMost: .max)
    }

    /// The limit is checked against the size fstat(2) gives once the file is open, rather than
    /// a stat(2) of the path before it: an article read is one lookup of its path, not two.
    public func readFile(_ path: String, atMost limit: Int) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, code: errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw FileError(path: path, code: EISDIR) }
        guard info.st_size <= limit else { throw FileTooLarge(path: path, size: Int(info.st_size)) }
        // The size is a hint: a file that grows while it is read is read to its end.
        var data = Data(count: max(Int(info.st_size), 0) + 1)
        var total = 0
        while true {
            if total > limit { throw FileTooLarge(path: path, size: total) }
            if total == data.count { data.count += max(data.count, 4096) }
            let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, $0.count - total) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, code: errno)
            }
            if count == 0 { break }
            total += count
        }
        data.count = total
        return data
    }

    /// The file mapped into memory, and the pages behind `passed` given back as it goes: they
    /// are the file's own, read again from it if ever touched, never lost.
    public func readThrough<Result>(_ path: String, _ body: (UnsafeRawBufferPointer, _ passed: (Int) -> Void) throws -> Result) throws -> Result {
        let file = try OpenFile(path: path)
        defer { close(file.descriptor) }
        guard file.size > 0, let base = mmap(nil, file.size, PROT_READ, MAP_PRIVATE, file.descriptor, 0), base != MAP_FAILED else {
            // Empty, or a file that cannot be mapped: read the ordinary way.
            return try readFile(path).withUnsafeBytes { try body($0, { _ in }) }
        }
        defer { munmap(base, file.size) }
        _ = madvise(base, file.size, MADV_SEQUENTIAL)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var released = 0
        return try body(UnsafeRawBufferPointer(start: base, count: file.size)) { offset in
            let end = min(offset, file.size) / pageSize * pageSize
            guard end > released else { return }
            _ = madvise(base + released, end - released, MADV_DONTNEED)
            released = end
        }
    }

    /// open(2), then pread(2) for each read: what is read goes through the system's cache,
    /// not the process's memory, which a mapped file of hundreds of megabytes would fill.
    public func openFile(_ path: String) throws -> any RandomAccessFile {
        try OpenFile(path: path)
    }

    final class OpenFile: RandomAccessFile {
        let descriptor: Int32
        let size: Int
        let path: String

        init(path: String) throws {
            self.path = path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(path: path, code: errno) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                let code = errno
                close(descriptor)
                throw FileError(path: path, code: code == 0 ? EISDIR : code)
            }
            size = Int(info.st_size)
        }

        deinit { close(descriptor) }

        func read(offset: Int, count: Int) throws -> Data {
            var data = Data(count: max(count, 0))
            var total = 0
            while total < data.count {
                let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + total, $0.count - total, off_t(offset + total)) }
                if read < 0 {
                    if errno == EINTR { continue }
                    throw FileError(path: path, code: errno)
                }
                if read == 0 { break }
                total += read
            }
            data.count = total
            return data
        }
    }

    /// open(2) and write(2) rather than `Data.write(to:)`: a site is a hundred thousand small
    /// files, and each URL and `FileManager` call cost more than the write itself. A missing
    /// folder is made when the first file in it is written.
    public func writeFile(_ path: String, contents: Data) throws {
        try contents.withUnsafeBytes { try writeAll(path, bytes: $0) }
    }

    public func writeFile(_ path: String, string: String) throws {
        var string = string
        try string.withUTF8 { try writeAll(path, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// O_APPEND on a file that must exist: appending to nothing would make a file without its header.
    public func appendFile(_ path: String, contents: Data) throws {
        try contents.withUnsafeBytes { try writeAll(path, bytes: $0, flags: O_WRONLY | O_APPEND | O_CLOEXEC) }
    }

    private func writeAll(_ path: String, bytes: UnsafeRawBufferPointer, flags: Int32 = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC) throws {
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0, errno == ENOENT, flags & O_CREAT != 0 {
            try makeFolders(parentFolder(of: path))
            descriptor = open(path, flags, 0o644)
        }
        guard descriptor >= 0 else { throw FileError(path: path, code: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, code: errno)
            }
            offset += count
        }
    }

    /// mkdir(2) for the folder and any missing parents.
    private func makeFolders(_ path: String) throws {
        if path.isEmpty || mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw FileError(path: path, code: errno) }
        try makeFolders(parentFolder(of: path))
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw FileError(path: path, code: errno) }
    }

    /// A failed system call on a file, described as the system describes its error.
    struct FileError: LocalizedError {
        var path: String
        var code: Int32
        var errorDescription: String? { "\(path): \(String(cString: strerror(code)))" }
    }

    public func listFiles(under directory: String) throws -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard directoryExists(root.path) else { return [] }
        let rootPath = root.resolvingSymlinksInPath().path
        var files: [String]
        if let inParallel = try collectInParallel(rootPath) {
            files = inParallel
        } else {
            files = []
            var visited: Set<String> = []
            try collect(rootPath, relative: "", into: &files, visited: &visited, rootPath: rootPath)
        }
        // Each folder is walked in name order, which is the paths' order unless a name sorts
        // between a folder and its contents ("a/b" after "a-c"): checked, not sorted again.
        let sorted = files.indices.dropFirst().allSatisfy { files[$0 - 1] < files[$0] }
        return sorted ? files : files.sorted()
    }

    /// The walk of `collect`, with the content folder's subfolders walked on every core: reading
    /// folders is the kernel's work, and an archive's year folders are many. Nil when the walk
    /// in one subfolder reached a folder another also reached (by a link), which the walk in
    /// one pass lists once: then that walk decides.
    private func collectInParallel(_ rootPath: String) throws -> [String]? {
        enum Item { case file(String), folder(target: String, relative: String) }
        var items: [Item] = []
        try forEachEntry(of: rootPath, relative: "", rootPath: rootPath) { target, relativePath, isDirectory in
            items.append(isDirectory ? .folder(target: target, relative: relativePath) : .file(relativePath))
        }
        let folders = items.compactMap { item -> (target: String, relative: String)? in
            if case .folder(let target, let relative) = item { return (target, relative) }
            return nil
        }
        guard folders.count > 1 else { return nil }
        final class Walks: @unchecked Sendable {
            var files: [[String]]
            var visited: [Set<String>]
            var failure: (any Error)?
            let lock = NSLock()
            init(_ count: Int) {
                files = Array(repeating: [], count: count)
                visited = Array(repeating: [], count: count)
            }
        }
        let walks = Walks(folders.count)
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            var files: [String] = []
            // The content folder counts as visited: a link back to it is cut, as in one pass.
            var visited: Set<String> = [rootPath]
            do {
                try collect(folders[index].target, relative: folders[index].relative, into: &files, visited: &visited, rootPath: rootPath)
            } catch {
                walks.lock.withLock { walks.failure = walks.failure ?? error }
            }
            visited.remove(rootPath)
            walks.lock.withLock {
                walks.files[index] = files
                walks.visited[index] = visited
            }
        }
        if let failure = walks.failure { throw failure }
        let reached = walks.visited.reduce(0) { $0 + $1.count }
        guard Set(walks.visited.joined()).count == reached else { return nil }
        var files: [String] = []
        var folder = 0
        for item in items {
            switch item {
            case .file(let path):
                files.append(path)
            case .folder:
                files += walks.files[folder]
                folder += 1
            }
        }
        return files
    }

    /// Walks the tree with readdir(3), whose entry types spare a stat per file (a large archive
    /// has hundreds of thousands), rather than `FileManager.enumerator`, so that symlinks are
    /// followed only while they stay inside the content folder and loops are cut.
    private func collect(
        _ directory: String, relative: String, into files: inout [String], visited: inout Set<String>, rootPath: String
    ) throws {
        guard visited.insert(directory).inserted else { return }
        try forEachEntry(of: directory, relative: relative, rootPath: rootPath) { target, relativePath, isDirectory in
            if isDirectory {
                try collect(target, relative: relativePath, into: &files, visited: &visited, rootPath: rootPath)
            } else {
                files.append(relativePath)
            }
        }
    }

    /// The entries of one folder in name order, each with where it leads, its path relative to
    /// the content folder and whether it is a folder; links leading out of the content folder,
    /// and entries that are gone, are left out.
    private func forEachEntry(of directory: String, relative: String, rootPath: String,
                              _ body: (_ target: String, _ relativePath: String, _ isDirectory: Bool) throws -> Void) throws {
        guard let stream = opendir(directory) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: directory])
        }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(stream) {
            // Read in place: a record is only as long as its name, so copying the whole
            // `d_name` array could run past the end of the directory buffer.
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type))
        }
        closedir(stream)
        for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            switch Int32(type) {
            case Int32(DT_DIR):
                try body(directory + "/" + name, relativePath, true)
            case Int32(DT_REG):
                // A file's own path is not needed: only its path in the content folder.
                try body("", relativePath, false)
            default:
                // A link (or a file system without entry types): where it leads decides.
                let target = URL(fileURLWithPath: directory + "/" + name).resolvingSymlinksInPath().path
                guard target == rootPath || target.hasPrefix(rootPath + "/") else { continue }
                var directoryFlag: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target, isDirectory: &directoryFlag) else { continue }
                try body(target, relativePath, directoryFlag.boolValue)
            }
        }
    }

    /// stat(2) directly: asked for every page a rebuild keeps, where `FileManager` cost more
    /// than the system call. A link counts as what it leads to, as with `FileManager`.
    public func fileExists(_ path: String) -> Bool {
        guard let info = status(path) else { return false }
        return info.st_mode & S_IFMT != S_IFDIR
    }

    // One stat(2) each: FileManager's attribute dictionary cost more than reading a small file.
    public func fileSize(_ path: String) -> Int? {
        status(path).map { Int($0.st_size) }
    }

    public func modificationDate(_ path: String) -> Date? {
        status(path).map { info in
            let time = Self.modificationTime(info)
            return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
        }
    }

    /// One stat(2) for both, rather than one each.
    public func stamp(_ path: String) -> String {
        Self.stamp(status(path))
    }

    static func stamp(_ info: stat?) -> String {
        guard let info else { return "-1:-1" }
        // Whole numbers: formatting a Double for each of a million files costs more than the stat.
        let time = modificationTime(info)
        return String(time.tv_sec) + "." + String(time.tv_nsec) + ":" + String(info.st_size)
    }

    /// Looks files up from the open folder: the kernel then walks only the path below it, not
    /// the folder's own path (and any link to it) again for each of an archive's files.
    public func stamper(in directory: String) -> any FileStamper {
        FolderStamper(directory: directory) ?? JoinedPathStamper(fileSystem: self, directory: directory)
    }

    public func prefetcher(in directory: String) -> (any FilePrefetcher)? {
        FolderPrefetcher(directory: directory)
    }

    /// flock(2): the lock belongs to the open file, so a build that is killed leaves none behind.
    public func exclusiveLock(_ path: String, waiting: () -> Void) -> (any FileLock)? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                return nil
            }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    return nil
                }
            }
        }
        return HeldLock(descriptor: descriptor)
    }

    private final class HeldLock: FileLock {
        let descriptor: Int32
        init(descriptor: Int32) { self.descriptor = descriptor }
        deinit { close(descriptor) }
    }

    /// Opens each file from the folder's descriptor and asks the kernel to read it in the
    /// background (`POSIX_FADV_WILLNEED`); the open itself brings in the file's inode.
    private final class FolderPrefetcher: FilePrefetcher {
        let descriptor: Int32

        init?(directory: String) {
            guard !Self.isInMemory(directory) else { return nil }
            descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
        }

        deinit { close(descriptor) }

        /// A folder on tmpfs or ramfs: its files are in memory already. Read from the mount
        /// table (`/proc/self/mounts`: the mount point the folder's real path is longest below).
        private static func isInMemory(_ directory: String) -> Bool {
            guard let real = realpath(directory, nil) else { return false }
            let path = String(cString: real)
            free(real)
            guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return false }
            var best: (point: String, type: String)?
            for line in table.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count > 2 else { continue }
                let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
                let inside = point == "/" || path == point || path.hasPrefix(point + "/")
                if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
            }
            return best.map { ["tmpfs", "ramfs"].contains($0.type) } ?? false
        }

        func prefetch(_ relativePath: String) {
            let file = openat(descriptor, relativePath, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return }
            #if canImport(Glibc)
            _ = posix_fadvise(file, 0, 0, POSIX_FADV_WILLNEED)
            #endif
            close(file)
        }

        func prefetchEntry(_ relativePath: String) {
            var info = stat()
            _ = fstatat(descriptor, relativePath, &info, 0)
        }
    }

    private final class FolderStamper: FileStamper {
        let descriptor: Int32

        init?(directory: String) {
            descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
        }

        deinit { close(descriptor) }

        func stamp(_ relativePath: String) -> String {
            var info = stat()
            return LocalFileSystem.stamp(fstatat(descriptor, relativePath, &info, 0) == 0 ? info : nil)
        }
    }

    private static func modificationTime(_ info: stat) -> timespec {
        #if canImport(Darwin)
        info.st_mtimespec
        #else
        info.st_mtim
        #endif
    }

    private func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    public func directoryExists(_ path: String) -> Bool {
        guard let info = status(path) else { return false }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    public func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func removeItem(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }

    public func removeDirectoryIfEmpty(_ path: String) -> Bool {
        rmdir(path) == 0
    }

    /// rename(2) replaces a file in one step; only when it fails (a folder in the way, no
    /// folder yet) is it done in steps.
    public func moveReplacing(from source: String, to destination: String) throws {
        if rename(source, destination) == 0 { return }
        if errno == ENOENT, fileExists(source) {
            try makeFolders(parentFolder(of: destination))
            if rename(source, destination) == 0 { return }
        }
        try carefulMove(from: source, to: destination)
    }

    public func moveItem(from source: String, to destination: String) throws {
        try FileManager.default.moveItem(atPath: source, toPath: destination)
    }
}
