import TerminalUI
import Text

/// What the terminal on the other end can do, read from its terminfo entry and the tty settings.
/// Every sequence `ScreenWriter` sends is ECMA-48 (what xterm, tmux, screen and the Linux console
/// understand); these say which of them it may use.
struct ScreenAbilities: Hashable, Sendable {
    /// A scroll region (`csr`) in which a line feed at the bottom margin (`ind` = `\n`) and a
    /// reverse index at the top (`ri` = `ESC M`) scroll.
    var scrollRegion = true
    /// `hpa` (`ESC [ n G`) and `vpa` (`ESC [ n d`).
    var columnAndRowMoves = true
    /// Automatic margins that wait before wrapping (`am` and `xenl`): the bottom-right cell can be
    /// written without scrolling the screen.
    var writesLastCell = true
    /// The tty turns `\n` into `\r\n` (`ONLCR`): a line feed also returns to the first column.
    var newlineReturns = false
    /// Colour numbers from 8 up are 24-bit `0xRRGGBB` (a `*-direct` terminal), not palette entries.
    var directColor = false
    /// OSC 8 hyperlinks: cells that link somewhere are written inside one.
    var hyperlinks = false
    /// The attributes the terminal shows; the others are left out rather than sent.
    var attributes: Attributes = [.bold, .dim, .italic, .underline, .reverse, .standout]
}

/// How a cell is drawn, with its colours as terminal colour numbers (-1 is the default).
struct Pen: Hashable, Sendable {
    var attributes: Attributes = []
    var foreground = -1
    var background = -1

    static let plain = Pen()
}

/// Turns each new frame into the bytes that change the terminal from the last frame to it, close
/// to the fewest: rows that moved are scrolled in a scroll region (which stays set between
/// frames, so the next one-line scroll is a single line feed), only changed cells are written,
/// the cheapest cursor move is chosen, attribute changes only add what is new, and the ends of
/// rows that became blank are erased. Pure: glyph encoding and pens are passed in, so tests can
/// replay the bytes on an emulated screen.
struct ScreenWriter {
    private(set) var width: Int
    private(set) var height: Int
    var abilities: ScreenAbilities
    /// The bytes of a cell's text; `wide` when the canvas gives it two columns.
    private let glyph: (Cell, _ wide: Bool) -> [UInt8]

    /// What the terminal shows; nil when unknown (the next frame clears the screen first).
    private var shown: Canvas? { didSet { shownKeys = nil } }
    /// The row keys of `shown` (see `rowKey`), when known.
    private var shownKeys: [Int]?
    /// Rows of `shown` that hold the terminal's default blanks rather than canvas cells (after a
    /// clear or a scroll), when those look different from a blank `normal` cell.
    private var defaultBlankRows: Set<Int> = []
    private var cursorRow = 0
    private var cursorColumn = 0
    private var cursorKnown = false
    private var pen: Pen? { didSet { penRole = nil } }
    /// The role (its ordinal) whose pen `pen` is, while it is one's.
    private var penRole: UInt8?
    /// The pen of each role, by its ordinal.
    private var penTable: [Pen]
    /// The scroll region set on the terminal (rows, inclusive); nil for the whole screen.
    private var region: ClosedRange<Int>?
    private var out: [UInt8] = []

    init(
        width: Int, height: Int, abilities: ScreenAbilities, pens: [Role: Pen],
        glyph: @escaping (Cell, _ wide: Bool) -> [UInt8]
    ) {
        self.width = width
        self.height = height
        self.abilities = abilities
        self.glyph = glyph
        self.penTable = Self.table(pens)
    }

    /// The pen of each role, by ordinal; roles without one draw as `normal`.
    private static func table(_ pens: [Role: Pen]) -> [Pen] {
        var table = Array(repeating: pens[.normal] ?? .plain, count: Role.allCases.count)
        for role in Role.allCases {
            if let pen = pens[role], Int(role.ordinal) < table.count { table[Int(role.ordinal)] = pen }
        }
        return table
    }

    /// Forgets what the terminal shows: the next frame clears the screen and draws every cell.
    mutating func invalidate() {
        shown = nil
    }

    /// Uses new pens (a new theme); every cell is drawn again.
    mutating func setPens(_ pens: [Role: Pen]) {
        penTable = Self.table(pens)
        penRole = nil
        invalidate()
    }

