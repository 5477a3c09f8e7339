/// Writes an article as Markdown with YAML front matter, the form `broadsheet import` produces
/// and the Markdown loader reads back.
public enum FrontMatterWriter {
    /// A front matter value: text, or a list of texts.
    public enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    /// Fields are written in the order given; empty values are left out.
    public static func document(_ fields: [(String, Value?)], body: String) -> String {
        var yaml = "---\n"
        for (key, value) in fields {
            switch value {
            case .text(let text)? where !text.isEmpty:
                yaml += "\(key): \(quoted(text))\n"
            case .list(let items)? where !items.isEmpty:
                yaml += "\(key): [\(items.map(quoted).joined(separator: ", "))]\n"
            default:
                continue
            }
        }
        yaml += "---\n"
        return yaml + body
    }

    /// A YAML double-quoted scalar: every value stays a string, whatever it looks like
    /// (`no`, `2025-01-01`, `: `), and control characters are escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
