import Foundation

/// Turns a source file's bytes into clean text: the encoding guessed from byte-order marks and
/// validity, line ends unified, and invisible characters that would corrupt words removed.
public enum SourceTextDecoder {
    public struct Decoded: Sendable {
        public var text: String
        public var warnings: [String]
    }

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case binary
    }

    public static func decode(_ data: Data) throws(Failure) -> Decoded {
        var warnings: [String] = []
        var text: String
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            text = normalize(String(data: data.dropFirst(2), encoding: encoding) ?? "")
        } else {
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes.removeFirst(3)
            } else if looksBinary(bytes) {
                throw .binary
            }
            if let valid = String(validating: normalizeUTF8(bytes), as: UTF8.self) {
                text = valid
            } else {
                warnings.append("the file is not valid UTF-8; it was read as Windows-1252")
                text = normalize(String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self))
            }
        }
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) { throw .empty }
        return Decoded(text: text, warnings: warnings)
    }

    /// The same clean-up as `normalize`, on valid UTF-8 bytes: most files need none of it, and
    /// then the bytes are returned untouched without building a string scalar by scalar.
    static func normalizeUTF8(_ bytes: [UInt8]) -> [UInt8] {
        // One pass with raw buffers: every article's every byte goes through here.
        bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
                let count = input.count
                var index = 0, out = 0
                while index < count {
                    // Eight bytes at a time up to the next that may need a change: every byte of
                    // every article passes here. The step does not wait for the test
                    // (the test only decides whether to stop), so the loads run ahead.
                    if let source = input.baseAddress, let target = output.baseAddress {
                        while index + 8 <= count {
                            let word = ByteWord.load(source, at: index)
                            let special = ByteWord.below(word, 0x20) | ByteWord.equal(word, 0x7F) | ByteWord.equal(word, 0xC2)
                                | ByteWord.equal(word, 0xE2) | ByteWord.equal(word, 0xEF)
                            // Output never runs ahead of input, so eight bytes always fit; those from
                            // the one that needs a change on are written again after it.
                            UnsafeMutableRawPointer(target + out).storeBytes(of: word.littleEndian, as: UInt64.self)
                            if special != 0 {
                                let plain = special.trailingZeroBitCount / 8
                                out += plain
                                index += plain
                                break
                            }
                            out += 8
                            index += 8
                        }
                        if index == count { break }
                    }
                    let byte = input[index]
                    // Most bytes are printable ASCII or ordinary UTF-8, copied as they are.
                    if byte >= 0x20 && byte != 0x7F && byte != 0xC2 && byte != 0xE2 && byte != 0xEF {
                        output[out] = byte
                        out += 1
                        index += 1
                        continue
                    }
                    switch byte {
                    case 0x0D:
                        output[out] = 0x0A
                        out += 1
                        if index + 1 < count && input[index + 1] == 0x0A { index += 1 }
                    case 0x0A, 0x09:
                        output[out] = byte
                        out += 1
                    case 0x00..<0x20, 0x7F:
                        break
                    case 0xC2 where index + 1 < count && (input[index + 1] == 0xAD || (0x80...0x9F).contains(input[index + 1])):
                        // Soft hyphen and C1 controls.
                        index += 1
                    case 0xE2 where index + 2 < count && input[index + 1] == 0x80 && (0x8B...0x8D).contains(input[index + 2]):
                        // Zero-width space and joiners.
                        index += 2
                    case 0xE2 where index + 2 < count && input[index + 1] == 0x81 && input[index + 2] == 0xA0:
                        index += 2
                    case 0xE2 where index + 2 < count && input[index + 1] == 0x80 && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9):
                        // Line and paragraph separators.
                        output[out] = 0x0A
                        out += 1
                        index += 2
                    case 0xEF where index + 2 < count && input[index + 1] == 0xBB && input[index + 2] == 0xBF:
                        index += 2
                    default:
                        output[out] = byte
                        out += 1
                    }
                    index += 1
                }
                written = out
            }
        }
    }

    /// Image, archive and document formats by their first bytes, and otherwise a share of NUL
    /// and control bytes no text has: a stray NUL in scraped text is removed, not a reason to refuse it.
    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], [0x47, 0x49, 0x46, 0x38], [0x25, 0x50, 0x44, 0x46],
            [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B], [0x52, 0x49, 0x46, 0x46], [0x7F, 0x45, 0x4C, 0x46],
        ]
        if signatures.contains(where: { bytes.starts(with: $0) }) { return true }
        let sampleCount = min(bytes.count, 8192)
        guard sampleCount > 0 else { return false }
        var nulls = 0, controls = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < sampleCount {
                // Eight bytes with no control byte among them are passed at once.
                if index + 8 <= sampleCount, ByteWord.below(ByteWord.load(base, at: index), 0x20) == 0 {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                if byte < 0x20 {
                    if byte == 0 { nulls += 1 }
                    if byte < 0x09 || byte > 0x0D { controls += 1 }
                }
                index += 1
            }
        }
        return (nulls >= 8 && nulls * 100 > sampleCount) || controls * 10 > sampleCount
    }

    /// CRLF and lone CR become LF; soft hyphens, zero-width characters, NUL and other control
    /// characters are dropped, since scraped text carries them inside words (`Fe­d­eral`).
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D:
                scalars.append("\n")
                previousWasCR = true
                continue
            case 0x0A:
                if !previousWasCR { scalars.append(scalar) }
            case 0x09:
                scalars.append(scalar)
            case 0x00...0x1F, 0x7F, 0x80...0x9F, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
                break
            case 0x2028, 0x2029:
                scalars.append("\n")
            default:
                scalars.append(scalar)
            }
            previousWasCR = false
        }
        return String(scalars)
    }
}
