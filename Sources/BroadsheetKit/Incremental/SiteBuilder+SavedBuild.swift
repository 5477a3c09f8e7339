import BuildCache
import Core
import Foundation
import Loading
import Output
import Rendering
import Site
import Taxonomy

extension SiteBuilder {
    /// Whether this build keeps a saved model for the next: `build` does; the preview server
    /// keeps its state in memory (`BuildMode.preview`) and has no use for one.
    var keepsSavedBuild: Bool { mode.preview == nil }

    /// The most files a build from the saved model reads again; more changed files take the full build.
    static var savedBuildEditLimit: Int { 64 }

    /// The most edits the saved model's file holds after its parts: every build replays them
    /// all, so past this many the model is saved whole again, with none.
    static var savedEditsBeforeCompaction: Int { 48 }

    /// How many edits a replayed move counts as towards `savedEditsBeforeCompaction`: replaying
    /// a move costs every later build far more than other edits do (Benchmarks/HISTORY.md).
    static var replayCostOfMove: Int { 8 }

    /// Everything besides the content that shapes the site: the settings file as written and
    /// the options that override it, the templates, the output folder and the program itself.
    /// A saved model is used only under the same key.
    func savedBuildKey(config: SiteConfig, templates: TemplateSet) -> String {
        var settings = PageFingerprint.StableHasher()
        if let data = try? fileSystem.readFile(joinPath(options.siteDirectory, "site.yml")) { settings.add(data) }
        // The theme's static files are copied by every build, not fingerprinted with the templates.
        var staticFiles = PageFingerprint.StableHasher()
        for (path, data) in templates.staticFiles.sorted(by: { $0.key < $1.key }) {
            staticFiles.add(path)
            staticFiles.add(data)
        }
        // The output folder as an absolute path: `--site .` and `--site /path/to/site` are one site.
        let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        return [String(settings.value), options.baseURL ?? "", String(options.relativeURLs), output,
                Self.readingSettings(config), String(templates.fingerprint), String(staticFiles.value),
                PageFingerprintStore.rendererStamp].joined(separator: "\n")
    }

    /// Builds the site from the model the last full build saved, when it is the same site but
    /// for a few articles' edits the model takes in place; nil, with nothing written, when a full
    /// build is needed. Which edits qualify: docs/incremental-builds.md.
    func buildFromSaved(config: SiteConfig, templates themeTemplates: TemplateSet, report start: BuildReport,
                        clock: inout PhaseClock) throws(Diagnostic) -> BuildReport? {
        guard keepsSavedBuild, !options.clean, fileSystem.directoryExists(outputDirectory),
              fileSystem.fileExists(OutputWriter.manifestPath(cacheDirectory: cacheDirectory)),
              fileSystem.directoryExists(contentDirectory),
              var restored = restoreSaved(config: config, templates: themeTemplates),
              let (edits, read) = readEdits(restored, config: config) else { return nil }
        var records = read
        var report = start
        report.diagnostics += restored.scan.skipped
        let loadDiagnostics = restored.loadDiagnostics(with: records)
        report.diagnostics += loadDiagnostics.map(\.diagnostic)
        report.diagnostics += restored.site.warnings.map { warning in
            var warning = warning
            warning.file = warning.file.map { joinPath(contentDirectory, $0) }
            return warning
        }
        report.drafts = restored.saved.drafts
        report.phases.append(clock.lap("load"))
        try failIfStrict(report)

        var plan = PagePlan(site: restored.site)
        let templates = Self.withSharedValues(themeTemplates, PageContextBuilder(site: restored.site, gazetteer: gazetteer))
        guard var relatedLists = RelatedArticlesStore(cacheDirectory: cacheDirectory)
            .load(structure: PageFingerprinter.structureDigest(of: restored.site), count: restored.site.articles.count, fileSystem: fileSystem)
        else { return nil }
        // A saved model keeps no digests: each edit's term pages find them all again.
        var digests: [PageFingerprinter.ArticleDigest]? = nil
        guard let applied = try applyArticleEdits(edits, site: &restored.site, plan: &plan, templates: templates, relatedLists: &relatedLists,
                                                  digests: &digests, report: &report, clock: &clock) else { return nil }
        // Replayed in the order applied, each at the ID its article had then.
        records = applied.map { edit, id in
            var record = records[edit]
            record.id = id
            return record
        }
        report.restoredModel = true
        // A moved page's file takes the place of its old one; a term's pages and feeds come or go.
        report.files = restored.saved.files + report.outputFilesAdded
        for index in records.indices { records[index].outputFiles = report.files }
        saveAfterEdits(&restored, edits: edits, records: records, loadDiagnostics: loadDiagnostics, report: &report)
        report.phases.append(clock.lap("write"))
        if mode.endsProcess { MemoryLeftToExit.hold((restored.site, plan, restored.saved, templates, relatedLists)) }
        return report
    }

    /// The saved model as the last build left it, its edits replayed, and the content files
    /// that changed since, by their stamps alone; nil when the site is not the one saved.
    struct RestoredBuild {
        var saved: SavedBuild
        var savedEdits: [SavedBuild.Edit]
        var scan: ContentScanner.Scan
        var changed: [Int]
        var site: SiteModel
        var movesReplayed: Int
        let tagInputs: [UInt64]

