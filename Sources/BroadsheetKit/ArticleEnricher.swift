import Core
import Loading
import Taxonomy

/// Adds what the text implies to a loaded article: its countries (from front matter, or
/// detected in the text) and its automatic tags. The body is used here and then let go.
struct ArticleEnricher: Sendable {
    let gazetteer: CountryGazetteer
    let detector: CountryDetector
    let tagger: TagExtractor

    init(gazetteer: CountryGazetteer) {
        self.gazetteer = gazetteer
        self.detector = CountryDetector(gazetteer: gazetteer)
        self.tagger = TagExtractor(gazetteer: gazetteer)
    }

    /// The enriched metadata, warnings, and every country the text names, most salient first.
    func enrich(_ article: LoadedArticle, file: String) -> (ArticleMetadata, [Diagnostic], mentions: [String]) {
        var metadata = article.metadata
        var warnings: [Diagnostic] = []
        var mentions: [String] = []
        // The title and body are split into words once, for countries and tags alike.
        let title = ScannedText(metadata.title)
        let (leadText, restText) = CountryDetector.splitLead(article.bodyText)
        let lead = ScannedText(leadText), rest = ScannedText(restText)
        if let declared = article.declaredCountries {
            var codes: [String] = []
            for name in declared {
                if let country = gazetteer.resolve(name) {
                    if !codes.contains(country.code) { codes.append(country.code) }
                } else {
                    warnings.append(.warning(.load, file: file, "unknown country `\(name)` in front matter; use a country name or ISO code"))
                }
            }
            metadata.countries = codes
            mentions = codes
        } else {
            let detection = detector.detect(title: title, dek: metadata.dek.map(ScannedText.init), dateline: metadata.dateline,
                                            lead: lead, rest: rest)
            metadata.countries = detection.subjects
            mentions = detection.mentions
        }
        // Front matter tags are the author's choice; the automatic rule adds to text articles only.
        if metadata.format == .text {
            metadata.automaticTags = tagger.tags(title: title, body: lead + rest)
        }
        return (metadata, warnings, mentions)
    }
}
