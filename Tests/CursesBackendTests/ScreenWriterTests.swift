import TerminalUI
import Testing
import Text

@testable import CursesBackend

@Suite struct ScreenWriterTests {
    static let pens: [Role: Pen] = [
        .normal: .plain,
        .title: Pen(attributes: [.bold], foreground: 7, background: 4),
        .author: Pen(attributes: [], foreground: 2, background: -1),
        .cursor: Pen(attributes: [.reverse], foreground: -1, background: -1),
        .quote: Pen(attributes: [.dim, .italic], foreground: -1, background: -1),
        .link: Pen(attributes: [.underline], foreground: 33, background: -1),
        .error: Pen(attributes: [.bold, .standout], foreground: 196, background: -1),
    ]

    static func writer(
        width: Int = 40, height: Int = 12, abilities: ScreenAbilities = ScreenAbilities(),
        pens: [Role: Pen] = Self.pens
    ) -> ScreenWriter {
        ScreenWriter(width: width, height: height, abilities: abilities, pens: pens) { cell, wide in
            Array(glyph(cell.text, wide: wide).utf8)
        }
    }

    /// What the terminal backend sends for a cell, as `CellGlyph` decides it: a character wider
    /// than its cells becomes U+FFFD, a narrow one in two cells is followed by a space.
    static func glyph(_ text: String, wide: Bool) -> String {
        let textWidth = DisplayWidth.of(text)
        if textWidth > (wide ? 2 : 1) { return "\u{FFFD}" }
        return wide && textWidth == 1 ? text + " " : text
    }

    /// What the emulated screen should show for `canvas`.
    static func expected(_ canvas: Canvas, pens: [Role: Pen], abilities: ScreenAbilities) -> [[ScreenEmulator.Shown]] {
        (0..<canvas.height).map { y in
            (0..<canvas.width).map { x in
                var cell = canvas[x, y]
                let owned = x > 0 && !canvas[x - 1, y].isContinuation
                let wide =
                    !(cell.isContinuation && !owned) && x + 1 < canvas.width && canvas[x + 1, y].isContinuation
                var text = cell.isContinuation ? (owned ? "" : " ") : glyph(cell.text, wide: wide)
                if cell.isContinuation, owned {
                    // Drawn with the character it belongs to: its right half, or the space after
                    // a narrow one.
                    let owner = canvas[x - 1, y]
                    cell.role = owner.role
                    cell.hyperlink = owner.hyperlink
                    if DisplayWidth.of(owner.text) == 1 { text = " " }
                }
                if wide, DisplayWidth.of(cell.text) == 1 {
                    // Its padding space stands in the next cell.
                    text = text.first.map(String.init) ?? text
                }
                let pen = pens[cell.role] ?? pens[.normal] ?? .plain
                var attributes = pen.attributes.intersection(abilities.attributes)
                if attributes.contains(.standout) {
                    attributes.remove(.standout)
                    attributes.insert(.reverse)
                }
                var link: String?
                if abilities.hyperlinks, let address = cell.hyperlink,
                    let start = ControlSequences.hyperlinkStart(address)
                {
                    link = String(start.dropFirst(5).dropLast(2))
                }
                return ScreenEmulator.Shown(
                    text: text,
                    pen: Pen(attributes: attributes, foreground: pen.foreground, background: pen.background),
                    link: link)
            }
        }
    }

