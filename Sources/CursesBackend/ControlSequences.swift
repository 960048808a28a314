import TerminalUI

/// The escape sequences Anvil writes itself, beside what curses writes: OSC 8 hyperlinks, OSC 52
/// clipboard copies, and the SGR that redraws a linked cell in its role's style.
enum ControlSequences {
    /// The most bytes of text one OSC 52 copy carries: terminals drop longer ones (xterm's
    /// default limit is about 100 KB of base64).
    static let maximumClipboardBytes = 74_000

    /// `ESC ] 52 ; c ; BASE64 ESC \`: puts `text` on the clipboard; nil when it is too long.
    static func clipboard(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumClipboardBytes else { return nil }
        return "\u{1B}]52;c;" + base64(bytes) + "\u{1B}\\"
    }

    /// `sequence` wrapped for tmux to pass on to the terminal it runs in (`ESC P tmux; … ESC \`,
    /// each ESC inside doubled); tmux does so when `allow-passthrough` is on.
    static func tmuxPassthrough(_ sequence: String) -> String {
        "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }

    /// `ESC ] 8 ; ; URL ESC \`, which starts a hyperlink; nil for an address that cannot be one.
    /// Only printable ASCII may stand in the sequence, so other bytes are percent-encoded.
    static func hyperlinkStart(_ url: String) -> String? {
        var safe = ""
        for byte in url.utf8 {
            if byte > 0x20 && byte < 0x7F {
                safe.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                safe += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        guard !safe.isEmpty, safe.utf8.count <= 2048 else { return nil }
        return "\u{1B}]8;;" + safe + "\u{1B}\\"
    }

    /// `ESC ] 8 ; ; ESC \`: ends a hyperlink.
    static let hyperlinkEnd = "\u{1B}]8;;\u{1B}\\"

    /// Saves and restores the cursor's position and attributes (DECSC, DECRC) around writes
    /// curses does not know of.
    static let saveCursor = "\u{1B}7"
    static let restoreCursor = "\u{1B}8"

    /// Moves the cursor to 0-based `row` and `column`.
    static func move(row: Int, column: Int) -> String { "\u{1B}[\(row + 1);\(column + 1)H" }

    /// The SGR sequence for `style`, its colours mapped by `resolver`.
    static func sgr(_ style: TextStyle, resolver: ColorResolver) -> String {
        var codes = ["0"]
        let attributes = style.attributes
        if attributes.contains(.bold) { codes.append("1") }
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.italic) { codes.append("3") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.reverse) || attributes.contains(.standout) { codes.append("7") }
        if let code = color(resolver.resolve(style.foreground), base: 30, palette: resolver.palette) {
            codes.append(code)
        }
        if let code = color(resolver.resolve(style.background), base: 40, palette: resolver.palette) {
            codes.append(code)
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR code of a resolved colour (`base` 30 for the foreground, 40 for the background).
    private static func color(_ value: Int, base: Int, palette: ColorResolver.Palette) -> String? {
        guard value >= 0 else { return nil }
        if palette == .direct, value >= 8 {
            return "\(base + 8);2;\((value >> 16) & 0xFF);\((value >> 8) & 0xFF);\(value & 0xFF)"
        }
        if value < 8 { return "\(base + value)" }
        if value < 16 { return "\(base + 60 + value - 8)" }
        return "\(base + 8);5;\(value)"
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func base64(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                if position <= chunk.count {
                    out.append(alphabet[(value >> (18 - 6 * position)) & 0x3F])
                } else {
                    out.append("=")
                }
            }
            index += 3
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
