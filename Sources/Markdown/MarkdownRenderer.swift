import CCmark

/// CommonMark to HTML through cmark, the reference implementation.
///
/// Raw HTML in the source is dropped and `javascript:`-style links are emptied (cmark's safe
/// mode), so article text can never inject markup; quotes and dashes become typographic.
public struct MarkdownRenderer: Sendable {
    public var smartPunctuation: Bool

    public init(smartPunctuation: Bool = true) {
        self.smartPunctuation = smartPunctuation
    }

    public func html(_ markdown: String) -> String {
        var options = CMARK_OPT_DEFAULT
        if smartPunctuation { options |= CMARK_OPT_SMART }
        // Scraped text can carry NUL bytes; cmark would replace them, but the length must be in bytes.
        return markdown.withCString { pointer -> String in
            let length = strlen(pointer)
            guard let rendered = cmark_markdown_to_html(pointer, length, options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The version of the linked cmark library, for `--version` and bug reports.
    public static var cmarkVersion: String {
        String(cString: cmark_version_string())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
