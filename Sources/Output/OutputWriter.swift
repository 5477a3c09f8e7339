import Core
import Foundation

/// Writes the site into a staging folder beside the output folder and moves it into place only
/// when the whole build has succeeded, so a failed build never leaves a half-written site.
///
/// Files in the output folder that Broadsheet did not write are kept (unless `clean`); files an
/// earlier build wrote and this one did not are removed (the list lives in the cache folder, not
/// the output). Moving files into place is journaled: a build interrupted while moving is
/// completed by the next one, so the output is never left half old and half new.
///
/// A first build stages the site as it will stand and moves the whole folder into place at
/// once. A rebuild stages each file under a number instead (`12/345`, a thousand and some to a
/// folder), and each is renamed to its own path on commit: staged at their paths, a rebuild of
/// every page made as many folders in the staging folder, and removing them cost much of the write.
public final class OutputWriter: @unchecked Sendable {
    public let outputDirectory: String
    public let stagingDirectory: String
    /// Whether files are staged under numbers (`stagedName(_:)`) rather than at their paths: when
    /// there is an output folder to rename them into.
    private(set) var stagesNumbered = false
    let manifestPath: String
    let journalPath: String
    let fileSystem: any FileSystem
    /// The files written into the staging folder.
    private let staged = PathSet()
    /// The files kept from the last build; with `staged`, every file of the new site. Two
    /// sets that do not overlap, rather than one of every file beside one of the staged: a
    /// first build stages every file, and would hold every path twice.
    private let kept = PathSet()
    private let lock = NSLock()

    public init(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem) throws(Diagnostic) {
        var output = outputDirectory
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.outputDirectory = output
        let parent = parentFolder(of: output)
        let name = lastPathComponent(of: output)
        self.stagingDirectory = joinPath(parent.isEmpty ? "." : parent, ".\(name).staging")
        self.manifestPath = Self.manifestPath(cacheDirectory: cacheDirectory)
        self.journalPath = joinPath(cacheDirectory, "output-journal.txt")
        self.fileSystem = fileSystem
        try completeInterruptedCommit()
        stagesNumbered = fileSystem.directoryExists(output)
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
        // Listed first, for its number: a file that then cannot be written fails the build.
        let index: Int? = lock.withLock { staged.insert(path) && !kept.contains(path) ? staged.count - 1 : nil }
        guard let index else {
            throw .error(.write, file: joinPath(outputDirectory, path), "two pages would be written to the same file")
        }
        do {
            try write(joinPath(stagingDirectory, stagesNumbered ? Self.stagedName(index) : path))
        } catch {
            throw .error(.write, file: joinPath(outputDirectory, path), "cannot write: \(error.localizedDescription)")
        }
    }

    /// Files staged under a number share a folder this many at a time.
    static let stagedPerFolder = 1024

    /// Where in the staging folder the file listed `index`th is staged, when staged under a number.
    static func stagedName(_ index: Int) -> String {
        "\(index / stagedPerFolder)/\(index % stagedPerFolder)"
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
        let files = lock.withLock { SiteFiles(staged: staged, kept: kept, numbered: stagesNumbered) }
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
        /// Whether the staged files are under their numbers, not their paths.
        let numbered: Bool

        init(staged: PathSet, kept: PathSet, numbered: Bool = false) {
            self.staged = staged
            self.stagedOrder = staged.sortedIndices()
            self.kept = kept
            self.keptOrder = kept.sortedIndices()
            self.numbered = numbered
        }

        /// Where the staged file at `index` is, relative to the staging folder.
        func stagedFile(_ index: Int) -> String {
            numbered ? OutputWriter.stagedName(index) : staged.path(index)
        }

        func contains(_ path: UnsafeRawBufferPointer) -> Bool {
            staged.contains(path) || kept.contains(path)
        }

        /// Each path of the list as the manifest stores it, in `String` order: the two sorted
        /// lists merged, the paths' bytes in place.
        func forEachPath(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            let ascii = staged.isASCII && kept.isASCII
            var i = 0, j = 0
            while i < stagedOrder.count || j < keptOrder.count {
                if j == keptOrder.count || (i < stagedOrder.count
                    && PathSet.precedes(staged.bytes(Int(stagedOrder[i])), kept.bytes(Int(keptOrder[j])), ascii: ascii)) {
                    try body(staged.bytes(Int(stagedOrder[i])))
                    i += 1
                } else {
                    try body(kept.bytes(Int(keptOrder[j])))
                    j += 1
                }
            }
        }

        /// Whether `previous`, a manifest as stored, lists these files: compared line by line
        /// in place, without the list made first (both are large for a large site), telling
        /// `passed` every few megabytes how far it has read.
        func isListed(by previous: UnsafeRawBufferPointer, passed: (Int) -> Void = { _ in }) -> Bool {
            var offset = 0, reported = 0
            var same = true
            forEachPath { path in
                guard same else { return }
                if offset - reported >= 16 << 20 {
                    passed(offset)
                    reported = offset
                }
                let end = offset + path.count
                guard end < previous.count, previous[end] == UInt8(ascii: "\n"),
                      path.elementsEqual(previous[offset..<end]) else {
                    same = false
                    return
                }
                offset = end + 1
            }
            return same && offset == previous.count
        }

        /// Writes the manifest in pieces of a few megabytes, never whole.
        func writeManifest(to path: String, fileSystem: any FileSystem, pieceSize: Int = OutputWriter.pieceSize) throws {
            try OutputWriter.writeLines(to: path, fileSystem: fileSystem, pieceSize: pieceSize) { line in
                try forEachPath { try line($0, nil) }
            }
        }
    }

