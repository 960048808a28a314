import Testing
import Text

@testable import TerminalUI

struct CanvasTests {
    @Test func drawsClipsAndReportsWidth() {
        var c = Canvas(width: 10, height: 2)
        #expect(c.draw("hello world", x: 2, y: 0) == 8)
        #expect(c.rowText(0) == "  hello wo")
        #expect(c.draw("x", x: 0, y: 5) == 0, "rows outside the canvas are ignored")
    }

    @Test func plainASCIIDrawsAsAnyTextDoes() {
        // The same text with and without a character that takes the general path.
        for (x, maxWidth) in [(0, nil), (3, 4), (-2, 6), (7, nil), (1, 0)] as [(Int, Int?)] {
            var ascii = Canvas(width: 10, height: 1)
            var general = Canvas(width: 10, height: 1)
            let drawn = ascii.draw("hello world", x: x, y: 0, role: .title, maxWidth: maxWidth)
            let drawnToo = general.draw("hello world\u{301}", x: x, y: 0, role: .title, maxWidth: maxWidth)
            #expect(drawn == drawnToo, "x \(x), maxWidth \(String(describing: maxWidth))")
            #expect(ascii.rowText(0) == general.rowText(0).replacingOccurrences(of: "d\u{301}", with: "d"))
            #expect(ascii.cells.map(\.role) == general.cells.map(\.role))
        }
    }

    @Test func aPlainSpaceIsTheDefaultCellAndNothingElse() {
        let cells = [
            Cell(), Cell(" "), Cell(" ", .title), Cell(" ", hyperlink: "https://x"), Cell(" ", hyperlink: ""),
            Cell("x"), Cell(""), Cell("  "), Cell("\u{A0}"), Cell(" \u{301}"), Cell("\u{0}"),
        ]
        for cell in cells {
            #expect(cell.isPlainSpace == (cell == Cell()), "\(cell)")
        }
        #expect(cells.filter(\.isPlainSpace).count == 2)
    }

    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var c = Canvas(width: 5, height: 1)
        #expect(c.draw("中文字", x: 0, y: 0) == 5)
        #expect(c[0, 0].text == "中")
        #expect(c[1, 0].isContinuation)
        #expect(c[4, 0].text == " ", "a wide character that does not fit becomes a space")
        #expect(c.rowText(0) == "中文")
    }

    @Test func combiningMarksJoinTheirBase() {
        var c = Canvas(width: 4, height: 1)
        #expect(c.draw("e\u{301}x", x: 0, y: 0) == 2)
        #expect(c[0, 0].text == "e\u{301}")
        #expect(c[1, 0].text == "x")
    }

    @Test func controlCharactersNeverEnterACell() {
        var c = Canvas(width: 20, height: 1)
        c.draw("a\u{1B}[2Jb\u{7}c\u{9B}d", x: 0, y: 0)
        for cell in c.cells {
            for s in cell.text.unicodeScalars { #expect(s.value >= 0x20 && !(0x7F...0x9F).contains(s.value)) }
        }
        #expect(c.rowText(0).hasPrefix("a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d"))
    }

    @Test func styledLinesKeepRolesAndOverride() {
        var c = Canvas(width: 10, height: 1)
        c.draw(StyledLine([StyledSpan("ab", .link), StyledSpan("cd", .code)]), x: 0, y: 0)
        #expect(c[0, 0].role == .link)
        #expect(c[2, 0].role == .code)
        c.draw(StyledLine([StyledSpan("ab", .link)]), x: 0, y: 0, override: .cursor)
        #expect(c[1, 0].role == .cursor)
    }
}
