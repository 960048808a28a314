/// The one gate for text that came from a server: nothing in its output can drive a terminal.
public enum Sanitizer {
    /// Returns `text` with every C0/C1 control character, ESC sequence and bidi control made
    /// harmless. Tabs become spaces; newlines are kept only when `keepNewlines` is true.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: out.append(scalar)
            case 0x09: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