    static func appendLine(_ path: UnsafeRawBufferPointer, mark: UInt8? = nil, to text: inout Data) {
        if let mark { text.append(mark) }
        if let base = path.baseAddress, path.count > 0 {
            text.append(base.assumingMemoryBound(to: UInt8.self), count: path.count)
        }
        text.append(UInt8(ascii: "\n"))
    }

    /// The journal names the staged files (`+` at their paths, `~` under their numbers, in
    /// number order) and the kept ones (`=`) before the first moves. Written in pieces: at a
    /// million pages it is a hundred megabytes.
    private func writeJournal(_ files: SiteFiles) throws {
        try Self.writeLines(to: journalPath, fileSystem: fileSystem) { line in
            if files.numbered {
                for index in 0..<files.staged.count { try line(files.staged.bytes(index), UInt8(ascii: "~")) }
            } else {
                for index in files.stagedOrder { try line(files.staged.bytes(Int(index)), UInt8(ascii: "+")) }
            }
            for index in files.keptOrder { try line(files.kept.bytes(Int(index)), UInt8(ascii: "=")) }
        }
    }

    static let pieceSize = 4 << 20

    /// A file list written `pieceSize` bytes at a time: `produce` gives each line, with its
    /// mark when it has one.
    static func writeLines(to path: String, fileSystem: any FileSystem, pieceSize: Int = pieceSize,
                           _ produce: (_ line: (UnsafeRawBufferPointer, UInt8?) throws -> Void) throws -> Void) throws {
        try fileSystem.writeInPieces(path) { write in
            // Called only while `produce` runs: it escapes no further.
            try withoutActuallyEscaping(write) { write in
                var buffer = Data()
                buffer.reserveCapacity(pieceSize + 4096)
                try produce { line, mark in
                    appendLine(line, mark: mark, to: &buffer)
                    guard buffer.count >= pieceSize else { return }
                    try write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                if !buffer.isEmpty { try write(buffer) }
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
            let journal = try fileSystem.readFile(journalPath)
            let staged = PathSet(), kept = PathSet()
            var numbered = false
            // A line without a mark (an older journal) names a staged file.
            try Self.forEachLine(of: journal) { line in
                let mark = line.first
                let isKept = mark == UInt8(ascii: "="), isNumbered = mark == UInt8(ascii: "~")
                let path = mark == UInt8(ascii: "+") || isKept || isNumbered ? UnsafeRawBufferPointer(rebasing: line.dropFirst()) : line
                guard Self.isSafe(String(decoding: path, as: UTF8.self)) else {
                    // Numbered files are listed in number order: one left out would move the rest
                    // to the wrong paths.
                    if isNumbered { throw Diagnostic.error(.write, file: journalPath, "an unsafe path in the list of staged files") }
                    return
                }
                numbered = numbered || isNumbered
                (isKept ? kept : staged).insert(path)
            }
            try moveIntoPlace(SiteFiles(staged: staged, kept: kept, numbered: numbered), clean: false, resuming: true)
        } catch {
            throw .error(.write, file: outputDirectory, "cannot complete the interrupted previous build: \(error.localizedDescription)")
        }
    }

    /// Calls `body` with each non-empty line of a file list, in place.
    static func forEachLine(of data: Data, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try data.withUnsafeBytes { try forEachLine(of: $0, body) }
    }

    static func forEachLine(of bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            if index > start { try body(UnsafeRawBufferPointer(rebasing: bytes[start..<index])) }
            start = index + 1
        }
    }

    /// Moves the staged files from the staging folder into place; `files` is every file of the new site.
    private func moveIntoPlace(_ files: SiteFiles, clean: Bool, resuming: Bool) throws {
        // A first build moves the whole staging folder into place at once.
        if !resuming, !files.numbered, files.kept.count == 0, !fileSystem.directoryExists(outputDirectory), !fileSystem.fileExists(outputDirectory) {
            try fileSystem.moveItem(from: stagingDirectory, to: outputDirectory)
            try files.writeManifest(to: manifestPath, fileSystem: fileSystem)
            try fileSystem.removeItem(journalPath)
            return
        }
        // Each move looks up the file's entry in the staging folder and in the output folder, one
        // move after another: after a template edit, each lookup in the output folder waits on a
        // cold disk. Both are asked for ahead.
        let order = files.stagedOrder
        // Only read while the files move: nothing is staged once the site is committed.
        nonisolated(unsafe) let files = files
        let readAhead = ReadAhead.start(count: order.count, fileSystem: fileSystem, sources: [
            ReadAhead.Source(stagingDirectory, need: .entry) { files.stagedFile(Int(order[$0])) },
            ReadAhead.Source(outputDirectory, need: .entry) { files.staged.path(Int(order[$0])) },
        ])
        defer { readAhead?.stop() }
        for index in order {
            defer { readAhead?.advance() }
            let path = files.staged.path(Int(index))
            let stagedFile = joinPath(stagingDirectory, files.stagedFile(Int(index)))
            // After an interruption some files have moved already.
            if resuming, !fileSystem.fileExists(stagedFile) { continue }
            try fileSystem.moveReplacing(from: stagedFile, to: joinPath(outputDirectory, path))
        }
        // The last build's list, read through in place: whether it is this one's, and if not
        // the files it names that this build did not write, each looked up in place.
        var unchanged = false
        var stale: [String] = []
        try? fileSystem.readThrough(manifestPath) { previous, passed in
            unchanged = files.isListed(by: previous, passed: passed)
            guard !clean, !unchanged else { return }
            Self.forEachLine(of: previous) { path in
                if !files.contains(path) { stale.append(String(decoding: path, as: UTF8.self)) }
            }
        }
        if clean {
            stale = try fileSystem.listFiles(under: outputDirectory).filter { !files.staged.contains($0) && !files.kept.contains($0) }
        }
        for path in stale where Self.isSafe(path) {
            let file = joinPath(outputDirectory, path)
            if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
        }
        Self.removeEmptyFolders(above: stale, in: outputDirectory, fileSystem: fileSystem)
        // An unchanged file list (most rebuilds) is not written again.
        if !unchanged { try files.writeManifest(to: manifestPath, fileSystem: fileSystem) }
        try fileSystem.removeItem(stagingDirectory)
        try fileSystem.removeItem(journalPath)
    }

    /// Removes the folders that removing `stale` files left empty (a page whose URL moved
    /// leaves its old folder behind otherwise), deepest first, up to the output folder. A
    /// folder that still holds anything, the site's or its owner's, stays.
    static func removeEmptyFolders(above stale: [String], in outputDirectory: String, fileSystem: any FileSystem) {
        var folders = Set<String>()
        for path in stale where Self.isSafe(path) {
            var folder = parentFolder(of: path)
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = parentFolder(of: folder)
            }
        }
        // A folder's path is a prefix of its subfolders', so in descending order each comes after them.
        for folder in folders.sorted(by: >) { fileSystem.removeDirectoryIfEmpty(joinPath(outputDirectory, folder)) }
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
