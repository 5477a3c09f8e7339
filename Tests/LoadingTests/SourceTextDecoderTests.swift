import Foundation
import Testing
@testable import Loading

@Suite("Source text decoder")
struct SourceTextDecoderTests {
    @Test("byte-order marks, CRLF and lone CR")
    func lineEndsAndBOM() throws {
        let utf8 = try SourceTextDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + Data("Title\r\n\r\nBody\rMore".utf8))
        #expect(utf8.text == "Title\n\nBody\nMore")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("Título\n".data(using: .utf16LittleEndian)!)
        #expect(try SourceTextDecoder.decode(utf16).text == "Título\n")
    }

    @Test("soft hyphens, zero-width and control characters leave words whole")
    func invisibleCharacters() throws {
        let decoded = try SourceTextDecoder.decode(Data("Fe\u{AD}\u{AD}d\u{AD}eral Board\u{200B} of Rev\u{7}enue".utf8))
        #expect(decoded.text == "Federal Board of Revenue")
    }

    @Test("invalid UTF-8 is read as Windows-1252 with a warning")
    func windows1252() throws {
        let decoded = try SourceTextDecoder.decode(Data([0x43, 0x6F, 0x73, 0x74, 0x20, 0xA3, 0x35]))
        #expect(decoded.text == "Cost £5")
        #expect(decoded.warnings.count == 1)
    }

    @Test("empty, blank and binary files are refused")
    func refused() {
        #expect(throws: SourceTextDecoder.Failure.empty) { try SourceTextDecoder.decode(Data()) }
        #expect(throws: SourceTextDecoder.Failure.empty) { try SourceTextDecoder.decode(Data(" \n\t\n".utf8)) }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])
        #expect(throws: SourceTextDecoder.Failure.binary) { try SourceTextDecoder.decode(png) }
    }

    @Test("a file without a known signature is binary when a tenth of its bytes are control bytes, wherever they fall")
    func controlShare() throws {
        // 1,000 bytes of text with `controls` bytes 0x01 spread over every position of an eight-byte step.
        func text(controls: Int) -> Data {
            var bytes = Array(String(repeating: "Words of a story. ", count: 60).utf8.prefix(1_000))
            for index in 0..<controls { bytes[(index * 9 + index / 8) % 1_000] = 0x01 }
            return Data(bytes)
        }
        #expect(throws: SourceTextDecoder.Failure.binary) { try SourceTextDecoder.decode(text(controls: 101)) }
        let decoded = try SourceTextDecoder.decode(text(controls: 99))
        #expect(!decoded.text.utf8.contains(0x01))
        // A few stray NULs in scraped text are removed, not a reason to refuse it.
        var stray = Array(String(repeating: "Words of a story. ", count: 60).utf8)
        for index in [3, 200, 517, 800] { stray[index] = 0 }
        #expect(try SourceTextDecoder.decode(Data(stray)).text.utf8.count == stray.count - 4)
    }

    @Test("the byte clean-up gives what the scalar clean-up gives, wherever the characters it removes fall among eight-byte steps")
    func bytesAgreeWithScalars() {
        // Plain text, characters the clean-up removes or changes, and others that start with the same bytes.
        let alphabet = ["a", "b ", "\n", "\r", "\r\n", "\t", "\u{AD}", "\u{85}", "\u{A0}", "é", "\u{200B}", "\u{200D}",
                        "\u{2060}", "\u{2028}", "\u{2029}", "’", "—", "\u{FEFF}", "\u{FFFD}", "\u{7F}", "\u{0}", "\u{1B}", "😀"]
        // A fixed sequence (xorshift), so that a failure repeats.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(alphabet.count))
        }
        for length in 0..<400 {
            let text = (0..<length).map { _ in alphabet[next()] }.joined()
            let cleaned = String(decoding: SourceTextDecoder.normalizeUTF8(Array(text.utf8)), as: UTF8.self)
            #expect(cleaned == SourceTextDecoder.normalize(text), "\(text.debugDescription)")
        }
    }
}
