/// The automatic tag rule: a name (a run of capitalised words, such as `Taliban` or
/// `Ministry of Economy`) that appears at least `minimumOccurrences` times in the article away
/// from the start of a sentence, and is not a country, demonym or capital, is a candidate tag.
/// The site keeps a candidate only when enough articles share it (see `SiteConfig`).
public struct TagExtractor: Sendable {
    public var minimumOccurrences: Int
    public var maximumTags: Int
    public let gazetteer: CountryGazetteer

    private static let connectors: Set<String> = ["of", "for", "and", "the", "de", "al", "bin"]
    /// Capitalised words that are not names on their own.
    private static let stopWords: Set<String> = [
        "The", "A", "An", "And", "But", "Or", "If", "In", "On", "At", "By", "For", "To", "Of", "It", "He", "She",
        "They", "We", "I", "You", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "Mr",
        "Mrs", "Ms", "Dr", "Prof", "Sir", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "However", "Meanwhile", "Also", "According", "Photo", "Reuters", "Reuter", "AFP",
        "AP", "APP", "PTI", "Inc", "Ltd", "Corp", "Co", "Said", "New",
    ]

    public init(gazetteer: CountryGazetteer = .standard, minimumOccurrences: Int = 2, maximumTags: Int = 5) {
        self.gazetteer = gazetteer
        self.minimumOccurrences = minimumOccurrences
        self.maximumTags = maximumTags
    }

    public func tags(title: String, body: String) -> [String] {
        tags(title: ScannedText(title), body: ScannedText(body))
    }

    public func tags(title: ScannedText, body: ScannedText) -> [String] {
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        for text in [title, body] {
            let words = text.words
            var index = 0
            while index < words.count {
                guard isCapitalised(words[index].text), !words[index].startsSentence else {
                    index += 1
                    continue
                }
                var end = index + 1
                var lastName = index
                if !words[index].endsPhrase {
                    while end < words.count {
                        let word = words[end]
                        if isCapitalised(word.text) && !Self.stopWords.contains(String(word.text)) {
                            lastName = end
                        } else if !Self.connectors.contains(String(word.text)) {
                            break
                        }
                        if word.endsPhrase { break }
                        end += 1
                    }
                }
                let name = words[index...lastName].map { String($0.text) }.joined(separator: " ")
                index = lastName + 1
                guard isTagName(name) else { continue }
                counts[name, default: 0] += 1
                if firstSeen[name] == nil { firstSeen[name] = firstSeen.count }
            }
        }
        return counts
            .filter { $0.value >= minimumOccurrences }
            .sorted { $0.value != $1.value ? $0.value > $1.value : firstSeen[$0.key]! < firstSeen[$1.key]! }
            .prefix(maximumTags)
            .map(\.key)
    }

    private func isCapitalised(_ word: Substring) -> Bool {
        guard let first = word.first else { return false }
        return first.isUppercase
    }

    private func isTagName(_ name: String) -> Bool {
        guard name.count >= 3, !Self.stopWords.contains(name), !gazetteer.isCountryPhrase(name) else { return false }
        // Numbers, and all-caps words of two letters, are not names people browse by.
        return name.contains { $0.isLetter } && name.first?.isNumber == false
    }
}
