/// Word wrapping of styled text by display width.
public enum Wrapper {
    /// Wraps `line` into lines of at most `width` cells. Each output line starts with
    /// `firstIndent` (the first line) or `restIndent` (the others); spans keep their roles.
    ///
    /// Lines break at spaces, and between CJK (wide) characters, which need no spaces. A word
    /// longer than a line is broken across lines. Spaces inside a line are kept as they are,
    /// spaces at a break are dropped (no leading spaces on continuation lines). A `"\n"` in the
    /// text forces a break. Indents wider than the line are clipped, so no line is ever wider
    /// than `width`.
    public static func wrap(
        _ line: StyledLine, width: Int, firstIndent: [StyledSpan] = [], restIndent: [StyledSpan] = []
    ) -> [StyledLine] {
        layout(
            line.spans.map { TaggedSpan($0.text, $0.role) }, width: width, firstIndent: firstIndent,
            restIndent: restIndent
        )
        .lines
    }

    /// Wraps plain text in one role.
    public static func wrap(_ text: String, role: Role = .normal, width: Int) -> [StyledLine] {
        wrap(StyledLine(text, role), width: width)
    }

    struct Result {
        var lines: [StyledLine]
        /// For each tag, the index of the line its first character landed on.
        var tagLines: [Int: Int]
        /// The tags in the order their first characters appear.
        var tagOrder: [Int]
    }

    /// The wrapping itself, reporting where tagged spans (links) start.
    static func layout(
        _ spans: [TaggedSpan], width: Int, firstIndent: [StyledSpan] = [], restIndent: [StyledSpan] = [],
        shortcut: Bool = true
    ) -> Result {
        guard width > 0 else {
            var result = Result(lines: [StyledLine()], tagLines: [:], tagOrder: [])
            for span in spans where span.tag >= 0 && result.tagLines[span.tag] == nil {
                result.tagLines[span.tag] = 0
                result.tagOrder.append(span.tag)
            }
            return result
        }
        var state = LayoutState(
            width: width, firstIndent: clip(firstIndent, to: width - 1), restIndent: clip(restIndent, to: width - 1))
        if shortcut, let line = oneLine(spans, after: state.current, available: state.available) { return line }

        // Units: one per character, with the span it came from and where it is in its text.
        var units: [Unit] = []
        units.reserveCapacity(spans.reduce(0) { $0 + $1.text.utf8.count })
        for (index, span) in spans.enumerated() {
            appendUnits(of: span.text, span: index, to: &units)
        }

        var i = 0
        while i < units.count {
            let unit = units[i]
            if unit.isNewline {
                state.flush(wrapped: false)
                i += 1
            } else if unit.isSpace && !spans[unit.span].keepTogether {
                var end = i
                while end < units.count && units[end].isSpace { end += 1 }
                state.space(units[i..<end])
                i = end
            } else {
                var end = i + 1
                while end < units.count, !units[end].isNewline,
                    !units[end].isSpace || spans[units[end].span].keepTogether,
                    !canBreak(between: units[end - 1], and: units[end])
                {
                    end += 1
                }
                state.word(units[i..<end], spans: spans)
                i = end
            }
        }
        state.finish()
        return Result(lines: state.lines, tagLines: state.tagLines, tagOrder: state.tagOrder)
    }

    /// The layout of `spans` when they are printable ASCII that fits in `available` cells after
    /// `indent`, without trailing spaces: the line as it is, spans of one role joined (what the
    /// general layout gives, without splitting most short paragraphs into characters); else nil.
    static func oneLine(_ spans: [TaggedSpan], after indent: [StyledSpan], available: Int) -> Result? {
        var total = 0
        var lastByte: UInt8?
        for span in spans {
            for byte in span.text.utf8 {
                guard byte >= 0x20, byte < 0x7F else { return nil }
                lastByte = byte
            }
            total += span.text.utf8.count
        }
        guard total <= available, let lastByte, lastByte != 0x20 else { return nil }
        var line = indent
        var result = Result(lines: [], tagLines: [:], tagOrder: [])
        for span in spans where !span.text.isEmpty {
            if span.tag >= 0 && result.tagLines[span.tag] == nil {
                result.tagLines[span.tag] = 0
                result.tagOrder.append(span.tag)
            }
            if line.count > indent.count, line[line.count - 1].role == span.role {
                line[line.count - 1].text += span.text
            } else {
                line.append(StyledSpan(span.text, span.role))
            }
        }
        result.lines = [StyledLine(line)]
        return result
    }

