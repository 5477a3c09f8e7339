import BroadsheetKit
import Core
import Foundation
import Testing

/// Messy archives: every kind of bad input is reported with its file (and line where there is
/// one), the rest of the site builds, and `--strict` turns any report into a failed build.
@Suite("Malformed input", .serialized)
struct MalformedInputTests {
    static func site() throws -> FixtureSite {
        let site = try FixtureSite(files: [
            "site.yml": "title: Messy\nbase_url: https://messy.example.org/\n",
            "Content/good.md": "---\ntitle: A good article\ndate: 2024-05-01\n---\nFine.\n",
            "Content/empty.txt": "",
            "Content/blank.txt": "  \n\t\n\n",
            "Content/not-yaml.md": "---\ntitle: [unclosed\ndate: 2024-05-01\n---\nBody.\n",
            "Content/wrong-type.md": "---\ntitle:\n  nested: map\ndate: 2024-05-01\n---\nBody.\n",
            "Content/duplicate-key.md": "---\ntitle: One\ntitle: Two\ndate: 2024-05-01\n---\nBody.\n",
            "Content/unclosed.md": "---\ntitle: Never closed\n",
            "Content/february-30.md": "---\ntitle: Impossible day\ndate: 2024-02-30\n---\nBody.\n",
            "Content/far-future.md": "---\ntitle: From the future\ndate: 3024-01-01\n---\nBody.\n",
            "Content/same-1.md": "---\ntitle: Same headline\ndate: 2024-05-02\n---\nFirst.\n",
            "Content/same-2.md": "---\ntitle: Same headline\ndate: 2024-05-03\n---\nSecond.\n",
            "Content/traversal.md": "---\ntitle: \"../../etc/passwd\\\\ and / and \\0\"\nslug: \"../../../escape\"\ndate: 2024-05-04\n---\nBody.\n",
            "Content/punctuation.md": "---\ntitle: \"?!…—\"\ndate: 2024-05-05\n---\nBody.\n",
            "Content/spaced name #1?.md": "---\ntitle: Spaced file name\ndate: 2024-05-06\n---\nBody.\n",
            "Content/کراچی.md": "---\ntitle: کراچی میں بارش\ndate: 2024-05-07\n---\nبارش\n",
            "Content/crlf.txt": "Headline with CRLF\r\n\r\nMay 8, 2024\r\n\r\nFirst paragraph.\r\n",
            "Content/lone-cr.txt": "Headline with CR\r\rMay 9, 2024\r\rFirst paragraph.\r",
        ])
        try site.write("Content/picture.txt", data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)))
        try site.write("Content/nul.txt", data: Data("Headline with NUL\n\nMay 10, 2024\n\nText\0 with a NUL byte.\n".utf8))
        try site.write("Content/latin1.txt", data: Data("Caf\u{E9} headline\n\nMay 11, 2024\n\nPrice \u{A3}5.\n".unicodeScalars.map { UInt8($0.value) }))
        try site.write("Content/bom16.txt", data: Data([0xFF, 0xFE]) + "Headline in UTF-16\n\nMay 12, 2024\n\nText.\n".data(using: .utf16LittleEndian)!)
        try site.write("Content/bom8.md", data: Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: BOM article\ndate: 2024-05-13\n---\nText.\n".utf8))
        // 100 MB (sparse on disk): refused from its size, before it is read.
        let huge = site.root.appendingPathComponent("Content/huge.txt")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: Data("Huge headline\n\n".utf8)))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        try site.write("Content/long-line.txt", "Headline of a long line\n\nMay 14, 2024\n\n" + String(repeating: "word ", count: 220_000) + "\n")
        var bomb = "---\ntitle: YAML bomb\ndate: 2024-05-15\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1..<10 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n" }
        try site.write("Content/bomb.md", bomb + "---\nBody.\n")
        // Links that loop, or lead out of the content folder, are not followed.
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/loop").path,
                                                   withDestinationPath: site.root.appendingPathComponent("Content").path)
        try site.write("outside/secret.md", "---\ntitle: Outside the content folder\ndate: 2024-05-16\n---\nSecret.\n")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/escape").path,
                                                   withDestinationPath: site.root.appendingPathComponent("outside").path)
        return site
    }

    @Test("each bad input is reported and skipped or repaired; the rest of the site builds")
    func reported() throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: site.path), fileSystem: LocalFileSystem()).build()
        func diagnostic(_ file: String) -> [Diagnostic] {
            report.diagnostics.filter { $0.file?.hasSuffix("Content/\(file)") == true }
        }
        let errors: [(String, String, Int?)] = [
            ("empty.txt", "no text", nil), ("blank.txt", "no text", nil), ("picture.txt", "binary", nil),
            ("not-yaml.md", "not valid YAML", nil), ("wrong-type.md", "`title`", 2), ("duplicate-key.md", "twice", 3),
            ("unclosed.md", "never closed", 1), ("huge.txt", "100 MB, too large", nil),
        ]
        for (file, message, line) in errors {
            let found = diagnostic(file)
            #expect(found.contains { $0.severity == .error && $0.message.contains(message) && (line == nil || $0.line == line) }, "\(file): \(found)")
        }
        let warnings: [(String, String)] = [
            ("february-30.md", "not a date"), ("far-future.md", "future"), ("latin1.txt", "Windows-1252"), ("same-2.md", "same-headline-2"),
        ]
        for (file, message) in warnings {
            #expect(diagnostic(file).contains { $0.severity == .warning && $0.message.contains(message) }, "\(file): \(diagnostic(file))")
        }
        // What could be read was published.
        let output = site.snapshot("Output").keys
        for page in ["articles/2024/05/a-good-article/index.html", "articles/2024/05/same-headline/index.html",
                     "articles/2024/05/same-headline-2/index.html", "articles/2024/05/spaced-file-name/index.html",
                     "articles/2024/05/کراچی-میں-بارش/index.html", "articles/2024/05/headline-with-crlf/index.html",
                     "articles/2024/05/headline-with-cr/index.html", "articles/2024/05/headline-with-nul/index.html",
                     "articles/2024/05/cafe-headline/index.html", "articles/2024/05/headline-in-utf-16/index.html",
                     "articles/2024/05/bom-article/index.html", "articles/2024/05/headline-of-a-long-line/index.html",
                     "articles/2024/05/yaml-bomb/index.html", "articles/2024/05/escape/index.html",
                     "articles/2024/05/punctuation/index.html"] {
            #expect(output.contains(page), "missing \(page)")
        }
        #expect(site.read("Output/articles/2024/05/cafe-headline/index.html")?.contains("Price £5.") == true)
        // An Urdu article reads right to left on an English site.
        #expect(site.read("Output/articles/2024/05/کراچی-میں-بارش/index.html")?.contains("<article class=\"story\" dir=\"rtl\">") == true)
        #expect(site.read("Output/articles/2024/05/a-good-article/index.html")?.contains("<article class=\"story\" dir=\"ltr\">") == true)
        #expect(site.read("Output/articles/2024/05/headline-with-cr/index.html")?.contains("<p>First paragraph.</p>") == true)
        // Nothing was written outside the output folder, and the linked folder outside was not read.
        #expect(!output.contains { $0.contains("..") })
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("escape").path))
        #expect(!output.contains { $0.contains("outside-the-content-folder") })
        #expect(report.articles == 17)
    }

    @Test("--strict turns any report into a failed build that leaves Output/ alone")
    func strict() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write("Output/index.html", "previous site")
        #expect(throws: Diagnostic.self) {
            try SiteBuilder(options: BuildOptions(siteDirectory: site.path, strict: true), fileSystem: LocalFileSystem()).build()
        }
        #expect(site.read("Output/index.html") == "previous site")
    }
}
