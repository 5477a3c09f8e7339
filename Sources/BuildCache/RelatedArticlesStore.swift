import Core
import Foundation
import Site

/// Every article's related articles, kept in the cache folder (`related.bin`) with the digest of
/// the archive's structure they were found in. Related articles follow from which articles each
/// tag and country has, so while that structure is unchanged — an edit to a headline, a dek or a
/// body — a rebuild reads them instead of finding them again for every article.
///
/// Layout: the magic `BSRA`, the structure digest, the article count and the number kept per
/// article (all little-endian), then that many 32-bit IDs per article, -1 where there are fewer.
package struct RelatedArticlesStore {
    package let path: String
    package static let magic = Array("BSRA".utf8)
    package static let perArticle = 4

    package init(cacheDirectory: String) {
        path = joinPath(cacheDirectory, "related.bin")
    }

    /// The saved lists when they were found in an archive of the same structure.
    package func load(structure: UInt64, count: Int, fileSystem: some FileSystem) -> [Int32]? {
        guard let data = try? fileSystem.readFile(path), data.count == 24 + count * Self.perArticle * 4 else { return nil }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [Int32]? in
            guard Array(bytes[0..<4]) == Self.magic,
                  UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt64.self)) == structure,
                  Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt64.self))) == count,
                  Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 20, as: UInt32.self))) == Self.perArticle
            else { return nil }
            // Copied in one piece: every build from the saved model reads every article's list.
            var lists = [Int32](repeating: 0, count: count * Self.perArticle)
            lists.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[24...])) }
            return lists.map(Int32.init(littleEndian:))
        }
    }

    package func save(_ lists: [Int32], structure: UInt64, count: Int, fileSystem: some FileSystem) throws {
        var data = Data(Self.magic)
        withUnsafeBytes(of: structure.littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(count).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(Self.perArticle).littleEndian) { data.append(contentsOf: $0) }
        // In one piece: `Data` appended to four bytes at a time took a tenth of an edit's build.
        // (Little-endian machines store the values as the file has them: no copy to swap them.)
        #if _endian(little)
        lists.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        lists.map(\.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
        #endif
        try fileSystem.writeFile(path, contents: data)
    }

    /// The lists, flat: `perArticle` slots per article.
    package static func flatten(_ lists: [[Int]]) -> [Int32] {
        var flat: [Int32] = []
        flat.reserveCapacity(lists.count * perArticle)
        for list in lists {
            for slot in 0..<perArticle { flat.append(slot < list.count ? Int32(list[slot]) : -1) }
        }
        return flat
    }

    /// The articles whose lists hold any of `ids` (a few: an array, not hashed for every slot).
    package static func articles(relatedTo ids: [Int], in flat: [Int32]) -> [Int] {
        guard !ids.isEmpty else { return [] }
        var found: [Int] = []
        for (slot, id) in flat.enumerated() where id >= 0 && ids.contains(Int(id)) {
            let article = slot / perArticle
            if found.last != article { found.append(article) }
        }
        return found
    }

    /// The lists renumbered for an article's move among the others: each article keeps its
    /// list under its new ID, naming the articles by theirs.
    package static func renumbered(_ flat: [Int32], by move: SiteModel.Move) -> [Int32] {
        var result = flat
        for id in move.range {
            let old = move.oldID(id)
            result.replaceSubrange((id * perArticle)..<((id + 1) * perArticle), with: flat[(old * perArticle)..<((old + 1) * perArticle)])
        }
        let range = Int32(move.range.lowerBound)...Int32(move.range.upperBound)
        for slot in result.indices where range.contains(result[slot]) { result[slot] = Int32(move.newID(Int(result[slot]))) }
        return result
    }

    package static func list(_ flat: [Int32], for id: Int) -> [Int] {
        flat[(id * perArticle)..<((id + 1) * perArticle)].compactMap { $0 < 0 ? nil : Int($0) }
    }
}
