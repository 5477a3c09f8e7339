import Foundation

/// A page's inputs reduced to 64 bits: the context it is rendered from (walked with sorted
/// keys, so equal contexts hash alike) and whatever else shapes the output (the templates,
/// the renderer, the body file's stamp). Two builds that compute the same fingerprint for a
/// page render the same bytes, so the second can keep the file the first wrote.
public enum PageFingerprint {
    public static func of(_ context: [String: Any], extra: String) -> UInt64 {
        var hash = FNV1a()
        hash.add(value: context)
        hash.add(extra)
        return hash.value
    }

    /// FNV-1a, 64 bits: stable across runs and machines, unlike Swift's seeded `Hasher`.
    public struct FNV1a {
        public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        public init() {}

        public mutating func add(_ data: Data) {
            for byte in data { addByte(byte) }
            // A separator, so that ("ab", "c") and ("a", "bc") differ.
            addByte(0xFF)
        }

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in for byte in bytes { addByte(byte) } }
            addByte(0xFF)
        }

        @inline(__always)
        private mutating func addByte(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
        }

        /// A context value: dictionaries by sorted keys, arrays in order, each with a type mark,
        /// so that equal contexts hash alike and `"1"` is not `1`.
        mutating func add(value: Any) {
            switch value {
            case let text as String:
                addByte(1)
                add(text)
            case let dictionary as [String: Any]:
                addByte(2)
                for key in dictionary.keys.sorted() {
                    add(key)
                    add(value: dictionary[key]!)
                }
                addByte(3)
            case let array as [Any]:
                addByte(4)
                for element in array { add(value: element) }
                addByte(5)
            case let flag as Bool:
                addByte(flag ? 6 : 7)
            case let number as Int:
                addByte(8)
                add(String(number))
            case let number as Double:
                addByte(9)
                add(String(number))
            default:
                // Anything else is described; contexts hold only the kinds above.
                addByte(10)
                add(String(describing: value))
            }
        }
    }
}
