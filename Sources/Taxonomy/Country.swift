/// A country or territory, from mledoze/countries (ODbL).
public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2.
    public var code: String
    /// The English common name, which also makes the page slug (`/countries/united-states/`).
    public var name: String
    public var officialName: String
    public var flag: String
    public var region: String
    public var subregion: String
    public var aliases: [String]
    public var demonyms: [String]
    public var capitals: [String]
    /// Countries sharing a land border, as ISO codes.
    public var borders: [String] = []
}
