/// Eight bytes of text read as one number, for the loops every byte of every article passes
/// through: all eight tested at once, and a byte at a time only where one of them needs it.
/// Each test is exact — no carry crosses from one byte into the next.
enum ByteWord {
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The eight bytes at `offset`, the first in the lowest bits.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte equal to `byte`, and no other bit.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let zeroWhereEqual = word ^ (ones &* UInt64(byte))
        // A byte's low seven bits plus 0x7F reach its high bit unless they are all zero; with
        // its own high bit, that tells a zero byte from the others.
        return ~(((zeroWhereEqual & low) &+ low) | zeroWhereEqual | low)
    }

    /// The high bit of each byte below `limit` (at most 0x80), and no other bit.
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        // A byte's low seven bits plus 0x80 - limit reach its high bit when they are limit or more.
        ~(((word & low) &+ (ones &* UInt64(0x80 - limit))) | word) & high
    }
}
