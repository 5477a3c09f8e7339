import Core
import Foundation

/// Writes the site into a staging folder beside the output folder and moves it into place only
/// when the whole build has succeeded, so a failed build never leaves a half-written site.
///
/// Files in the output folder that Broadsheet did not write are kept; files an earlier build
/// wrote and this one did not are removed (the list lives in the cache folder, not the output).
public final class OutputWriter: @unchecked Sendable {
    public let outputDirectory: String
    public let stagingDirectory: String
    let manifestPath: String
    let fileSystem: any FileSystem
    private var written: Set<String> = []
    private let lock = NSLock()

    public init(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem) throws(Diagnostic) {
        var output = outputDirectory
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.outputDirectory = output
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.stagingDirectory = joinPath(parent.isEmpty ? "." : parent, ".\(name).staging")
        self.manifestPath = joinPath(cacheDirectory, "output-manifest.txt")
        self.fileSystem = fileSystem
        do {
            if fileSystem.directoryExists(stagingDirectory) { try fileSystem.removeItem(stagingDirectory) }
            try fileSystem.createDirectory(stagingDirectory)
        } catch {
            throw .error(.write, file: stagingDirectory, "cannot prepare the staging folder: \(error.localizedDescription)")
        }
    }

    /// Writes one file of the site; `path` is relative to the site root. Safe from any thread.
    public func write(_ path: String, contents: Data) throws(Diagnostic) {
        guard Self.isSafe(path) else {
            throw .error(.write, file: path, "refusing to write outside the output folder")
        }
        do {
            try fileSystem.writeFile(joinPath(stagingDirectory, path), contents: contents)
        } catch {
            throw .error(.write, file: joinPath(outputDirectory, path), "cannot write: \(error.localizedDescription)")
        }
        let duplicate = lock.withLock { !written.insert(path).inserted }
        if duplicate {
            throw .error(.write, file: joinPath(outputDirectory, path), "two pages would be written to the same file")
        }
    }

    public func write(_ path: String, string: String) throws(Diagnostic) {
        try write(path, contents: Data(string.utf8))
    }

    public var writtenCount: Int { lock.withLock { written.count } }

    /// Moves the staged site into the output folder and removes what the previous build wrote
    /// that this one did not.
    public func commit() throws(Diagnostic) {
        let files = lock.withLock { written.sorted() }
        do {
            for path in files {
                let destination = joinPath(outputDirectory, path)
                if fileSystem.fileExists(destination) { try fileSystem.removeItem(destination) }
                if fileSystem.directoryExists(destination) { try fileSystem.removeItem(destination) }
                let folder = (destination as NSString).deletingLastPathComponent
                if !fileSystem.directoryExists(folder) { try fileSystem.createDirectory(folder) }
                try fileSystem.moveItem(from: joinPath(stagingDirectory, path), to: destination)
            }
            let previous = (try? fileSystem.readFile(manifestPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let current = Set(files)
            for stale in previous.split(separator: "\n").map(String.init) where !current.contains(stale) && Self.isSafe(stale) {
                let path = joinPath(outputDirectory, stale)
                if fileSystem.fileExists(path) { try fileSystem.removeItem(path) }
            }
            try fileSystem.writeFile(manifestPath, string: files.joined(separator: "\n") + "\n")
            try fileSystem.removeItem(stagingDirectory)
        } catch {
            throw .error(.write, file: outputDirectory, "cannot move the new site into place: \(error.localizedDescription)")
        }
    }

    /// Discards the staged files; the output folder is left as it was.
    public func abandon() {
        try? fileSystem.removeItem(stagingDirectory)
    }

    /// A relative path that stays inside the output folder.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0") && !path.contains("\\")
            && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
    }
}
