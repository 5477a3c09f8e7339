import BuildCache
import Core
import Output
import Rendering
import Site

/// A full build's pass over the pages: each page or feed is looked up by its fingerprint and
/// kept when it has not changed; otherwise the producer makes it, and it is written unless it
/// came out as its file already is.
struct PagePass<FS: FileSystem>: Sendable {
    let producer: PageProducer<FS>
    let fingerprinter: PageFingerprinter
    let previous: PreviousRecords
    let writer: OutputWriter
    /// Each article's file stamp, as loading found it (nil: stamped when its page is looked up).
    let bodyStamps: [UInt64?]
    let fileSystem: FS
    let contentDirectory: String
    let outputDirectory: String

    var site: SiteModel { producer.site }
    var plan: PagePlan { producer.plan }

    func articleOutcome(_ id: Int) -> PageOutcome {
        let page = PagePlan.articlePage(id, in: site), file = page.file
        let (key, fingerprint) = articleLookup(id, file: file)
        return outcome(.page(page), key: key, fingerprint: fingerprint, files: [file])
    }

    func listOutcome(_ index: Int) -> PageOutcome {
        let page = plan.listPages[index]
        guard let template = TemplateSet.template(for: page.kind) else { return PageOutcome() }
        return outcome(.page(page), key: PageFingerprintStore.key(page.file), fingerprint: fingerprinter.list(page, template: template),
                       files: [page.file])
    }

    func feedOutcome(_ index: Int) -> PageOutcome {
        let feed = plan.feeds[index]
        return outcome(.feed(index), key: PageFingerprintStore.key(feed.path), fingerprint: fingerprinter.feed(feed),
                       files: [feed.path, feed.atomPath, feed.jsonPath])
    }

    /// Kept when its fingerprint is the one saved and its files are there; made and placed otherwise.
    private func outcome(_ request: PageProducer<FS>.Request, key: UInt64, fingerprint: UInt64, files: [String]) -> PageOutcome {
        if let before = previous[key], before.fingerprint == fingerprint, files.allSatisfy(writer.canKeep) {
            return PageOutcome(key: key, record: before, reused: true)
        }
        do throws(Diagnostic) {
            return try place(producer.files(for: request), key: key, fingerprint: fingerprint)
        } catch {
            return PageOutcome(failure: error)
        }
    }

    /// Writes the files of a page rendered again, or keeps those already there when the page
    /// came out as they are.
    private func place(_ files: [(path: String, contents: String)], key: UInt64, fingerprint: UInt64) throws(Diagnostic) -> PageOutcome {
        let content = PageFingerprintStore.contentHash(files.lazy.map(\.contents))
        let record = PageFingerprintStore.Record(fingerprint: fingerprint, content: content)
        if previous[key]?.content == content, files.allSatisfy({ writer.canKeep($0.path) }) {
            return PageOutcome(key: key, record: record, asBefore: true)
        }
        for file in files { try writer.write(file.path, string: file.contents) }
        return PageOutcome(key: key, record: record)
    }

    /// What an article page is looked up by: its file's key, and a fingerprint of its own, its
    /// neighbours' and its related articles' data and of its body file's stamp.
    private func articleLookup(_ id: Int, file: String) -> (key: UInt64, fingerprint: UInt64) {
        let stamp = bodyStamps[id] ?? PageFingerprinter.stampHash(fileSystem.stamp(joinPath(contentDirectory, site.articles[id].sourcePath)))
        let related = RelatedArticlesStore.list(producer.relatedLists, for: id)
        return (PageFingerprintStore.key(file), fingerprinter.article(id, related: related, bodyStampHash: stamp))
    }

    /// When most article pages are to be rendered again (no pages kept from before, or new
    /// fingerprints across the archive: a new program, a template or setting every page shows),
    /// every body is read again, in render order: they are asked for ahead, and so are the
    /// earlier pages' entries, each checked before it is kept. Nil when few pages will render.
    func startReadAhead() -> ReadAhead? {
        guard mostRenderAgain() else { return nil }
        let (site, plan, articleCount) = (site, plan, plan.articleCount)
        let bodies = ReadAhead.Source(contentDirectory, need: .contents) { position in
            let index = Int(plan.renderOrder[position])
            return index < articleCount ? site.articles[index].sourcePath : nil
        }
        let earlierPages = ReadAhead.Source(outputDirectory, need: .entry) { position in
            let index = Int(plan.renderOrder[position])
            return index < articleCount ? PagePlan.articlePage(index, in: site).file : plan.listPages[index - articleCount].file
        }
        return ReadAhead.start(count: plan.renderOrder.count, fileSystem: fileSystem, sources: previous.isEmpty ? [bodies] : [bodies, earlierPages])
    }

    /// Whether more than half of a sample of article pages have fingerprints other than those saved.
    private func mostRenderAgain() -> Bool {
        guard !previous.isEmpty else { return true }
        let articleCount = plan.articleCount
        let sample = Array(stride(from: 0, to: articleCount, by: max(1, articleCount / 64)))
        let changed = sample.filter { id in
            let lookup = articleLookup(id, file: PagePlan.articlePage(id, in: site).file)
            return previous[lookup.key]?.fingerprint != lookup.fingerprint
        }
        return changed.count * 2 > sample.count
    }
}

/// What one page's rendering came to: a problem, or the record of what was written (or
/// kept: `reused` when its inputs had not changed, `asBefore` when it rendered as its file
/// already was). The page's file is not held here: the plan names it, and a large site's
/// kept files would be a large share of the peak.
struct PageOutcome: Sendable {
    /// A problem, held in an array: nearly every page has none, and a diagnostic stored
    /// inline made every page's outcome several times larger.
    private var failures: [Diagnostic] = []
    /// The key the record is stored under (`PageFingerprintStore.key(file)`).
    var key: UInt64 = 0
    var record = PageFingerprintStore.Record(fingerprint: 0)
    /// False for the outcome of a slot that holds no page of its kind.
    var isPage = false
    var reused = false
    var asBefore = false

    var failure: Diagnostic? { failures.first }
    /// Whether the page's file from the last build stays.
    var keepsFile: Bool { reused || asBefore }
    /// Whether the page goes into the fingerprint store: a page, rendered or kept.
    var isRecorded: Bool { failure == nil && isPage }

    init() {}

    init(key: UInt64, record: PageFingerprintStore.Record, reused: Bool = false, asBefore: Bool = false) {
        self.key = key
        self.record = record
        self.isPage = true
        self.reused = reused
        self.asBefore = asBefore
    }

    init(failure: Diagnostic) {
        failures = [failure]
    }
}
