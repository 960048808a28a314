import Text

/// A theme that cannot be used: a bad line in a theme file, or a theme that cannot be found.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or theme name) the problem is in.
    public var file: String
    /// The 1-based line of the problem, or nil when it concerns the whole file.
    public var line: Int?
    /// What is wrong, without the location.
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// The full message, `themes/x.theme:7: unknown role 'foo'`.
    public var message: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }

    public var description: String { message }
}

/// Reads the theme file format: one rule a line, `#` starts a comment line,
/// `color ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]`.
public enum ThemeParser {
    /// Parses theme text. `file` names the source in errors; the theme's name is the file's
    /// base name without `.theme`. A later rule for the same role replaces an earlier one.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var styles: [Role: TextStyle] = [:]
        var lineNumber = 0
        // Split on bytes, not characters: the separators are ASCII, and a character-wise split
        // walks grapheme clusters (where "\r\n" is one character, not a line end). By a plain loop
        // over an array: the standard library's generic split costs a quarter of a million
        // instructions for a theme, on the way to the first screen.
        let bytes = Array(text.utf8)
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            let fields = Self.fields(of: bytes[lineStart..<lineEnd])
            guard let keyword = fields.first, !keyword.hasPrefix("#") else { continue }
            func fail(_ reason: String) -> ThemeError { ThemeError(file: file, line: lineNumber, reason: reason) }
            guard keyword.lowercased() == "color" else {
                throw fail("unknown rule '\(keyword)' (expected 'color ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]')")
            }
            guard fields.count >= 4 else {
                let missing = ["role", "foreground colour", "background colour"][fields.count - 1]
                throw fail("missing \(missing) (expected 'color ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]')")
            }
            guard let role = Role(rawValue: fields[1].lowercased()) else {
                throw fail("unknown role '\(fields[1])'")
            }
            guard let foreground = parseColor(fields[2]) else { throw fail("unknown colour '\(fields[2])'") }
            guard let background = parseColor(fields[3]) else { throw fail("unknown colour '\(fields[3])'") }
            var attributes: Attributes = []
            for name in fields.dropFirst(4) {
                guard let attribute = attributeNames[name.lowercased()] else {
                    throw fail(
                        "unknown attribute '\(name)' (known: \(attributeNames.keys.sorted().joined(separator: ", ")))")
                }
                attributes.insert(attribute)
            }
            styles[role] = TextStyle(foreground: foreground, background: background, attributes: attributes)
        }
        return Theme(name: themeName(fromFile: file), styles: styles)
    }

    /// The words of a line: what lies between spaces, tabs and carriage returns.
    private static func fields(of line: ArraySlice<UInt8>) -> [String] {
        var fields: [String] = []
        var index = line.startIndex
        while index < line.endIndex {
            while index < line.endIndex, isSeparator(line[index]) { index += 1 }
            let start = index
            while index < line.endIndex, !isSeparator(line[index]) { index += 1 }
            if index > start { fields.append(String(decoding: line[start..<index], as: UTF8.self)) }
        }
        return fields
    }

    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// A colour as written in a theme: `default`, a name, `bright-NAME`, `0`–`255` or `#rrggbb`.
    public static func parseColor(_ text: String) -> Color? {
        let word = text.lowercased()
        if word == "default" { return .default }
        if let index = colorNames.firstIndex(of: word) { return .indexed(index) }
        if word.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(word.dropFirst(7))) {
            return .indexed(index + 8)
        }
        if let number = Int(word), (0...255).contains(number), word.allSatisfy(\.isASCII) { return .indexed(number) }
        if word.hasPrefix("#"), word.count == 7 {
            let hex = word.dropFirst()
            guard hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII), let value = UInt32(hex, radix: 16) else {
                return nil
            }
            return .rgb(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        }
        return nil
    }

    /// The eight basic colour names, in terminal order.
    public static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static let attributeNames: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline,
        "reverse": .reverse, "standout": .standout,
    ]

    /// `themes/dark.theme` → `dark`.
    static func themeName(fromFile file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".theme") ? String(base.dropLast(6)) : base
    }
}
