import Foundation

/// The real disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func readFile(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    }

    public func writeFile(_ path: String, contents: Data) throws {
        let url = URL(fileURLWithPath: path)
        // Most pages go into a folder an earlier page made: try first, make folders when missing.
        do {
            try contents.write(to: url)
        } catch {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url)
        }
    }

    public func listFiles(under directory: String) throws -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard directoryExists(root.path) else { return [] }
        var files: [String] = []
        var visited: Set<String> = []
        try collect(root, relative: "", into: &files, visited: &visited, rootPath: root.resolvingSymlinksInPath().path)
        return files.sorted()
    }

    /// Walks the tree by hand rather than with `FileManager.enumerator` so that symlinks are
    /// followed only while they stay inside the content folder and loops are cut.
    private func collect(
        _ directory: URL, relative: String, into files: inout [String], visited: inout Set<String>, rootPath: String
    ) throws {
        let resolved = directory.resolvingSymlinksInPath().path
        guard visited.insert(resolved).inserted else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        for name in names {
            let url = directory.appendingPathComponent(name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            let target = url.resolvingSymlinksInPath().path
            guard target == rootPath || target.hasPrefix(rootPath + "/") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try collect(url, relative: relativePath, into: &files, visited: &visited, rootPath: rootPath)
            } else {
                files.append(relativePath)
            }
        }
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    // One stat(2) each: FileManager's attribute dictionary cost more than reading a small file.
    public func fileSize(_ path: String) -> Int? {
        status(path).map { Int($0.st_size) }
    }

    public func modificationDate(_ path: String) -> Date? {
        #if canImport(Darwin)
        status(path).map { Date(timeIntervalSince1970: Double($0.st_mtimespec.tv_sec) + Double($0.st_mtimespec.tv_nsec) / 1e9) }
        #else
        status(path).map { Date(timeIntervalSince1970: Double($0.st_mtim.tv_sec) + Double($0.st_mtim.tv_nsec) / 1e9) }
        #endif
    }

    private func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    public func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func removeItem(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }

    public func moveItem(from source: String, to destination: String) throws {
        try FileManager.default.moveItem(atPath: source, toPath: destination)
    }
}
