import Text

/// One terminal cell: a grapheme cluster (empty for the second half of a wide character), the
/// role it is drawn with, and the web address it links to, which terminals that support OSC 8
/// hyperlinks are given (a cell whose link changed differs, so the backend writes it again).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: Role
    public var hyperlink: String?

    public init(_ text: String = " ", _ role: Role = .normal, hyperlink: String? = nil) {
        self.text = text
        self.role = role
        self.hyperlink = hyperlink
    }

    /// The right half of a two-cell character.
    public var isContinuation: Bool { text.isEmpty }

    /// Whether the cell is `Cell()`, a plain space: the same as `== Cell()`, read in place
    /// rather than through copies of both cells' strings.
    @inlinable public var isPlainSpace: Bool { hyperlink == nil && role == .normal && text == " " }
}

/// An in-memory grid of cells that views draw into. The terminal backend writes the
/// difference between two canvases; tests read the text.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Blanks every cell.
    public mutating func clear(_ role: Role = .normal) {
        for i in cells.indices { cells[i] = Cell(" ", role) }
    }

    /// Fills `count` cells of row `y` from column `x` with blanks of `role`.
    public mutating func fill(row y: Int, from x: Int = 0, count: Int? = nil, role: Role) {
        guard y >= 0, y < height else { return }
        let start = max(0, x)
        let end = min(width, x + (count ?? width))
        guard start < end else { return }
        for col in start..<end { self[col, y] = Cell(" ", role) }
    }

    /// Draws `text` at (x, y), clipped to `maxWidth` cells and to the canvas. Control characters
    /// are replaced, so nothing drawn here can reach the terminal as a control sequence. A wide
    /// character that would straddle the clip edge becomes a space. Returns the cells used.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, role: Role = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        // Most text is printable ASCII: one cell a byte, nothing to measure or replace.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let rowStart = y * width
            for byte in text.utf8 {
                if col + 1 > limit {
                    col = limit
                    break
                }
                if col >= 0 { cells[rowStart + col] = Cell(Self.asciiText[Int(byte) - 0x20], role) }
                col += 1
            }
            return col - x
        }
        for character in text {
            let safe = Canvas.isSafe(character) ? character : "\u{FFFD}"
            let w = DisplayWidth.of(safe)
            if w == 0 {
                // Combining marks join the previous cell.
                if col > x, col - 1 < width, col - 1 >= 0 {
                    var prev = col - 1
                    if self[prev, y].isContinuation, prev > 0 { prev -= 1 }
                    self[prev, y].text.append(safe)
                }
                continue
            }
            if col + w > limit {
                if col < limit, col >= 0 { self[col, y] = Cell(" ", role) }
                col = limit
                break
            }
            if col >= 0 {
                self[col, y] = Cell(String(safe), role)
                if w == 2 { self[col + 1, y] = Cell("", role) }
            }
            col += w
        }
        return col - x
    }

    /// Draws styled spans from (x, y) within `maxWidth` cells. Returns the cells used.
    @discardableResult
    public mutating func draw(_ line: StyledLine, x: Int, y: Int, maxWidth: Int? = nil, override: Role? = nil) -> Int {
        let limit = maxWidth ?? (width - x)
        var used = 0
        for span in line.spans where used < limit {
            used += draw(span.text, x: x + used, y: y, role: override ?? span.role, maxWidth: limit - used)
        }
        return used
    }

    /// The text of row `y`, trailing blanks removed.
    public func rowText(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The whole grid as text, one line per row.
    public var text: String { (0..<height).map(rowText).joined(separator: "\n") }

    /// The printable ASCII characters, from the space on, as texts of their own.
    private static let asciiText: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// Whether a character may be stored in a cell: no C0/C1 controls and no ESC.
    static func isSafe(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
        }
        return true
    }
}
