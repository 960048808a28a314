/// The one gate for text that came from a server: nothing in its output can drive a terminal.
///
/// - C0 controls (U+0000–U+001F) and DEL become visible Unicode Control Pictures
///   (ESC → "␛", BEL → "␇", NUL → "␀", DEL → "␡"), so an escape sequence shows up as harmless
///   text such as "␛[2J" instead of clearing the screen.
/// - C1 controls (U+0080–U+009F, including the 8-bit CSI U+009B) are dropped.
/// - Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are dropped, so text
///   cannot reorder what is drawn after it.
/// - A tab becomes one space.
/// - `\r\n` and a lone `\r` become `\n`, as do the Unicode line and paragraph separators
///   (U+2028, U+2029). A newline is kept when `keepNewlines` is true and becomes one space
///   otherwise (for one-line fields such as titles and user names).
public enum Sanitizer {
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        if isClean(text, keepNewlines: keepNewlines) { return text }
        let newline: Unicode.Scalar = keepNewlines ? "\n" : " "
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let wasAfterCR = afterCR
            afterCR = false
            switch v {
            case 0x0D:
                out.append(newline)
                afterCR = true
            case 0x0A:
                if !wasAfterCR { out.append(newline) }
            case 0x09:
                out.append(" ")
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v) ?? "\u{FFFD}")
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                continue
            case 0x2028, 0x2029:
                out.append(newline)
            default:
                if isBidiControl(v) { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `text` would come out of `clean` unchanged. One pass over the UTF-8 bytes: the
    /// scalars `clean` drops or replaces above U+007F are told by their encodings (C1 controls
    /// are C2 80–C2 9F; U+061C is D8 9C; the rest are E2 80 xx or E2 81 xx).
    public static func isClean(_ text: String, keepNewlines: Bool = false) -> Bool {
        var text = text
        return text.withUTF8 { isClean(utf8: $0, keepNewlines: keepNewlines) }
    }

    private static func isClean(utf8 bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F, !(byte == 0x0A && keepNewlines) { return false }
                index += 1
                continue
            }
            // Valid UTF-8 (every String is): a lead byte has its continuation bytes after it.
            switch byte {
            case 0xC2:
                if bytes[index + 1] <= 0x9F { return false }
            case 0xD8:
                if bytes[index + 1] == 0x9C { return false }
            case 0xE2:
                let second = bytes[index + 1]
                let third = bytes[index + 2]
                if second == 0x80, third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third) { return false }
                if second == 0x81, (0xA6...0xA9).contains(third) { return false }
            default:
                break
            }
            index += byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        }
        return true
    }

    /// The explicit directional formatting characters: embeddings, overrides, isolates, marks.
    @inline(__always)
    static func isBidiControl(_ v: UInt32) -> Bool {
        switch v {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
