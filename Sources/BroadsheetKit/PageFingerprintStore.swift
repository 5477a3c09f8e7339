import Core
import Foundation

/// The fingerprints of the pages the last successful build wrote (`page-fingerprints.tsv` in the
/// cache folder): a page whose fingerprint has not changed keeps its file, so editing one article
/// re-renders that article's page and the pages that show it, not the whole site.
struct PageFingerprintStore {
    let path: String

    init(cacheDirectory: String) {
        path = joinPath(cacheDirectory, "page-fingerprints.tsv")
    }

    func load(_ fileSystem: some FileSystem) -> [String: UInt64] {
        guard let data = try? fileSystem.readFile(path) else { return [:] }
        var table: [String: UInt64] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let value = UInt64(fields[1], radix: 16) else { continue }
            table[String(fields[0])] = value
        }
        return table
    }

    func save(_ table: [String: UInt64], to fileSystem: some FileSystem) throws {
        let text = table.sorted { $0.key < $1.key }.map { "\($0.key)\t\(String($0.value, radix: 16))" }.joined(separator: "\n")
        try fileSystem.writeFile(path, string: text + "\n")
    }

    /// Of the running program: a new version of Broadsheet may render the same context differently.
    static let rendererStamp: String = {
        let path = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path):\(size):\(date)"
    }()
}
