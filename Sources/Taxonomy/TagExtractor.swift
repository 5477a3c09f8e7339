/// The automatic tag rule for one article. It proposes two kinds of candidates:
///
/// - **names** (a run of capitalised words: `Taliban`, `State Bank of Pakistan`) that the
///   headline or dek carries and the body repeats at least `minimumNameMentions` times away
///   from sentence starts — the people and organisations the story is about, not everyone it
///   quotes. Countries, demonyms, capitals and cities are never names here: they are countries.
/// - **topics**: lower-case phrases the body keeps returning to (see `TopicPhraseFinder`).
///
/// A candidate becomes a tag only when the archive agrees (see `AutomaticTagSelector`).
public struct TagExtractor: Sendable {
    public var minimumNameMentions: Int
    /// Candidates kept per article: more than an article keeps as tags, because the archive
    /// turns many down (words too general to browse by).
    public var maximumTags: Int
    public let gazetteer: CountryGazetteer
    public let places: PlaceIndex
    public let topics: TopicPhraseFinder

    private static let connectors: Set<Substring> = ["of", "for", "and", "the", "de", "al", "bin"]
    /// Capitalised words that are not names on their own.
    private static let stopWords: Set<Substring> = [
        "The", "A", "An", "And", "But", "Or", "If", "In", "On", "At", "By", "For", "To", "Of", "It", "He", "She",
        "They", "We", "I", "You", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "Mr",
        "Mrs", "Ms", "Dr", "Prof", "Sir", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "However", "Meanwhile", "Also", "According", "Photo", "Reuters", "Reuter", "AFP",
        "AP", "APP", "PTI", "Inc", "Ltd", "Corp", "Co", "Said", "New",
    ]

    /// The lists' words by `WordScanner.hash`: most words are on neither, and are told so
    /// without their text being hashed as a string.
    private static let stopWordHashes = WordHashTable(hashesOf: stopWords)
    private static let connectorHashes = WordHashTable(hashesOf: connectors)

    private static func isStopWord(_ word: WordScanner.Word, in text: ScannedText) -> Bool {
        stopWordHashes.contains(word.hash) && stopWords.contains(text.text(of: word))
    }

    private static func isConnector(_ word: WordScanner.Word, in text: ScannedText) -> Bool {
        connectorHashes.contains(word.hash) && connectors.contains(text.text(of: word))
    }

    public init(gazetteer: CountryGazetteer = .standard, places: PlaceIndex = .standard, topics: TopicPhraseFinder = TopicPhraseFinder(),
                minimumNameMentions: Int = 2, maximumTags: Int = 16) {
        self.gazetteer = gazetteer
        self.places = places
        self.topics = topics
        self.minimumNameMentions = minimumNameMentions
        self.maximumTags = maximumTags
    }

    public func tags(title: String, dek: String? = nil, body: String) -> [String] {
        tags(title: ScannedText(title), dek: dek.map(ScannedText.init), body: ScannedText(body))
    }

    /// Candidate tags, names first (the headline put them there), then topics by repetition.
    public func tags(title: ScannedText, dek: ScannedText? = nil, body: ScannedText) -> [String] {
        var headline = title.words.map { String(title.text(of: $0)) }
        if let dek { headline += ["|"] + dek.words.map { String(dek.text(of: $0)) } }
        // Whether a run is a name at all (not a country, a city, a number) is asked last, of the
        // few the headline carries and the body repeats: asked of every capitalised run, it was
        // most of finding names.
        var result = names(in: body)
            .filter { $0.mentions >= minimumNameMentions && Self.contains(headline, $0.name.split(separator: " ").map(String.init)) && isTagName($0.name) }
            .map(\.name)
        for phrase in topics.phrases(in: body) where result.count < maximumTags {
            result.append(phrase.text)
        }
        return Array(result.prefix(maximumTags))
    }

    /// Capitalised runs of the text away from sentence starts, with how often each occurs, in
    /// the order they first occur.
    func names(in text: ScannedText) -> [(name: String, mentions: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        let words = text.words
        var index = 0
        while index < words.count {
            guard isCapitalised(words[index]) else {
                index += 1
                continue
            }
            // At a sentence start a capital says nothing, and the run it opens (`South African
            // officials`) is not taken apart into names either.
            if words[index].startsSentence {
                index += 1
                // `The Taliban said`: after a capitalised function word, a name may start.
                if Self.isStopWord(words[index - 1], in: text) { continue }
                while index < words.count, isCapitalised(words[index]), !words[index - 1].endsPhrase { index += 1 }
                continue
            }
            var end = index + 1
            var lastName = index
            if !words[index].endsPhrase {
                while end < words.count {
                    let word = words[end]
                    if isCapitalised(word) && !Self.isStopWord(word, in: text) {
                        lastName = end
                    } else if !Self.isConnector(word, in: text) {
                        break
                    }
                    if word.endsPhrase { break }
                    end += 1
                }
            }
            let name = text.phrase(words[index...lastName])
            index = lastName + 1
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    /// Whether `phrase` occurs in `words` as consecutive words.
    private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }

    private func isCapitalised(_ word: WordScanner.Word) -> Bool {
        if word.first.isASCII { return word.first.value >= 0x41 && word.first.value <= 0x5A }
        return word.first.properties.isUppercase
    }

    private func isTagName(_ name: String) -> Bool {
        guard name.count >= 3, !Self.stopWords.contains(Substring(name)), !gazetteer.isCountryPhrase(name),
              places.cityCountry(name) == nil else { return false }
        // Numbers are not names people browse by.
        return name.contains { $0.isLetter } && name.first?.isNumber == false
    }
}
