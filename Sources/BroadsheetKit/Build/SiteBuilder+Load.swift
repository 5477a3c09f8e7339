import BuildCache
import Core
import Foundation
import Loading
import Markdown
import Output
import Rendering
import Site
import Taxonomy

/// The load step: every content file read (or its reading reused) and enriched.
extension SiteBuilder {
    /// The articles, each content file's stamp hash by path (the cache itself, with every reading,
    /// is let go here unless the preview server keeps it), and, for the preview server, the content files in scan order.
    func load(config: SiteConfig, report: inout BuildReport) throws(Diagnostic) -> LoadedArchive {
        let paths = try scanContent(&report)
        // The preview server keeps its cache in memory; `build` keeps one in the cache folder.
        let cache: LoadCache = mode.preview?.readings ?? {
            let cache = LoadCache()
            if !options.clean { cache.load(from: savedCachePath, fileSystem: fileSystem) }
            return cache
        }()
        // Settings that change how a file reads: readings made under others are stale.
        cache.use(settings: Self.readingSettings(config))
        let readings = read(paths, config: config, from: cache.snapshot)
        keep(readings, of: paths, in: cache)
        report.filesRead = readings.reduce(0) { $0 + ($1.cached ? 0 : 1) }
        var (articles, scanned) = gather(readings, of: paths, report: &report)
        selectAutomaticTags(&articles, readings: readings, config: config)
        // Hashed as article fingerprints take them: the texts are not held past loading.
        var stamps: [String: UInt64] = [:]
        stamps.reserveCapacity(paths.count)
        for (path, reading) in zip(paths, readings) { stamps[path] = PageFingerprinter.stampHash(reading.stamp) }
        // Only the preview server needs the scan's paths after loading.
        return LoadedArchive(articles: articles, stamps: stamps, paths: mode.preview == nil ? [] : paths, scan: scanned)
    }

    /// One content file's reading, whether it came from the cache, and the stamp it was read at.
    struct Reading: Sendable {
        var outcome: LoadOutcome
        var cached: Bool
        var stamp: String
    }

    private var savedCachePath: String { joinPath(cacheDirectory, "articles.bin") }

    /// The content files that may be articles, in scan order; the others are reported.
    private func scanContent(_ report: inout BuildReport) throws(Diagnostic) -> [String] {
        guard fileSystem.directoryExists(contentDirectory) else {
            throw .error(.load, file: contentDirectory, "the content folder does not exist")
        }
        let scan: ContentScanner.Scan
        do {
            scan = try ContentScanner.scan(contentDirectory, fileSystem: fileSystem)
        } catch {
            throw .error(.load, file: contentDirectory, "cannot list the content folder: \(error.localizedDescription)")
        }
        report.diagnostics += scan.skipped
        return scan.articles
    }

    /// Every file's reading, from `saved` when its stamp is the one saved, read and enriched
    /// otherwise, on every core. Looked up in a snapshot, stored once it is gone: storing while
    /// it is alive would copy the whole cache.
    private func read(_ paths: [String], config: SiteConfig, from saved: LoadCache.Snapshot) -> [Reading] {
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        let progress = hooks.progress.map { ProgressCounter(phase: "load", total: paths.count, report: $0) }
        let needsWordSample = Self.needsWordSample(paths)
        let stamper = fileSystem.stamper(in: contentDirectory)
        // With no readings kept, every file is read, in scan order: ask for them ahead.
        let readAhead = saved.isEmpty ? ReadAhead.start(count: paths.count, fileSystem: fileSystem,
                                                        sources: [.init(contentDirectory, need: .contents) { paths[$0] }]) : nil
        defer { readAhead?.stop() }
        return parallelMap(paths.count, workers: options.jobs) { index -> Reading in
            defer {
                progress?.advance()
                readAhead?.advance()
            }
            let sampled = needsWordSample && WordSample.isSampled(index, of: paths.count)
            let stamp = stamper.stamp(paths[index])
            if let cached = saved.outcome(for: paths[index], stamp: stamp) {
                // A reading without the words is reused only when the sample does not need them.
                if case .article(_, _, nil) = cached, sampled {} else { return Reading(outcome: cached, cached: true, stamp: stamp) }
            }
            return Reading(outcome: read(paths[index], loader: loader, enricher: enricher, sampleWords: sampled), cached: false, stamp: stamp)
        }
    }

