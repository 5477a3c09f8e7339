import Core
import Foundation

/// Reads one article file, text or Markdown, into metadata and body.
public struct ArticleLoader<FS: FileSystem>: Sendable {
    public let fileSystem: FS
    public let contentDirectory: String
    public let textParser: ArticleTextParser
    public let dates: NewsDateParser

    public init(fileSystem: FS, contentDirectory: String, timeZone: TimeZone, chrome: ChromePatterns = .builtIn) {
        self.fileSystem = fileSystem
        self.contentDirectory = contentDirectory
        self.textParser = ArticleTextParser(timeZone: timeZone, chrome: chrome)
        self.dates = NewsDateParser(timeZone: timeZone)
    }

    public enum Outcome: Sendable {
        case article(LoadedArticle)
        /// A draft (`draft: true`): read correctly, deliberately not published.
        case draft
    }

    /// Loads the article at `relativePath` (relative to the content folder).
    public func load(_ relativePath: String) throws(Diagnostic) -> Outcome {
        let path = joinPath(contentDirectory, relativePath)
        guard let format = ContentFormat(path: relativePath) else {
            throw .error(.load, file: path, "not an article file")
        }
        let decoded = try read(path)
        var warnings = decoded.warnings.map { Diagnostic.warning(.load, file: path, $0) }
        switch format {
        case .text:
            let parsed = textParser.parse(decoded.text)
            warnings += parsed.warnings.map { .warning(.load, file: path, line: $0.line, $0.message) }
            guard !parsed.title.isEmpty else { throw .error(.load, file: path, line: 1, "no headline found") }
            let (date, dateWarning, dateOrigin) = resolveDate(parsed.date, path: path, relativePath: relativePath)
            if let dateWarning { warnings.append(dateWarning) }
            if let implausible = implausibleDate(date.date, path: path, line: nil) { warnings.append(implausible) }
            let metadata = ArticleMetadata(
                sourcePath: relativePath, format: .text, title: parsed.title, dek: parsed.dek,
                byline: parsed.byline, date: date.date, hasTime: date.hasTime, dateline: parsed.dateline,
                photoCredit: parsed.photoCredit,
                slug: slug(title: parsed.title, explicit: nil, relativePath: relativePath),
                wordCount: Self.countWords(parsed.bodyText), bodyLine: parsed.bodyLine)
            return .article(LoadedArticle(
                metadata: metadata, declaredCountries: nil, bodyMarkdown: parsed.bodyMarkdown,
                bodyText: parsed.bodyText, warnings: warnings, dateOrigin: dateOrigin))
        case .markdown:
            let result: FrontMatterParser.Result
            do {
                result = try FrontMatterParser.parse(decoded.text)
            } catch {
                throw .error(.load, file: path, line: error.line, error.message)
            }
            let matter = result.frontMatter
            if matter.draft { return .draft }
            var title = matter.title ?? ""
            if title.isEmpty {
                title = Self.fileStem(relativePath)
                warnings.append(.warning(.load, file: path, line: 1, "front matter has no `title`; using the file name"))
            }
            var parsedDate: NewsDateParser.Parsed?
            if let text = matter.date {
                parsedDate = dates.parse(text)
                if parsedDate == nil {
                    warnings.append(.warning(.load, file: path, line: matter.dateLine, "`date: \(text)` is not a date Broadsheet can read"))
                }
            }
            let (date, dateWarning, dateOrigin) = resolveDate(parsedDate, path: path, relativePath: relativePath)
            if let dateWarning { warnings.append(dateWarning) }
            if let implausible = implausibleDate(date.date, path: path, line: matter.dateLine) { warnings.append(implausible) }
            let metadata = ArticleMetadata(
                sourcePath: relativePath, format: .markdown, title: title, dek: matter.dek,
                byline: matter.author, date: date.date, hasTime: date.hasTime, dateline: matter.dateline,
                photoCredit: matter.photo, tags: Self.unique(matter.tags),
                slug: slug(title: title, explicit: matter.slug, relativePath: relativePath),
                wordCount: Self.countWords(result.body))
            return .article(LoadedArticle(
                metadata: metadata, declaredCountries: matter.countries, bodyMarkdown: result.body,
                bodyText: result.body, warnings: warnings, dateOrigin: dateOrigin))
        }
    }