    struct Unit {
        var character: Character
        var width: Int
        var span: Int
        /// Where the character is in its span's text.
        var range: Range<String.Index>
        var isSpace: Bool
        var isNewline: Bool
        /// Shown as "…" instead: a wide character in a line one cell wide.
        var isStandIn = false

        init(
            _ character: Character, width: Int, span: Int, range: Range<String.Index>, isSpace: Bool, isNewline: Bool
        ) {
            self.character = character
            self.width = width
            self.span = span
            self.range = range
            self.isSpace = isSpace
            self.isNewline = isNewline
        }
    }

    /// The units of `text`, a span's. An ASCII character that no mark joins (the byte after it is
    /// ASCII too) is a byte, so most text is not segmented into characters; the rest is.
    static func appendUnits(of text: String, span: Int, to units: inout [Unit]) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte < 0x80, byte != 0x0D, next == utf8.endIndex || utf8[next] < 0x80 {
                let printable = byte >= 0x20 && byte != 0x7F
                units.append(
                    Unit(
                        Character(Unicode.Scalar(byte)), width: printable ? 1 : 0, span: span, range: index..<next,
                        isSpace: byte == 0x20, isNewline: byte == 0x0A))
                index = next
            } else {
                // A space or newline is a unit only as a character of its own (not joined by a
                // mark), which one byte long tells without comparing characters (that normalises).
                let end = text.index(after: index)
                let character = text[index]
                let single = next == end
                units.append(
                    Unit(
                        character, width: DisplayWidth.of(character), span: span, range: index..<end,
                        isSpace: single && byte == 0x20, isNewline: single && byte == 0x0A))
                index = end
            }
        }
    }

    /// Line-breaking opportunities without a space: next to a wide (CJK) character, except
    /// before closing punctuation and after opening punctuation.
    private static func canBreak(between a: Unit, and b: Unit) -> Bool {
        guard a.width == 2 || b.width == 2 else { return false }
        return !noBreakBefore.contains(b.character) && !noBreakAfter.contains(a.character)
    }

    private static let noBreakBefore: Set<Character> = Set(
        "、。，．・：；？！ー)）]］｝〕〉》」』】〙〗〟’”»›…‥ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?%")
    private static let noBreakAfter: Set<Character> = Set("(（[［｛〔〈《「『【〘〖〝‘“«‹")

    /// The greedy line filler.
    private struct LayoutState {
        let width: Int
        let firstIndent: [StyledSpan]
        let restIndent: [StyledSpan]
        var lines: [StyledLine] = []
        var tagLines: [Int: Int] = [:]
        var tagOrder: [Int] = []
        var current: [StyledSpan]
        var used = 0
        var available: Int
        /// Spaces seen since the last word, placed only if another word follows on this line.
        var pending: ArraySlice<Unit> = []
        var pendingWidth = 0
        /// Whether this line continues a wrapped one: its leading spaces are dropped.
        var continuation = false
        /// Spans at the start of `current` that are the indent (never merged into).
        var indentCount: Int

        init(width: Int, firstIndent: [StyledSpan], restIndent: [StyledSpan]) {
            self.width = width
            self.firstIndent = firstIndent
            self.restIndent = restIndent
            current = firstIndent
            indentCount = firstIndent.count
            available = width - DisplayWidth.of(firstIndent.plainText)
        }

        mutating func flush(wrapped: Bool) {
            lines.append(StyledLine(current))
            current = restIndent
            indentCount = restIndent.count
            available = width - DisplayWidth.of(restIndent.plainText)
            used = 0
            pending = []
            pendingWidth = 0
            continuation = wrapped
        }

        mutating func finish() {
            lines.append(StyledLine(current))
        }

        mutating func space(_ units: ArraySlice<Unit>) {
            if used == 0 && continuation { return }
            pending = pending.isEmpty ? units : pending + units
            pendingWidth += units.reduce(0) { $0 + $1.width }
        }

        mutating func word(_ units: ArraySlice<Unit>, spans: [TaggedSpan]) {
            let w = units.reduce(0) { $0 + $1.width }
            if used + pendingWidth + w <= available {
                appendPending(spans: spans)
                append(units, spans: spans)
                return
            }
            if used > 0 { flush(wrapped: true) }
            // An empty line (or leading spaces that do not fit with the word): start here.
            pending = []
            pendingWidth = 0
            if w <= available {
                append(units, spans: spans)
            } else {
                breakLong(units, spans: spans)
            }
        }

        private mutating func appendPending(spans: [TaggedSpan]) {
            if !pending.isEmpty { append(pending, spans: spans) }
            pending = []
            pendingWidth = 0
        }

        /// A word wider than the line: fill lines character by character.
        private mutating func breakLong(_ units: ArraySlice<Unit>, spans: [TaggedSpan]) {
            for unit in units {
                if used + unit.width > available {
                    if used > 0 { flush(wrapped: true) }
                    if unit.width > available {
                        // A wide character in a one-cell line: show that something is there.
                        var stand = unit
                        stand.character = "…"
                        stand.width = 1
                        stand.isStandIn = true
                        append([stand], spans: spans)
                        continue
                    }
                }
                append([unit], spans: spans)
            }
        }

        /// Puts `units` on the current line: each run of them that lies together in one span's
        /// text is appended as one piece of it.
        private mutating func append(_ units: some Collection<Unit>, spans: [TaggedSpan]) {
            var index = units.startIndex
            while index != units.endIndex {
                let first = units[index]
                var end = first.range.upperBound
                var width = first.width
                index = units.index(after: index)
                while !first.isStandIn, index != units.endIndex, units[index].span == first.span,
                    units[index].range.lowerBound == end, !units[index].isStandIn
                {
                    end = units[index].range.upperBound
                    width += units[index].width
                    index = units.index(after: index)
                }
                let span = spans[first.span]
                if span.tag >= 0 && tagLines[span.tag] == nil {
                    tagLines[span.tag] = lines.count
                    tagOrder.append(span.tag)
                }
                let piece = first.isStandIn ? "…" : span.text[first.range.lowerBound..<end]
                if current.count > indentCount, let last = current.indices.last, current[last].role == span.role {
                    // A String appended, not the Substring: that append is generic and unspecialised
                    // (a third of a million instructions the first time, before the first post).
                    current[last].text += String(piece)
                } else {
                    current.append(StyledSpan(String(piece), span.role))
                }
                used += width
            }
        }
    }

    /// `spans` cut to at most `width` cells.
    static func clip(_ spans: [StyledSpan], to width: Int) -> [StyledSpan] {
        var out: [StyledSpan] = []
        var used = 0
        for span in spans {
            let w = DisplayWidth.of(span.text)
            if used + w <= width {
                out.append(span)
                used += w
            } else {
                let cut = DisplayWidth.truncate(span.text, to: width - used, ellipsis: "")
                if !cut.isEmpty { out.append(StyledSpan(cut, span.role)) }
                break
            }
        }
        return out
    }
}

/// A span that may carry a tag (a link number) whose position the wrapper reports.
struct TaggedSpan: TextRun {
    var text: String
    var role: Role
    var tag: Int
    /// Spaces inside do not break the line (`[Page Name]` stays whole when it fits).
    var keepTogether: Bool

    init(_ text: String, _ role: Role = .normal, tag: Int = -1, keepTogether: Bool = false) {
        self.text = text
        self.role = role
        self.tag = tag
        self.keepTogether = keepTogether
    }
}
