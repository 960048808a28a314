/// A GFM pipe table drawn with box characters. Columns take the display width of their
/// widest cell; when the table is too wide they shrink in proportion to what they ask for and
/// their cells wrap. A table too narrow even for that is shown as "header: value" records.
struct TableLayout {
    private var rows: [[InlineContent]] = []
    private var headerRows = 0
    private let alignments: [Character?]
    private let columns: Int

    init(node: CMarkNode, inline: InlineRenderer) {
        var header = inline
        header.base = .strong
        var widest = 0
        for row in node.children where row.kind == .tableRow {
            let isHeader = row.isTableHeaderRow
            let renderer = isHeader ? header : inline
            let cells = row.children.filter { $0.kind == .tableCell }.map { renderer.render($0) }
            widest = max(widest, cells.count)
            if isHeader && rows.count == headerRows { headerRows += 1 }
            rows.append(cells)
        }
        alignments = node.tableAlignments
        columns = max(widest, node.tableColumns)
        for i in rows.indices where rows[i].count < columns {
            rows[i] += Array(repeating: InlineContent(), count: columns - rows[i].count)
        }
    }

    func render(width: Int) -> Fragment {
        guard columns > 0, !rows.isEmpty else { return Fragment() }
        let natural = (0..<columns).map { c in max(1, rows.map { Self.naturalWidth($0[c]) }.max() ?? 1) }
        guard let widths = Self.columnWidths(natural: natural, available: width - (3 * columns + 1)) else {
            return records(width: width)
        }
        var fragment = Fragment()
        fragment.lines.append(Self.rule("┌", "┬", "┐", widths))
        for (r, row) in rows.enumerated() {
            let cells = (0..<columns).map { c in Fragment(wrapping: row[c], width: widths[c]) }
            let height = cells.map(\.lines.count).max() ?? 1
            let top = fragment.lines.count
            for line in 0..<height {
                var spans = [StyledSpan("│ ", .muted)]
                for c in 0..<columns {
                    let content = line < cells[c].lines.count ? cells[c].lines[line].spans : []
                    spans += Self.aligned(
                        content, width: widths[c], alignment: c < alignments.count ? alignments[c] : nil)
                    spans.append(StyledSpan(c == columns - 1 ? " │" : " │ ", .muted))
                }
                fragment.lines.append(StyledLine(spans))
            }
            for cell in cells {
                fragment.links += cell.links.map { (line: $0.line + top, link: $0.link) }
            }
            if r == headerRows - 1 && r < rows.count - 1 {
                fragment.lines.append(Self.rule("├", "┼", "┤", widths))
            }
        }
        fragment.lines.append(Self.rule("└", "┴", "┘", widths))
        return fragment
    }

    /// Column widths that fit `available` cells, or nil when the columns cannot get at least
    /// three cells each (or their whole width, when less).
    static func columnWidths(natural: [Int], available: Int) -> [Int]? {
        if natural.reduce(0, +) <= available { return natural }
        for minimum in [6, 4, 3] {
            var widths = natural.map { min($0, minimum) }
            let floor = widths.reduce(0, +)
            guard floor <= available else { continue }
            let wants = zip(natural, widths).map { $0 - $1 }
            let totalWant = wants.reduce(0, +)
            let room = available - floor
            if totalWant > 0 {
                for c in widths.indices { widths[c] += room * wants[c] / totalWant }
            }
            var left = available - widths.reduce(0, +)
            while left > 0 {
                guard let c = widths.indices.max(by: { natural[$0] - widths[$0] < natural[$1] - widths[$1] }),
                    natural[c] > widths[c]
                else { break }
                widths[c] += 1
                left -= 1
            }
            return widths
        }
        return nil
    }

    private static func naturalWidth(_ cell: InlineContent) -> Int {
        var widest = 0
        var current = 0
        for span in cell.spans {
            if span.text == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += DisplayWidth.of(span.text)
            }
        }
        return max(widest, current)
    }

    private static func aligned(_ spans: [StyledSpan], width: Int, alignment: Character?) -> [StyledSpan] {
        let used = DisplayWidth.of(spans.plainText)
        let free = max(0, width - used)
        let left: Int
        switch alignment {
        case "r": left = free
        case "c": left = free / 2
        default: left = 0
        }
        var out: [StyledSpan] = []
        if left > 0 { out.append(StyledSpan(String(repeating: " ", count: left))) }
        out += spans
        if free - left > 0 { out.append(StyledSpan(String(repeating: " ", count: free - left))) }
        return out
    }

    private static func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> StyledLine {
        let text = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        return StyledLine(text, .muted)
    }

    /// The narrow fallback: each body row as lines of "header: value".
    private func records(width: Int) -> Fragment {
        let header = headerRows > 0 ? rows[headerRows - 1] : nil
        var fragment = Fragment()
        for row in rows.dropFirst(headerRows) {
            if !fragment.isEmpty { fragment.appendBlank() }
            for c in 0..<columns {
                var cell = row[c]
                if let header {
                    let label = String(header[c].plainText.map { $0 == "\n" ? " " : $0 }) + ": "
                    cell.spans.insert(TaggedSpan(label, .strong), at: 0)
                }
                let indent = width > 4 ? [StyledSpan("  ")] : []
                fragment.append(Fragment(wrapping: cell, width: width, restIndent: indent))
            }
        }
        return fragment
    }
}
