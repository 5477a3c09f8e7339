import ArgumentParser
import Core
import Foundation
import Loading

/// Settings for commands that read articles outside a build: `site.yml` when a site folder is
/// given, and a time zone from the command line over it.
enum SiteOptions {
    static func config(site: String?, timeZone: String?) throws -> SiteConfig {
        var config = SiteConfig()
        if let site {
            do {
                config = try SiteConfigLoader.load(joinPath(site, "site.yml"), fileSystem: LocalFileSystem())
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else { throw ValidationError("unknown time zone `\(timeZone)`") }
            config.timeZone = named
        }
        return config
    }
}