    /// Replays `frames` and checks the emulated screen after each; returns the bytes per frame.
    @discardableResult
    static func replay(
        _ frames: [Canvas], abilities: ScreenAbilities = ScreenAbilities(), pens: [Role: Pen] = Self.pens,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> (bytes: [[UInt8]], emulator: ScreenEmulator) {
        guard let first = frames.first else { return ([], ScreenEmulator(width: 1, height: 1)) }
        var writer = writer(width: first.width, height: first.height, abilities: abilities, pens: pens)
        var emulator = ScreenEmulator(width: first.width, height: first.height)
        emulator.newlineReturns = abilities.newlineReturns
        var written: [[UInt8]] = []
        for (index, frame) in frames.enumerated() {
            let bytes = writer.frame(frame)
            written.append(bytes)
            emulator.feed(bytes)
            #expect(emulator.faults.isEmpty, "frame \(index): \(emulator.faults)", sourceLocation: sourceLocation)
            var shown = emulator.cells
            let wanted = expected(frame, pens: pens, abilities: abilities)
            if !abilities.writesLastCell {
                shown[frame.height - 1][frame.width - 1] = wanted[frame.height - 1][frame.width - 1]
            }
            if shown != wanted {
                let row = (0..<frame.height).first { shown[$0] != wanted[$0] } ?? 0
                let column = (0..<frame.width).first { shown[row][$0] != wanted[row][$0] } ?? 0
                Issue.record(
                    "frame \(index) differs at row \(row), column \(column): shown \(shown[row][column]), wanted \(wanted[row][column])\n\(emulator.text)",
                    sourceLocation: sourceLocation)
                break
            }
        }
        return (written, emulator)
    }

    /// A screen like a thread's: a title line and numbered content lines from `first` on.
    static func page(width: Int = 40, height: Int = 12, first: Int, title: String = "demo › thread") -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.fill(row: 0, role: .title)
        canvas.draw(title, x: 0, y: 0, role: .title)
        canvas.draw("\(first)", x: width - 6, y: 0, role: .title)
        for y in 1..<height {
            let line = first + y
            canvas.draw("│ ", x: 0, y: y, role: .quote)
            canvas.draw("line \(line)", x: 2, y: y, role: line % 3 == 0 ? .author : .normal)
            if line % 4 == 0 { canvas.draw(" 日本 ok", x: 12, y: y) }
        }
        return canvas
    }

