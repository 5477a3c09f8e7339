import Testing
@testable import Taxonomy

@Suite("Countries")
struct CountryDetectorTests {
    let gazetteer = CountryGazetteer.standard
    let detector = CountryDetector()

    @Test("the shipped table has every country with a flag and region")
    func table() throws {
        #expect(gazetteer.countries.count == 250)
        let japan = try #require(gazetteer.country(code: "JP"))
        #expect(japan.name == "Japan")
        #expect(japan.flag == "🇯🇵")
        #expect(japan.region == "Asia")
        #expect(japan.demonyms.contains("Japanese"))
        #expect(japan.capitals == ["Tokyo"])
    }

    @Test("front matter may name a country by code, name, official name or alias")
    func resolve() {
        #expect(gazetteer.resolve("PK")?.code == "PK")
        #expect(gazetteer.resolve("pk")?.code == "PK")
        #expect(gazetteer.resolve("Japan")?.code == "JP")
        #expect(gazetteer.resolve("united states of america")?.code == "US")
        #expect(gazetteer.resolve("U.S.")?.code == "US")
        #expect(gazetteer.resolve("Britain")?.code == "GB")
        #expect(gazetteer.resolve("Soviet Union")?.code == "RU")
        #expect(gazetteer.resolve("Atlantis") == nil)
    }

    @Test("the seed is about Afghanistan and Japan, not every country it names")
    func seedSalience() {
        let detection = detector.detect(
            title: "Afghanistan’s Taliban govt makes first diplomatic trip to Japan",
            dek: "Latif Nazari, part of the Taliban delegation, highlights Afghanistan’s goal for global engagement.",
            dateline: nil,
            body: """
            A Taliban delegation arrived in Japan on Sunday, marking the first time that the rulers of Afghanistan have made a diplomatic trip outside the region since regaining control of the country in 2021.

            While the Taliban has frequently made visits to neighbouring countries such as China, Russia, and nations in Central Asia, its diplomatic outreach to countries outside the region has been limited. The group has only made formal visits to Europe for diplomacy summits in Norway in 2022 and 2023.

            The Afghan delegation plans to exchange views with Japanese government officials during their visit.

            Japan's embassy in Kabul had temporarily relocated to Qatar after the Taliban's takeover in 2021.
            """)
        #expect(detection.subjects == ["AF", "JP"])
        #expect(Set(detection.mentions) == ["AF", "JP", "CN", "RU", "NO", "QA"])
    }

    @Test("the dateline names where a story is filed from")
    func dateline() {
        let detection = detector.detect(title: "Rates steady", dek: nil, dateline: "TOKYO", body: "The central bank held rates.")
        #expect(detection.subjects == ["JP"])
    }

    @Test("a dateline's city, state or province names the country")
    func datelinePlaces() {
        let cases: [(String, String)] = [
            ("KARACHI", "PK"), ("SAO PAULO", "BR"), ("CARSON, Calif.", "US"), ("VANCOUVER, British Columbia", "CA"),
            ("NEW YORK", "US"), ("WASHINGTON", "US"), ("RIO DE JANEIRO", "BR"), ("Chicago", "US"), ("LONDON", "GB"),
        ]
        for (dateline, code) in cases {
            #expect(detector.detect(title: "Markets", dek: nil, dateline: dateline, body: "Prices rose.").subjects == [code], "\(dateline)")
        }
        #expect(detector.detect(title: "Markets", dek: nil, dateline: "NOWHEREVILLE", body: "Prices rose.").subjects.isEmpty)
    }

    @Test("the longest name wins: Papua New Guinea is not Guinea")
    func longestMatch() {
        let detection = detector.detect(title: "Papua New Guinea votes", dek: nil, dateline: nil, body: "Voters in Papua New Guinea went to the polls.")
        #expect(detection.mentions == ["PG"])
    }

    @Test("case matters: us the pronoun is not the US")
    func pronoun() {
        #expect(detector.detect(title: "Tell us more", dek: nil, dateline: nil, body: "Join us today.").mentions.isEmpty)
        #expect(detector.detect(title: "US talks", dek: nil, dateline: nil, body: "The U.S. said so.").subjects == ["US"])
    }

    @Test("seas and states that share a country's name are not that country")
    func neutralPhrases() {
        let detection = detector.detect(title: "Patrols in the South China Sea", dek: nil, dateline: nil,
                                        body: "Ships sailed the South China Sea. A senator from Georgia spoke.")
        #expect(detection.mentions.isEmpty)
    }

    @Test("country names that are people's names count only when they stand alone")
    func personNames() {
        #expect(detector.detect(title: "Michael Jordan retires", dek: nil, dateline: nil, body: "Michael Jordan said goodbye. Chad Smith played drums.").mentions.isEmpty)
        #expect(detector.detect(title: "Talks in Jordan", dek: nil, dateline: nil, body: "Jordan and Chad signed the accord.").subjects.sorted() == ["JO", "TD"])
    }

    @Test("a demonym shared by two countries says nothing on its own")
    func sharedDemonym() {
        #expect(detector.detect(title: "Congolese music", dek: nil, dateline: nil, body: "Congolese bands toured.").mentions.isEmpty)
    }
}
