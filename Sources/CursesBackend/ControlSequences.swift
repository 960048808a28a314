import TerminalUI

/// Escape sequences beside those of a frame's cells: OSC 8 hyperlinks and OSC 52 clipboard copies.
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
