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

    /// One line per page, `path<TAB>hex`; read byte by byte, as a large site has a line for
    /// each of hundreds of thousands of pages.
    func load(_ fileSystem: some FileSystem) -> [String: UInt64] {
        guard let data = try? fileSystem.readFile(path) else { return [:] }
        var table: [String: UInt64] = [:]
        // A line is a page's path and 16 hex digits: the file's size tells about how many.
        table.reserveCapacity(data.count / 64)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineStart = 0, tab = -1
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\t") {
                    tab = index
                } else if byte == UInt8(ascii: "\n") {
                    if tab > lineStart, let value = Self.hex(bytes[(tab + 1)..<index]) {
                        table[String(decoding: bytes[lineStart..<tab], as: UTF8.self)] = value
                    }
                    lineStart = index + 1
                    tab = -1
                }
            }
        }
        return table
    }

    private static func hex(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// In the table's own order: the file is read back into a table, so sorting a hundred
    /// thousand paths on every build bought nothing.
    func save(_ table: [String: UInt64], to fileSystem: some FileSystem) throws {
        var text = ""
        text.reserveCapacity(table.count * 64)
        for (page, value) in table {
            text += page
            text += "\t"
            text += String(value, radix: 16)
            text += "\n"
        }
        try fileSystem.writeFile(path, string: text)
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
