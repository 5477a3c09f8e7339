/// Looks countries up by code, name, alias, demonym and capital.
public struct CountryGazetteer: Sendable {
    public let countries: [Country]
    private let byCode: [String: Int]
    /// Lower-cased names, official names, aliases and codes, for resolving what front matter says.
    private let byName: [String: Int]
    /// Exact-case phrases that count as evidence in running text, with the countries they point to.
    let phrases: [String: [Int]]
    /// Phrases that contain a country's name but are about something else (`South China Sea`).
    let neutralPhrases: Set<String>
    let longestPhrase: Int
    /// Country names that are also people's given names or surnames (`Chad Smith`, `Michael
    /// Jordan`): next to another capitalised word they are a person, not the country.
    let personNames: Set<String>
    /// For each word that starts some phrase, by its `WordScanner.hash`, the most words a phrase
    /// starting with it has: most words start none, and are passed over with one lookup of a
    /// number, not of their text (a phrase found is then checked by its text in `phrases`).
    let phraseLengthByFirstWord: WordHashTable
    /// `WordScanner.hash` of each phrase (evidence or neutral): a run of words whose hash is
    /// missing here is none, passed over without its text being hashed as a string.
    let phraseHashes: WordHashTable

    /// The table shipped with Broadsheet, derived by `Scripts/derive-countries.py`.
    public static let standard = CountryGazetteer(tsv: countryTableTSV)

    public init(tsv: String) {
        var countries: [Country] = []
        for line in tsv.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 9 else { continue }
            func list(_ field: String) -> [String] { field.split(separator: "|").map(String.init) }
            countries.append(Country(
                code: fields[0], name: fields[1], officialName: fields[2], flag: fields[3], region: fields[4],
                subregion: fields[5], aliases: list(fields[6]), demonyms: list(fields[7]), capitals: list(fields[8]),
                borders: fields.count > 9 ? list(fields[9]) : []))
        }
        self.init(countries: countries)
    }

    public init(countries: [Country]) {
        self.countries = countries
        var byCode: [String: Int] = [:]
        var byName: [String: Int] = [:]
        var phrases: [String: Set<Int>] = [:]
        for (index, country) in countries.enumerated() {
            byCode[country.code] = index
            for name in [country.code, country.name, country.officialName] + country.aliases {
                byName[name.lowercased()] = byName[name.lowercased()] ?? index
            }
            for phrase in [country.name, country.officialName] + country.aliases + country.demonyms + country.capitals {
                phrases[phrase, default: []].insert(index)
            }
        }
        self.byCode = byCode
        self.byName = byName
        // A phrase shared by two countries (`Congolese`, `Dominican`) says nothing on its own.
        // `Congo` alone is said of both Congos; the context decides (see `CountryDetector`).
        for (name, codes) in Self.sharedNames {
            phrases[name] = Set(codes.compactMap { byCode[$0] })
        }
        self.phrases = phrases.mapValues { $0.sorted() }
        self.neutralPhrases = [
            "South China Sea", "East China Sea", "New Mexico", "Indian Ocean", "New Jersey",
            "Jersey", "Guernsey", "American Express", "American Airlines", "Turkey Point",
        ]
        self.personNames = ["Jordan", "Chad", "Israel", "Georgia", "Kenya", "India", "Trinidad", "Tonga", "Malaysia"]
        var lengths: [UInt64: Int] = [:]
        for phrase in Array(phrases.keys) + Array(self.neutralPhrases) {
            let scanned = ScannedText(phrase)
            guard let first = scanned.words.first else { continue }
            lengths[first.hash] = max(lengths[first.hash, default: 0], scanned.words.count)
        }
        self.phraseLengthByFirstWord = WordHashTable(lengths.map { ($0.key, $0.value) })
        self.phraseHashes = WordHashTable(hashesOf: Array(phrases.keys) + Array(self.neutralPhrases))
        self.longestPhrase = (phrases.keys.map { $0.split(separator: " ").count } + neutralPhrases.map { $0.split(separator: " ").count }).max() ?? 1
    }

    /// Names news text uses for more than one country.
    static let sharedNames: [String: [String]] = ["Congo": ["CD", "CG"]]

    /// Country names that are also ordinary words (`Turkey`, `Chad`, `Jordan`): at the start of a
    /// sentence, where every word has a capital, they count only when the text confirms them.
    let ordinaryWordNames: Set<String> = ["Turkey", "Chad", "Jordan", "Georgia", "Guinea", "China", "Chile", "Jersey", "Niger", "Male"]

    public func country(code: String) -> Country? {
        byCode[code.uppercased()].map { countries[$0] }
    }

    /// Resolves a country as front matter names it: an ISO code, a name, or an alias.
    public func resolve(_ nameOrCode: String) -> Country? {
        let key = nameOrCode.trimmingCharacters(in: .whitespaces)
        if key.count == 2, let country = country(code: key) { return country }
        if let index = byName[key.lowercased()] { return countries[index] }
        if let indices = phrases[key], indices.count == 1 { return countries[indices[0]] }
        return nil
    }

    /// Whether a phrase (exact case) names a country in any way: such phrases are never tags.
    public func isCountryPhrase(_ phrase: String) -> Bool {
        phraseHashes.contains(WordScanner.hash(phrase)) && (phrases[phrase] != nil || neutralPhrases.contains(phrase))
    }
}

import Foundation
