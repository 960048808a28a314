import ForgeModel

/// Markdown source prepared for cmark-gfm: sanitised, with Allura's dialect (allura-rest.md §14)
/// turned into what cmark understands, and macros set aside.
///
/// - Line endings become `\n`, tabs are expanded to 4-column stops (as Python-Markdown does),
///   and `Sanitizer.clean` runs over the whole text.
/// - Abbreviation definitions (`*[HTML]: …`) are removed.
/// - `[TOC]` alone on a line becomes its own paragraph.
/// - A list may start right after a paragraph line: a blank line is inserted before it.
/// - Macros `[[name …]]` are replaced by placeholders (two Unicode noncharacters around a
///   number), so that cmark cannot autolink or emphasise inside them; `restore` puts the
///   original text back wherever it must appear verbatim (code, URLs, HTML).
struct MarkdownSource {
    private(set) var text: String
    private(set) var macros: [String] = []
    /// Whose references the plain text holds (Allura's `[#12]`, GitLab's `#12` and `~label`).
    let dialect: MarkupDialect

    // Noncharacters U+FDD0 and U+FDD1 (not allowed in Swift literals); never nil.
    static let placeholderOpen = Unicode.Scalar(0xFDD0 as UInt32) ?? "\u{FFFD}"
    static let placeholderClose = Unicode.Scalar(0xFDD1 as UInt32) ?? "\u{FFFD}"

    init(_ markdown: String, dialect: MarkupDialect = .allura) {
        self.dialect = dialect
        text = Sanitizer.clean(Self.expandTabs(markdown), keepNewlines: true)
        guard dialect == .allura else { return }
        text = Self.adjustLines(text)
        text = extractMacros(text)
    }

    /// `s` with every macro placeholder replaced by the macro's source text.
    func restore(_ s: String) -> String {
        guard !macros.isEmpty, s.unicodeScalars.contains(Self.placeholderOpen) else { return s }
        var out = String.UnicodeScalarView()
        forEachPiece(of: s) { piece in
            switch piece {
            case .text(let t): out.append(contentsOf: t.unicodeScalars)
            case .macro(let m): out.append(contentsOf: m.unicodeScalars)
            }
        }
        return String(out)
    }

    enum Piece {
        case text(String)
        case macro(String)
    }

