import BroadsheetKit
import Core
import Foundation
import Output
import Testing

extension FixtureSite {
    /// What a fresh build of the site writes, into a folder of its own (`Fresh/`, with its own
    /// cache folder), and its report.
    func freshBuild(sitemapURLsPerFile: Int = SitemapWriter.maximumURLs) throws -> (files: [String: Data], report: BuildReport) {
        var options = BuildOptions(siteDirectory: path, outputDirectory: joinPath(path, "Fresh"), cacheDirectory: joinPath(path, "fresh-cache"),
                                   clean: true)
        options.sitemapURLsPerFile = sitemapURLsPerFile
        let report = try SiteBuilder(options: options, fileSystem: LocalFileSystem()).build()
        return (snapshot("Fresh"), report)
    }

    /// The files of `folder` that differ from a fresh build's, or that only one of them has.
    /// Unless `expected`, where the first one differs is printed, for the log of a failing test.
    func differencesFromFreshBuild(in folder: String = "Output", sitemapURLsPerFile: Int = SitemapWriter.maximumURLs,
                                   expected: Bool = false) throws -> [String] {
        let shown = snapshot(folder), fresh = try freshBuild(sitemapURLsPerFile: sitemapURLsPerFile).files
        let differences = Set(shown.keys).union(fresh.keys).filter { shown[$0] != fresh[$0] }.sorted()
        if !expected, let file = differences.first {
            let lines = { (data: Data?) in data.map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) } ?? [] }
            let own = lines(shown[file]), theirs = lines(fresh[file])
            let line = (0..<min(own.count, theirs.count)).first { own[$0] != theirs[$0] } ?? min(own.count, theirs.count)
            let show = { (lines: [Substring]) in line < lines.count ? String(lines[line].prefix(300)) : "(no such line)" }
            print("\(folder)/\(file) differs from a fresh build's at line \(line + 1) of \(own.count) (fresh: \(theirs.count)):\n  \(show(own))\n  fresh: \(show(theirs))")
        }
        return differences
    }

    /// Rewrites a file with `change` applied to its text, which must change it (an edit that
    /// matches nothing would test nothing).
    func edit(_ file: String, _ change: (String) -> String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try #require(read(file), sourceLocation: sourceLocation)
        let changed = change(text)
        #expect(changed != text, "\(file) is unchanged", sourceLocation: sourceLocation)
        try write(file, changed)
    }
}
