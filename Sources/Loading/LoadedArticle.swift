import Core

/// An article as the loader read it: metadata for the site model, and the body, which the
/// build uses for detection and then lets go of.
public struct LoadedArticle: Sendable {
    public var metadata: ArticleMetadata
    /// Countries the front matter names (names or ISO codes), or nil when it names none.
    public var declaredCountries: [String]?
    public var bodyMarkdown: String
    public var bodyText: String
    public var warnings: [Diagnostic]
    /// Where the date came from: a build needs one for every article, but only a date from the
    /// text or the file name is information; a modification time is a stand-in.
    public var dateOrigin: DateOrigin

    public enum DateOrigin: Sendable, Equatable {
        case text
        case fileName
        case modificationTime
    }

    public init(metadata: ArticleMetadata, declaredCountries: [String]?, bodyMarkdown: String, bodyText: String,
                warnings: [Diagnostic], dateOrigin: DateOrigin = .text) {
        self.dateOrigin = dateOrigin
        self.metadata = metadata
        self.declaredCountries = declaredCountries
        self.bodyMarkdown = bodyMarkdown
        self.bodyText = bodyText
        self.warnings = warnings
    }
}
