/// Trimming in plain Swift, scalar by scalar, removing what Foundation's `trimmingCharacters(in:)`
/// removes for the same set. Foundation's way goes through NSString and CoreFoundation: the first
/// call of a process cost about a million instructions (a third of a millisecond) before it trimmed
/// anything.
extension String {
    /// Without white space or line ends at either end: Foundation's `.whitespacesAndNewlines` (the
    /// scalars Unicode calls White_Space, and the zero-width space).
    public var trimmedOfWhitespace: String {
        trimming { $0.properties.isWhitespace || $0 == "\u{200B}" }
    }

    /// Without spaces and tabs at either end, line ends kept: Foundation's `.whitespaces` (space
    /// separators, the tab, and the zero-width space).
    public var trimmedOfSpaces: String {
        trimming { scalar in
            switch scalar.value {
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
    }

    /// Without line ends at either end: Foundation's `.newlines`.
    public var trimmedOfNewlines: String {
        trimming { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
    }

    /// Without the scalars of `set` at either end: Foundation's `CharacterSet(charactersIn: set)`.
    public func trimming(scalarsIn set: String) -> String {
        trimming { set.unicodeScalars.contains($0) }
    }

    /// Without the scalars `isTrimmed` accepts at either end.
    public func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

/// The same trimming for a slice of a string (kept concrete: a generic one would look up its types
/// at run time on its first call).
extension Substring {
    public var trimmedOfWhitespace: String { String(self).trimmedOfWhitespace }
    public var trimmedOfSpaces: String { String(self).trimmedOfSpaces }
    public var trimmedOfNewlines: String { String(self).trimmedOfNewlines }
    public func trimming(scalarsIn set: String) -> String { String(self).trimming(scalarsIn: set) }
}
