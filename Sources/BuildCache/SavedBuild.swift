import Core
import Foundation
import Rendering
import Site
import Taxonomy

/// What the last full build knew, kept in the cache folder (`site-model.bin`) so that the next
/// `build`, when only what pages show of a few articles changed, restores the site model
/// instead of reading, ordering and indexing the whole archive again (see
/// `SiteBuilder.buildFromSaved`).
///
/// It holds: a key naming everything besides the content that shapes the site (settings,
/// templates, options, the program itself); for each content file in scan order, a hash of its
/// path and stamp, so one pass of `stat` tells which files changed; the problems loading
/// reported, by file, and the number of drafts, for the report; and the model's parts.
/// Records appended after them replace one article's fields: a build from the saved model adds
/// one for each article it changed, rather than writing the archive's model again.
package struct SavedBuild {
    package var key: String
    /// `SavedBuild.fileHash(path:stamp:)` of each content file, in scan order.
    package var fileHashes: [UInt64]
    /// `SavedBuild.tagInputHash` of each content file's reading, in scan order: what it gave the
    /// archive's choice of automatic tags.
    package var tagInputs: [UInt64]
    /// What loading reported, by the file's position in the scan, in that order.
    package var loadDiagnostics: [(file: Int, diagnostic: Diagnostic)]
    package var drafts: Int
    /// How many files the output folder holds of this build's.
    package var files: Int
    package var parts: SiteModel.Parts

    package init(key: String, fileHashes: [UInt64], tagInputs: [UInt64], loadDiagnostics: [(file: Int, diagnostic: Diagnostic)],
                 drafts: Int, files: Int, parts: SiteModel.Parts) {
        (self.key, self.fileHashes, self.tagInputs, self.loadDiagnostics) = (key, fileHashes, tagInputs, loadDiagnostics)
        (self.drafts, self.files, self.parts) = (drafts, files, parts)
    }

    /// One article changed by a build from the saved model: its file's new hash and problems,
    /// and its fields as the model holds them now.
    package struct Edit {
        package var file: Int
        package var fileHash: UInt64
        package var tagInputs: UInt64
        package var diagnostics: [Diagnostic]
        package var id: Int
        package var article: ArticleMetadata
        /// How many files the output folder holds of the build's after this edit (pages and
        /// feeds come and go with terms).
        package var outputFiles: Int

        package init(file: Int, fileHash: UInt64, tagInputs: UInt64, diagnostics: [Diagnostic], id: Int, article: ArticleMetadata,
                     outputFiles: Int) {
            (self.file, self.fileHash, self.tagInputs, self.diagnostics) = (file, fileHash, tagInputs, diagnostics)
            (self.id, self.article, self.outputFiles) = (id, article, outputFiles)
        }
    }

    package static let fileName = "site-model.bin"
    package static let magic = Array("BSSM".utf8)
    package static let version = 3
    package static let articlesPerRun = 4096

    /// A content file's path and stamp as one number: equal numbers mean an unchanged file.
    package static func fileHash(path: String, stamp: String) -> UInt64 {
        var hash = PageFingerprint.StableHasher()
        hash.add(path)
        hash.add(stamp)
        return hash.value
    }

    /// What a reading gives the archive's choice of automatic tags: its candidates and, when it
    /// is in the word sample, its words. Equal numbers mean the same choice; 0 for a file that
    /// is not an article.
    package static func tagInputHash(_ outcome: SiteBuilderLoadOutcome) -> UInt64 {
        guard case .article(let metadata, _, let words) = outcome else { return 0 }
        var hash = PageFingerprint.StableHasher()
        hash.add(number: UInt64(metadata.automaticTags.count))
        for tag in metadata.automaticTags { hash.add(tag) }
        if let words {
            hash.add(number: UInt64(words.count))
            for word in words.sorted() { hash.add(word) }
        } else {
            hash.add("-")
        }
        return hash.value
    }

    /// The saved build, in pieces of about `pieceSize` bytes given to `write` as they fill: at a
    /// million articles it is several hundred megabytes, not to be held whole beside the model.
    package func encode(pieceSize: Int = 1 << 20, write: (Data) throws -> Void) rethrows {
        var writer = LoadCacheCodec.Writer()
        writer.bytes.reserveCapacity(pieceSize + (64 << 10))
        func flush(ifOver size: Int) throws {
            guard writer.bytes.count >= size else { return }
            try write(Data(writer.bytes))
            writer.bytes.removeAll(keepingCapacity: true)
        }
        writer.bytes.append(contentsOf: Self.magic)
        writer.int(Self.version)
        writer.string(key)
        writer.int(fileHashes.count)
        for (hash, inputs) in zip(fileHashes, tagInputs) {
            writer.uint64(hash)
            writer.uint64(inputs)
            try flush(ifOver: pieceSize)
        }
        writer.int(loadDiagnostics.count)
        for (file, diagnostic) in loadDiagnostics {
            writer.int(file)
            writer.diagnostic(diagnostic)
            try flush(ifOver: pieceSize)
        }
        writer.int(drafts)
        writer.int(files)
        // In runs of `articlesPerRun`, each after its length in bytes, so that they are read on every core.
        writer.int(parts.articles.count)
        for start in stride(from: 0, to: parts.articles.count, by: Self.articlesPerRun) {
            var run = LoadCacheCodec.Writer()
            for id in start..<min(start + Self.articlesPerRun, parts.articles.count) {
                run.metadata(parts.articles[id])
                run.int(Int(parts.articleMonths[id]))
            }
            writer.int(run.bytes.count)
            writer.bytes.append(contentsOf: run.bytes)
            try flush(ifOver: pieceSize)
        }
        writer.strings(parts.contestedPaths)
        for terms in [parts.tags, parts.countries] {
            writer.int(terms.count)
            for term in terms {
                writer.string(term.name)
                writer.string(term.slug)
                writer.optionalString(term.code)
                writer.ints(term.articleIDs)
                try flush(ifOver: pieceSize)
            }
        }
        writer.diagnostics(parts.warnings)
        for lists in [parts.articleTags, parts.articleCountries] {
            writer.int32s(lists.offsets)
            writer.int32s(lists.values)
            try flush(ifOver: pieceSize)
        }
        let relations = parts.relations
        for table in [relations.tagsOfCountry, relations.countriesOfCountry, relations.countriesOfTag, relations.tagsOfTag] {
            writer.list(table) { $0.ints($1) }
        }
        try flush(ifOver: 1)
    }

    /// An appended record: one article's edit.
    package static func encode(_ edits: [Edit]) -> Data {
        var writer = LoadCacheCodec.Writer()
        for edit in edits {
            writer.int(edit.file)
            writer.uint64(edit.fileHash)
            writer.uint64(edit.tagInputs)
            writer.diagnostics(edit.diagnostics)
            writer.int(edit.id)
            writer.metadata(edit.article)
            writer.int(edit.outputFiles)
        }
        return Data(writer.bytes)
    }

    /// The key a saved build's file starts with; nil where it does not start as one does.
    package static func savedKey(_ start: Data) -> String? {
        start.withUnsafeBytes { raw in
            var reader = LoadCacheCodec.Reader(bytes: raw)
            guard reader.take(magic.count).map(Array.init) == magic, reader.int() == version else { return nil }
            return reader.string()
        }
    }

    /// The saved build and the edits appended since; nil for a missing, damaged or older
    /// file (the saved build only ever saves time).
    package static func decode(_ data: Data, workers: Int? = nil) -> (build: SavedBuild, edits: [Edit])? {
        data.withUnsafeBytes { decode($0, workers: workers) }
    }

    /// The same from bytes in place, telling `passed` how far it has read as it goes, so that
    /// the caller can let go of what lies behind (`FileSystem.readThrough`).
    package static func decode(_ raw: UnsafeRawBufferPointer, workers: Int? = nil, batchBytes: Int = SavedBuild.batchBytes,
                       passed: (Int) -> Void = { _ in })
        -> (build: SavedBuild, edits: [Edit])? {
        let bytes = SharedBytes(raw)
        var reader = LoadCacheCodec.Reader(bytes: raw)
        guard reader.take(magic.count).map(Array.init) == magic, reader.int() == version, let key = reader.string(),
              let fileCount = reader.count() else { return nil }
        var fileHashes: [UInt64] = [], tagInputs: [UInt64] = []
        fileHashes.reserveCapacity(fileCount)
        tagInputs.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            guard let hash = reader.uint64(), let inputs = reader.uint64() else { return nil }
            fileHashes.append(hash)
            tagInputs.append(inputs)
        }
        guard let loadDiagnostics = reader.list({ reader -> (file: Int, diagnostic: Diagnostic)? in
            guard let file = reader.int(), let diagnostic = reader.diagnostic() else { return nil }
            return (file, diagnostic)
        }), let drafts = reader.int(), let files = reader.int(), let articleCount = reader.count() else { return nil }
        var starts: [Range<Int>] = []
        for _ in stride(from: 0, to: articleCount, by: articlesPerRun) {
            guard let length = reader.count() else { return nil }
            starts.append(reader.offset..<(reader.offset + length))
            reader.offset += length
        }
        let runs = starts
        // Each run is decoded into its place in the model's arrays: decoded into arrays of its
        // own and then joined, the articles were held twice for a moment.
        let placeholder = ArticleMetadata(sourcePath: "", format: .markdown, title: "", date: Date(timeIntervalSince1970: 0), slug: "")
        var articles = [ArticleMetadata](repeating: placeholder, count: articleCount)
        var articleMonths = [Int32](repeating: 0, count: articleCount)
        // The runs in batches of about 16 MB, each let go once decoded: read whole, the file was
        // held beside the model it decodes to, and made the peak of every build after an edit.
        var batches: [Range<Int>] = []
        var batchStart = 0
        for index in runs.indices where runs[index].upperBound - runs[batchStart].lowerBound >= batchBytes || index == runs.count - 1 {
            batches.append(batchStart..<(index + 1))
            batchStart = index + 1
        }
        let complete = articles.withUnsafeMutableBufferPointer { articleBuffer in
            articleMonths.withUnsafeMutableBufferPointer { monthBuffer in
                let articleSlots = ResultSlots(articleBuffer), monthSlots = ResultSlots(monthBuffer)
                for batch in batches {
                    let decoded = parallelMap(batch.count, workers: workers) { position -> Bool in
                        let index = batch.lowerBound + position
                        var run = LoadCacheCodec.Reader(bytes: UnsafeRawBufferPointer(rebasing: bytes.raw[runs[index]]))
                        var id = index * articlesPerRun
                        let end = min(id + articlesPerRun, articleCount)
                        while !run.atEnd {
                            guard id < end, let article = run.metadata(), let month = run.int().flatMap(Int32.init(exactly:)) else { return false }
                            articleSlots.assign(id, article)
                            monthSlots.assign(id, month)
                            id += 1
                        }
                        return id == end
                    }
                    guard decoded.allSatisfy({ $0 }) else { return false }
                    passed(runs[batch.upperBound - 1].upperBound)
                }
                return true
            }
        }
        guard complete else { return nil }
        guard let contested = reader.strings() else { return nil }
        passed(reader.offset)
        var termLists: [[Term]] = []
        for _ in 0..<2 {
            guard let terms = reader.list({ reader -> Term? in
                guard let name = reader.string(), let slug = reader.string(), let code = reader.optionalString(),
                      let ids = reader.ints() else { return nil }
                return Term(name: name, slug: slug, articleIDs: ids, code: code)
            }) else { return nil }
            termLists.append(terms)
        }
        guard let warnings = reader.diagnostics() else { return nil }
        passed(reader.offset)
        var indexLists: [IndexLists] = []
        for _ in 0..<2 {
            guard let offsets = reader.int32s(), let values = reader.int32s(),
                  let lists = IndexLists(offsets: offsets, values: values) else { return nil }
            indexLists.append(lists)
        }
        passed(reader.offset)
        var tables: [[[Int]]] = []
        for _ in 0..<4 {
            guard let table = reader.list({ $0.ints() }) else { return nil }
            tables.append(table)
        }
        var edits: [Edit] = []
        while !reader.atEnd {
            guard let file = reader.int(), let hash = reader.uint64(), let inputs = reader.uint64(),
                  let diagnostics = reader.diagnostics(), let id = reader.int(), let article = reader.metadata(),
                  let outputFiles = reader.int(), (0..<fileCount).contains(file), (0..<articleCount).contains(id) else { return nil }
            edits.append(Edit(file: file, fileHash: hash, tagInputs: inputs, diagnostics: diagnostics, id: id, article: article,
                              outputFiles: outputFiles))
        }
        let relations = TermRelations(tagsOfCountry: tables[0], countriesOfCountry: tables[1], countriesOfTag: tables[2],
                                      tagsOfTag: tables[3])
        let parts = SiteModel.Parts(articles: articles, articleMonths: articleMonths, contestedPaths: contested, tags: termLists[0],
                                    countries: termLists[1], warnings: warnings, articleTags: indexLists[0],
                                    articleCountries: indexLists[1], relations: relations)
        return (SavedBuild(key: key, fileHashes: fileHashes, tagInputs: tagInputs, loadDiagnostics: loadDiagnostics, drafts: drafts, files: files, parts: parts), edits)
    }

    /// How many bytes of article runs are decoded before those behind are let go.
    package static let batchBytes = 16 << 20

    /// Reads the saved build in the cache folder with the edits since applied to its file
    /// hashes and problems (the edits to the model are returned, for `SiteModel` to apply).
    /// The saved build and its edits, when it was saved under `key`. The key is read first, from
    /// the file's start: a build after a change of settings, templates or program has no use for
    /// the model, and read and decoded whole it was let go only as the load cache's readings
    /// were decoded, at the peak.
    package static func load(cacheDirectory: String, fileSystem: some FileSystem, workers: Int?, key: String) -> (build: SavedBuild, edits: [Edit])? {
        let path = joinPath(cacheDirectory, fileName)
        // The magic, the version and the key's length take at most this much more than the key.
        guard let start = try? fileSystem.openFile(path).read(offset: 0, count: magic.count + 20 + key.utf8.count),
              savedKey(start) == key,
              case (var build, let edits)? = try? fileSystem.readThrough(path, { decode($0, workers: workers, passed: $1) }),
              build.key == key else { return nil }
        for edit in edits {
            build.fileHashes[edit.file] = edit.fileHash
            build.tagInputs[edit.file] = edit.tagInputs
            build.loadDiagnostics.removeAll { $0.file == edit.file }
            build.loadDiagnostics += edit.diagnostics.map { (edit.file, $0) }
            build.files = edit.outputFiles
        }
        build.loadDiagnostics.sort { $0.file < $1.file }
        return (build, edits)
    }

    package func save(cacheDirectory: String, fileSystem: some FileSystem) throws {
        try fileSystem.writeInPieces(joinPath(cacheDirectory, Self.fileName)) { write in try encode(write: write) }
    }

    /// The model's parts, handed over: the model restored from them is then the only holder of
    /// its arrays, and changes them in place rather than copying a whole archive's.
    package mutating func takeParts() -> SiteModel.Parts {
        let parts = self.parts
        self.parts = SiteModel.Parts(articles: [], articleMonths: [], contestedPaths: [], tags: [], countries: [], warnings: [],
                                     articleTags: IndexLists(), articleCountries: IndexLists(),
                                     relations: TermRelations(tagsOfCountry: [], countriesOfCountry: [], countriesOfTag: [], tagsOfTag: []))
        return parts
    }

    package static func append(_ edits: [Edit], cacheDirectory: String, fileSystem: some FileSystem) throws {
        try fileSystem.appendFile(joinPath(cacheDirectory, fileName), contents: encode(edits))
    }

    package static func remove(cacheDirectory: String, fileSystem: some FileSystem) {
        try? fileSystem.removeItem(joinPath(cacheDirectory, fileName))
    }
}

/// What the saved model keeps of a full build's scan, gathered while loading.
package struct SavedScan {
    package var fileHashes: [UInt64] = []
    package var tagInputs: [UInt64] = []
    package var diagnostics: [(file: Int, diagnostic: Diagnostic)] = []

    package init() {}
}

/// A file's bytes, mapped for the length of a decode, read from every core: nothing writes them.
private struct SharedBytes: @unchecked Sendable {
    package let raw: UnsafeRawBufferPointer

    package init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }
}
