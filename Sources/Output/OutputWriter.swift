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
    private let staged = PathSet()
    /// The files kept from the last build; with `staged`, every file of the new site. Two
    /// sets that do not overlap, rather than one of every file beside one of the staged: a
    /// first build stages every file, and a million paths held twice were 40 MB.
    private let kept = PathSet()
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
        let duplicate = lock.withLock { !staged.insert(path) || kept.contains(path) }
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
            for path in paths where !staged.contains(path) { kept.insert(path) }
        }
    }

    public var writtenCount: Int { lock.withLock { staged.count + kept.count } }

    /// Moves the staged site into the output folder and removes what the previous build wrote
    /// that this one did not (with `clean`, every file this build did not write).
    public func commit(clean: Bool = false) throws(Diagnostic) {
        let files = lock.withLock { SiteFiles(staged: staged, kept: kept) }
        do {
            try writeJournal(files)
            try moveIntoPlace(files, clean: clean, resuming: false)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw .error(.write, file: outputDirectory, "cannot move the new site into place: \(error.localizedDescription)")
        }
    }

    /// Every file of the new site: the staged ones, to move into place, and the ones kept from
    /// the last build, each with its order.
    struct SiteFiles {
        let staged: PathSet
        let stagedOrder: [Int32]
        let kept: PathSet
        let keptOrder: [Int32]

        init(staged: PathSet, kept: PathSet) {
            self.staged = staged
            self.stagedOrder = staged.sortedIndices()
            self.kept = kept
            self.keptOrder = kept.sortedIndices()
        }

        func contains(_ path: UnsafeRawBufferPointer) -> Bool {
            staged.contains(path) || kept.contains(path)
        }

        /// The list as the manifest stores it, one path a line in `String` order: the two
        /// sorted lists merged, written from the paths' bytes in place.
        func manifest() -> Data {
            var text = Data(capacity: byteCount(stagedOrder, in: staged) + byteCount(keptOrder, in: kept))
            let ascii = staged.isASCII && kept.isASCII
            var i = 0, j = 0
            while i < stagedOrder.count || j < keptOrder.count {
                let path: UnsafeRawBufferPointer
                if j == keptOrder.count || (i < stagedOrder.count
                    && PathSet.precedes(staged.bytes(Int(stagedOrder[i])), kept.bytes(Int(keptOrder[j])), ascii: ascii)) {
                    path = staged.bytes(Int(stagedOrder[i]))
                    i += 1
                } else {
                    path = kept.bytes(Int(keptOrder[j]))
                    j += 1
                }
                OutputWriter.appendLine(path, to: &text)
            }
            return text
        }

        /// The bytes of `order`'s paths with a character more each, for a list's mark or newline.
        func byteCount(_ order: [Int32], in paths: PathSet) -> Int {
            order.reduce(0) { $0 + paths.bytes(Int($1)).count + 1 }
        }
    }

    static func appendLine(_ path: UnsafeRawBufferPointer, mark: UInt8? = nil, to text: inout Data) {
        if let mark { text.append(mark) }
        if let base = path.baseAddress, path.count > 0 {
            text.append(base.assumingMemoryBound(to: UInt8.self), count: path.count)
        }
        text.append(UInt8(ascii: "\n"))
    }

    /// The journal names the staged files (`+`) and the kept ones (`=`) before the first moves.
    /// Built as one text and let go before the moves: at a million pages it is a hundred megabytes.
    private func writeJournal(_ files: SiteFiles) throws {
        var journal = Data(capacity: files.byteCount(files.stagedOrder, in: files.staged) + files.byteCount(files.keptOrder, in: files.kept) + files.staged.count + files.kept.count)
        for index in files.stagedOrder { Self.appendLine(files.staged.bytes(Int(index)), mark: UInt8(ascii: "+"), to: &journal) }
        for index in files.keptOrder { Self.appendLine(files.kept.bytes(Int(index)), mark: UInt8(ascii: "="), to: &journal) }
        try fileSystem.writeFile(journalPath, contents: journal)
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

    /// Finishes a commit that a killed or failed build left half done, from its journal.
    private func completeInterruptedCommit() throws(Diagnostic) {
        guard fileSystem.fileExists(journalPath), fileSystem.directoryExists(stagingDirectory) else {
            try? fileSystem.removeItem(journalPath)
            return
        }
        do {
            let journal = try fileSystem.readFile(journalPath)
            let staged = PathSet(), kept = PathSet()
            // A line without a mark (an older journal) names a staged file.
            Self.forEachLine(of: journal) { line in
                let isKept = line.first == UInt8(ascii: "=")
                let path = line.first == UInt8(ascii: "+") || isKept ? UnsafeRawBufferPointer(rebasing: line.dropFirst()) : line
                guard Self.isSafe(String(decoding: path, as: UTF8.self)) else { return }
                (isKept ? kept : staged).insert(path)
            }
            try moveIntoPlace(SiteFiles(staged: staged, kept: kept), clean: false, resuming: true)
        } catch {
            throw .error(.write, file: outputDirectory, "cannot complete the interrupted previous build: \(error.localizedDescription)")
        }
    }

    /// Calls `body` with each non-empty line of a file list, in place.
    static func forEachLine(of data: Data, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                if index > start { try body(UnsafeRawBufferPointer(rebasing: bytes[start..<index])) }
                start = index + 1
            }
        }
    }

    /// Moves the staged files from the staging folder into place; `files` is every file of the new site.
    private func moveIntoPlace(_ files: SiteFiles, clean: Bool, resuming: Bool) throws {
        // A first build moves the whole staging folder into place at once.
        if !resuming, files.kept.count == 0, !fileSystem.directoryExists(outputDirectory), !fileSystem.fileExists(outputDirectory) {
            try fileSystem.moveItem(from: stagingDirectory, to: outputDirectory)
            try fileSystem.writeFile(manifestPath, contents: files.manifest())
            try fileSystem.removeItem(journalPath)
            return
        }
        for index in files.stagedOrder {
            let path = files.staged.path(Int(index))
            let staged = joinPath(stagingDirectory, path)
            // After an interruption some files have moved already.
            if resuming, !fileSystem.fileExists(staged) { continue }
            try fileSystem.moveReplacing(from: staged, to: joinPath(outputDirectory, path))
        }
        let manifest = files.manifest()
        let previousManifest = try? fileSystem.readFile(manifestPath)
        let unchanged = previousManifest == manifest
        var stale: [String] = []
        if clean {
            stale = try fileSystem.listFiles(under: outputDirectory).filter { !files.staged.contains($0) && !files.kept.contains($0) }
        } else if let previousManifest, !unchanged {
            // The files the previous build wrote and this one did not, each looked up in place.
            Self.forEachLine(of: previousManifest) { path in
                if !files.contains(path) { stale.append(String(decoding: path, as: UTF8.self)) }
            }
        }
        for path in stale where Self.isSafe(path) {
            let file = joinPath(outputDirectory, path)
            if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
        }
        Self.removeEmptyFolders(above: stale, in: outputDirectory, fileSystem: fileSystem)
        // An unchanged file list (most rebuilds) is not written again.
        if !unchanged { try fileSystem.writeFile(manifestPath, contents: manifest) }
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
        var lines: [String] = []
        forEachLine(of: data) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
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
