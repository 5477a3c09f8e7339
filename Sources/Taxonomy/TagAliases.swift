/// Synonyms the site declares in `site.yml` (`tags.aliases`): each alias, in any case, is
/// shown and linked as its canonical tag, so `Daesh`, `ISIS` and `Islamic State` are one page.
public struct TagAliases: Sendable, Hashable {
    private let canonicalByAlias: [String: String]

    /// `entries` maps a canonical tag to its aliases.
    public init(_ entries: [String: [String]] = [:]) {
        var table: [String: String] = [:]
        for (canonical, aliases) in entries {
            for alias in aliases + [canonical] {
                table[AutomaticTagSelector.key(alias)] = canonical
            }
        }
        canonicalByAlias = table
    }

    public func canonical(_ tag: String) -> String {
        canonicalByAlias[AutomaticTagSelector.key(tag)] ?? tag
    }
}