    /// The readings kept for the next build: the whole cache file written anew when every file
    /// was read, the new readings added otherwise; `build` lets them go once saved.
    private func keep(_ readings: [Reading], of paths: [String], in cache: LoadCache) {
        if mode.preview == nil, !readings.contains(where: \.cached) {
            try? cache.saveWhole(zip(paths, readings).lazy.map { (path: $0, entry: LoadCache.Entry(stamp: $1.stamp, outcome: $1.outcome)) },
                                 to: savedCachePath, fileSystem: fileSystem)
            return
        }
        for (index, reading) in readings.enumerated() where !reading.cached {
            cache.store(reading.outcome, for: paths[index], stamp: reading.stamp)
        }
        cache.keep(only: paths)
        if mode.preview == nil {
            try? cache.save(to: savedCachePath, fileSystem: fileSystem)
            cache.removeAll()
        }
    }

    /// The articles the readings hold, their problems and drafts counted in `report`, and what
    /// the saved model needs of the scan: each file's hashes and what it reported.
    private func gather(_ readings: [Reading], of paths: [String], report: inout BuildReport) -> ([ArticleMetadata], SavedScan) {
        var articles: [ArticleMetadata] = []
        articles.reserveCapacity(readings.count)
        var scanned = SavedScan()
        if keepsSavedBuild {
            scanned.fileHashes.reserveCapacity(readings.count)
            scanned.tagInputs.reserveCapacity(readings.count)
        }
        for (index, reading) in readings.enumerated() {
            if keepsSavedBuild {
                scanned.fileHashes.append(SavedBuild.fileHash(path: paths[index], stamp: reading.stamp))
                scanned.tagInputs.append(SavedBuild.tagInputHash(reading.outcome))
            }
            switch reading.outcome {
            case .article(let metadata, let warnings, _):
                articles.append(metadata)
                report.diagnostics += warnings
                scanned.diagnostics += warnings.map { (index, $0) }
            case .draft:
                report.drafts += 1
            case .failed(let diagnostic):
                report.diagnostics.append(diagnostic)
                scanned.diagnostics.append((index, diagnostic))
            }
        }
        return (articles, scanned)
    }

    /// Automatic tags need the whole archive's words: each article keeps the candidates it
    /// shares with others (`AutomaticTagSelector`), and its names are shared with theirs.
    private func selectAutomaticTags(_ articles: inout [ArticleMetadata], readings: [Reading], config: SiteConfig) {
        var sample = WordSample()
        for reading in readings {
            if case .article(_, _, let vocabulary?) = reading.outcome { sample.add(vocabulary) }
        }
        let selector = AutomaticTagSelector(candidates: articles.map(\.automaticTags), declared: articles.flatMap(\.tags), sample: sample,
                                            aliases: TagAliases(config.tagAliases), minimumArticles: config.automaticTagMinimumArticles)
        var names = SharedStrings()
        for (index, tags) in selector.selectAll(articles.map(\.automaticTags)).enumerated() {
            articles[index].automaticTags = tags
            articles[index].share(&names)
        }
    }

    typealias LoadOutcome = SiteBuilderLoadOutcome

    /// One content file read and enriched.
    func read(_ path: String, loader: ArticleLoader<FS>, enricher: ArticleEnricher, sampleWords: Bool) -> LoadOutcome {
        do throws(Diagnostic) {
            switch try loader.load(path) {
            case .draft:
                return .draft
            case .article(let article):
                let enriched = enricher.enrich(article, file: joinPath(contentDirectory, path), sampleWords: sampleWords)
                return .article(enriched.metadata, article.warnings + enriched.warnings, enriched.vocabulary)
            }
        } catch {
            return .failed(error)
        }
    }

    func makeLoader(_ config: SiteConfig) -> ArticleLoader<FS> {
        ArticleLoader(fileSystem: fileSystem, contentDirectory: contentDirectory, timeZone: config.timeZone, chrome: .forSite(config))
    }

    /// Settings that change how a file reads: readings made under others are stale.
    static func readingSettings(_ config: SiteConfig) -> String {
        "\(config.timeZone.identifier)|\(config.chromeLines)|\(config.chromePrefixes)|\(config.chromeEndMarkers)|"
            + config.topicLexicon.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// The word sample tells general words from topics among automatic tag candidates, which
    /// only text articles have: an archive of Markdown alone needs no article's words.
    static func needsWordSample(_ paths: [String]) -> Bool {
        paths.contains { ContentFormat(path: $0) == .text }
    }
}

/// What the load step hands on: the articles, each content file's stamp hash by path, the
/// content files in scan order (kept for the preview only), and what the saved model needs of the scan.
struct LoadedArchive {
    var articles: [ArticleMetadata]
    var stamps: [String: UInt64]
    var paths: [String]
    var scan: SavedScan
}
