import Core
import Foundation

extension OutputWriter {
    /// Changes a few files of a built site in place, for the preview server's quick rebuilds
    /// (a staged build of a large archive takes seconds): each file is written beside the old
    /// one and moved over it, so that a reader never sees half a page; `removing` goes, with
    /// the folders that leaves empty; and the list of the files Broadsheet wrote gains `added`
    /// (those of `files` new to the site, a moved page's) and loses `removing`, so that the
    /// next full build still knows its own files from the owner's. The other files written
    /// are the site's already, and the list is not read at all when no file comes or goes.
    public static func updateInPlace(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem,
                                     writing files: [(path: String, contents: String)], added: [String] = [],
                                     removing: [String] = []) throws(Diagnostic) {
        // Every file is written beside its old one before any is moved over it: a disk that fills
        // up part way leaves the site as it was, not with some pages new and the rest old.
        var written: [(temporary: String, target: String)] = []
        for (path, contents) in files {
            guard isSafe(path) else {
                for file in written { try? fileSystem.removeItem(file.temporary) }
                throw .error(.write, file: path, "refusing to write outside the output folder")
            }
            let target = joinPath(outputDirectory, path)
            let temporary = target + ".broadsheet-new"
            do {
                let folder = (target as NSString).deletingLastPathComponent
                if !fileSystem.directoryExists(folder) { try fileSystem.createDirectory(folder) }
                try fileSystem.writeFile(temporary, string: contents)
                written.append((temporary, target))
            } catch {
                try? fileSystem.removeItem(temporary)
                for file in written { try? fileSystem.removeItem(file.temporary) }
                throw .error(.write, file: target, "cannot write: \(error.localizedDescription)")
            }
        }
        for (index, file) in written.enumerated() {
            do {
                try fileSystem.moveReplacing(from: file.temporary, to: file.target)
            } catch {
                for rest in written[index...] { try? fileSystem.removeItem(rest.temporary) }
                throw .error(.write, file: file.target, "cannot write: \(error.localizedDescription)")
            }
        }
        let writtenPaths = Set(files.map(\.path))
        let removed = removing.filter { isSafe($0) && !writtenPaths.contains($0) }
        let added = added.filter(writtenPaths.contains)
        for path in removed {
            let file = joinPath(outputDirectory, path)
            do {
                if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
            } catch {
                throw .error(.write, file: file, "cannot remove: \(error.localizedDescription)")
            }
        }
        removeEmptyFolders(above: removed, in: outputDirectory, fileSystem: fileSystem)
        guard !removed.isEmpty || !added.isEmpty else { return }
        let manifestPath = manifestPath(cacheDirectory: cacheDirectory)
        guard let previous = try? fileSystem.readFile(manifestPath) else { return }
        guard let updated = updatedManifest(previous, removing: removed, adding: added) else { return }
        do {
            try fileSystem.writeFile(manifestPath, contents: updated)
        } catch {
            throw .error(.write, file: manifestPath, "cannot write: \(error.localizedDescription)")
        }
    }

    /// The file list `previous` (one path a line, in `String` order) without `removed` and with
    /// `added`, each in its place; nil when it would not change. The list's lines are found once
    /// and read as strings only where a bisection looks: at a million pages, a string for each
    /// line was a hundred megabytes for a few paths' sake.
    static func updatedManifest(_ previous: Data, removing removed: [String], adding added: [String]) -> Data? {
        previous.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data? in
            var lines: [Range<Int>] = []
            forEachLine(of: bytes) { line in
                let start = line.baseAddress.map { $0 - bytes.baseAddress! } ?? 0
                lines.append(start..<start + line.count)
            }
            func path(_ index: Int) -> String { String(decoding: bytes[lines[index]], as: UTF8.self) }
            func position(_ file: String) -> Int {
                var low = 0, high = lines.count
                while low < high {
                    let middle = (low + high) / 2
                    if path(middle) < file { low = middle + 1 } else { high = middle }
                }
                return low
            }
            var dropped = Set<Int>()
            for file in Set(removed) {
                let index = position(file)
                if index < lines.count, path(index) == file { dropped.insert(index) }
            }
            // Each new path before the line it goes in front of; several in one place in order.
            var insertions: [(before: Int, path: String)] = []
            for file in Set(added) {
                let index = position(file)
                if index == lines.count || path(index) != file { insertions.append((index, file)) }
            }
            guard !dropped.isEmpty || !insertions.isEmpty else { return nil }
            insertions.sort { $0.before != $1.before ? $0.before < $1.before : $0.path < $1.path }
            var text = Data(capacity: bytes.count + insertions.reduce(0) { $0 + $1.path.utf8.count + 1 })
            var next = 0
            for index in 0...lines.count {
                while next < insertions.count, insertions[next].before == index {
                    text.append(contentsOf: insertions[next].path.utf8)
                    text.append(UInt8(ascii: "\n"))
                    next += 1
                }
                if index < lines.count, !dropped.contains(index) {
                    appendLine(UnsafeRawBufferPointer(rebasing: bytes[lines[index]]), to: &text)
                }
            }
            return text
        }
    }
}
