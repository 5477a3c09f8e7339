import Foundation

/// A page's inputs reduced to 64 bits (see `PageFingerprinter`): two builds that compute the
/// same fingerprint for a page render the same bytes.
public enum PageFingerprint {
    /// A 64-bit hash stable across runs and machines, unlike Swift's seeded `Hasher`: FNV-1a
    /// for single bytes and numbers, and texts eight bytes a step (a multiply and a shift
    /// each). A build after an edit hashes every article's fields and every page's path, and
    /// byte-at-a-time FNV over them was a tenth of its time.
    public struct StableHasher: Sendable {
        public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        public init() {}

        public mutating func add(_ data: Data) {
            data.withUnsafeBytes { add(bytes: $0) }
        }

        public mutating func add(_ text: String) {
            // A native string's bytes are read where they are, without a copy of the string.
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { add(bytes: UnsafeRawBufferPointer($0)) }
            guard done == nil else { return }
            var text = text
            text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        }

        /// The bytes eight at a time, then the rest, then their count, so that ("ab", "c") and
        /// ("a", "bc") differ.
        public mutating func add(bytes: UnsafeRawBufferPointer) {
            var offset = 0
            while offset + 8 <= bytes.count {
                mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail: UInt64 = 0, shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            mix(tail)
            mix(UInt64(bytes.count))
        }

        @inline(__always)
        private mutating func mix(_ word: UInt64) {
            value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
            value ^= value >> 31
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
            mix(number)
        }

        public mutating func add(numbers: some Collection<Int>) {
            add(number: UInt64(numbers.count))
            for number in numbers { add(number: UInt64(bitPattern: Int64(number))) }
        }
    }
}
