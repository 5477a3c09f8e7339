import Foundation

/// A small site built in a temporary folder from the repository's own templates.
struct FixtureSite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `broadsheet` binary beside the test runner (the test target depends on the CLI).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("broadsheet")
    }

    let root: URL

    init(files: [String: String], copyTemplates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyTemplates {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Templates"),
                                             to: root.appendingPathComponent("Templates"))
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func copyFromRepository(_ source: String, to path: String) throws {
        try write(path, data: try Data(contentsOf: Self.repository.appendingPathComponent(source)))
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every file under `folder`, relative to it, with its contents.
    func snapshot(_ folder: String) -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.path.dropFirst(base.path.count + 1))] = try? Data(contentsOf: url)
        }
        return files
    }

    /// The inode of every file under `folder`, relative to it: a file written again (moved into
    /// place from the staging folder) has a new one.
    func fileNumbers(_ folder: String) -> [String: UInt64] {
        let base = root.appendingPathComponent(folder)
        var numbers: [String: UInt64] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return numbers }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            numbers[String(url.path.dropFirst(base.path.count + 1))] = (attributes?[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return numbers
    }

    /// Every folder under `folder`, relative to it.
    func folders(_ folder: String) -> Set<String> {
        let base = root.appendingPathComponent(folder)
        var folders: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return folders }
        for case let url as URL in enumerator where url.hasDirectoryPath {
            folders.insert(String(url.path.dropFirst(base.path.count + 1)))
        }
        return folders
    }

    var path: String { root.path }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// `count` Markdown stories over the months of 2024 in twelve folders, with forty tags and
    /// four countries among them: enough pages that a build takes a moment.
    static func stories(_ count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for index in 1...count {
            files["Content/\(index % 12)/story-\(index).md"] = """
            ---
            title: "Story \(index)"
            date: 2024-\(String(format: "%02d", index % 12 + 1))-\(String(format: "%02d", index % 28 + 1))
            tags: [Topic \(index % 40)]
            countries: [\(["Japan", "Pakistan", "Brazil", "Kenya"][index % 4])]
            ---
            Paragraph one of story \(index), long enough to need rendering. Paragraph text goes on for a while.

            Paragraph two.
            """
        }
        return files
    }

    /// Markdown articles about Japan, one a day, enough to need a second page.
    static func japanArticles(_ count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for day in 1...count {
            let date = String(format: "2024-03-%02dT08:00:00Z", day)
            files["Content/trade/day-\(day).md"] = """
            ---
            title: "Trade report \(day)"
            date: \(date)
            description: "Exports on day \(day)."
            author: Trade Desk
            tags: [Trade]
            countries: [JP]
            ---
            Exports rose on day \(day).
            """
        }
        return files
    }
}
