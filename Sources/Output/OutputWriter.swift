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
    /// The files written into the staging folder.
    private var staged: Set<String> = []
    /// The files kept from the last build; with `staged`, every file of the new site. Two
    /// sets that do not overlap, rather than one of every file beside one of the staged: a
    /// first build stages every file, and a million paths held twice were 40 MB.
    private var kept: Set<String> = []
    private let lock = NSLock()

    public init(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem) throws(Diagnostic) {
        var output = outputDirectory
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.outputDirectory = output
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.stagingDirectory = joinPath(parent.isEmpty ? "." : parent, ".\(name).staging")
        self.manifestPath = Self.manifestPath(cacheDirectory: cacheDirectory)
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

    /// Where the list of the files the last build wrote is kept.
    public static func manifestPath(cacheDirectory: String) -> String {
        joinPath(cacheDirectory, "output-manifest.txt")
    }

    /// Writes one file of the site; `path` is relative to the site root. Safe from any thread.
    public func write(_ path: String, contents: Data) throws(Diagnostic) {
        try stage(path) { try fileSystem.writeFile($0, contents: contents) }
    }

    /// A rendered page, written as its UTF-8 bytes without a copy.
    public func write(_ path: String, string: String) throws(Diagnostic) {
        try stage(path) { try fileSystem.writeFile($0, string: string) }
    }

    private func stage(_ path: String, write: (String) throws -> Void) throws(Diagnostic) {
        guard Self.isSafe(path) else {
            throw .error(.write, file: path, "refusing to write outside the output folder")
        }
        do {
            try write(joinPath(stagingDirectory, path))
        } catch {
            throw .error(.write, file: joinPath(outputDirectory, path), "cannot write: \(error.localizedDescription)")
        }
        let duplicate = lock.withLock { !staged.insert(path).inserted || kept.contains(path) }
        if duplicate {
            throw .error(.write, file: joinPath(outputDirectory, path), "two pages would be written to the same file")
        }
    }

    /// Whether the file an earlier build wrote at `path` is there to be kept. Safe from any
    /// thread and takes no lock: asked for every page of a rebuild on every core.
    public func canKeep(_ path: String) -> Bool {
        Self.isSafe(path) && fileSystem.fileExists(joinPath(outputDirectory, path))
    }

    /// Keeps the files an earlier build wrote at `paths` (each found by `canKeep`) as this
    /// build's, without writing them again: all at once, after the pages are rendered.
    /// An array, not any sequence: called across modules, a generic sequence was iterated
    /// unspecialised, at a microsecond a path.
    public func keep(_ paths: [String]) {
        lock.withLock {
            kept.reserveCapacity(kept.count + paths.count)
            for path in paths where !staged.contains(path) { kept.insert(path) }
        }
    }

    public var writtenCount: Int { lock.withLock { staged.count + kept.count } }

    /// Moves the staged site into the output folder and removes what the previous build wrote
    /// that this one did not (with `clean`, every file this build did not write).
    public func commit(clean: Bool = false) throws(Diagnostic) {
        let (moving, keeping) = lock.withLock { (staged.sorted(), kept.sorted()) }
        let files = Self.merge(moving, keeping)
        do {
            try writeJournal(staged: moving, kept: keeping)
            try moveIntoPlace(moving, site: files, clean: clean, resuming: false)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw .error(.write, file: outputDirectory, "cannot move the new site into place: \(error.localizedDescription)")
        }
    }

    /// The journal names the staged files (`+`) and the kept ones (`=`) before the first moves,
    /// in no particular order (reading it sorts them). Built as one text and let go before the
    /// moves: at a million pages it is a hundred megabytes.
    private func writeJournal(staged: [String], kept: [String]) throws {
        var journal = ""
        journal.reserveCapacity([staged, kept].reduce(0) { total, files in files.reduce(total) { $0 + $1.utf8.count + 2 } })
        for (mark, files) in [("+", staged), ("=", kept)] {
            for file in files {
                journal.append(mark)
                journal.append(file)
                journal.append("\n")
            }
        }
        try fileSystem.writeFile(journalPath, string: journal)
    }

    /// Two sorted lists as one.
    static func merge(_ first: [String], _ second: [String]) -> [String] {
        guard !second.isEmpty else { return first }
        guard !first.isEmpty else { return second }
        var merged: [String] = []
        merged.reserveCapacity(first.count + second.count)
        var i = first.startIndex, j = second.startIndex
        while i < first.endIndex, j < second.endIndex {
            if first[i] < second[j] { merged.append(first[i]); i += 1 } else { merged.append(second[j]); j += 1 }
        }
        merged.append(contentsOf: first[i...])
        merged.append(contentsOf: second[j...])
        return merged
    }

    /// A file list as the manifest stores it, one path a line, built in place: joining the
    /// paths and then adding the last newline held the list twice.
    static func manifest(_ files: [String]) -> String {
        var text = ""
        text.reserveCapacity(files.reduce(0) { $0 + $1.utf8.count + 1 })
        for file in files {
            text.append(file)
            text.append("\n")
        }
        return text
    }

    /// Whether a file's bytes are a text's, compared in place.
    static func same(_ data: Data, _ text: inout String) -> Bool {
        text.withUTF8 { text -> Bool in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
                guard bytes.count == text.count else { return false }
                return bytes.count == 0 || memcmp(bytes.baseAddress!, text.baseAddress!, text.count) == 0
            }
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
            try moveIntoPlace(entries.filter(\.staged).map(\.path), site: entries.map(\.path).sorted(), clean: false, resuming: true)
        } catch {
            throw .error(.write, file: outputDirectory, "cannot complete the interrupted previous build: \(error.localizedDescription)")
        }
    }

    /// Moves `moving` from the staging folder into place; `site` is every file of the new site, sorted.
    private func moveIntoPlace(_ moving: [String], site files: [String], clean: Bool, resuming: Bool) throws {
        // A first build moves the whole staging folder into place at once.
        if !resuming, moving.count == files.count, !fileSystem.directoryExists(outputDirectory), !fileSystem.fileExists(outputDirectory) {
            try fileSystem.moveItem(from: stagingDirectory, to: outputDirectory)
            try fileSystem.writeFile(manifestPath, string: Self.manifest(files))
            try fileSystem.removeItem(journalPath)
            return
        }
        for path in moving {
            let staged = joinPath(stagingDirectory, path)
            // After an interruption some files have moved already.
            if resuming, !fileSystem.fileExists(staged) { continue }
            try fileSystem.moveReplacing(from: staged, to: joinPath(outputDirectory, path))
        }
        var manifest = Self.manifest(files)
        let previousManifest = try? fileSystem.readFile(manifestPath)
        let unchanged = previousManifest.map { Self.same($0, &manifest) } ?? false
        var stale: [String] = []
        if clean {
            let current = Set(files)
            stale = try fileSystem.listFiles(under: outputDirectory).filter { !current.contains($0) }
        } else if let previousManifest, !unchanged {
            // Both lists are sorted: one walk finds the files the previous build wrote and this one did not.
            let previous = Self.lines(previousManifest)
            var next = files.startIndex
            for path in previous.sorted() {
                while next < files.endIndex, files[next] < path { next += 1 }
                if next == files.endIndex || files[next] != path { stale.append(path) }
            }
        }
        for path in stale where Self.isSafe(path) {
            let file = joinPath(outputDirectory, path)
            if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
        }
        Self.removeEmptyFolders(above: stale, in: outputDirectory, fileSystem: fileSystem)
        // An unchanged file list (most rebuilds) is not written again.
        if !unchanged { try fileSystem.writeFile(manifestPath, string: manifest) }
        try fileSystem.removeItem(stagingDirectory)
        try fileSystem.removeItem(journalPath)
    }

    /// Removes the folders that removing `stale` files left empty (a page whose URL moved
    /// leaves its old folder behind otherwise), deepest first, up to the output folder. A
    /// folder that still holds anything, the site's or its owner's, stays.
    static func removeEmptyFolders(above stale: [String], in outputDirectory: String, fileSystem: any FileSystem) {
        var folders = Set<String>()
        for path in stale where Self.isSafe(path) {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // A folder's path is a prefix of its subfolders', so in descending order each comes after them.
        for folder in folders.sorted(by: >) { fileSystem.removeDirectoryIfEmpty(joinPath(outputDirectory, folder)) }
    }

    /// The non-empty lines of a file list, split on bytes: a manifest has a line for each of
    /// a hundred thousand pages, and splitting its text by `Character` cost a tenth of a rebuild.
    static func lines(_ data: Data) -> [String] {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lines: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                if index > start { lines.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = index + 1
            }
            return lines
        }
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