    /// The bytes that put the terminal back in its ordinary state: the whole screen scrolls and
    /// attributes are off. Sent before the terminal is given back.
    mutating func release() -> [UInt8] {
        out = []
        if region != nil || shown == nil { emit("\u{1B}[r") }
        if pen != .plain { emit("\u{1B}[m") }
        region = nil
        pen = .plain
        cursorKnown = false
        shown = nil
        return out
    }

    /// The bytes that turn the screen into `canvas`.
    mutating func frame(_ canvas: Canvas) -> [UInt8] {
        out = []
        if canvas.width != width || canvas.height != height {
            width = canvas.width
            height = canvas.height
            shown = nil
        }
        guard width > 0, height > 0 else { return [] }
        var keys: [Int]?
        if shown == nil {
            clearScreen()
        } else if abilities.scrollRegion {
            keys = scrollMovedRows(to: canvas)
        }
        writeChanges(to: canvas)
        shown = canvas
        shownKeys = keys
        defaultBlankRows = []
        return out
    }

    // MARK: Whole screen

    private mutating func clearScreen() {
        // A region reset homes the cursor; the clear then starts from a known place.
        emit("\u{1B}[r")
        region = nil
        setPen(.plain)
        emit("\u{1B}[H\u{1B}[2J")
        cursorRow = 0
        cursorColumn = 0
        cursorKnown = true
        // A new canvas is all blank `normal` cells.
        shown = Canvas(width: width, height: height)
        defaultBlankRows = blankLooksPlain ? [] : Set(0..<height)
    }

    /// Whether a blank `normal` cell looks like the terminal's own blank.
    private var blankLooksPlain: Bool { penTable[Int(Role.normal.ordinal)] == .plain }

    // MARK: Scrolling

    /// Finds the block of rows that moved up or down as one and scrolls it on the terminal, when
    /// that saves rewriting at least two rows. Inside a block, rows that changed anyway need not
    /// have moved (they are rewritten after the scroll either way), so a moved cursor or a
    /// changed mark does not split the region; a row that did not change does.
    /// Returns the new frame's row keys.
    private mutating func scrollMovedRows(to canvas: Canvas) -> [Int]? {
        guard let old = shown, height >= 3 else { return nil }
        let oldKeys =
            shownKeys ?? (0..<height).map { rowKey(old, $0, defaultBlank: defaultBlankRows.contains($0)) }
        let newKeys = (0..<height).map { rowKey(canvas, $0, defaultBlank: false) }
        let changed = (0..<height).map { oldKeys[$0] != newKeys[$0] }
        guard changed.count(where: { $0 }) >= 2 else { return newKeys }
        var best: Shift?
        for lines in -(height - 2)...(height - 2) where lines != 0 {
            let rows = max(0, -lines)..<min(height, height - lines)
            var first: Int?
            var lastMoved = 0
            var last = 0
            var saved = 0
            for row in rows.lowerBound...rows.upperBound {
                let inside = row < rows.upperBound
                if inside, newKeys[row] == oldKeys[row + lines] {
                    if first == nil { first = row }
                    if changed[row] { saved += 1 }
                    lastMoved = row
                    last = row
                    continue
                }
                if inside, changed[row], first != nil {
                    last = row
                    continue
                }
                if let start = first {
                    // Changed rows after the last moved one may join the region; when that
                    // costs nothing, they do, since what moved on with them is likely alike.
                    for end in stride(from: last, through: lastMoved, by: -1) {
                        let candidate = Shift(lines: lines, first: start, last: end, saved: saved)
                        let score = candidate.score(changed: changed)
                        if score >= 2, score > best?.score(changed: changed) ?? 0 { best = candidate }
                    }
                }
                first = nil
                saved = 0
            }
        }
        guard let best, movedRowsEqual(old, canvas, best, oldKeys: oldKeys, newKeys: newKeys) else { return newKeys }
        if best.lines > 0 {
            scrollUp(lines: best.lines, region: best.region)
        } else {
            scrollDown(lines: -best.lines, region: best.region)
        }
        return newKeys
    }

    /// Rows `first...last` of the new frame show the old rows `lines` further down (up when
    /// negative), some of them changed anyway.
    private struct Shift {
        var lines: Int
        var first: Int
        var last: Int
        /// Rows that need no writing thanks to the scroll.
        var saved: Int

        /// The scroll region.
        var region: ClosedRange<Int> { lines > 0 ? first...(last + lines) : (first + lines)...last }

