import Core
import Loading
import Taxonomy

/// Adds what the text implies to a loaded article: its countries (from front matter, or
/// detected in the text), the site's lexicon topics, and its automatic tag candidates (which
/// the archive then confirms, see `AutomaticTagSelector`). The body is used here and then let go.
struct ArticleEnricher: Sendable {
    let gazetteer: CountryGazetteer
    let detector: CountryDetector
    let tagger: TagExtractor
    let lexicon: TopicLexicon

    init(gazetteer: CountryGazetteer, lexicon: TopicLexicon = TopicLexicon()) {
        self.gazetteer = gazetteer
        self.detector = CountryDetector(gazetteer: gazetteer)
        self.tagger = TagExtractor(gazetteer: gazetteer)
        self.lexicon = lexicon
    }

    struct Enrichment: Sendable {
        var metadata: ArticleMetadata
        var warnings: [Diagnostic]
        /// Every country the text names, most salient first.
        var mentions: [String]
        /// The body's lower-case words, when the article is in the archive's word sample.
        var vocabulary: Set<String>?
    }

    func enrich(_ article: LoadedArticle, file: String, sampleWords: Bool = false) -> Enrichment {
        var metadata = article.metadata
        var warnings: [Diagnostic] = []
        var mentions: [String] = []
        // An article whose front matter names its countries, on a site without a lexicon and
        // outside the word sample, needs nothing from its words: the body is not scanned.
        if article.declaredCountries != nil, lexicon.isEmpty, metadata.format != .text, !sampleWords {
            (metadata.countries, warnings) = resolve(article.declaredCountries ?? [], file: file)
            return Enrichment(metadata: metadata, warnings: warnings, mentions: metadata.countries, vocabulary: nil)
        }
        // The title and body are split into words once, for countries and tags alike.
        let title = ScannedText(metadata.title), dek = metadata.dek.map(ScannedText.init)
        let (leadText, restText) = CountryDetector.splitLead(article.bodyText)
        let lead = ScannedText(leadText), rest = ScannedText(restText)
        if let declared = article.declaredCountries {
            (metadata.countries, warnings) = resolve(declared, file: file)
            mentions = metadata.countries
        } else {
            let detection = detector.detect(title: title, dek: dek, dateline: metadata.dateline,
                                            lead: lead, rest: rest)
            metadata.countries = detection.subjects
            mentions = detection.mentions
        }
        let body = lead + rest
        for tag in lexicon.tags(title: title, body: body) where !metadata.tags.contains(tag) {
            metadata.tags.append(tag)
        }
        // Front matter tags are the author's choice; the automatic rule adds to text articles only.
        if metadata.format == .text {
            metadata.automaticTags = tagger.tags(title: title, dek: dek, body: body)
        }
        return Enrichment(metadata: metadata, warnings: warnings, mentions: mentions,
                          vocabulary: sampleWords ? TopicPhraseFinder.vocabulary(of: body) : nil)
    }

    /// Front matter countries as codes, each once, and a warning for each name that is none.
    private func resolve(_ declared: [String], file: String) -> (codes: [String], warnings: [Diagnostic]) {
        var codes: [String] = []
        var warnings: [Diagnostic] = []
        for name in declared {
            if let country = gazetteer.resolve(name) {
                if !codes.contains(country.code) { codes.append(country.code) }
            } else {
                warnings.append(.warning(.load, file: file, "unknown country `\(name)` in front matter; use a country name or ISO code"))
            }
        }
        return (codes, warnings)
    }
}