        /// What loading reported, the changed files' old reports replaced by `records`'.
        func loadDiagnostics(with records: [SavedBuild.Edit]) -> [(file: Int, diagnostic: Diagnostic)] {
            var diagnostics = saved.loadDiagnostics.filter { diagnostic in !changed.contains(diagnostic.file) }
            for record in records { diagnostics += record.diagnostics.map { (record.file, $0) } }
            return diagnostics.sorted { $0.file < $1.file }
        }
    }

    private func restoreSaved(config: SiteConfig, templates: TemplateSet) -> RestoredBuild? {
        // The saved model is read while the content folder is scanned and its files stamped:
        // neither needs the other, and each leaves a core idle part of the time (the file is
        // read in one piece, the scan's folders are listed one by one).
        let (cacheDirectory, fileSystem, workers) = (cacheDirectory, fileSystem, options.jobs)
        let key = savedBuildKey(config: config, templates: templates)
        let loading = BackgroundWork { SavedBuild.load(cacheDirectory: cacheDirectory, fileSystem: fileSystem, workers: workers, key: key) }
        let scan = try? ContentScanner.scan(contentDirectory, fileSystem: fileSystem)
        let paths = scan?.articles ?? []
        let stamper = fileSystem.stamper(in: contentDirectory)
        let hashes = parallelMap(paths.count, workers: options.jobs) { index in
            SavedBuild.fileHash(path: paths[index], stamp: stamper.stamp(paths[index]))
        }
        guard case (var saved, let savedEdits)? = loading.wait(), let scan, paths.count == saved.fileHashes.count else { return nil }
        let changed = hashes.indices.filter { hashes[$0] != saved.fileHashes[$0] }
        guard changed.count <= Self.savedBuildEditLimit else { return nil }
        let tagInputs = saved.tagInputs
        guard var site = SiteModel(config: config, restoring: saved.takeParts()),
              let movesReplayed = site.replayArticles(savedEdits.map { ($0.id, $0.article) }, gazetteer: gazetteer) else { return nil }
        return RestoredBuild(saved: saved, savedEdits: savedEdits, scan: scan, changed: changed, site: site, movesReplayed: movesReplayed,
                             tagInputs: tagInputs)
    }

    /// Each changed file read again, as an edit and the record the saved model keeps of it; nil
    /// when one is not an edit the model takes (it must still give the automatic tags what it gave).
    private func readEdits(_ restored: RestoredBuild, config: SiteConfig) -> ([ArticleEdit], [SavedBuild.Edit])? {
        guard !restored.changed.isEmpty else { return ([], []) }
        let loader = makeLoader(config)
        let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
        // An edit leaves an article's file and automatic tags as they were: the model tells
        // both (its IDs are those after the edits replayed, which may have moved articles).
        let articles = restored.site.articles, paths = restored.scan.articles
        let needsWordSample = Self.needsWordSample(paths)
        var edits: [ArticleEdit] = [], records: [SavedBuild.Edit] = []
        for index in restored.changed {
            let path = paths[index]
            guard let id = articles.firstIndex(where: { $0.hasSourcePath(path) }),
                  let edit = articleEdit(path, id: id, tagInputs: restored.tagInputs[index], selectedTags: articles[id].automaticTags,
                                         sampled: needsWordSample && WordSample.isSampled(index, of: paths.count),
                                         loader: loader, enricher: enricher) else { return nil }
            edits.append(edit)
            records.append(SavedBuild.Edit(file: index, fileHash: SavedBuild.fileHash(path: path, stamp: edit.stamp),
                                           tagInputs: restored.tagInputs[index], diagnostics: edit.warnings, id: id, article: edit.article,
                                           outputFiles: restored.saved.files))
        }
        return (edits, records)
    }

    /// The load cache and the saved model learn the new readings, so that the next build
    /// starts from them: the edits appended, or the model saved whole again past
    /// `savedEditsBeforeCompaction`. Should that fail, the next build is a full one.
    private func saveAfterEdits(_ restored: inout RestoredBuild, edits: [ArticleEdit], records: [SavedBuild.Edit],
                                loadDiagnostics: [(file: Int, diagnostic: Diagnostic)], report: inout BuildReport) {
        do {
            let loadCache = joinPath(cacheDirectory, "articles.bin")
            if !edits.isEmpty, fileSystem.fileExists(loadCache) {
                try fileSystem.appendFile(loadCache, contents: LoadCacheCodec.encodeRecords(
                    edits.map { (path: $0.path, entry: LoadCache.Entry(stamp: $0.stamp, outcome: $0.outcome)) }))
            }
            let replays = restored.savedEdits.count + records.count + (Self.replayCostOfMove - 1) * restored.movesReplayed
            if replays > Self.savedEditsBeforeCompaction {
                // The model as it is now, with the files' readings, in place of the model and its edits.
                for record in records {
                    restored.saved.fileHashes[record.file] = record.fileHash
                    restored.saved.tagInputs[record.file] = record.tagInputs
                }
                restored.saved.loadDiagnostics = loadDiagnostics
                restored.saved.files = report.files
                restored.saved.parts = restored.site.parts
                try restored.saved.save(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
                report.savedModelCompacted = true
            } else if !records.isEmpty {
                try SavedBuild.append(records, cacheDirectory: cacheDirectory, fileSystem: fileSystem)
            }
        } catch {
            SavedBuild.remove(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        }
    }
}
