import Foundation

/// Cities and regions by name, for the place a dateline names: `KARACHI` is Pakistan,
/// `CARSON, Calif.` the United States. Built from GeoNames by `Scripts/derive-countries.py`.
///
/// Only datelines use it: a city named in running text may be a person or a common word
/// (`Reading`, `Mobile`), but a dateline is always a place.
public struct PlaceIndex: Sendable {
    /// The standard tables are built on the first look-up, not when a loader is made: a rebuild
    /// that reads no article never needs them, and building them costs a quarter of a second.
    private enum Source: Sendable {
        case standard
        case tables(Tables)
    }

    private struct Tables: Sendable {
        let cities: [String: String]
        let regions: [String: String]
    }

    private let source: Source
    private static let standardTables = Tables(cities: table(cityTableTSV, fold: true), regions: table(regionTableTSV, fold: false))

    public static let standard = PlaceIndex(source: .standard)

    private init(source: Source) {
        self.source = source
    }

    public init(cities: String, regions: String) {
        source = .tables(Tables(cities: Self.table(cities, fold: true), regions: Self.table(regions, fold: false)))
    }

    private var tables: Tables {
        switch source {
        case .standard: Self.standardTables
        case .tables(let tables): tables
        }
    }

    private static func table(_ tsv: String, fold: Bool) -> [String: String] {
        var table: [String: String] = [:]
        for line in tsv.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            let key = fold ? Self.key(String(fields[0])) : String(fields[0])
            // The table lists the most populous place first; it keeps the name.
            if table[key] == nil { table[key] = String(fields[1]) }
        }
        return table
    }

    /// Datelines write places in capitals and without accents (`SAO PAULO`).
    static func key(_ name: String) -> String {
        // Most names are ASCII: lower-casing their bytes is all the folding they need, and it is
        // far cheaper than Foundation's, which every capitalised word of every article may reach.
        var ascii = true
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if byte >= 0x80 { ascii = false; break }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Self.posix).lowercased()
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The country code of a city, by name in any case.
    public func cityCountry(_ name: String) -> String? {
        tables.cities[Self.key(name)]
    }

    /// The country code of a state or province as written after a city (`Calif.`, `Ontario`).
    public func regionCountry(_ name: String) -> String? {
        tables.regions[name]
    }
}
