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

    @Test("Georgia is the country beside Tbilisi or its neighbours, the US state beside Atlanta")
    func georgia() {
        #expect(detector.detect(title: "Georgia and Russia trade accusations", dek: nil, dateline: nil,
                                body: "Georgia accused Russia of moving border posts near Tbilisi.").subjects.contains("GE"))
        #expect(!detector.detect(title: "Voters in Georgia head to the polls", dek: nil, dateline: nil,
                                 body: "Lines were long in Atlanta as Georgia voted in the Senate runoff.").mentions.contains("GE"))
        #expect(!detector.detect(title: "Storms", dek: nil, dateline: "ATLANTA, Ga.",
                                 body: "Storms hit Georgia and Russia-bound flights were delayed.").mentions.contains("GE"))
        #expect(detector.detect(title: "Talks", dek: nil, dateline: nil, body: "The Georgian prime minister visited Georgia's border.").subjects == ["GE"])
    }

    @Test("Turkey the bird is not the country; Turkey with Ankara is")
    func turkey() {
        #expect(detector.detect(title: "Turkey prices soar before Thanksgiving", dek: nil, dateline: nil,
                                body: "Farmers said a turkey now costs twice as much. Turkey sales fell.").mentions.isEmpty)
        #expect(detector.detect(title: "Turkey raises rates", dek: nil, dateline: nil,
                                body: "The central bank in Ankara raised rates again.").subjects == ["TR"])
        #expect(detector.detect(title: "Markets", dek: nil, dateline: nil,
                                body: "Exports to Turkey rose, the ministry said. Buyers in Turkey paid more.").subjects == ["TR"])
    }

    @Test("Congo alone is whichever Congo the text otherwise names; DR Congo and Congo-Brazzaville are each their own")
    func congo() {
        #expect(detector.detect(title: "Fighting in eastern Congo", dek: nil, dateline: nil,
                                body: "Rebels advanced as Kinshasa sent troops to Congo's east.").subjects == ["CD"])
        #expect(detector.detect(title: "Congo votes", dek: nil, dateline: nil,
                                body: "Voters in Brazzaville queued as Congo chose a president.").subjects == ["CG"])
        #expect(detector.detect(title: "Aid for Congo", dek: nil, dateline: nil, body: "Aid arrived in Congo.").mentions.isEmpty)
        #expect(detector.detect(title: "Talks", dek: nil, dateline: nil,
                                body: "The Democratic Republic of the Congo and the Republic of the Congo signed.").mentions.sorted() == ["CD", "CG"])
    }

    @Test("names inside longer names: Niger is not Nigeria, Dominica is not the Dominican Republic, Mexico City is Mexico once")
    func namesInsideNames() {
        #expect(detector.detect(title: "Nigeria votes", dek: nil, dateline: nil, body: "Nigerian voters queued in Abuja.").mentions == ["NG"])
        #expect(detector.detect(title: "Niger coup", dek: nil, dateline: nil, body: "Soldiers in Niamey seized power.").mentions == ["NE"])
        #expect(detector.detect(title: "Dominican Republic election", dek: nil, dateline: nil, body: "Santo Domingo voted.").mentions == ["DO"])
        #expect(detector.detect(title: "Storm hits Dominica", dek: nil, dateline: nil, body: "Roseau flooded.").mentions == ["DM"])
        let city = detector.detect(title: "Smog in Mexico City", dek: nil, dateline: nil, body: "Mexico City schools closed.")
        #expect(city.subjects == ["MX"])
    }

    @Test("at a sentence start, a name that is an ordinary word needs confirming")
    func sentenceStarts() {
        #expect(detector.detect(title: "Markets", dek: nil, dateline: nil, body: "Chad Smith said so. Jordan, he added, was right.").mentions.isEmpty)
        #expect(detector.detect(title: "Markets", dek: nil, dateline: nil, body: "Chad said so. Troops from Chad and Niger marched.").subjects.contains("TD"))
        #expect(detector.detect(title: "Male students win", dek: nil, dateline: nil, body: "Male and female students took part.").mentions.isEmpty)
    }

    @Test("each kind of evidence names its country in running text")
    func evidenceKinds() {
        let cases: [(String, String)] = [
            ("Talks with the Federal Republic of Nigeria resumed.", "NG"),          // official name
            ("The U.S. Treasury said so.", "US"), ("Shares fell in the UK on Monday.", "GB"),
            ("Britain's pound fell.", "GB"), ("Tulips from Holland sold well.", "NL"),  // alternative spellings
            ("Japanese exporters gained.", "JP"), ("Afghan refugees returned.", "AF"),  // demonyms
            ("Officials in Nairobi met.", "KE"),                                        // capital
            ("The Soviet Union bought grain.", "RU"), ("Traders in Peking said.", "CN"),
            ("Mills in Bombay closed.", "IN"), ("West Germany cut rates.", "DE"),       // historical names
        ]
        for (sentence, code) in cases {
            #expect(detector.detect(title: "Markets", dek: nil, dateline: nil, body: sentence).mentions == [code], "\(sentence)")
        }
    }

    @Test("salience: the dateline outweighs the headline, the headline the lead, the lead the rest")
    func salienceOrder() {
        // Each country named once, in a different place: the order is the places' order.
        let detection = detector.detect(title: ScannedText("Brazil weighs new tariffs"), dek: nil, dateline: "TOKYO",
                                         lead: ScannedText("Officials in France were consulted."),
                                         rest: ScannedText("Kenya was not. Kenya said so. Kenya again."))
        #expect(detection.mentions == ["JP", "BR", "KE", "FR"])
        #expect(detection.subjects == ["JP", "BR", "KE", "FR"])
        let passing = detector.detect(title: ScannedText("Brazil weighs new tariffs"), dek: nil, dateline: nil,
                                      lead: ScannedText("Brazil's ministry spoke."), rest: ScannedText("A ship left Chile."))
        #expect(passing.subjects == ["BR"])
        #expect(passing.mentions == ["BR", "CL"])
    }
}
