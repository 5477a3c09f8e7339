import Core
import Foundation
import Testing
@testable import Output

@Suite("The written files' names")
struct PathSetTests {
    /// Paths of the site's shapes, enough of them to fill more than one block, with a few that
    /// are not ASCII: a letter composed and decomposed, which `String` holds equal.
    func paths() -> [String] {
        var paths = (0..<24_000).map { "articles/\(2000 + $0 % 25)/\(String(format: "%02d", $0 % 12 + 1))/story-number-\($0)-of-the-archive/index.html" }
        paths += ["tags/zürich/index.html", "tags/zu\u{308}rich/index.html", "countries/日本/index.html", "tags/a/index.html", "404.html"]
        return paths
    }

    @Test("holds each path once, finds it, and gives it back byte for byte")
    func membership() {
        let set = PathSet()
        let paths = paths()
        for path in paths { #expect(set.insert(path)) }
        #expect(set.count == paths.count)
        #expect(paths.allSatisfy { !set.insert($0) }, "a second insert of a path is refused")
        #expect(set.count == paths.count)
        #expect(paths.allSatisfy(set.contains))
        #expect(!set.contains("articles/2000/01/story-number-0-of-the-archive/index.htm"))
        #expect(!set.contains("articles/2000/01/story-number-0-of-the-archive/index.html/"))
        #expect((0..<set.count).map { Array(set.path($0).utf8) } == paths.map { Array($0.utf8) })
        // The composed and the decomposed letter are two files to the file system.
        #expect(set.contains("tags/zürich/index.html") && set.contains("tags/zu\u{308}rich/index.html"))
    }

    @Test("a path longer than a block is kept whole")
    func longPath() {
        let set = PathSet()
        let long = String(repeating: "a/", count: PathSet.blockSize) + "index.html"
        #expect(set.insert("short.html"))
        #expect(set.insert(long))
        #expect(set.insert("after.html"))
        #expect(set.path(1) == long && set.path(2) == "after.html")
        #expect(set.contains(long) && !set.insert(long))
    }

    @Test("sorts in String order, and paths String holds equal by their bytes, whatever the order they came in")
    func order() {
        let paths = paths()
        let expected = paths.sorted { a, b in a != b ? a < b : Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        for shuffled in [paths, paths.reversed(), paths.shuffled()] {
            let set = PathSet()
            for path in shuffled { set.insert(path) }
            #expect(!set.isASCII)
            #expect(set.sortedIndices().map { Array(set.path(Int($0)).utf8) } == expected.map { Array($0.utf8) })
        }
        let ascii = PathSet()
        let asciiPaths = paths.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for path in asciiPaths.shuffled() { ascii.insert(path) }
        #expect(ascii.isASCII)
        #expect(ascii.sortedIndices().map { ascii.path(Int($0)) } == asciiPaths.sorted())
    }

    @Test("a rebuild that keeps some files and writes others lists both in order and removes only what it left out")
    func keptAndStaged() throws {
        let disk = MemoryFileSystem(files: ["site/Output/a.html": "a", "site/Output/b/index.html": "b",
                                            "site/Output/gone/index.html": "gone", "site/Output/mine.txt": "mine"])
        try disk.writeFile("site/.cache/output-manifest.txt", string: "a.html\nb/index.html\ngone/index.html\n")
        let writer = try OutputWriter(outputDirectory: "site/Output", cacheDirectory: "site/.cache", fileSystem: disk)
        try writer.write("c.html", string: "c")
        try writer.write("a.html", string: "new a")
        #expect(writer.canKeep("b/index.html") && !writer.canKeep("../b/index.html"))
        writer.keep(["b/index.html", "a.html"])
        #expect(writer.writtenCount == 3)
        try writer.commit()
        #expect(disk.string(at: "site/.cache/output-manifest.txt") == "a.html\nb/index.html\nc.html\n")
        #expect(disk.string(at: "site/Output/a.html") == "new a")
        #expect(disk.string(at: "site/Output/b/index.html") == "b")
        #expect(disk.string(at: "site/Output/gone/index.html") == nil)
        #expect(!disk.allPaths.contains { $0.hasPrefix("site/Output/gone") }, "the folder it left empty goes too")
        #expect(disk.string(at: "site/Output/mine.txt") == "mine")
    }

    @Test("the manifest, written in pieces, lists every file in order; a list is matched line by line, and only when it is the same")
    func manifestInPieces() throws {
        let all = paths()
        let staged = PathSet(), kept = PathSet()
        for (index, path) in all.enumerated() { (index % 3 == 0 ? staged : kept).insert(path) }
        let files = OutputWriter.SiteFiles(staged: staged, kept: kept)
        let disk = MemoryFileSystem(files: [:])
        try files.writeManifest(to: "list.txt", fileSystem: disk, pieceSize: 64 << 10)
        let text = try #require(disk.string(at: "list.txt"))
        let expected = (staged.sortedIndices().map { staged.path(Int($0)) } + kept.sortedIndices().map { kept.path(Int($0)) })
            .map { $0 + "\n" }.joined()
        #expect(text.utf8.count > 20 * (64 << 10))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().sorted() == expected.split(separator: "\n").sorted())
        #expect(text.split(separator: "\n").map(String.init) == text.split(separator: "\n").map(String.init).sorted())
        func listed(_ list: String) -> Bool { Data(list.utf8).withUnsafeBytes { files.isListed(by: $0) } }
        #expect(listed(text))
        #expect(!listed(String(text.dropLast())))
        #expect(!listed(text + "extra.html\n"))
        #expect(!listed(text.replacingOccurrences(of: "story-number-5-", with: "story-number-6-")))
        #expect(!listed(""))
        // An empty site's list is an empty file, and matches an empty list.
        let none = OutputWriter.SiteFiles(staged: PathSet(), kept: PathSet())
        try none.writeManifest(to: "empty.txt", fileSystem: disk)
        #expect(disk.string(at: "empty.txt") == "")
        #expect(Data().withUnsafeBytes { none.isListed(by: $0) })
    }

    @Test("a quick rebuild's file list loses the paths removed and gains the new ones in their places, or is left as it was")
    func updatedManifest() throws {
        let list = Data("a.html\nb/index.html\ntags/zürich/index.html\nz.xml\n".utf8)
        func updated(removing removed: [String], adding added: [String]) -> String? {
            OutputWriter.updatedManifest(list, removing: removed, adding: added).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(updated(removing: ["b/index.html"], adding: ["0.html", "c.html", "bb.html", "zz.xml", "tags/a/index.html"])
                == "0.html\na.html\nbb.html\nc.html\ntags/a/index.html\ntags/zürich/index.html\nz.xml\nzz.xml\n")
        #expect(updated(removing: ["a.html", "z.xml"], adding: []) == "b/index.html\ntags/zürich/index.html\n")
        // Paths not listed are not removed; paths listed are not added twice (a decomposed ü is the same path to String).
        #expect(updated(removing: ["gone.html"], adding: ["a.html", "tags/zu\u{308}rich/index.html"]) == nil)
        #expect(updated(removing: [], adding: ["c.html", "c.html"]) == "a.html\nb/index.html\nc.html\ntags/zürich/index.html\nz.xml\n")
        #expect(OutputWriter.updatedManifest(Data(), removing: [], adding: ["a.html"]).map { String(decoding: $0, as: UTF8.self) } == "a.html\n")
    }

    @Test("the updated file list comes in pieces, with how far the old one was read after each, and on the disk replaces the old one")
    func updatedManifestInPieces() throws {
        let paths = (0..<500).map { String(format: "articles/%03d/index.html", $0) }
        let list = Data(paths.map { $0 + "\n" }.joined().utf8)
        let removed = ["articles/007/index.html", "articles/499/index.html"], added = ["articles/007a/index.html", "about/index.html"]
        let expected = (paths.filter { !removed.contains($0) } + added).sorted().map { $0 + "\n" }.joined()
        var pieces: [Data] = [], passed: [Int] = []
        try list.withUnsafeBytes { bytes in
            let edit = try #require(ManifestEdit(bytes, removing: removed, adding: added))
            edit.write(bytes, pieceSize: 1_000, passed: { passed.append($0) }) { pieces.append($0) }
        }
        #expect(String(decoding: pieces.reduce(Data(), +), as: UTF8.self) == expected)
        #expect(pieces.count >= 10 && pieces.dropLast().allSatisfy { $0.count >= 1_000 && $0.count < 1_030 })
        #expect(passed.count == pieces.count - 1 && zip(passed, passed.dropFirst()).allSatisfy { $0 < $1 } && passed.allSatisfy { $0 <= list.count })

        // On the disk, through `updateInPlace`: the old list is replaced, no temporary file stays.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output").path, cache = root.appendingPathComponent("cache").path
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let manifest = OutputWriter.manifestPath(cacheDirectory: cache)
        try list.write(to: URL(fileURLWithPath: manifest))
        try OutputWriter.updateInPlace(outputDirectory: output, cacheDirectory: cache, fileSystem: LocalFileSystem(),
                                       writing: added.map { ($0, "<p>new</p>") }, added: added, removing: removed)
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [(manifest as NSString).lastPathComponent])
    }
}

extension OutputWriter {
    /// The file list `previous` (one path a line, in `String` order) without `removed` and with
    /// `added`, each in its place; nil when it would not change.
    static func updatedManifest(_ previous: Data, removing removed: [String], adding added: [String]) -> Data? {
        previous.withUnsafeBytes { bytes -> Data? in
            guard let edit = ManifestEdit(bytes, removing: removed, adding: added) else { return nil }
            var text = Data()
            edit.write(bytes) { text.append($0) }
            return text
        }
    }
}
