import CCurses

/// Chooses the wide characters one canvas cell is written as. Pure: the character-width
/// function is passed in (the C library's `wcwidth` in the backend).
enum CellGlyph {
    /// Combining marks kept after the base character (curses holds a few per cell).
    static let maximumMarks = 3

    /// The characters for a cell holding `text` that the canvas gives `canvasWidth` columns:
    /// the first scalar of the cluster plus the combining marks right after it. Joiners,
    /// variation selectors and further emoji of a ZWJ sequence are dropped, because terminals
    /// disagree about how wide those render. A base character the C library cannot print, or sees
    /// as wider than the canvas does, becomes U+FFFD (or `?` outside UTF-8 locales).
    static func characters(of text: String, canvasWidth: Int, width: (wchar_t) -> Int) -> [wchar_t] {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return [0x20] }
        let base = wchar_t(bitPattern: first.value)
        let baseWidth = width(base)
        guard baseWidth >= 1, baseWidth <= canvasWidth else { return [replacement(width: width)] }
        var result = [base]
        for scalar in scalars.dropFirst() {
            guard result.count <= maximumMarks, isMark(scalar), width(wchar_t(bitPattern: scalar.value)) == 0 else {
                break
            }
            result.append(wchar_t(bitPattern: scalar.value))
        }
        return result
    }

    /// The byte of a cell holding one printable ASCII character (which `characters` writes as
    /// itself in every locale), else nil.
    static func printableASCII(_ text: String) -> UInt8? {
        var bytes = text.utf8.makeIterator()
        guard let byte = bytes.next(), bytes.next() == nil, byte >= 0x20, byte < 0x7F else { return nil }
        return byte
    }

    static func replacement(width: (wchar_t) -> Int) -> wchar_t {
        width(0xFFFD) == 1 ? 0xFFFD : 0x3F
    }

    /// A combining mark that is not a variation selector.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }
}