        /// The rows the scroll brings in blank.
        var blankRows: ClosedRange<Int> { lines > 0 ? (last + 1)...(last + lines) : (first + lines)...(first - 1) }

        /// Rows saved less the unchanged rows the scroll blanks, which must be written again.
        func score(changed: [Bool]) -> Int { saved - blankRows.filter { !changed[$0] }.count }
    }

    /// Whether the rows whose keys say they moved really match cell for cell (keys are hashes).
    private func movedRowsEqual(_ old: Canvas, _ new: Canvas, _ shift: Shift, oldKeys: [Int], newKeys: [Int]) -> Bool {
        for row in shift.first...shift.last where newKeys[row] == oldKeys[row + shift.lines] {
            let source = row + shift.lines
            if defaultBlankRows.contains(source) { return false }
            for column in 0..<width where old[column, source] != new[column, row] { return false }
        }
        return true
    }

    /// A hash of row `row`'s cells (FNV-1a over their bytes and roles): cheap enough to take for
    /// every row of every frame.
    private func rowKey(_ canvas: Canvas, _ row: Int, defaultBlank: Bool) -> Int {
        if defaultBlank { return -1 }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        for column in 0..<width {
            let cell = canvas[column, row]
            for byte in cell.text.utf8 { mix(byte) }
            mix(0xFF)
            mix(cell.role.ordinal)
            if let link = cell.hyperlink {
                for byte in link.utf8 { mix(byte) }
                mix(0xFE)
            }
        }
        return Int(truncatingIfNeeded: hash)
    }

    /// Scrolls `region` up by `lines`: a line feed at its bottom margin per line.
    private mutating func scrollUp(lines: Int, region rows: ClosedRange<Int>) {
        setRegion(rows)
        setPen(.plain)
        moveTo(row: rows.upperBound, column: stayingColumn(onRow: rows.upperBound))
        for _ in 0..<lines { emit("\n") }
        if abilities.newlineReturns { cursorColumn = 0 }
        shiftShown(rows: rows, by: lines)
    }

    /// Scrolls `region` down by `lines`: a reverse index at its top margin per line.
    private mutating func scrollDown(lines: Int, region rows: ClosedRange<Int>) {
        setRegion(rows)
        setPen(.plain)
        moveTo(row: rows.lowerBound, column: stayingColumn(onRow: rows.lowerBound))
        for _ in 0..<lines { emit("\u{1B}M") }
        shiftShown(rows: rows, by: -lines)
    }

    /// Where a scroll on `row` may leave the cursor: where it is when it is on that row (any
    /// column scrolls), else the first column.
    private func stayingColumn(onRow row: Int) -> Int {
        cursorKnown && cursorRow == row && cursorColumn < width ? cursorColumn : 0
    }

    /// Moves `shown`'s rows in `rows` by `lines` (up when positive); rows scrolled in are blank.
    private mutating func shiftShown(rows: ClosedRange<Int>, by lines: Int) {
        guard var canvas = shown else { return }
        let old = canvas
        let oldBlank = defaultBlankRows
        for row in rows {
            let source = row + lines
            if rows.contains(source) {
                for column in 0..<width { canvas[column, row] = old[column, source] }
                if oldBlank.contains(source) { defaultBlankRows.insert(row) } else { defaultBlankRows.remove(row) }
            } else {
                canvas.fill(row: row, role: .normal)
                if blankLooksPlain { defaultBlankRows.remove(row) } else { defaultBlankRows.insert(row) }
            }
        }
        shown = canvas
    }

    private mutating func setRegion(_ rows: ClosedRange<Int>) {
        let wanted: ClosedRange<Int>? = rows == 0...(height - 1) ? nil : rows
        guard wanted != region else { return }
        emit(wanted == nil ? "\u{1B}[r" : "\u{1B}[\(rows.lowerBound + 1);\(rows.upperBound + 1)r")
        region = wanted
        // Setting the margins homes the cursor.
        cursorRow = 0
        cursorColumn = 0
        cursorKnown = true
    }

    // MARK: Cells

    private mutating func writeChanges(to canvas: Canvas) {
        let old = shownForDiff
        for (row, columns) in CanvasDiff.spans(from: old, to: canvas) {
            // A wide character on screen that the run cuts in half is blanked by the terminal
            // when one half is written over: the run takes in the whole of it.
            var start = columns.lowerBound
            var end = min(columns.upperBound, width)
            if let old {
                while start > 0, old[start, row].isContinuation { start -= 1 }
                while end < width, old[end, row].isContinuation { end += 1 }
            }
            writeRun(row: row, from: start, to: end, canvas: canvas)
        }
    }