    /// How many times `text` sets a scroll region with two margins.
    static func regionSettings(in text: String) -> Int {
        var count = 0
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let parameters = rest.prefix { $0.isNumber || $0 == ";" }
            rest = rest[parameters.endIndex...]
            if parameters.contains(";"), rest.first == "r" { count += 1 }
        }
        return count
    }

    @Test func roleOrdinalsAreTheCasesPlaces() {
        #expect(MemoryLayout<Role>.size == 1)
        #expect(Role.allCases.map(\.ordinal) == (0..<Role.allCases.count).map { UInt8($0) })
    }

    @Test func colourCodesFollowThePalette() {
        #expect(ScreenWriter.colorCode(4, base: 30, direct: false) == "34")
        #expect(ScreenWriter.colorCode(12, base: 30, direct: false) == "94")
        #expect(ScreenWriter.colorCode(200, base: 40, direct: false) == "48;5;200")
        #expect(ScreenWriter.colorCode(-1, base: 30, direct: false) == nil)
        #expect(ScreenWriter.colorCode(3, base: 30, direct: true) == "33")
        #expect(ScreenWriter.colorCode(0x12_3456, base: 40, direct: true) == "48;2;18;52;86")
    }

    @Test func linkedCellsAreWrittenInsideOneHyperlink() {
        var abilities = ScreenAbilities()
        abilities.hyperlinks = true
        var canvas = Canvas(width: 30, height: 3)
        canvas.draw("see [Guide] now", x: 0, y: 1)
        for x in 4..<11 { canvas[x, 1].hyperlink = "https://demo.test/Guide" }
        for x in 5..<10 { canvas[x, 1].role = .link }
        let (bytes, _) = Self.replay([canvas], abilities: abilities)
        let text = String(decoding: bytes[0], as: UTF8.self)
        #expect(text.contains("\u{1B}]8;;https://demo.test/Guide\u{1B}\\["), "\(text.debugDescription)")
        #expect(text.contains("]\u{1B}]8;;\u{1B}\\"), "\(text.debugDescription)")
        // Linked cells scroll with their rows: a one-line scroll writes only the new row's link.
        func linkedRows(from first: Int) -> Canvas {
            var page = Canvas(width: 30, height: 8)
            for y in 1..<8 {
                page.draw("row \(first + y) [Guide]", x: 0, y: y)
                for x in 6..<13 { page[x, y].hyperlink = "https://demo.test/\(first + y)" }
            }
            return page
        }
        let (scrolled, _) = Self.replay([linkedRows(from: 0), linkedRows(from: 1)], abilities: abilities)
        let scroll = String(decoding: scrolled[1], as: UTF8.self)
        #expect(scroll.components(separatedBy: "8;;https").count == 2, "\(scroll.debugDescription)")
        #expect(scroll.contains("https://demo.test/8"))
    }

    @Test func eachCharacterIsEncodedOnceHoweverOftenItIsShown() {
        var asked: [String] = []
        var writer = ScreenWriter(width: 20, height: 6, abilities: ScreenAbilities(), pens: Self.pens) { cell, wide in
            asked.append(cell.text + (wide ? " wide" : ""))
            return Array(Self.glyph(cell.text, wide: wide).utf8)
        }
        var canvas = Canvas(width: 20, height: 6)
        for y in 0..<6 { canvas.draw("│ ├─● 中 ok", x: 0, y: y) }
        let bytes = writer.frame(canvas)
        #expect(asked.sorted() == ["─", "│", "├", "●", "中 wide"])
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "│ ├─● 中 ok").count == 7)
        // Printable ASCII never asks.
        canvas = Canvas(width: 20, height: 6)
        canvas.draw("plain", x: 0, y: 0)
        asked = []
        _ = writer.frame(canvas)
        #expect(asked.isEmpty)
    }

    @Test func everyFrameEndsAsTheCanvas() {
        let frames = (0..<12).map { Self.page(first: $0) } + (0..<6).map { Self.page(first: 10 - $0 * 2) }
        Self.replay(frames)
    }

    @Test func aOneLineScrollIsALineFeedAndTheNewLine() {
        var frames = [Self.page(first: 0)]
        for first in 1...5 {
            var frame = Self.page(first: first)
            // The title keeps its text, as it does while keys repeat.
            for x in 0..<frame.width { frame[x, 0] = frames[0][x, 0] }
            frames.append(frame)
        }
        let (bytes, emulator) = Self.replay(frames)
        #expect(emulator.scrolls == 5)
        // The first scroll sets the region (rows 2 to 12); the others only feed a line.
        #expect(String(decoding: bytes[1], as: UTF8.self).hasPrefix("\u{1B}[2;12r"))
        for frame in bytes[2...] {
            let text = String(decoding: frame, as: UTF8.self)
            #expect(Self.regionSettings(in: text) == 0, "\(text.debugDescription)")
        }
        for (index, frame) in bytes.enumerated().dropFirst(2) {
            // A line feed, a return, the new line's text and its three colour changes.
            let lineText = Self.page(first: index).rowText(11)
            #expect(
                frame.count <= 2 + lineText.utf8.count + 3 * 7,
                "\(String(decoding: frame, as: UTF8.self).debugDescription)")
        }
    }

    @Test func scrollingBackUsesReverseIndex() {
        let frames = [Self.page(first: 20), Self.page(first: 19), Self.page(first: 17)]
        let (bytes, emulator) = Self.replay(frames)
        #expect(emulator.scrolls == 3)
        #expect(String(decoding: bytes[2], as: UTF8.self).contains("\u{1B}M\u{1B}M"))
    }

    @Test func aChangedMarkInsideTheMovedRowsKeepsOneRegion() {
        // A list scrolling with its cursor on the bottom row: the arrow leaves the row above.
        func list(_ first: Int) -> Canvas {
            var canvas = Canvas(width: 30, height: 10)
            canvas.fill(row: 0, role: .title)
            for y in 1..<10 {
                canvas.draw((y == 9 ? "▶ " : "  ") + "Station Log \(first + y)", x: 0, y: y)
            }
            return canvas
        }
        let (bytes, _) = Self.replay((0..<8).map(list))
        let later = bytes[2...].map { String(decoding: $0, as: UTF8.self) }
        for text in later {
            #expect(Self.regionSettings(in: text) == 0, "no new region: \(text.debugDescription)")
            // Line feed, up and return, the old arrow blanked, down, the new line.
            #expect(text.utf8.count <= 1 + 3 + 1 + 2 + "▶ Station Log 15".utf8.count, "\(text.debugDescription)")
        }
    }

    @Test func anUnchangedRowIsNeverScrolledAway() {
        var first = Self.page(first: 0)
        var second = Self.page(first: 1)
        // A status line at the bottom that stays the same.
        first.fill(row: 11, role: .title)
        first.draw("status", x: 0, y: 11, role: .title)
        second.fill(row: 11, role: .title)
        second.draw("status", x: 0, y: 11, role: .title)
        let (bytes, _) = Self.replay([first, second])
        #expect(!String(decoding: bytes[1], as: UTF8.self).contains("status"))
    }

    @Test func blankEndsOfRowsAreErased() {
        var long = Canvas(width: 40, height: 4)
        long.draw(String(repeating: "x", count: 40), x: 0, y: 1)
        var short = Canvas(width: 40, height: 4)
        short.draw("xx", x: 0, y: 1)
        let (bytes, _) = Self.replay([long, short])
        #expect(String(decoding: bytes[1], as: UTF8.self).contains("\u{1B}[K"))
        #expect(bytes[1].count < 12)
    }

    @Test func attributeChangesOnlyAddWhatIsNew() {
        var canvas = Canvas(width: 20, height: 2)
        canvas.draw("a", x: 0, y: 0, role: .quote)
        var more = canvas
        more.draw("b", x: 1, y: 0, role: .link)
        let (bytes, _) = Self.replay([canvas, more])
        let text = String(decoding: bytes[1], as: UTF8.self)
        // From dim italic to underlined colour 33: attributes dropped, so a reset first.
        #expect(text.contains("\u{1B}[0;4;38;5;33m"), "\(text.debugDescription)")
        var author = Canvas(width: 20, height: 2)
        author.draw("a", x: 0, y: 0, role: .cursor)
        author.draw("b", x: 1, y: 0, role: .error)
        let (added, _) = Self.replay([Canvas(width: 20, height: 2), author])
        #expect(String(decoding: added[1], as: UTF8.self).contains("\u{1B}[7ma\u{1B}[1;38;5;196mb"))
    }

    @Test func attributesTheTerminalLacksAreLeftOut() {
        var abilities = ScreenAbilities()
        abilities.attributes = [.bold, .reverse]
        var canvas = Canvas(width: 20, height: 2)
        canvas.draw("quoted", x: 0, y: 1, role: .quote)
        let (_, emulator) = Self.replay([canvas], abilities: abilities)
        #expect(emulator.cells[1][0].text == "q")
        #expect(emulator.cells[1][0].pen.attributes.isEmpty)
    }

    @Test func withoutScrollRegionsRowsAreRewritten() {
        var abilities = ScreenAbilities()
        abilities.scrollRegion = false
        abilities.columnAndRowMoves = false
        let frames = (0..<5).map { Self.page(first: $0) }
        let (_, emulator) = Self.replay(frames, abilities: abilities)
        #expect(emulator.scrolls == 0)
        #expect(emulator.regionIsWholeScreen)
    }

    @Test func aNewlineThatReturnsIsAccountedFor() {
        var abilities = ScreenAbilities()
        abilities.newlineReturns = true
        Self.replay((0..<8).map { Self.page(first: $0 * 3 % 7) }, abilities: abilities)
    }

    @Test func theBottomRightCellIsLeftAloneWhenWritingItWouldScroll() {
        var abilities = ScreenAbilities()
        abilities.writesLastCell = false
        var canvas = Canvas(width: 10, height: 3)
        for y in 0..<3 { canvas.draw("0123456789", x: 0, y: y) }
        let (_, emulator) = Self.replay([canvas], abilities: abilities)
        #expect(emulator.cells[2][8].text == "8")
        #expect(emulator.cells[2][9].text == " ")
    }

    @Test func aColouredBlankIsDrawnWhereTheTerminalsOwnBlankWouldDiffer() {
        var pens = Self.pens
        pens[.normal] = Pen(attributes: [], foreground: 7, background: 0)
        Self.replay((0..<6).map { Self.page(first: $0) } + [Canvas(width: 40, height: 12)], pens: pens)
    }

    @Test func releaseGivesTheWholeScreenBack() {
        var writer = Self.writer()
        var emulator = ScreenEmulator(width: 40, height: 12)
        emulator.feed(writer.frame(Self.page(first: 0)))
        var second = Self.page(first: 1)
        for x in 0..<40 { second[x, 0] = Self.page(first: 0)[x, 0] }
        emulator.feed(writer.frame(second))
        #expect(!emulator.regionIsWholeScreen)
        emulator.feed(writer.release())
        #expect(emulator.regionIsWholeScreen)
        #expect(emulator.pen == .plain)
        // After a release nothing on screen is trusted: the next frame starts from a clear.
        let next = String(decoding: writer.frame(second), as: UTF8.self)
        #expect(next.contains("\u{1B}[2J"))
    }

    @Test func randomFramesAlwaysEndAsTheCanvas() {
        var random = SeededRandom(seed: 0x5EED)
        let roles: [Role] = [.normal, .title, .author, .cursor, .quote, .link, .error]
        let texts = ["a", "b", "─", "│", "日", "é", "e\u{301}", " ", "x", "🧵"]
        for round in 0..<40 {
            let width = 8 + random.next(below: 30)
            let height = 3 + random.next(below: 12)
            var frames: [Canvas] = []
            var canvas = Canvas(width: width, height: height)
            for _ in 0..<12 {
                switch random.next(below: 4) {
                case 0:
                    // Scroll a block of rows by a few lines.
                    let top = random.next(below: height - 1)
                    let bottom = top + 1 + random.next(below: height - top - 1)
                    let lines = 1 + random.next(below: 3)
                    let old = canvas
                    let up = random.next(below: 2) == 0
                    for y in top...bottom {
                        let source = up ? y + lines : y - lines
                        for x in 0..<width {
                            canvas[x, y] = (top...bottom).contains(source) ? old[x, source] : Cell()
                        }
                    }
                case 1:
                    canvas = Canvas(width: width, height: height)
                default:
                    break
                }
                for _ in 0..<random.next(below: 3 * width) {
                    let y = random.next(below: height)
                    let x = random.next(below: width)
                    let text = texts[random.next(below: texts.count)]
                    let role = roles[random.next(below: roles.count)]
                    canvas.draw(text, x: x, y: y, role: role)
                    if random.next(below: 5) == 0, x < width, canvas[x, y].hyperlink == nil {
                        canvas[x, y].hyperlink = ["https://a.test/x", "https://b.test/é y"][random.next(below: 2)]
                    }
                }
                frames.append(canvas)
            }
            var abilities = ScreenAbilities()
            abilities.scrollRegion = round % 5 != 4
            abilities.newlineReturns = round % 3 == 1
            abilities.columnAndRowMoves = round % 7 != 6
            abilities.hyperlinks = round % 2 == 0
            Self.replay(frames, abilities: abilities)
        }
    }
}

/// A small seeded generator, so a failing round can be replayed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}
