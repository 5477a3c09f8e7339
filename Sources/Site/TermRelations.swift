/// Which terms go together: for each country, the tags and other countries its articles carry
/// most; for each tag, the countries and other tags. Counted once for the whole site in one pass
/// over the articles, so a term page with a hundred thousand articles costs nothing extra.
public struct TermRelations: Sendable {
    /// The most related terms kept per term.
    public static let limit = 8

    public let tagsOfCountry: [[Int]]
    public let countriesOfCountry: [[Int]]
    public let countriesOfTag: [[Int]]
    public let tagsOfTag: [[Int]]

    /// `tags(id)` and `countries(id)` give an article's term indices.
    public init(articleCount: Int, tagCount: Int, countryCount: Int,
                tags: (Int) -> [Int], countries: (Int) -> [Int]) {
        var tagsOfCountry = [[Int: Int]](repeating: [:], count: countryCount)
        var countriesOfCountry = [[Int: Int]](repeating: [:], count: countryCount)
        var countriesOfTag = [[Int: Int]](repeating: [:], count: tagCount)
        var tagsOfTag = [[Int: Int]](repeating: [:], count: tagCount)
        for id in 0..<articleCount {
            let articleTags = tags(id), articleCountries = countries(id)
            for country in articleCountries {
                for tag in articleTags {
                    tagsOfCountry[country][tag, default: 0] += 1
                    countriesOfTag[tag][country, default: 0] += 1
                }
                for other in articleCountries where other != country { countriesOfCountry[country][other, default: 0] += 1 }
            }
            for tag in articleTags {
                for other in articleTags where other != tag { tagsOfTag[tag][other, default: 0] += 1 }
            }
        }
        self.tagsOfCountry = tagsOfCountry.map(Self.top)
        self.countriesOfCountry = countriesOfCountry.map(Self.top)
        self.countriesOfTag = countriesOfTag.map(Self.top)
        self.tagsOfTag = tagsOfTag.map(Self.top)
    }

    /// The most shared, ties by index (terms are sorted by slug, so ties read alphabetically).
    private static func top(_ counts: [Int: Int]) -> [Int] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }
}
