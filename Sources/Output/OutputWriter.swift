import Core
import Foundation

/// Writes the site into a staging folder beside the output folder and moves it into place only
/// when the whole build has succeeded, so a failed build never leaves a half-written site.
///
/// Files in the output folder that Broadsheet did not write are kept (unless `clean`); files an
/// earlier build wrote and this one did not are removed (the list lives in the cache folder, not
/// the output). Moving files into place is journaled: a build interrupted while moving is
/// completed by the next one, so the output is never left half old and half new.
public final class OutputWriter: @unchecked Sendable {
    public let outputDirectory: String
    public let stagingDirectory: String
    let manifestPath: String
    let journalPath: String
    let fileSystem: any FileSystem
    /// Every file of the new site: the staged ones and those kept from the last build.
    private var written: Set<String> = []
    /// The files written into the staging folder.
    private var staged: Set<String> = []
    private let lock = NSLock()

    public init(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem) throws(Diagnostic) {
        var output = outputDirectory
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.outputDirectory = output
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.stagingDirectory = joinPath(parent.isEmpty ? "." : parent, ".\(name).staging")
        self.manifestPath = joinPath(cacheDirectory, "output-manifest.txt")
        self.journalPath = joinPath(cacheDirectory, "output-journal.txt")
        self.fileSystem = fileSystem
        try completeInterruptedCommit()
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
        let duplicate = lock.withLock {
            staged.insert(path)
            return !written.insert(path).inserted
        }
        if duplicate {
            throw .error(.write, file: joinPath(outputDirectory, path), "two pages would be written to the same file")
        }
    }

    /// Keeps the file an earlier build wrote at `path` as this build's, without writing it
    /// again; false when there is no such file (then the page must be written).
    public func keep(_ path: String) -> Bool {
        guard Self.isSafe(path), fileSystem.fileExists(joinPath(outputDirectory, path)) else { return false }
        return lock.withLock { written.insert(path).inserted }
    }

    /// Undoes `keep` for a file that is to be written after all (one of a group was missing).
    public func forget(_ path: String) {
        _ = lock.withLock { written.remove(path) }
        // (A forgotten file is written next, which stages it.)
    }

    public func write(_ path: String, string: String) throws(Diagnostic) {
        try write(path, contents: Data(string.utf8))
    }

    public var writtenCount: Int { lock.withLock { written.count } }

    /// Moves the staged site into the output folder and removes what the previous build wrote
    /// that this one did not (with `clean`, every file this build did not write).
    public func commit(clean: Bool = false) throws(Diagnostic) {
        let (files, moving, journal) = lock.withLock {
            let files = written.sorted()
            return (files, staged.sorted(), files.map { (staged.contains($0) ? "+" : "=") + $0 })
        }
        do {
            // The journal names the staged files (`+`) and the kept ones (`=`) before the first moves.
            try fileSystem.writeFile(journalPath, string: journal.joined(separator: "\n") + "\n")
            try moveIntoPlace(moving, site: files, clean: clean, resuming: false)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw .error(.write, file: outputDirectory, "cannot move the new site into place: \(error.localizedDescription)")
        }
    }

    /// Finishes a commit that a killed or failed build left half done, from its journal.
    private func completeInterruptedCommit() throws(Diagnostic) {
        guard fileSystem.fileExists(journalPath), fileSystem.directoryExists(stagingDirectory) else {
            try? fileSystem.removeItem(journalPath)
            return
        }
        do {
            let journal = String(decoding: try fileSystem.readFile(journalPath), as: UTF8.self)
            // A line without a mark (an older journal) names a staged file.
            let entries = journal.split(separator: "\n").map { line in
                (staged: line.first != "=", path: String(line.first == "+" || line.first == "=" ? line.dropFirst() : line[...]))
            }.filter { Self.isSafe($0.path) }
            try moveIntoPlace(entries.filter(\.staged).map(\.path), site: entries.map(\.path), clean: false, resuming: true)
        } catch {
            throw .error(.write, file: outputDirectory, "cannot complete the interrupted previous build: \(error.localizedDescription)")
        }
    }

    /// Moves `moving` from the staging folder into place; `site` is every file of the new site.
    private func moveIntoPlace(_ moving: [String], site files: [String], clean: Bool, resuming: Bool) throws {
        // A first build moves the whole staging folder into place at once.
        if !resuming, moving.count == files.count, !fileSystem.directoryExists(outputDirectory), !fileSystem.fileExists(outputDirectory) {
            try fileSystem.moveItem(from: stagingDirectory, to: outputDirectory)
            try fileSystem.writeFile(manifestPath, string: files.joined(separator: "\n") + "\n")
            try fileSystem.removeItem(journalPath)
            return
        }
        for path in moving {
            let staged = joinPath(stagingDirectory, path)
            // After an interruption some files have moved already.
            if resuming, !fileSystem.fileExists(staged) { continue }
            try fileSystem.moveReplacing(from: staged, to: joinPath(outputDirectory, path))
        }
        let current = Set(files)
        var stale: [String]
        if clean {
            stale = try fileSystem.listFiles(under: outputDirectory)
        } else {
            let previous = (try? fileSystem.readFile(manifestPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            stale = previous.split(separator: "\n").map(String.init)
        }
        stale = stale.filter { !current.contains($0) && Self.isSafe($0) }
        for path in stale {
            let file = joinPath(outputDirectory, path)
            if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
        }
        try fileSystem.writeFile(manifestPath, string: files.joined(separator: "\n") + "\n")
        try fileSystem.removeItem(stagingDirectory)
        try fileSystem.removeItem(journalPath)
    }

    /// Discards the staged files; the output folder is left as it was.
    public func abandon() {
        try? fileSystem.removeItem(stagingDirectory)
    }

    /// A relative path that stays inside the output folder.
    static func isSafe(_ path: String) -> Bool {
        // Byte by byte: asked for every file of the site.
        var path = path
        return path.withUTF8 { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
            var componentStart = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                if byte == 0 || byte == UInt8(ascii: "\\") { return false }
                guard byte == UInt8(ascii: "/") else { continue }
                let length = index - componentStart
                if length == 1 && bytes[componentStart] == UInt8(ascii: ".") { return false }
                if length == 2 && bytes[componentStart] == UInt8(ascii: ".") && bytes[componentStart + 1] == UInt8(ascii: ".") { return false }
                componentStart = index + 1
            }
            return true
        }
    }
}
