import Foundation
import Testing

@Suite("Interrupted builds", .serialized)
struct InterruptedBuildTests {
    var binary: URL { FixtureSite.binary }

    func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("a build killed mid-way leaves Output/ byte-identical; the next build finishes the job")
    func killedBuild() throws {
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "no broadsheet binary at \(binary.path)")
        var files = FixtureSite.stories(1000)
        files["site.yml"] = "title: Kill Test\nbase_url: https://example.org/\n"
        let site = try FixtureSite(files: files)
        defer { site.remove() }
        let first = try run(["build", "--site", site.path, "--quiet"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let before = site.snapshot("Output")
        #expect(before.count > 1000)

        // Change every article, start a build, and kill it once it is writing its staging folder.
        for index in 1...1000 {
            try site.write("Content/\(index % 12)/story-\(index).md", files["Content/\(index % 12)/story-\(index).md"]!.replacingOccurrences(of: "Paragraph two.", with: "Paragraph two, edited."))
        }
        let staging = site.root.appendingPathComponent(".Output.staging").path
        let build = try run(["build", "--site", site.path, "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while build.isRunning, !FileManager.default.fileExists(atPath: staging), Date() < deadline { usleep(1_000) }
        usleep(20_000)
        let killedMidWay = build.isRunning
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        #expect(killedMidWay, "the build finished before it could be killed")
        #expect(build.terminationReason == .uncaughtSignal)
        let after = site.snapshot("Output")
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after.filter { before[$0.key] != $0.value }.isEmpty, "Output/ changed under a killed build")

        let next = try run(["build", "--site", site.path, "--quiet"])
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        let page = try #require(site.read("Output/articles/2024/02/story-1/index.html"))
        #expect(page.contains("Paragraph two, edited."))
        #expect(!FileManager.default.fileExists(atPath: staging))
    }
}
