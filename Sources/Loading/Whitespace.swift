extension StringProtocol {
    /// The text without surrounding spaces, tabs and no-break spaces. Cheaper than Foundation's
    /// `trimmingCharacters(in:)`, which bridges through NSString; this runs on every line.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return String(self) }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start..<end])
        return String(result)
    }
}

private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0xA0, 0x3000, 0x2000...0x200A, 0x202F, 0x205F, 0x1680: return true
    default: return false
    }
}