    /// A date a news archive cannot hold: before the first newspapers, or years ahead.
    func implausibleDate(_ date: Date, path: String, line: Int?) -> Diagnostic? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = dates.timeZone
        let year = calendar.component(.year, from: date)
        let thisYear = calendar.component(.year, from: Date())
        guard year < 1600 || year > thisYear + 1 else { return nil }
        return .warning(.load, file: path, line: line, "the date \(year) is far in the \(year < 1600 ? "past" : "future"); check it")
    }

    /// Reads an article's body again for rendering, as Markdown.
    public func loadBody(_ metadata: ArticleMetadata) throws(Diagnostic) -> String {
        let path = joinPath(contentDirectory, metadata.sourcePath)
        let decoded = try read(path)
        switch metadata.format {
        case .text:
            // The header was read when the article loaded: only the body is read again.
            if let line = metadata.bodyLine, let body = textParser.body(decoded.text, fromLine: line) { return body }
            return textParser.parse(decoded.text).bodyMarkdown
        case .markdown:
            do {
                return try FrontMatterParser.body(decoded.text)
            } catch {
                throw .error(.render, file: path, line: error.line, error.message)
            }
        }
    }

    /// No news article comes near this size; a larger file is a broken download or not an
    /// article at all, and reading it would cost time and memory out of proportion.
    public static var maximumArticleBytes: Int { 16 << 20 }

    private func read(_ path: String) throws(Diagnostic) -> SourceTextDecoder.Decoded {
        // A file far too large is refused before it is read, so that it costs neither time nor memory.
        let data: Data
        do {
            data = try fileSystem.readFile(path, atMost: Self.maximumArticleBytes)
        } catch let tooLarge as FileTooLarge {
            throw .error(.load, file: path, "the file is \(tooLarge.size >> 20) MB, too large to be an article (the limit is \(Self.maximumArticleBytes >> 20) MB)")
        } catch {
            throw .error(.load, file: path, "cannot read the file: \(error.localizedDescription)")
        }
        do {
            return try SourceTextDecoder.decode(data)
        } catch {
            switch error {
            case .empty: throw .error(.load, file: path, "the file has no text")
            case .binary: throw .error(.load, file: path, "the file is binary, not text")
            }
        }
    }

    /// Falls back to a date in the file name, then to the file's modification time, and says so.
    private func resolveDate(
        _ parsed: NewsDateParser.Parsed?, path: String, relativePath: String
    ) -> (NewsDateParser.Parsed, Diagnostic?, LoadedArticle.DateOrigin) {
        if let parsed {
            // An archive files each article under its publication day; a scraped page's timestamp
            // is sometimes a later re-publication or crawl. When the two are days apart, the
            // archive's own record wins, and the build says so.
            if let day = Self.isoDay(in: relativePath), let filed = dates.parse(day),
               abs(filed.date.timeIntervalSince(parsed.date)) > 2 * 86_400 {
                return (filed, .warning(.load, file: path,
                    "the text's date and the date in the file name (\(day)) are days apart; using the file name's"), .fileName)
            }
            return (parsed, nil, .text)
        }
        if let day = Self.isoDay(in: relativePath), let parsed = dates.parse(day) {
            return (parsed, .warning(.load, file: path, "no date in the article; using \(day) from the file name"), .fileName)
        }
        let modified = fileSystem.modificationDate(path) ?? Date(timeIntervalSince1970: 0)
        return (NewsDateParser.Parsed(date: modified, hasTime: true),
                .warning(.load, file: path, "no date in the article or its file name; using the file's modification time"),
                .modificationTime)
    }

    /// The first `YYYY-MM-DD` in a path.
    static func isoDay(in path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.count >= 10 else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        for start in 0...(bytes.count - 10) {
            let window = bytes[start..<start + 10]
            let ok = window.enumerated().allSatisfy { offset, byte in
                offset == 4 || offset == 7 ? byte == 0x2D : isDigit(byte)
            }
            if ok { return String(decoding: window, as: UTF8.self) }
        }
        return nil
    }

    private func slug(title: String, explicit: String?, relativePath: String) -> String {
        if let explicit, !Slug.make(explicit).isEmpty { return Slug.make(explicit) }
        let fromTitle = Slug.make(title)
        if !fromTitle.isEmpty { return fromTitle }
        let fromFile = Slug.make(Self.fileStem(relativePath))
        return fromFile.isEmpty ? "article" : fromFile
    }

    static func fileStem(_ relativePath: String) -> String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// Words are runs of bytes other than space, tab, CR and LF. Counted eight bytes at a time:
    /// every article's every byte passes here.
    static func countWords(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var index = 0
            // Whether the byte before `index` was a space (the text starts after one).
            var previousSpace = true
            if let base = bytes.baseAddress {
                while index + 8 <= bytes.count {
                    let word = ByteWord.load(base, at: index)
                    // The high bit of each byte that is a space, then of each that starts a word:
                    // not a space, after one (the previous byte in the word, or the one before it).
                    let spaces = ByteWord.equal(word, 0x20) | ByteWord.equal(word, 0x0A) | ByteWord.equal(word, 0x09) | ByteWord.equal(word, 0x0D)
                    let before = (spaces << 8) | (previousSpace ? 0x80 : 0)
                    count += (~spaces & ByteWord.high & before).nonzeroBitCount
                    previousSpace = spaces >> 63 != 0
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !isSpace && previousSpace { count += 1 }
                previousSpace = isSpace
                index += 1
            }
            return count
        }
    }

    static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0.lowercased()).inserted }
    }
}
