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
        let bytes = [UInt8](data)
        var text: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = decodeUTF8(bytes.dropFirst(3), warnings: &warnings)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) ?? ""
        } else {
            if looksBinary(bytes) { throw .binary }
            text = decodeUTF8(bytes[...], warnings: &warnings)
        }
        text = normalize(text)
        if text.allSatisfy({ $0.isWhitespace }) { throw .empty }
        return Decoded(text: text, warnings: warnings)
    }

    /// Invalid UTF-8 is most often Windows-1252 from an older system; read it as such rather
    /// than scattering replacement characters through the article.
    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>, warnings: inout [String]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        warnings.append("the file is not valid UTF-8; it was read as Windows-1252")
        return String(data: Data(bytes), encoding: .windowsCP1252)
            ?? String(decoding: bytes, as: UTF8.self)
    }

    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        guard !sample.isEmpty else { return false }
        let nulls = sample.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let controls = sample.reduce(0) { count, byte in
            count + ((byte < 0x09 || (byte > 0x0D && byte < 0x20)) ? 1 : 0)
        }
        return nulls > 0 && nulls * 100 > sample.count || controls * 10 > sample.count
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
