import Foundation

/// A page's inputs reduced to 64 bits: the context it is rendered from (serialised with sorted
/// keys, so equal contexts give equal bytes) and whatever else shapes the output (the templates,
/// the renderer, the body file's stamp). Two builds that compute the same fingerprint for a
/// page render the same bytes, so the second can keep the file the first wrote.
public enum PageFingerprint {
    public static func of(_ context: [String: Any], extra: String) -> UInt64 {
        var hash = FNV1a()
        if let json = try? JSONSerialization.data(withJSONObject: context, options: [.sortedKeys]) {
            hash.add(json)
        } else {
            // A context JSON cannot express is never reused.
            hash.add(Data(UUID().uuidString.utf8))
        }
        hash.add(Data(extra.utf8))
        return hash.value
    }

    /// FNV-1a, 64 bits: stable across runs and machines, unlike Swift's seeded `Hasher`.
    public struct FNV1a {
        public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        public init() {}

        public mutating func add(_ data: Data) {
            for byte in data { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
            // A separator, so that ("ab", "c") and ("a", "bc") differ.
            value = (value ^ 0xFF) &* 0x100_0000_01B3
        }
    }
}
