import Foundation

/// A page's inputs reduced to 64 bits (see `PageFingerprinter`): two builds that compute the
/// same fingerprint for a page render the same bytes.
public enum PageFingerprint {
    /// FNV-1a, 64 bits: stable across runs and machines, unlike Swift's seeded `Hasher`.
    public struct FNV1a: Sendable {
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

        public mutating func add(optional text: String?) {
            if let text {
                addByte(1)
                add(text)
            } else {
                addByte(0)
            }
        }

        public mutating func add(number: UInt64) {
            var rest = number
            for _ in 0..<8 {
                addByte(UInt8(truncatingIfNeeded: rest))
                rest >>= 8
            }
        }

        public mutating func add(numbers: some Collection<Int>) {
            add(number: UInt64(numbers.count))
            for number in numbers { add(number: UInt64(bitPattern: Int64(number))) }
        }
    }
}
