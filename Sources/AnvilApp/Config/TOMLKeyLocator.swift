/// Finds the line on which a key is written in a TOML document.
///
/// TOMLKit reports lines for syntax errors only, so type and unknown-key errors find their line
/// here. The text has already been accepted by the TOML parser, so the scan can be simple: it
/// reads table headers and `key =` at the start of statements and skips values, strings and
/// comments, including those spanning lines. Keys inside inline tables are not indexed; a look-up
/// for one answers the line of the nearest enclosing key.
struct TOMLKeyLocator {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var scanner = Scanner(characters: Array(text.unicodeScalars))
        scanner.run { path, line in
            if lines[path] == nil { lines[path] = line }
        }
    }

    /// The line of `path`, or of its nearest ancestor that is written in the text.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(characters: [Unicode.Scalar]) { self.characters = characters }

        private var current: Unicode.Scalar? { index < characters.count ? characters[index] : nil }

        private func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        mutating func run(record: (_ path: [String], _ line: Int) -> Void) {
            var table: [String] = []
            while let c = current {
                switch c {
                case " ", "\t", "\r":
                    index += 1
                case "\n":
                    line += 1
                    index += 1
                case "#":
                    skipComment()
                case "[":
                    let isArrayOfTables = peek(1) == "["
                    index += isArrayOfTables ? 2 : 1
                    table = readKeyPath()
                    record(table, line)
                    while let c = current, c != "\n" { index += 1 }
                default:
                    let keyLine = line
                    let key = readKeyPath()
                    if key.isEmpty {
                        index += 1  // not a key; cannot happen in valid TOML, but never loop forever
                        continue
                    }
                    for length in 1...key.count { record(table + key.prefix(length), keyLine) }
                    if current == "=" { index += 1 }
                    skipValue()
                }
            }
        }

        private mutating func skipComment() {
            while let c = current, c != "\n" { index += 1 }
        }

        private mutating func skipBlanks() {
            while let c = current, c == " " || c == "\t" { index += 1 }
        }

        /// Reads `a."b c".d` and stops at the first character that cannot continue it.
        private mutating func readKeyPath() -> [String] {
            var parts: [String] = []
            while true {
                skipBlanks()
                guard let c = current else { return parts }
                if c == "\"" {
                    index += 1
                    parts.append(readBasicString())
                } else if c == "'" {
                    index += 1
                    parts.append(readLiteralString())
                } else if Self.isBare(c) {
                    var part = ""
                    while let c = current, Self.isBare(c) {
                        part.unicodeScalars.append(c)
                        index += 1
                    }
                    parts.append(part)
                } else {
                    return parts
                }
                skipBlanks()
                guard current == "." else { return parts }
                index += 1
            }
        }

        private static func isBare(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c)
                || ("0"..."9").contains(c) || c == "_" || c == "-"
        }

        /// Reads the rest of a one-line `"..."` string, the opening quote consumed.
        private mutating func readBasicString() -> String {
            var value = ""
            while let c = current, c != "\n" {
                index += 1
                if c == "\"" { return value }
                if c == "\\", let escaped = current {
                    index += 1
                    switch escaped {
                    case "n": value += "\n"
                    case "t": value += "\t"
                    case "r": value += "\r"
                    case "b": value += "\u{8}"
                    case "f": value += "\u{C}"
                    case "u", "U":
                        let digits = escaped == "u" ? 4 : 8
                        var hex = ""
                        for _ in 0..<digits {
                            guard let h = current else { break }
                            hex.unicodeScalars.append(h)
                            index += 1
                        }
                        if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                            value.unicodeScalars.append(scalar)
                        }
                    default: value.unicodeScalars.append(escaped)
                    }
                } else {
                    value.unicodeScalars.append(c)
                }
            }
            return value
        }

        /// Reads the rest of a one-line `'...'` string, the opening quote consumed.
        private mutating func readLiteralString() -> String {
            var value = ""
            while let c = current, c != "\n" {
                index += 1
                if c == "'" { return value }
                value.unicodeScalars.append(c)
            }
            return value
        }

        /// Skips a value up to the end of its statement: the newline after it, outside any
        /// array, inline table or string.
        private mutating func skipValue() {
            var depth = 0
            while let c = current {
                switch c {
                case "\"", "'":
                    if peek(1) == c && peek(2) == c {
                        index += 3
                        skipMultilineString(quote: c)
                    } else {
                        index += 1
                        _ = c == "\"" ? readBasicString() : readLiteralString()
                    }
                case "[", "{":
                    depth += 1
                    index += 1
                case "]", "}":
                    depth -= 1
                    index += 1
                case "#":
                    skipComment()
                case "\n":
                    if depth <= 0 { return }
                    line += 1
                    index += 1
                default:
                    index += 1
                }
            }
        }

        /// Skips to the end of a `"""` or `'''` string, counting the lines inside it.
        private mutating func skipMultilineString(quote: Unicode.Scalar) {
            while let c = current {
                if c == "\n" {
                    line += 1
                } else if c == "\\" && quote == "\"" {
                    index += 1
                    if current == "\n" { line += 1 }
                } else if c == quote && peek(1) == quote && peek(2) == quote {
                    index += 3
                    // A closing run may hold up to two more quotes that belong to the string.
                    while current == quote { index += 1 }
                    return
                }
                index += 1
            }
        }
    }
}
