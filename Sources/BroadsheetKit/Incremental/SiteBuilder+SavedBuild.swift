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

    /// Builds the site from the model the last full build saved, when that is the same site
    /// but for a few articles' edits the model takes in place: no file came or went, the
    /// settings and templates are the same, and each changed file is an article whose edit the
    /// model takes (`SiteModel.replaceArticle`: its headline, dek, byline, body…, or tags and
    /// countries, a term's pages coming or going, a new date). Then
    /// only the changed files are read, and only the pages that show what changed are written
    /// (`applyArticleEdits`, as the preview server does). Nil when the full build is needed;
    /// nothing has been written then.
    ///
    /// Unchanged files are known by their stamps alone, as in the full build. Pages are not
    /// checked against their files: a page removed from the output folder by hand comes back
    /// with `build --clean`, or the next full build.
    func buildFromSaved(config: SiteConfig, templates themeTemplates: TemplateSet, report start: BuildReport,
                        clock: inout PhaseClock) throws(Diagnostic) -> BuildReport? {
        guard keepsSavedBuild, !options.clean,
              fileSystem.directoryExists(outputDirectory),
              fileSystem.fileExists(OutputWriter.manifestPath(cacheDirectory: cacheDirectory)),
              fileSystem.directoryExists(contentDirectory) else { return nil }
        // The saved model is read while the content folder is scanned and its files stamped:
        // neither needs the other, and each leaves a core idle part of the time (the file is
        // read in one piece, the scan's folders are listed one by one).
        let (cacheDirectory, fileSystem, workers) = (cacheDirectory, fileSystem, options.jobs)
        let key = savedBuildKey(config: config, templates: themeTemplates)
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

        // The model as the last build left it.
        let tagInputs = saved.tagInputs
        guard var site = SiteModel(config: config, restoring: saved.takeParts()) else { return nil }
        guard let movesReplayed = site.replayArticles(savedEdits.map { ($0.id, $0.article) }, gazetteer: gazetteer) else { return nil }

        // Each changed file read again: it must still give the archive's automatic tags what it gave.
        var edits: [ArticleEdit] = [], records: [SavedBuild.Edit] = []
        if !changed.isEmpty {
            let loader = makeLoader(config)
            let enricher = ArticleEnricher(gazetteer: gazetteer, lexicon: TopicLexicon(config.topicLexicon))
            // An edit leaves an article's file and automatic tags as they were: the model tells
            // both (its IDs are those after the edits replayed, which may have moved articles).
            let articles = site.articles
            let needsWordSample = Self.needsWordSample(paths)
            for index in changed {
                let path = paths[index]
                guard let id = articles.firstIndex(where: { $0.hasSourcePath(path) }),
                      let edit = articleEdit(path, id: id, tagInputs: tagInputs[index], selectedTags: articles[id].automaticTags,
                                           sampled: needsWordSample && WordSample.isSampled(index, of: paths.count),
                                           loader: loader, enricher: enricher) else { return nil }
                edits.append(edit)
                records.append(SavedBuild.Edit(file: index, fileHash: SavedBuild.fileHash(path: path, stamp: edit.stamp),
                                               tagInputs: tagInputs[index], diagnostics: edit.warnings, id: id, article: edit.article,
                                               outputFiles: saved.files))
            }
        }
        var report = start
        report.diagnostics += scan.skipped
        var loadDiagnostics = saved.loadDiagnostics.filter { diagnostic in !changed.contains(diagnostic.file) }
        for record in records { loadDiagnostics += record.diagnostics.map { (record.file, $0) } }
        loadDiagnostics.sort { $0.file < $1.file }
        report.diagnostics += loadDiagnostics.map(\.diagnostic)
        report.diagnostics += site.warnings.map { warning in
            var warning = warning
            warning.file = warning.file.map { joinPath(contentDirectory, $0) }
            return warning
        }
        report.drafts = saved.drafts
        report.phases.append(clock.lap("load"))
        try failIfStrict(report)

        var plan = PagePlan(site: site)
        let templates = Self.withSharedValues(themeTemplates, PageContextBuilder(site: site, gazetteer: gazetteer))
        guard var relatedLists = RelatedArticlesStore(cacheDirectory: cacheDirectory)
            .load(structure: PageFingerprinter.structureDigest(of: site), count: site.articles.count, fileSystem: fileSystem)
        else { return nil }
        // A saved model keeps no digests: each edit's term pages find them all again.
        var digests: [PageFingerprinter.ArticleDigest]? = nil
        guard let applied = try applyArticleEdits(edits, site: &site, plan: &plan, templates: templates, relatedLists: &relatedLists,
                                                  digests: &digests, report: &report, clock: &clock) else { return nil }
        // Replayed in the order applied, each at the ID its article had then.
        records = applied.map { edit, id in
            var record = records[edit]
            record.id = id
            return record
        }
        report.restoredModel = true
        // A moved page's file takes the place of its old one; a term's pages and feeds come or go.
        report.files = saved.files + report.outputFilesAdded
        for index in records.indices { records[index].outputFiles = report.files }

        // The load cache and the saved model learn the new readings, so that the next build
        // starts from them.
        do {
            let loadCache = joinPath(cacheDirectory, "articles.bin")
            if !edits.isEmpty, fileSystem.fileExists(loadCache) {
                try fileSystem.appendFile(loadCache, contents: LoadCacheCodec.encodeRecords(
                    edits.map { (path: $0.path, entry: LoadCache.Entry(stamp: $0.stamp, outcome: $0.outcome)) }))
            }
            if savedEdits.count + records.count + (Self.replayCostOfMove - 1) * movesReplayed > Self.savedEditsBeforeCompaction {
                // The model as it is now, with the files' readings, in place of the model and its edits.
                for record in records {
                    saved.fileHashes[record.file] = record.fileHash
                    saved.tagInputs[record.file] = record.tagInputs
                }
                saved.loadDiagnostics = loadDiagnostics
                saved.files = report.files
                saved.parts = site.parts
                try saved.save(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
                report.savedModelCompacted = true
            } else if !records.isEmpty {
                try SavedBuild.append(records, cacheDirectory: cacheDirectory, fileSystem: fileSystem)
            }
        } catch {
            // The site is written; without these the next build is a full one.
            SavedBuild.remove(cacheDirectory: cacheDirectory, fileSystem: fileSystem)
        }
        report.phases.append(clock.lap("write"))
        if mode.endsProcess { MemoryLeftToExit.hold((site, plan, saved, templates, relatedLists)) }
        return report
    }
}
