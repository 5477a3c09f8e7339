import Core
import Foundation

/// The load cache's file format: length-prefixed fields in one buffer, written and read in a
/// single pass. `JSONEncoder` and `JSONDecoder` were slow and built a tree of the whole cache
/// in memory first; this never holds more than the file and the entries.
///
/// Layout: the magic `BSLC`, a format version and the settings the entries were read under,
/// then records to the end of the file: a file's path, its stamp and its outcome, or a mark
/// that the file is gone. A later record for a path replaces an earlier one, so a rebuild that
/// read a few files appends their records instead of writing a hundred thousand again. Any
/// mismatch or short read (a build killed while appending) means "no cache".
package enum LoadCacheCodec {
    package static let magic: [UInt8] = Array("BSLC".utf8)
    package static let version: UInt32 = 5

    /// The record kinds; `removed` marks a file that is no longer in the content folder.
    fileprivate enum Kind: Int {
        case article = 0, draft, failed, removed
    }

    /// A whole cache file: header and one record per entry.
    package static func encode(_ entries: [String: LoadCache.Entry], settings: String) -> Data {
        var data = Data()
        encode(entries, settings: settings) { data.append($0) }
        return data
    }

    /// A whole cache file in pieces of about `pieceSize` bytes, each given to `write` as it
    /// fills: building it whole (then copying it into `Data`) held it two or three times over
    /// at the end of loading.
    package static func encode(_ entries: [String: LoadCache.Entry], settings: String, pieceSize: Int = 4 << 20,
                       write: (Data) throws -> Void) rethrows {
        try encode(records: entries.lazy.map { (path: $0.key, entry: $0.value) }, settings: settings, pieceSize: pieceSize, write: write)
    }

    /// A whole cache file of `records`, one for each path, in their order.
    package static func encode(records: some Sequence<(path: String, entry: LoadCache.Entry)>, settings: String, pieceSize: Int = 4 << 20,
                       write: (Data) throws -> Void) rethrows {
        var writer = Writer()
        writer.bytes.reserveCapacity(pieceSize + (64 << 10))
        writer.bytes.append(contentsOf: magic)
        writer.int(Int(version))
        writer.string(settings)
        for (path, entry) in records {
            writer.record(path: path, entry: entry)
            if writer.bytes.count >= pieceSize {
                try write(Data(writer.bytes))
                writer.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !writer.bytes.isEmpty { try write(Data(writer.bytes)) }
    }

    /// Records to append to a file `encode` wrote: the entry for each path, or nil where the
    /// file is gone.
    package static func encodeRecords(_ records: [(path: String, entry: LoadCache.Entry?)]) -> Data {
        var writer = Writer()
        for record in records { writer.record(path: record.path, entry: record.entry) }
        return Data(writer.bytes)
    }

    /// The entries, the settings they were read under, and how many records the file holds.
    package static func decode(_ data: Data) -> (entries: LoadCacheTable, settings: String, records: Int)? {
        data.withUnsafeBytes { decode($0) }
    }

    /// The same from bytes in place, telling `passed` every `step` bytes how far it has read.
    package static func decode(_ raw: UnsafeRawBufferPointer, step: Int = 16 << 20, passed: (Int) -> Void = { _ in })
        -> (entries: LoadCacheTable, settings: String, records: Int)? {
        var reader = Reader(bytes: raw)
        guard reader.take(magic.count).map(Array.init) == magic, reader.int() == Int(version),
              let settings = reader.string() else { return nil }
        // Records run to the end of the file: its size tells about how many there are.
        var entries = LoadCacheTable(minimumCapacity: raw.count / 400)
        var records = 0
        var reported = 0
        while !reader.atEnd {
            if reader.offset - reported >= step {
                passed(reader.offset)
                reported = reader.offset
            }
            guard let path = reader.string(), let kind = reader.int().flatMap(Kind.init(rawValue:)) else { return nil }
            records += 1
            if kind == .removed {
                entries[path] = nil
                continue
            }
            guard let entry = reader.entry(kind) else { return nil }
            entries[path] = entry
        }
        return (entries, settings, records)
    }

    package struct Writer {
        package var bytes: [UInt8] = []

        package mutating func record(path: String, entry: LoadCache.Entry?) {
            string(path)
            guard let entry else {
                int(Kind.removed.rawValue)
                return
            }
            switch entry.outcome {
            case .article(let metadata, let warnings, let vocabulary):
                int(Kind.article.rawValue)
                string(entry.stamp)
                self.metadata(metadata)
                diagnostics(warnings)
                if let vocabulary {
                    int(1)
                    strings(vocabulary.sorted())
                } else {
                    int(0)
                }
            case .draft:
                int(Kind.draft.rawValue)
                string(entry.stamp)
            case .failed(let failure):
                int(Kind.failed.rawValue)
                string(entry.stamp)
                diagnostic(failure)
            }
        }

        /// LEB128: most numbers here are small.
        package mutating func int(_ value: Int) {
            var rest = UInt64(bitPattern: Int64(value))
            repeat {
                let low = UInt8(rest & 0x7F)
                rest >>= 7
                bytes.append(rest == 0 ? low : low | 0x80)
            } while rest != 0
        }

        package mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                int(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        /// A flag, then the value when there is one.
        package mutating func optional<Value>(_ value: Value?, _ write: (inout Writer, Value) -> Void) {
            int(value == nil ? 0 : 1)
            if let value { write(&self, value) }
        }

        package mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }

        package mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

        /// A count, then each value.
        package mutating func list<Value>(_ values: [Value], _ write: (inout Writer, Value) -> Void) {
            int(values.count)
            for value in values { write(&self, value) }
        }

        package mutating func strings(_ values: [String]) {
            int(values.count)
            for value in values { string(value) }
        }

        package mutating func double(_ value: Double) {
            int(Int(Int64(bitPattern: value.bitPattern)))
        }

        /// A hash, in eight bytes: its bits are as likely high as low.
        package mutating func uint64(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        package mutating func ints(_ values: [Int]) { list(values) { $0.int($1) } }

        package mutating func int32s(_ values: [Int32]) { list(values) { $0.int(Int($1)) } }

        package mutating func diagnostics(_ values: [Diagnostic]) { list(values) { $0.diagnostic($1) } }

        package mutating func metadata(_ metadata: ArticleMetadata) {
            string(metadata.sourcePath)
            string(metadata.format.rawValue)
            string(metadata.title)
            optionalString(metadata.dek)
            optionalString(metadata.byline)
            double(metadata.date.timeIntervalSince1970)
            int(metadata.hasTime ? 1 : 0)
            optionalString(metadata.dateline)
            optionalString(metadata.photoCredit)
            strings(metadata.countries)
            strings(metadata.tags)
            strings(metadata.automaticTags)
            string(metadata.slug)
            int(metadata.wordCount)
            optionalInt(metadata.bodyLine)
        }

        package mutating func diagnostic(_ diagnostic: Diagnostic) {
            string(diagnostic.severity.rawValue)
            string(diagnostic.stage.rawValue)
            optionalString(diagnostic.file)
            optionalInt(diagnostic.line)
            optionalInt(diagnostic.column)
            string(diagnostic.message)
        }
    }

    package struct Reader {
        package let bytes: UnsafeRawBufferPointer
        package var offset = 0

        package var atEnd: Bool { offset == bytes.count }

        package mutating func take(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        package mutating func int() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return Int(Int64(bitPattern: value)) }
                shift += 7
            }
            return nil
        }

        package mutating func string() -> String? {
            guard let count = int(), let utf8 = take(count) else { return nil }
            return String(decoding: utf8, as: UTF8.self)
        }

        /// The flag `Writer.optional` wrote, then the value when there is one; nil (the outer
        /// optional) when the data is cut short.
        package mutating func optional<Value>(_ read: (inout Reader) -> Value?) -> Value?? {
            guard let flag = int() else { return nil }
            if flag == 0 { return .some(nil) }
            guard let value = read(&self) else { return nil }
            return .some(value)
        }

        package mutating func optionalString() -> String?? { optional { $0.string() } }

        package mutating func optionalInt() -> Int?? { optional { $0.int() } }

        package mutating func strings() -> [String]? {
            guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
            var values: [String] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = string() else { return nil }
                values.append(value)
            }
            return values
        }

        package mutating func double() -> Double? {
            int().map { Double(bitPattern: UInt64(bitPattern: Int64($0))) }
        }

        /// A count of things still to read: nil when negative or more than the bytes left.
        package mutating func count() -> Int? {
            guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
            return count
        }

        package mutating func uint64() -> UInt64? {
            guard let eight = take(8) else { return nil }
            return UInt64(littleEndian: UnsafeRawBufferPointer(rebasing: eight).loadUnaligned(as: UInt64.self))
        }

        /// What `Writer.list` wrote: a count, then each value; nil when any is cut short.
        package mutating func list<Value>(_ read: (inout Reader) -> Value?) -> [Value]? {
            guard let count = count() else { return nil }
            var values: [Value] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = read(&self) else { return nil }
                values.append(value)
            }
            return values
        }

        package mutating func ints() -> [Int]? { list { $0.int() } }

        package mutating func int32s() -> [Int32]? { list { $0.int().flatMap { Int32(exactly: $0) } } }

        package mutating func diagnostics() -> [Diagnostic]? { list { $0.diagnostic() } }

        package mutating func metadata() -> ArticleMetadata? {
            guard let sourcePath = string(), let format = string().flatMap(ContentFormat.init(rawValue:)), let title = string(),
                  let dek = optionalString(), let byline = optionalString(), let date = double(), let hasTime = int(),
                  let dateline = optionalString(), let photoCredit = optionalString(), let countries = strings(),
                  let tags = strings(), let automaticTags = strings(), let slug = string(), let wordCount = int(),
                  let bodyLine = optionalInt()
            else { return nil }
            return ArticleMetadata(sourcePath: sourcePath, format: format, title: title, dek: dek, byline: byline,
                                   date: Date(timeIntervalSince1970: date), hasTime: hasTime == 1, dateline: dateline,
                                   photoCredit: photoCredit, countries: countries, tags: tags, automaticTags: automaticTags,
                                   slug: slug, wordCount: wordCount, bodyLine: bodyLine)
        }

        /// A record's stamp and outcome, after its path and kind.
        fileprivate mutating func entry(_ kind: Kind) -> LoadCache.Entry? {
            guard let stamp = string() else { return nil }
            let outcome: SiteBuilderLoadOutcome
            switch kind {
            case .article:
                guard let metadata = metadata(), let warnings = diagnostics(), let hasVocabulary = int() else { return nil }
                var vocabulary: Set<String>?
                if hasVocabulary == 1 {
                    guard let words = strings() else { return nil }
                    vocabulary = Set(words)
                }
                outcome = .article(metadata, warnings, vocabulary)
            case .draft:
                outcome = .draft
            case .failed:
                guard let diagnostic = diagnostic() else { return nil }
                outcome = .failed(diagnostic)
            case .removed:
                return nil
            }
            return LoadCache.Entry(stamp: stamp, outcome: outcome)
        }

        package mutating func diagnostic() -> Diagnostic? {
            guard let severity = string().flatMap(Diagnostic.Severity.init(rawValue:)), let stage = string().flatMap(Stage.init(rawValue:)),
                  let file = optionalString(), let line = optionalInt(), let column = optionalInt(), let message = string()
            else { return nil }
            return Diagnostic(severity, stage: stage, file: file, line: line, column: column, message)
        }
    }
}
