/// The metadata a Markdown article declares, with Hugo's key names.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var date: String?
    public var dateLine: Int?
    public var dek: String?
    public var author: String?
    public var photo: String?
    public var dateline: String?
    public var tags: [String] = []
    /// Country names or ISO codes, resolved by the taxonomy stage.
    public var countries: [String]?
    public var draft: Bool = false
    public var slug: String?
    /// Keys Broadsheet does not use, kept so templates and later stages can reach them.
    public var extra: [String: String] = [:]

    public init() {}
}