    /// `shown`, with rows of default blanks made to differ from every canvas row.
    private var shownForDiff: Canvas? {
        guard var canvas = shown else { return nil }
        for row in defaultBlankRows {
            for column in 0..<width { canvas[column, row] = Cell("\u{0}", .normal) }
        }
        return canvas
    }

    private mutating func writeRun(row: Int, from start: Int, to end: Int, canvas: Canvas) {
        // When the row is blank from some column on, the run's blanks there are one erase.
        if blankLooksPlain {
            var blankStart = width
            canvas.cells.withUnsafeBufferPointer { cells in
                let rowStart = row * width
                while blankStart > start, cells[rowStart + blankStart - 1].isPlainSpace { blankStart -= 1 }
            }
            if end - blankStart > 3 {
                writeCells(row: row, from: start, to: blankStart, canvas: canvas)
                moveTo(row: row, column: blankStart)
                setPen(.plain)
                emit("\u{1B}[K")
                return
            }
        }
        writeCells(row: row, from: start, to: end, canvas: canvas)
    }

    private mutating func writeCells(row: Int, from start: Int, to end: Int, canvas: Canvas) {
        canvas.cells.withUnsafeBufferPointer { rowCells in
            let rowStart = row * width
            var column = start
            while column < end {
                var orphan = false
                if rowCells[rowStart + column].isContinuation {
                    // The right half of the character before it; alone, it is shown as a blank.
                    if column > 0, !rowCells[rowStart + column - 1].isContinuation {
                        column += 1
                        continue
                    }
                    orphan = true
                }
                let wide = !orphan && column + 1 < width && rowCells[rowStart + column + 1].isContinuation
                let cells = wide ? 2 : 1
                if row == height - 1, column + cells >= width, !abilities.writesLastCell { break }
                moveTo(row: row, column: column)
                let hyperlink = rowCells[rowStart + column].hyperlink
                // A link ends right after its text, before the next cell's attributes.
                if openLink != nil, hyperlink != openLink { setLink(nil) }
                let role = rowCells[rowStart + column].role.ordinal
                if role != penRole {
                    setPen(role < penTable.count ? penTable[Int(role)] : .plain)
                    penRole = role
                }
                if abilities.hyperlinks, hyperlink != openLink { setLink(hyperlink) }
                // Most cells hold one printable ASCII character, sent as itself.
                if orphan {
                    out.append(0x20)
                } else if !wide, let byte = CellGlyph.printableASCII(rowCells[rowStart + column].text) {
                    out.append(byte)
                } else {
                    out.append(contentsOf: glyphBytes(rowCells[rowStart + column].text, wide: wide))
                }
                cursorColumn += cells
                column += cells
            }
        }
        if openLink != nil { setLink(nil) }
    }

    /// The bytes of the characters `text` is written as, remembered: a screen repeats the same
    /// few (rules, tree lines, marks) in every row.
    private mutating func glyphBytes(_ text: String, wide: Bool) -> [UInt8] {
        let key = GlyphKey(text: text, wide: wide)
        if let bytes = glyphCache[key] { return bytes }
        let bytes = glyph(Cell(text), wide)
        if glyphCache.count >= Self.glyphsKept { glyphCache.removeAll(keepingCapacity: true) }
        glyphCache[key] = bytes
        return bytes
    }

    private struct GlyphKey: Hashable {
        var text: String
        var wide: Bool
    }

    /// The encodings `glyphBytes` remembers, at most `glyphsKept` of them.
    private var glyphCache: [GlyphKey: [UInt8]] = [:]
    private static let glyphsKept = 1024

    /// The OSC 8 hyperlink open on the terminal, while cells of one are written.
    private var openLink: String?

    /// Ends the open hyperlink, if any, and starts `link`'s (none for an address that cannot be
    /// one).
    private mutating func setLink(_ link: String?) {
        if openLink != nil { emit(ControlSequences.hyperlinkEnd) }
        openLink = nil
        if let link, let start = ControlSequences.hyperlinkStart(link) {
            emit(start)
            openLink = link
        }
    }

    // MARK: Attributes

