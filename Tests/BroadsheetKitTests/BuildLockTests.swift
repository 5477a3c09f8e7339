import Core
import Foundation
import Testing
@testable import BroadsheetKit

@Suite("One build of a site at a time", .serialized)
struct BuildLockTests {
    static let files = {
        var files = FixtureSite.stories(300)
        files["site.yml"] = "title: Lock Test\nbase_url: https://example.org/\n"
        return files
    }()

    @Test("a build waits while another holds the site's lock, then finishes as a build alone would")
    func waitsForTheLock() throws {
        let site = try FixtureSite(files: Self.files)
        defer { site.remove() }
        let reference = try FixtureSite(files: Self.files)
        defer { reference.remove() }
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: reference.path), fileSystem: LocalFileSystem()).build()

        let cache = site.root.appendingPathComponent(".broadsheet-cache").path
        try LocalFileSystem().createDirectory(cache)
        var held = LocalFileSystem().exclusiveLock(joinPath(cache, "build.lock")) { Issue.record("the lock was free") }
        #expect(held != nil)
        let waiting = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let options = BuildOptions(siteDirectory: site.path)
        let hooks = BuildHooks(waitingForOtherBuild: { folder in
            #expect(folder == cache)
            waiting.signal()
        })
        nonisolated(unsafe) var result: Result<BuildReport, Diagnostic>?
        let builder = SiteBuilder(options: options, hooks: hooks, fileSystem: LocalFileSystem())
        Thread.detachNewThread {
            result = Result { () throws(Diagnostic) in try builder.build() }
            finished.signal()
        }
        // Guards against a hang, not a measure of speed.
        #expect(waiting.wait(timeout: .now() + 60) == .success, "the build did not wait for the lock")
        // Still waiting: it has written nothing.
        #expect(!site.exists("Output/index.html"))
        held = nil
        #expect(finished.wait(timeout: .now() + 120) == .success)
        let report = try #require(try result?.get())
        #expect(report.diagnostics.isEmpty)
        #expect(site.snapshot("Output") == reference.snapshot("Output"))
    }

    @Test("two `broadsheet build` processes started together on one site both succeed, and the output is a fresh build's")
    func twoProcesses() throws {
        let binary = FixtureSite.binary
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "no broadsheet binary at \(binary.path)")
        let site = try FixtureSite(files: Self.files)
        defer { site.remove() }
        let reference = try FixtureSite(files: Self.files)
        defer { reference.remove() }
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: reference.path), fileSystem: LocalFileSystem()).build()

        let builds = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", "--site", site.path, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for build in builds {
            build.waitUntilExit()
            #expect(build.terminationStatus == 0)
        }
        #expect(site.snapshot("Output") == reference.snapshot("Output"))
        #expect(!site.exists(".Output.staging"))
    }
}
