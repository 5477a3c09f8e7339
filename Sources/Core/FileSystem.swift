import Foundation

/// The seam between the pipeline and the disk: every read and write goes through it,
/// so tests can build whole sites in memory.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws -> Data
    func writeFile(_ path: String, contents: Data) throws
    /// Every regular file below `directory`, as paths relative to it with `/` separators, sorted.
    func listFiles(under directory: String) throws -> [String]
    func fileExists(_ path: String) -> Bool
    func modificationDate(_ path: String) -> Date?
    func directoryExists(_ path: String) -> Bool
    func createDirectory(_ path: String) throws
    func removeItem(_ path: String) throws
    func moveItem(from source: String, to destination: String) throws
    /// The file's size in bytes, when it can be known without reading it.
    func fileSize(_ path: String) -> Int?
}

extension FileSystem {
    public func fileSize(_ path: String) -> Int? { nil }

    public func writeFile(_ path: String, string: String) throws {
        try writeFile(path, contents: Data(string.utf8))
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