    private mutating func setPen(_ wanted: Pen) {
        var attributes = wanted.attributes.intersection(abilities.attributes)
        // Standout is reverse video on every terminal this writes for.
        if attributes.contains(.standout) {
            attributes.remove(.standout)
            attributes.insert(.reverse)
        }
        let wanted = Pen(attributes: attributes, foreground: wanted.foreground, background: wanted.background)
        guard wanted != pen else { return }
        defer { pen = wanted }
        if wanted == .plain {
            emit("\u{1B}[m")
            return
        }
        var codes: [String] = []
        var from = Pen.plain
        if let pen, pen.attributes.isSubset(of: wanted.attributes) {
            from = pen
        } else {
            codes.append("0")
        }
        for (attribute, code) in Self.attributeCodes
        where wanted.attributes.contains(attribute) && !from.attributes.contains(attribute) {
            codes.append(code)
        }
        if wanted.foreground != from.foreground {
            codes.append(Self.colorCode(wanted.foreground, base: 30, direct: abilities.directColor) ?? "39")
        }
        if wanted.background != from.background {
            codes.append(Self.colorCode(wanted.background, base: 40, direct: abilities.directColor) ?? "49")
        }
        emit("\u{1B}[" + codes.joined(separator: ";") + "m")
    }

    private static let attributeCodes: [(Attributes, String)] = [
        (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7"),
    ]

    /// The SGR code of colour number `value` (`base` 30 for the foreground, 40 for the
    /// background); nil for the default colour.
    static func colorCode(_ value: Int, base: Int, direct: Bool) -> String? {
        guard value >= 0 else { return nil }
        if direct, value >= 8 {
            return "\(base + 8);2;\((value >> 16) & 0xFF);\((value >> 8) & 0xFF);\(value & 0xFF)"
        }
        if value < 8 { return "\(base + value)" }
        if value < 16 { return "\(base + 60 + value - 8)" }
        return "\(base + 8);5;\(value)"
    }

    // MARK: Cursor

    /// Moves the cursor to (`row`, `column`) with the shortest sequence that gets there.
    private mutating func moveTo(row: Int, column: Int) {
        if cursorKnown, cursorRow == row, cursorColumn == column, column < width { return }
        var best = Self.absolute(row: row, column: column)
        if cursorKnown {
            // Rows first, then columns; or back to the first column, rows, then columns.
            if cursorColumn < width, let down = vertical(to: row) {
                let column0 = down.returns ? 0 : cursorColumn
                let candidate = down.bytes + horizontal(from: column0, to: column)
                if candidate.utf8.count < best.utf8.count { best = candidate }
            }
            if let down = vertical(to: row) {
                let candidate = "\r" + down.bytes + horizontal(from: 0, to: column)
                if candidate.utf8.count < best.utf8.count { best = candidate }
            }
        }
        emit(best)
        cursorRow = row
        cursorColumn = column
        cursorKnown = true
    }

    private static func absolute(row: Int, column: Int) -> String {
        switch (row, column) {
        case (0, 0): "\u{1B}[H"
        case (_, 0): "\u{1B}[\(row + 1)H"
        default: "\u{1B}[\(row + 1);\(column + 1)H"
        }
    }

    /// From the cursor's row to `row`, keeping the column unless `returns`; nil when no short
    /// way is known.
    private func vertical(to row: Int) -> (bytes: String, returns: Bool)? {
        if row == cursorRow { return ("", false) }
        let bottomMargin = region?.upperBound ?? height - 1
        let topMargin = region?.lowerBound ?? 0
        if row == cursorRow + 1, cursorRow != bottomMargin, cursorRow < height - 1 {
            return ("\n", abilities.newlineReturns)
        }
        if row == cursorRow - 1, cursorRow != topMargin, cursorRow > 0 { return ("\u{1B}M", false) }
        if abilities.columnAndRowMoves { return ("\u{1B}[\(row + 1)d", false) }
        return nil
    }

    /// From `from` to `to` on one row (the cursor not past the last column).
    private func horizontal(from: Int, to: Int) -> String {
        if from == to { return "" }
        if to == 0 { return "\r" }
        if to > from {
            let n = to - from
            return n == 1 ? "\u{1B}[C" : "\u{1B}[\(n)C"
        }
        let n = from - to
        if n <= 3 { return String(repeating: "\u{8}", count: n) }
        return abilities.columnAndRowMoves ? "\u{1B}[\(to + 1)G" : "\u{1B}[\(n)D"
    }

    private mutating func emit(_ text: String) {
        out.append(contentsOf: text.utf8)
    }
}
