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
        var scores: [Int: Double] = [:]
        if let dateline, let country = datelineCountry(dateline) {
            scores[country, default: 0] += weights.dateline
        }
        count(title.words, weight: weights.headline, into: &scores)
        if let dek { count(dek.words, weight: weights.lead, into: &scores) }
        count(lead.words, weight: weights.lead, into: &scores)
        count(rest.words, weight: weights.body, into: &scores)

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
    private func isPersonName(_ phrase: String, words: [WordScanner.Word], start: Int, length: Int) -> Bool {
        guard length == 1, gazetteer.personNames.contains(phrase) else { return false }
        func isNamePart(_ word: WordScanner.Word) -> Bool {
            guard let first = word.text.first, first.isUppercase else { return false }
            return gazetteer.phrases[String(word.text)] == nil && !["The", "In", "And", "Of", "To", "For"].contains(word.text)
        }
        if start > 0, !words[start - 1].endsPhrase, isNamePart(words[start - 1]) { return true }
        if start + 1 < words.count, !words[start].endsPhrase, isNamePart(words[start + 1]) { return true }
        return false
    }

    private func index(of code: String) -> Int? {
        gazetteer.countries.firstIndex { $0.code == code }
    }

    private func count(_ words: [WordScanner.Word], weight: Double, into scores: inout [Int: Double]) {
        var index = 0
        while index < words.count {
            // Names start with a capital (or a caseless script): most words are passed over here.
            guard let first = words[index].text.unicodeScalars.first,
                  first.isASCII ? (first.value >= 0x41 && first.value <= 0x5A) : !first.properties.isLowercase,
                  let longest = gazetteer.phraseLengthByFirstWord[words[index].text] else {
                index += 1
                continue
            }
            var matched = 0
            var phrase = ""
            var candidate = ""
            // Longest phrase first, never across punctuation.
            for length in 1...longest where index + length <= words.count {
                candidate = length == 1 ? String(words[index].text) : candidate + " " + words[index + length - 1].text
                if gazetteer.phrases[candidate] != nil || gazetteer.neutralPhrases.contains(candidate) {
                    matched = length
                    phrase = candidate
                }
                if words[index + length - 1].endsPhrase { break }
            }
            if matched > 0 {
                if !gazetteer.neutralPhrases.contains(phrase), !isPersonName(phrase, words: words, start: index, length: matched),
                   let indices = gazetteer.phrases[phrase], indices.count == 1 {
                    scores[indices[0], default: 0] += weight
                }
                index += matched
            } else {
                index += 1
            }
        }
    }
}
