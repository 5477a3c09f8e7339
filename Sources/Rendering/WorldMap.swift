import Core
import Foundation

/// The countries index's map: every country's outline (derived from mledoze/countries by
/// `Scripts/derive-countries.py`), shaded by how many articles it has and linking to its page.
/// Drawn at build time as inline SVG, so it needs no script and no request of its own.
public struct WorldMap: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var count: Int
        public var url: String

        public init(name: String, count: Int, url: String) {
            self.name = name
            self.count = count
            self.url = url
        }
    }

    /// Outline path data by ISO code.
    let outlines: [(code: String, path: String)]

    public static let standard = WorldMap(tsv: worldMapOutlinesTSV)

    init(tsv: String) {
        outlines = tsv.split(separator: "\n").compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            return (String(line[..<tab]), String(line[line.index(after: tab)...]))
        }
    }

    /// Shades run from 1 (fewest articles) to 5 (most), on a logarithmic scale: one country with
    /// thousands of articles would otherwise leave every other one pale.
    static func shade(_ count: Int, maximum: Int) -> Int {
        guard count > 0, maximum > 1 else { return count > 0 ? 5 : 0 }
        let share = Foundation.log(Double(count)) / Foundation.log(Double(maximum))
        return min(5, 1 + Int(share * 4.999))
    }

    /// The map as an SVG element. `entries` are the countries with pages, by ISO code;
    /// `describedBy` is the id of the text that gives the same information as a list.
    public func svg(entries: [String: Entry], label: String, describedBy: String) -> String {
        let maximum = entries.values.map(\.count).max() ?? 0
        var svg = "<svg class=\"world-map\" viewBox=\"0 0 \(worldMapSize.width) \(worldMapSize.height)\" role=\"group\" "
        svg += "aria-label=\"\(Field.xmlText.encode(label))\" aria-describedby=\"\(describedBy)\">"
        for (code, path) in outlines {
            guard let entry = entries[code] else {
                svg += "<path class=\"m0\" d=\"\(path)\"/>"
                continue
            }
            let articles = entry.count == 1 ? "1 article" : "\(entry.count) articles"
            svg += "<a href=\"\(Field.xmlText.encode(entry.url))\"><path class=\"m\(Self.shade(entry.count, maximum: maximum))\" d=\"\(path)\">"
            svg += "<title>\(Field.xmlText.encode(entry.name)): \(articles)</title></path></a>"
        }
        return svg + "</svg>"
    }
}
