import Core
import Foundation
import Yams

/// Reads `site.yml`. Every key is optional; an unknown key or a value of the wrong type is an
/// error naming the key and its line, because a silently ignored setting is worse than none.
public enum SiteConfigLoader {
    public static func load(_ path: String, fileSystem: some FileSystem) throws(Diagnostic) -> SiteConfig {
        guard fileSystem.fileExists(path) else { return SiteConfig() }
        let text: String
        do {
            text = String(decoding: try fileSystem.readFile(path), as: UTF8.self)
        } catch {
            throw .error(.config, file: path, "cannot read the settings file: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    /// `tags:` or `countries:` — `path`, `page_size`, `feed`, `min_articles`; for tags also
    /// `aliases` and `lexicon`, which land in `config`.
    private static func taxonomy(_ node: Node, key: String, file: String, line: Int?, defaults: TaxonomySettings,
                                 config: inout SiteConfig) throws(Diagnostic) -> TaxonomySettings {
        guard let mapping = node.mapping else {
            throw .error(.config, file: file, line: line, "`\(key)` must be a mapping with `path`, `page_size`, `feed` or `min_articles`")
        }
        var settings = defaults
        for (nameNode, value) in mapping {
            let name = nameNode.string ?? ""
            let valueLine = nameNode.mark?.line
            switch name {
            case "path":
                settings.pathPattern = try pathPattern(value, key: key, example: "\(key)/{slug}/", file: file, line: valueLine,
                                                       problem: TaxonomySettings.problem(with:))
            case "page_size", "feed", "min_articles":
                switch try listSetting(name, value, key: key, file: file, line: valueLine) {
                case .pageSize(let size): settings.pageSize = size
                case .feed(let flag): settings.feed = flag
                case .minimumArticles(let minimum): settings.minimumArticles = minimum
                }
            case "aliases" where key == "tags", "lexicon" where key == "tags":
                let lists = try phraseLists(value, key: "\(key).\(name)", file: file, line: valueLine)
                if name == "aliases" { config.tagAliases = lists } else { config.topicLexicon = lists }
            default:
                let known = key == "tags" ? "path, page_size, feed, min_articles, aliases, lexicon" : "path, page_size, feed, min_articles"
                throw .error(.config, file: file, line: valueLine, "unknown setting `\(key).\(name)` (known: \(known))")
            }
        }
        return settings
    }

    /// A `path` setting: a pattern the settings type accepts (`problem` says why not).
    private static func pathPattern(_ value: Node, key: String, example: String, file: String, line: Int?,
                                    problem: (String) -> String?) throws(Diagnostic) -> String {
        guard let pattern = value.string else {
            throw .error(.config, file: file, line: line, "`\(key).path` must be a path pattern like `\(example)`")
        }
        if let problem = problem(pattern) {
            throw .error(.config, file: file, line: line, "`\(key).path` \(problem)")
        }
        return pattern
    }

    /// The settings every kind of list page has (tags, countries, archives).
    private enum ListSetting {
        case pageSize(Int)
        case feed(Bool)
        case minimumArticles(Int)
    }

    private static func listSetting(_ name: String, _ value: Node, key: String, file: String, line: Int?) throws(Diagnostic) -> ListSetting {
        switch name {
        case "feed":
            guard let flag = value.bool else { throw .error(.config, file: file, line: line, "`\(key).feed` must be true or false") }
            return .feed(flag)
        default:
            guard let number = value.int, number > 0 else {
                throw .error(.config, file: file, line: line, "`\(key).\(name)` must be a whole number above 0")
            }
            return name == "page_size" ? .pageSize(number) : .minimumArticles(number)
        }
    }

    /// `archives:` — `path` (with `{year}` and `{month}`), `page_size`, `feed`, `min_articles`.
    private static func archives(_ node: Node, file: String, line: Int?, defaults: ArchiveSettings) throws(Diagnostic) -> ArchiveSettings {
        guard let mapping = node.mapping else {
            throw .error(.config, file: file, line: line, "`archives` must be a mapping with `path`, `page_size`, `feed` or `min_articles`")
        }
        var settings = defaults
        for (nameNode, value) in mapping {
            let name = nameNode.string ?? ""
            let valueLine = nameNode.mark?.line
            switch name {
            case "path":
                settings.pathPattern = try pathPattern(value, key: "archives", example: "archive/{year}/{month}/", file: file, line: valueLine,
                                                       problem: ArchiveSettings.problem(with:))
            case "page_size", "feed", "min_articles":
                switch try listSetting(name, value, key: "archives", file: file, line: valueLine) {
                case .pageSize(let size): settings.pageSize = size
                case .feed(let flag): settings.feed = flag
                case .minimumArticles(let minimum): settings.minimumArticles = minimum
                }
            default:
                throw .error(.config, file: file, line: valueLine, "unknown setting `archives.\(name)` (known: path, page_size, feed, min_articles)")
            }
        }
        return settings
    }

    /// A mapping of names to lists of phrases: `Islamic State: [Daesh, ISIS]`.
    private static func phraseLists(_ node: Node, key: String, file: String, line: Int?) throws(Diagnostic) -> [String: [String]] {
        guard let mapping = node.mapping else {
            throw .error(.config, file: file, line: line, "`\(key)` must map each tag to a list of phrases, like `Islamic State: [Daesh, ISIS]`")
        }
        var lists: [String: [String]] = [:]
        for (nameNode, value) in mapping {
            let entryLine = nameNode.mark?.line
            guard let name = nameNode.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .error(.config, file: file, line: entryLine, "`\(key)` has an empty tag name")
            }
            var phrases: [String] = []
            if let single = value.string {
                phrases = [single]
            } else if let sequence = value.sequence {
                for item in sequence {
                    guard let phrase = item.string else {
                        throw .error(.config, file: file, line: item.mark?.line ?? entryLine, "`\(key).\(name)` must list phrases as text")
                    }
                    phrases.append(phrase)
                }
            } else {
                throw .error(.config, file: file, line: entryLine, "`\(key).\(name)` must be a phrase or a list of phrases")
            }
            lists[name] = phrases
        }
        return lists
    }

    public static func parse(_ text: String, file: String) throws(Diagnostic) -> SiteConfig {
        var config = SiteConfig()
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .error(.config, file: file, "not valid YAML: \(error)")
        }
        guard let node else { return config }
        guard let mapping = node.mapping else {
            throw .error(.config, file: file, line: 1, "settings must be a mapping of keys to values")
        }
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            guard let key = keyNode.string else { continue }
            func string() throws(Diagnostic) -> String {
                guard case .scalar(let scalar) = value else {
                    throw .error(.config, file: file, line: line, "`\(key)` must be a single value")
                }
                return scalar.string
            }
            func positiveInt() throws(Diagnostic) -> Int {
                guard let number = value.int, number > 0 else {
                    throw .error(.config, file: file, line: line, "`\(key)` must be a whole number above 0")
                }
                return number
            }
            switch key {
            case "title": config.title = try string()
            case "description": config.description = try string()
            case "base_url", "baseURL", "baseurl": config.baseURL = SiteConfig.normalizedBaseURL(try string())
            case "language", "languageCode": config.language = try string()
            case "time_zone", "timezone", "timeZone":
                let identifier = try string()
                guard let zone = TimeZone(identifier: identifier) else {
                    throw .error(.config, file: file, line: line, "`\(key)`: unknown time zone `\(identifier)` (use an IANA name like Asia/Karachi)")
                }
                config.timeZone = zone
            case "items_per_page", "paginate": config.itemsPerPage = try positiveInt()
            case "feed_items": config.feedItems = try positiveInt()
            case "automatic_tags_min_articles": config.automaticTagMinimumArticles = try positiveInt()
            case "archives":
                config.archives = try archives(value, file: file, line: line, defaults: config.archives)
            case "tags", "countries":
                let settings = try taxonomy(value, key: key, file: file, line: line,
                                            defaults: key == "tags" ? config.tags : config.countries, config: &config)
                if key == "tags" { config.tags = settings } else { config.countries = settings }
            case "chrome":
                guard let chrome = value.mapping else {
                    throw .error(.config, file: file, line: line, "`chrome` must be a mapping with `lines`, `prefixes` or `end_markers`")
                }
                for (chromeKey, list) in chrome {
                    let name = chromeKey.string ?? ""
                    let listLine = chromeKey.mark?.line
                    guard let items = list.sequence?.compactMap(\.string), items.count == list.sequence?.count else {
                        throw .error(.config, file: file, line: listLine, "`chrome.\(name)` must be a list of strings")
                    }
                    switch name {
                    case "lines": config.chromeLines = items
                    case "prefixes": config.chromePrefixes = items
                    case "end_markers": config.chromeEndMarkers = items
                    default:
                        throw .error(.config, file: file, line: listLine, "unknown setting `chrome.\(name)` (known: lines, prefixes, end_markers)")
                    }
                }
            default:
                throw .error(.config, file: file, line: line,
                             "unknown setting `\(key)` (known: title, description, base_url, language, time_zone, items_per_page, feed_items, automatic_tags_min_articles, tags, countries, archives, chrome)")
            }
        }
        if config.tags.indexPath == config.countries.indexPath {
            throw .error(.config, file: file, "`tags.path` and `countries.path` must put their pages in different folders")
        }
        for (name, index) in [("tags", config.tags.indexPath), ("countries", config.countries.indexPath)]
        where config.archives.indexPath.hasPrefix(index) || index.hasPrefix(config.archives.indexPath) {
            throw .error(.config, file: file, "`archives.path` and `\(name).path` must put their pages in different folders")
        }
        return config
    }
}
