import Foundation
import Rendering
import Site

/// What the last successful build of a long-running process (the preview server) knew: the
/// site model, the plan, the templates and the related articles. With it, an edit to what
/// pages show of an article (its headline, dek, byline, body…) is shown by rendering the pages
/// that show it, not by rebuilding the archive (see `SiteBuilder.rebuildArticles(of:)`).
public final class BuildSession: @unchecked Sendable {
    struct State {
        var site: SiteModel
        var plan: PagePlan
        var templates: TemplateSet
        var relatedLists: [Int32]
        /// Article IDs by source path, and each content file's position in the scan (which
        /// decides whether it is in the word sample).
        var idBySourcePath: [String: Int]
        var scanIndex: [String: Int]
        var needsWordSample: Bool
        var outputDirectory: String
        /// Every article's digest (`PageFingerprinter`), by ID, as the model holds it: an edit to
        /// a few articles' tags makes only theirs again, not the archive's.
        var digests: [PageFingerprinter.ArticleDigest]?
    }

    private var saved: State?
    private let lock = NSLock()

    public init() {}

    var state: State? {
        get { lock.withLock { saved } }
        set { lock.withLock { saved = newValue } }
    }
}
