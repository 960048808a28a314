/// A run of text with one role. The text is already sanitised.
public struct StyledSpan: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .normal) {
        self.text = text
        self.role = role
    }
}

/// One display line: spans drawn left to right, at most the width it was wrapped to.
public struct StyledLine: Hashable, Sendable {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan] = []) {
        self.spans = spans
    }

    public init(_ text: String, _ role: Role = .normal) {
        self.spans = [StyledSpan(text, role)]
    }

    /// The plain text of the line.
    public var text: String { spans.plainText }
}

/// A run of text in a line, whatever else it carries.
protocol TextRun {
    var text: String { get }
}

extension StyledSpan: TextRun {}

extension Array where Element: TextRun {
    /// The runs' texts one after another. (Not `map(\.text).joined()`: the standard library's
    /// generic `joined` looks up its witnesses at run time on first use, a third of a million
    /// instructions on the way to the first frame.)
    var plainText: String {
        var text = ""
        for run in self { text += run.text }
        return text
    }
}

extension StyledLine {
    /// The display width of the line.
    public var width: Int { DisplayWidth.of(text) }

    /// The line cut to `width` cells with `…` as its last cell when it is wider; unchanged otherwise.
    public func truncated(to width: Int) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        guard self.width > width else { return self }
        var out: [StyledSpan] = []
        var used = 0
        let budget = width - 1
        var lastRole = spans.last?.role ?? .normal
        for span in spans {
            let room = budget - used
            guard room > 0 else { break }
            lastRole = span.role
            let w = DisplayWidth.of(span.text)
            if w <= room {
                out.append(span)
                used += w
                continue
            }
            var cut = ""
            var cutWidth = 0
            for character in span.text {
                let cw = DisplayWidth.of(character)
                if cutWidth + cw > room { break }
                cut.append(character)
                cutWidth += cw
            }
            out.append(StyledSpan(cut, span.role))
            used += cutWidth
            break
        }
        out.append(StyledSpan(String(repeating: " ", count: max(0, budget - used)) + "…", lastRole))
        return StyledLine(out)
    }
}
