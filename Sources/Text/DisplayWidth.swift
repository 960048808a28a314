/// Terminal cell widths of text, as ncursesw sees them.
///
/// A character (grapheme cluster) is as wide as its first scalar, and a scalar is as wide as
/// glibc's `wcwidth` says in the C.UTF-8 locale: East Asian Wide and Fullwidth characters
/// (CJK, Hangul, most emoji with default emoji presentation) take 2 cells; combining marks,
/// Hangul medial and final jamo, format characters (ZWJ, ZWSP, …) and variation selectors take
/// 0; everything else printable takes 1. The ranges live in `WidthTable.swift`, generated from
/// glibc and checked against it by the tests, so no locale is needed at run time.
///
/// Deliberate differences from `wcwidth`: C0 and C1 controls and DEL are 0 here (wcwidth: -1;
/// they never reach the screen, `Sanitizer` removes them), and code points glibc does not
/// know (unassigned in its Unicode version: wcwidth -1) are 1.
public enum DisplayWidth {
    /// Cells a scalar occupies on its own: 0, 1 or 2.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }
        if (0x4E00...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }  // CJK, Hangul: common
        if contains(zeroWidthRanges, v) { return 0 }
        if v >= 0x1100 && contains(wideRanges, v) { return 2 }
        return 1
    }

    /// Cells a character occupies: the width of its first scalar (0, 1 or 2).
    @inline(__always)
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Cells a string occupies: the sum over its characters.
    public static func of(_ text: String) -> Int {
        measure(text).width
    }

    /// `text` cut to at most `width` cells. When it had to be cut, `ellipsis` takes the last
    /// cells (unless the ellipsis alone is wider than `width`; then the text is just clipped).
    /// A wide character that would straddle the limit is left out.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let measured = measure(text)
        if measured.width <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
        var out: String
        if measured.plainASCII {
            out = String(text.prefix(budget))
        } else {
            out = ""
            var used = 0
            for character in text {
                let w = of(character)
                if used + w > budget { break }
                out.append(character)
                used += w
            }
        }
        if ellipsisWidth <= width { out += ellipsis }
        return out
    }

    /// `text` made exactly `width` cells wide: cut as `truncate` does, then padded on the right
    /// with spaces.
    public static func pad(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let w = of(cut)
        return w < width ? cut + String(repeating: " ", count: width - w) : cut
    }

    /// The width of `text`, and whether it is all printable ASCII (one cell per byte).
    static func measure(_ text: String) -> (width: Int, plainASCII: Bool) {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> (width: Int, plain: Bool)? in
            var width = 0
            var plain = true
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte >= 0x20 && byte != 0x7F { width += 1 } else { plain = false }
            }
            return (width, plain)
        }
        if let result = ascii ?? nil { return (result.width, result.plain) }
        if let width = scalarWidth(text) { return (width, false) }
        var width = 0
        for character in text { width += of(character) }
        return (width, false)
    }

    /// The width of `text` summed over its scalars, when that is sure to equal the sum over
    /// its grapheme clusters: every scalar either starts a cluster or is zero-width. This holds
    /// for Latin, Greek, Cyrillic, Hebrew, CJK, kana, Hangul syllables, symbols and emoji
    /// without joiners, skin tones or flags. Anything else (Indic spacing marks, Hangul jamo,
    /// ZWJ sequences, regional indicators, prepended marks …) gives nil, and the caller walks
    /// the clusters.
    private static func scalarWidth(_ text: String) -> Int? {
        var width = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x600, 0x2000..<0x200D, 0x200E..<0x2C00, 0x2E80..<0xA000, 0xAC00..<0xD7A4, 0xFE00..<0xFE10,
                0xFE20..<0xFF9E, 0xFFA0..<0xFFF0, 0x1F000..<0x1F1E6, 0x1F200..<0x1F3FB, 0x1F400..<0x1FB00,
                0x20000..<0x3FFFE, 0xE0000..<0xE0080:
                width += of(scalar)
            default:
                return nil
            }
        }
        return width
    }

    @inline(__always)
    private static func contains(_ ranges: [UInt32], _ v: UInt32) -> Bool {
        // Binary search over (lo, hi) pairs.
        var low = 0
        var high = ranges.count / 2 - 1
        if high < 0 || v < ranges[0] || v > ranges[ranges.count - 1] { return false }
        while low <= high {
            let mid = (low + high) >> 1
            if v < ranges[2 * mid] {
                high = mid - 1
            } else if v > ranges[2 * mid + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
