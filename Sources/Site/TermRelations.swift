import Taxonomy

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

    /// Relations counted before (a saved model's).
    public init(tagsOfCountry: [[Int]], countriesOfCountry: [[Int]], countriesOfTag: [[Int]], tagsOfTag: [[Int]]) {
        self.tagsOfCountry = tagsOfCountry
        self.countriesOfCountry = countriesOfCountry
        self.countriesOfTag = countriesOfTag
        self.tagsOfTag = tagsOfTag
    }

    /// `tags` and `countries` hold each article's term indices. Read in place from their flat
    /// arrays: an array made for each article's list cost more than the counting.
    public init(tags: IndexLists, countries: IndexLists, tagCount: Int, countryCount: Int) {
        var tagsOfCountry = CoOccurrences(rows: countryCount, columns: tagCount)
        var countriesOfCountry = CoOccurrences(rows: countryCount, columns: countryCount)
        var countriesOfTag = CoOccurrences(rows: tagCount, columns: countryCount)
        var tagsOfTag = CoOccurrences(rows: tagCount, columns: tagCount)
        tags.values.withUnsafeBufferPointer { tagValues in
            countries.values.withUnsafeBufferPointer { countryValues in
                for id in 0..<min(tags.count, countries.count) {
                    let articleTags = tagValues[Int(tags.offsets[id])..<Int(tags.offsets[id + 1])]
                    let articleCountries = countryValues[Int(countries.offsets[id])..<Int(countries.offsets[id + 1])]
                    for country in articleCountries {
                        for tag in articleTags {
                            tagsOfCountry.add(row: Int(country), column: Int(tag))
                            countriesOfTag.add(row: Int(tag), column: Int(country))
                        }
                        for other in articleCountries where other != country {
                            countriesOfCountry.add(row: Int(country), column: Int(other))
                        }
                    }
                    for tag in articleTags {
                        for other in articleTags where other != tag { tagsOfTag.add(row: Int(tag), column: Int(other)) }
                    }
                }
            }
        }
        self.tagsOfCountry = tagsOfCountry.top(Self.limit)
        self.countriesOfCountry = countriesOfCountry.top(Self.limit)
        self.countriesOfTag = countriesOfTag.top(Self.limit)
        self.tagsOfTag = tagsOfTag.top(Self.limit)
    }
}

/// How often each term of one kind goes with each of another: a flat table of counts when it
/// is small (a few hundred tags by two hundred countries: counting a hundred thousand articles
/// into dictionaries cost a tenth of a rebuild), a dictionary per term when a large taxonomy
/// would make the table too big.
private struct CoOccurrences {
    static let largestTable = 1 << 22
    let rows: Int
    let columns: Int
    private var table: [Int32]
    private var dictionaries: [[Int: Int]]

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        let dense = rows * columns <= Self.largestTable
        table = dense ? [Int32](repeating: 0, count: rows * columns) : []
        dictionaries = dense ? [] : [[Int: Int]](repeating: [:], count: rows)
    }

    mutating func add(row: Int, column: Int) {
        if dictionaries.isEmpty {
            table[row * columns + column] += 1
        } else {
            dictionaries[row][column, default: 0] += 1
        }
    }

    /// Each row's most frequent columns, ties by index (terms are sorted by slug, so ties read
    /// alphabetically).
    func top(_ limit: Int) -> [[Int]] {
        (0..<rows).map { row in
            var counts: [(key: Int, value: Int)] = []
            if dictionaries.isEmpty {
                for column in 0..<columns where table[row * columns + column] > 0 {
                    counts.append((column, Int(table[row * columns + column])))
                }
            } else {
                counts = dictionaries[row].map { ($0.key, $0.value) }
            }
            return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
        }
    }
}
