import Core
import Foundation
import Testing
@testable import Loading

@Suite("Word count")
struct WordCountTests {
    /// The count a byte at a time: runs of bytes other than space, tab, CR and LF.
    static func reference(_ text: String) -> Int {
        var count = 0, previousSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace && previousSpace { count += 1 }
            previousSpace = isSpace
        }
        return count
    }

    @Test("words across the eight-byte steps, at either end, between every kind of space")
    func edges() {
        let cases: [(String, Int)] = [
            ("", 0), (" ", 0), ("one", 1), ("        ", 0), ("12345678", 1), ("1234567 8", 2), ("1234567\n8", 2),
            ("12345678 9", 2), (" 2345678 ", 1), ("a\tb\rc\nd e", 5), ("a\r\nb", 2),
            ("Kabul — the delegation’s “first” trip", 6), ("\u{A0}non-breaking\u{A0}space", 1),
            (String(repeating: "ab ", count: 100), 100), (String(repeating: "x", count: 1000), 1),
        ]
        for (text, words) in cases {
            #expect(ArticleLoader<MemoryFileSystem>.countWords(text) == words, "\(text.debugDescription)")
        }
    }

    @Test("the same count as a byte at a time, for every length and placement of spaces")
    func agreesWithReference() {
        // A fixed sequence (xorshift), so that a failure repeats.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % 9)
        }
        let alphabet: [Character] = ["a", "b", " ", "\n", "\t", "\r", "é", "’", "0"]
        for length in 0..<300 {
            let text = String((0..<length).map { _ in alphabet[next()] })
            #expect(ArticleLoader<MemoryFileSystem>.countWords(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
