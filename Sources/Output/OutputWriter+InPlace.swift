import Core
import Foundation

extension OutputWriter {
    /// Changes a few files of a built site in place, for the preview server's quick rebuilds
    /// (a staged build of a large archive takes seconds): each file is written beside the old
    /// one and moved over it, so that a reader never sees half a page; `removing` goes, with
    /// the folders that leaves empty; and the list of the files Broadsheet wrote is brought up
    /// to date, so that the next full build still knows its own files from the owner's.
    public static func updateInPlace(outputDirectory: String, cacheDirectory: String, fileSystem: any FileSystem,
                                     writing files: [(path: String, contents: String)], removing: [String]) throws(Diagnostic) {
        for (path, contents) in files {
            guard isSafe(path) else { throw .error(.write, file: path, "refusing to write outside the output folder") }
            let target = joinPath(outputDirectory, path)
            let temporary = target + ".broadsheet-new"
            do {
                let folder = (target as NSString).deletingLastPathComponent
                if !fileSystem.directoryExists(folder) { try fileSystem.createDirectory(folder) }
                try fileSystem.writeFile(temporary, string: contents)
                try fileSystem.moveReplacing(from: temporary, to: target)
            } catch {
                try? fileSystem.removeItem(temporary)
                throw .error(.write, file: target, "cannot write: \(error.localizedDescription)")
            }
        }
        let written = Set(files.map(\.path))
        let removed = removing.filter { isSafe($0) && !written.contains($0) }
        for path in removed {
            let file = joinPath(outputDirectory, path)
            do {
                if fileSystem.fileExists(file) { try fileSystem.removeItem(file) }
            } catch {
                throw .error(.write, file: file, "cannot remove: \(error.localizedDescription)")
            }
        }
        removeEmptyFolders(above: removed, in: outputDirectory, fileSystem: fileSystem)
        let manifestPath = manifestPath(cacheDirectory: cacheDirectory)
        guard let previous = try? fileSystem.readFile(manifestPath) else { return }
        var listed = Set(lines(previous))
        let before = listed.count
        for path in removed { listed.remove(path) }
        listed.formUnion(written)
        guard listed.count != before || !removed.isEmpty else { return }
        do {
            try fileSystem.writeFile(manifestPath, string: manifest(listed.sorted()))
        } catch {
            throw .error(.write, file: manifestPath, "cannot write: \(error.localizedDescription)")
        }
    }
}
