import Core
import Testing
@testable import Loading

@Suite("site.yml")
struct SiteConfigLoaderTests {
    @Test("settings are read, with defaults for the rest")
    func settings() throws {
        let config = try SiteConfigLoader.parse("title: Daily\nbase_url: https://x.org/archive\ntime_zone: Asia/Karachi\nitems_per_page: 10\n", file: "site.yml")
        #expect(config.title == "Daily")
        #expect(config.baseURL == "https://x.org/archive/")
        #expect(config.basePath == "/archive/")
        #expect(config.timeZone.identifier == "Asia/Karachi")
        #expect(config.itemsPerPage == 10)
        #expect(config.feedItems == 20)
        #expect(config.language == "en")
    }

    @Test("each taxonomy has its own path pattern, page size, feeds and minimum")
    func taxonomies() throws {
        let config = try SiteConfigLoader.parse("tags:\n  path: topics/{slug}/\n  page_size: 5\n  feed: false\n  min_articles: 3\ncountries:\n  path: places/{slug}/\n", file: "site.yml")
        #expect(config.tags == TaxonomySettings(pathPattern: "topics/{slug}/", pageSize: 5, feed: false, minimumArticles: 3))
        #expect(config.tags.indexPath == "topics/")
        #expect(config.tags.path(for: "trade") == "topics/trade/")
        #expect(config.countries.indexPath == "places/")
        for (yaml, line) in [("tags:\n  path: topics/\n", 2), ("tags:\n  path: /abs/{slug}/\n", 2), ("tags:\n  path: ../{slug}/\n", 2),
                             ("tags:\n  feed: maybe\n", 2), ("tags:\n  colour: red\n", 2), ("countries:\n  page_size: 0\n", 2)] {
            do {
                _ = try SiteConfigLoader.parse(yaml, file: "site.yml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.line == line, "\(yaml)")
            }
        }
        #expect(throws: Diagnostic.self) { try SiteConfigLoader.parse("tags:\n  path: same/{slug}/\ncountries:\n  path: same/{slug}/\n", file: "site.yml") }
    }

    @Test("tag aliases and a topic lexicon map tags to phrases; other shapes are errors with their line")
    func tagVocabulary() throws {
        let config = try SiteConfigLoader.parse("""
        tags:
          aliases:
            Islamic State: [Daesh, ISIS]
          lexicon:
            climate change: [global warming, climate crisis]
            floods: flooding
        """, file: "site.yml")
        #expect(config.tagAliases == ["Islamic State": ["Daesh", "ISIS"]])
        #expect(config.topicLexicon == ["climate change": ["global warming", "climate crisis"], "floods": ["flooding"]])
        for (yaml, line) in [("tags:\n  aliases: [a, b]\n", 2), ("tags:\n  lexicon:\n    x: {a: b}\n", 3),
                             ("countries:\n  aliases:\n    x: [y]\n", 2)] {
            do {
                _ = try SiteConfigLoader.parse(yaml, file: "site.yml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.line == line, "\(yaml)")
            }
        }
    }

    @Test("archive settings: a path with {year} and {month}, page size, feeds, minimum; bad values name their line")
    func archives() throws {
        let config = try SiteConfigLoader.parse("archives:\n  path: archive/{year}/{month}/\n  page_size: 25\n  feed: true\n  min_articles: 3\n", file: "site.yml")
        #expect(config.archives == ArchiveSettings(pathPattern: "archive/{year}/{month}/", pageSize: 25, feed: true, minimumArticles: 3))
        #expect(config.archives.indexPath == "archive/")
        #expect(config.archives.path(year: 2025) == "archive/2025/")
        #expect(config.archives.path(year: 2025, month: 3) == "archive/2025/03/")
        #expect(SiteConfig().archives.path(year: 1987, month: 12) == "articles/1987/12/")
        for (yaml, line) in [("archives:\n  path: archive/{year}/\n", 2), ("archives:\n  path: archive/{month}/{year}/\n", 2),
                             ("archives:\n  path: '{year}/{month}/'\n", 2), ("archives:\n  page_size: -1\n", 2),
                             ("archives:\n  feeds: true\n", 2), ("archives: [a]\n", 1)] {
            do {
                _ = try SiteConfigLoader.parse(yaml, file: "site.yml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.line == line, "\(yaml)")
            }
        }
        #expect(throws: Diagnostic.self) { try SiteConfigLoader.parse("archives:\n  path: tags/{year}/{month}/\n", file: "site.yml") }
    }

    @Test("unknown keys and bad values name the key and line")
    func errors() {
        do {
            _ = try SiteConfigLoader.parse("title: x\nitems_per_pag: 10\n", file: "site.yml")
            Issue.record("unknown key accepted")
        } catch {
            #expect(error.file == "site.yml")
            #expect(error.line == 2)
            #expect(error.message.contains("items_per_pag"))
        }
        do {
            _ = try SiteConfigLoader.parse("items_per_page: many\n", file: "site.yml")
            Issue.record("bad number accepted")
        } catch {
            #expect(error.line == 1)
        }
        do {
            _ = try SiteConfigLoader.parse("time_zone: Mars/Olympus\n", file: "site.yml")
            Issue.record("bad time zone accepted")
        } catch {
            #expect(error.message.contains("Mars/Olympus"))
        }
    }
}
