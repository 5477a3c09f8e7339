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
                let folder = parentFolder(of: target)
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
        // Read mapped and let go as the new list is written beside it in pieces, then moved over
        // it: the old list and the new one, read and made whole, set the peak of a build after a
        // headline edit.
        let temporary = manifestPath + ".broadsheet-new"
        var changed = false
        do {
            try fileSystem.readThrough(manifestPath) { bytes, passed in
                guard let edit = ManifestEdit(bytes, removing: removed, adding: added) else { return }
                changed = true
                try fileSystem.writeInPieces(temporary) { write in try edit.write(bytes, passed: passed, write) }
            }
            if changed { try fileSystem.moveReplacing(from: temporary, to: manifestPath) }
        } catch {
            try? fileSystem.removeItem(temporary)
            // A list that cannot be read is left as it is (the next full build writes it again).
            guard changed else { return }
            throw .error(.write, file: manifestPath, "cannot write: \(error.localizedDescription)")
        }
    }
}