    /// Splits `s` into plain text and macros (by their source text).
    func forEachPiece(of s: String, _ body: (Piece) -> Void) {
        // Placeholders are only there when macros were taken out.
        guard !macros.isEmpty else { return body(.text(s)) }
        var buffer = String.UnicodeScalarView()
        var scalars = s.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == Self.placeholderOpen else {
                buffer.append(scalar)
                continue
            }
            var number = 0
            var valid = false
            while let digit = scalars.next() {
                if digit == Self.placeholderClose {
                    valid = true
                    break
                }
                guard (0x30...0x39).contains(digit.value) else { break }
                number = number * 10 + Int(digit.value - 0x30)
            }
            if valid, number < macros.count {
                if !buffer.isEmpty { body(.text(String(buffer))) }
                buffer = String.UnicodeScalarView()
                body(.macro(macros[number]))
            }
        }
        if !buffer.isEmpty { body(.text(String(buffer))) }
    }

    // MARK: - Passes

    /// Normalises line endings, expands tabs to 4-column stops and drops the noncharacters
    /// used for placeholders.
    private static func expandTabs(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0D || $0 == 0xEF }) else { return s }
        var out = String.UnicodeScalarView()
        var column = 0
        var afterCR = false
        for scalar in s.unicodeScalars {
            let wasAfterCR = afterCR
            afterCR = false
            switch scalar.value {
            case 0x0D:
                out.append("\n")
                column = 0
                afterCR = true
            case 0x0A:
                if !wasAfterCR { out.append("\n") }
                column = 0
            case 0x09:
                let spaces = 4 - column % 4
                out.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
                column += spaces
            case 0xFDD0...0xFDEF:
                continue
            default:
                out.append(scalar)
                column += 1
            }
        }
        return String(out)
    }

    private static func adjustLines(_ s: String) -> String {
        var out: [Substring] = []
        var fence: (character: Character, count: Int)?
        var previousBlank = true
        var runHasListItem = false
        // Split on the byte: line endings are plain "\n" by now, and splitting on a Character
        // would segment every character of the text.
        for bytes in s.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                out.append(line)
                if let close = Self.fenceMarker(trimmed), close.character == open.character, close.count >= open.count,
                    trimmed.dropFirst(close.count).allSatisfy({ $0 == " " })
                {
                    fence = nil
                }
                continue
            }
            if let open = Self.fenceMarker(trimmed) {
                fence = open
                out.append(line)
                previousBlank = false
                continue
            }
            if trimmed.isEmpty {
                out.append(line)
                previousBlank = true
                runHasListItem = false
                continue
            }
            if line.hasPrefix("*["), line.contains("]:") { continue }  // abbreviation definition
            if trimmed.trimmingTrailingSpaces == "[TOC]" && line.count - trimmed.count <= 3 {
                out.append(contentsOf: ["", "[TOC]", ""])
                previousBlank = true
                runHasListItem = false
                continue
            }
            if Self.isListItem(line) {
                if !previousBlank && !runHasListItem { out.append("") }
                runHasListItem = true
            }
            out.append(line)
            previousBlank = false
        }
        // Joined by a plain loop, each line appended as the Substring it is: the generic
        // `joined(separator:)` costs a third of a million instructions the first time, before the
        // first posts are shown.
        var text = ""
        text.reserveCapacity(s.utf8.count + out.count)
        for (index, line) in out.enumerated() {
            if index > 0 { text += "\n" }
            text.append(contentsOf: line)
        }
        return text
    }

    /// A fence opener or closer: at least three backticks or tildes.
    private static func fenceMarker(_ trimmed: Substring) -> (character: Character, count: Int)? {
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let count = trimmed.prefix(while: { $0 == first }).count
        guard count >= 3 else { return nil }
        if first == "`" && trimmed.dropFirst(count).contains("`") { return nil }
        return (first, count)
    }

    /// `- item`, `* item`, `+ item`, `1. item`, `1) item`, indented by at most 3 spaces.
    private static func isListItem(_ line: Substring) -> Bool {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return false }
        var rest = line.dropFirst(indent)
        if let first = rest.first, first == "-" || first == "*" || first == "+" {
            rest = rest.dropFirst()
        } else {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber }).count
            guard digits >= 1, digits <= 9 else { return false }
            rest = rest.dropFirst(digits)
            guard let delimiter = rest.first, delimiter == "." || delimiter == ")" else { return false }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { return false }
        return rest.contains { $0 != " " }
    }

    /// Replaces `[[name …]]` (no brackets or newlines inside, a letter first) by placeholders.
    private mutating func extractMacros(_ s: String) -> String {
        // Bytes, not `contains("[[")`: Foundation's `contains` goes through NSString.
        guard s.containsBytes(0x5B, 0x5B) else { return s }
        var out = ""
        var rest = s[...]
        while let open = rest.firstRange(of: "[[") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let first = afterOpen.first, first.isLetter,
                let end = afterOpen.firstIndex(where: { $0 == "]" || $0 == "[" || $0 == "\n" }),
                afterOpen[end...].hasPrefix("]]"),
                !(out.last == "\\")
            else {
                out += "["
                rest = rest[rest.index(after: open.lowerBound)...]
                continue
            }
            let close = afterOpen.index(end, offsetBy: 2)
            out.unicodeScalars.append(Self.placeholderOpen)
            out += String(macros.count)
            out.unicodeScalars.append(Self.placeholderClose)
            macros.append(String(rest[open.lowerBound..<close]))
            rest = rest[close...]
        }
        out += rest
        return out
    }
}

extension StringProtocol {
    /// Whether the UTF-8 bytes `first` and `second` (ASCII) come one right after the other.
    func containsBytes(_ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == first, byte == second { return true }
            previous = byte
        }
        return false
    }

    var trimmingTrailingSpaces: SubSequence {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}
