extension String {
    /// The text without white space at either end, scalar by scalar: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` removes (the scalars Unicode calls
    /// White_Space, and the zero-width space). Plain Swift: Foundation's way goes through NSString,
    /// which cost a third of a millisecond on the way to the first request.
    public var trimmedOfWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !Self.isTrimmed($0) })
        else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}
