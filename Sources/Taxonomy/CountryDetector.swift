/// Finds the countries an article is about, most salient first.
///
/// Evidence is a country's name, official name, alias, demonym or capital, matched with its
/// case as written (`US` counts, `us` does not) and longest phrase first (`Papua New Guinea`
/// is not `Guinea`). Where a mention appears weighs as much as how often: the dateline and
/// headline most, then the first paragraph, then the rest.
public struct CountryDetector: Sendable {
    public struct Weights: Sendable, Hashable {
        public var dateline = 6.0
        public var headline = 4.0
        public var lead = 2.0
        public var body = 1.0
        /// A country must score at least this share of the top country to count as a subject.
        public var relativeThreshold = 0.1
        /// …and at least this much in absolute terms (one passing mention in the body is not enough).
        public var minimumScore = 2.0
        public init() {}
    }

    public let gazetteer: CountryGazetteer
    public let places: PlaceIndex
    public let weights: Weights

    public init(gazetteer: CountryGazetteer = .standard, places: PlaceIndex = .standard, weights: Weights = Weights()) {
        self.gazetteer = gazetteer
        self.places = places
        self.weights = weights
    }

    public struct Detection: Sendable, Equatable {
        /// ISO codes of the countries the article is about, most salient first.
        public var subjects: [String]
        /// Every country named, most salient first.
        public var mentions: [String]
    }

    public func detect(title: String, dek: String?, dateline: String?, body: String) -> Detection {
        let (lead, rest) = Self.splitLead(body)
        return detect(title: ScannedText(title), dek: dek.map(ScannedText.init), dateline: dateline,
                      lead: ScannedText(lead), rest: ScannedText(rest))
    }

