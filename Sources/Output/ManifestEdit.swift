import Foundation

/// The paths a quick rebuild removes from and adds to the file list (one path a line, in
/// `String` order), each in its place. The list's lines are found once and read as strings only
/// where a bisection looks: a string for each line of a large site's list would be made for a
/// few paths' sake.
struct ManifestEdit {
    /// Where each line of the list starts and ends (the newline left out).
    private var lines: [Range<Int>] = []
    private var dropped: Set<Int> = []
    /// Each new path before the line it goes in front of; several in one place in order.
    private var insertions: [(before: Int, path: String)] = []

    /// Nil when the list would not change: every removed path missing, every added one there.
    init?(_ bytes: UnsafeRawBufferPointer, removing removed: [String], adding added: [String]) {
        var lines: [Range<Int>] = []
        OutputWriter.forEachLine(of: bytes) { line in
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
        for file in Set(removed) {
            let index = position(file)
            if index < lines.count, path(index) == file { dropped.insert(index) }
        }
        for file in Set(added) {
            let index = position(file)
            if index == lines.count || path(index) != file { insertions.append((index, file)) }
        }
        guard !dropped.isEmpty || !insertions.isEmpty else { return nil }
        insertions.sort { $0.before != $1.before ? $0.before < $1.before : $0.path < $1.path }
        self.lines = lines
    }

    /// The changed list, from the list's `bytes`, handed to `write` in pieces of about
    /// `pieceSize` bytes; after each, `passed` hears how far the old list has been read.
    func write(_ bytes: UnsafeRawBufferPointer, pieceSize: Int = 4 << 20, passed: (Int) -> Void = { _ in },
               _ write: (Data) throws -> Void) rethrows {
        var piece = Data(capacity: pieceSize + 4_096)
        var next = 0
        for index in 0...lines.count {
            while next < insertions.count, insertions[next].before == index {
                piece.append(contentsOf: insertions[next].path.utf8)
                piece.append(UInt8(ascii: "\n"))
                next += 1
            }
            guard index < lines.count else { break }
            if !dropped.contains(index) {
                OutputWriter.appendLine(UnsafeRawBufferPointer(rebasing: bytes[lines[index]]), to: &piece)
            }
            if piece.count >= pieceSize {
                try write(piece)
                piece.removeAll(keepingCapacity: true)
                passed(lines[index].upperBound)
            }
        }
        try write(piece)
    }
}