    /// The first paragraph and the rest of a body.
    public static func splitLead(_ body: String) -> (String, String) {
        let bytes = body.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                let next = bytes.index(after: index)
                if next < bytes.endIndex && bytes[next] == 0x0A {
                    return (String(body[..<index]), String(body[bytes.index(after: next)...]))
                }
            }
            index = bytes.index(after: index)
        }
        return (body, "")
    }

    /// Detection on texts already split into words, so that other stages can share the scan.
    public func detect(title: ScannedText, dek: ScannedText?, dateline: String?, lead: ScannedText, rest: ScannedText) -> Detection {
        var tally = Tally()
        var datelineIsUSState = false
        if let dateline, let country = datelineCountry(dateline) {
            tally.scores[country, default: 0] += weights.dateline
            datelineIsUSState = dateline.split(separator: ",").dropFirst().contains {
                places.regionCountry($0.trimmingCharacters(in: .whitespaces)) == "US"
            }
        }
        let sections = [title, dek ?? .empty, lead, rest]
        count(sections[0], weight: weights.headline, into: &tally)
        count(sections[1], weight: weights.lead, into: &tally)
        count(sections[2], weight: weights.lead, into: &tally)
        count(sections[3], weight: weights.body, into: &tally)
        resolve(&tally, sections: sections, datelineIsUSState: datelineIsUSState)
        let scores = tally.scores

        // Ties break by code so the order is the same on every run.
        let ranked = scores.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : gazetteer.countries[lhs.key].code < gazetteer.countries[rhs.key].code
        }
        let top = ranked.first?.value ?? 0
        let threshold = max(weights.minimumScore, top * weights.relativeThreshold)
        let subjects = ranked.filter { $0.value >= threshold }.map { gazetteer.countries[$0.key].code }
        // An article that names a single country once is still about it.
        let fallback = subjects.isEmpty && ranked.count == 1 ? [gazetteer.countries[ranked[0].key].code] : subjects
        return Detection(subjects: fallback, mentions: ranked.map { gazetteer.countries[$0.key].code })
    }

    /// A dateline names a place (`RIO DE JANEIRO`, `CARSON, Calif.`, `ISLAMABAD`): a country,
    /// a region after the city, or a city, looked up in that order.
    private func datelineCountry(_ dateline: String) -> Int? {
        let parts = dateline.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let place = parts.first else { return nil }
        let titled = place.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        for candidate in [place, titled] {
            if let indices = gazetteer.phrases[candidate], indices.count == 1 { return indices[0] }
        }
        for region in parts.dropFirst() {
            if let code = places.regionCountry(region) ?? gazetteer.resolve(region)?.code { return index(of: code) }
        }
        if let country = gazetteer.resolve(titled) { return index(of: country.code) }
        if let code = places.cityCountry(place) { return index(of: code) }
        return nil
    }

    /// `Michael Jordan`, `Chad Smith`: a country name that is also a person's name, joined to
    /// another capitalised word with nothing between them.
    private func isPersonName(_ phrase: String, in text: ScannedText, start: Int, length: Int) -> Bool {
        guard length == 1, gazetteer.personNames.contains(phrase) else { return false }
        let words = text.words
        func isNamePart(_ word: WordScanner.Word) -> Bool {
            let written = text.text(of: word)
            guard let first = written.first, first.isUppercase else { return false }
            return gazetteer.phrases[String(written)] == nil && !["The", "In", "And", "Of", "To", "For"].contains(written)
        }
        if start > 0, !words[start - 1].endsPhrase, isNamePart(words[start - 1]) { return true }
        if start + 1 < words.count, !words[start].endsPhrase, isNamePart(words[start + 1]) { return true }
        return false
    }

    private func index(of code: String) -> Int? {
        gazetteer.countries.firstIndex { $0.code == code }
    }

    /// Scores, and evidence that counts only if the rest of the text confirms it.
    struct Tally {
        var scores: [Int: Double] = [:]
        /// Ordinary-word names at sentence starts, and `Georgia` and `Turkey` anywhere.
        var conditional: [Int: Double] = [:]
        /// Names of more than one country (`Congo`, `Congolese`), with the weight they carry.
        var shared: [(countries: [Int], weight: Double)] = []
        /// `Turkey` away from sentence starts: conditional only in a text about the bird.
        var turkey: [Int: Double] = [:]
    }

    /// Settles conditional and shared evidence once the whole text has been read:
    /// - a name that is an ordinary word counts at a sentence start only when the text names that
    ///   country in another way too (`Turkey said` with `Ankara` or `Turkish` elsewhere);
    /// - `Georgia` is the country when the text also names Tbilisi, Georgians or a neighbour
    ///   (Russia, Armenia, Azerbaijan, Turkey) and nothing places it in the United States
    ///   (Atlanta, Savannah, `Ga.`, a US dateline);
    /// - `Turkey` in a text about the bird (`turkey`, `Thanksgiving`) needs the same confirmation;
    /// - a name shared by two countries goes to the one the text otherwise names most.
    private func resolve(_ tally: inout Tally, sections: [ScannedText], datelineIsUSState: Bool) {
        let aboutTheBird = !tally.turkey.isEmpty && Self.contains(sections, anyOf: Self.birdCues)
        for (country, weight) in tally.turkey {
            if aboutTheBird {
                tally.conditional[country, default: 0] += weight
            } else {
                tally.scores[country, default: 0] += weight
            }
        }
        let confirmed = tally.scores
        for (country, weight) in tally.conditional {
            let code = gazetteer.countries[country].code
            var counts = confirmed[country] != nil
            if code == "GE" {
                let neighbour = gazetteer.countries[country].borders.contains { border in index(of: border).map { confirmed[$0] != nil } ?? false }
                counts = (counts || neighbour) && !datelineIsUSState && !Self.contains(sections, anyOf: Self.usStateCues)
            }
            if counts { tally.scores[country, default: 0] += weight }
        }
        for (countries, weight) in tally.shared {
            let named = countries.filter { confirmed[$0] != nil }
            if let best = named.max(by: { confirmed[$0]! < confirmed[$1]! }) {
                tally.scores[best, default: 0] += weight
            }
        }
    }

    static let usStateCues: Set<Substring> = ["Atlanta", "Savannah", "Ga.", "Augusta"]
    static let birdCues: Set<Substring> = ["turkey", "turkeys", "Thanksgiving", "gobble"]

    private static func contains(_ sections: [ScannedText], anyOf cues: Set<Substring>) -> Bool {
        sections.contains { text in text.words.contains { cues.contains(text.text(of: $0)) } }
    }

    /// Whether a single-country match only counts if confirmed (see `resolve`).
    private func isConditional(_ phrase: String, word: WordScanner.Word) -> Bool {
        (word.startsSentence && gazetteer.ordinaryWordNames.contains(phrase)) || phrase == "Georgia"
    }

    private func count(_ text: ScannedText, weight: Double, into tally: inout Tally) {
        let words = text.words
        var index = 0
        while index < words.count {
            // Names start with a capital (or a caseless script): most words are passed over here,
            // and most of the rest by their hash.
            let first = words[index].first
            guard first.isASCII ? (first.value >= 0x41 && first.value <= 0x5A) : !first.properties.isLowercase,
                  let longest = gazetteer.phraseLengthByFirstWord[words[index].hash] else {
                index += 1
                continue
            }
            var matched = 0
            var phrase = ""
            // The hash of the words so far joined by spaces, as `WordScanner.hash` gives a phrase's.
            var hash = words[index].hash
            // Longest phrase first, never across punctuation.
            for length in 1...longest where index + length <= words.count {
                if length > 1 {
                    hash = WordScanner.hash(text.text(of: words[index + length - 1]), continuing: WordScanner.adding(UInt8(ascii: " "), to: hash))
                }
                if gazetteer.phraseHashes.contains(hash) {
                    let candidate = text.phrase(words[index..<(index + length)])
                    if gazetteer.phrases[candidate] != nil || gazetteer.neutralPhrases.contains(candidate) {
                        matched = length
                        phrase = candidate
                    }
                }
                if words[index + length - 1].endsPhrase { break }
            }
            if matched > 0 {
                if !gazetteer.neutralPhrases.contains(phrase), !isPersonName(phrase, in: text, start: index, length: matched),
                   let indices = gazetteer.phrases[phrase] {
                    if indices.count > 1 {
                        tally.shared.append((indices, weight))
                    } else if isConditional(phrase, word: words[index]) {
                        tally.conditional[indices[0], default: 0] += weight
                    } else if phrase == "Turkey" {
                        tally.turkey[indices[0], default: 0] += weight
                    } else {
                        tally.scores[indices[0], default: 0] += weight
                    }
                }
                index += matched
            } else {
                index += 1
            }
        }
    }
}
