import DemoForge
import Foundation
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// The frame's layout (title, content to the bottom line, a status line only when there is
/// something to say) and how each cursor style marks the selected row.
@Suite struct LayoutTests {
    static let index = "p/\(DemoNames.secondProject)/wiki/"

    @Test func contentReachesTheBottomLineUntilThereIsSomethingToSay() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 24)
            try h.open(Self.index)
            let rows = h.allRows
            #expect(rows.count > 24, "the index is longer than the screen")
            #expect(!h.app.showsStatusLine)
            #expect(h.app.contentHeight == 23)
            #expect(h.lines[23] == rows[22].trimmingTrailingSpaces, "the last line is content")

            h.press(.char("x"))
            #expect(h.app.showsStatusLine)
            #expect(h.app.contentHeight == 22)
            #expect(h.lines[23].hasPrefix("x does nothing here"))
            #expect(h.canvas[0, 23].role == .status)

            h.press(.char("j"))
            #expect(!h.app.showsStatusLine, "the next key clears the message")
            #expect(h.lines[23] == rows[22].trimmingTrailingSpaces)
        }
    }

    @Test func theStatusLineShowsWhileALoadIsInFlight() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 24)
            try h.open(Self.index)
            h.app.handle(.key(.char("r")))
            #expect(h.app.loadsInFlight > 0)
            #expect(h.lines[23].contains("⟳ loading"), "\(h.lines[23])")
            h.settle()
            #expect(!h.app.showsStatusLine)
        }
    }

    @Test func aMessageDoesNotHideTheCursor() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 24)
            try h.open(Self.index)
            for _ in 0..<22 { h.press(.char("j")) }
            #expect(h.cursorRow == 23, "the cursor is on the bottom line")
            let selected = h.cursorLine
            h.press(.char("x"))
            #expect(h.cursorRow == 22, "the view made room for the message")
            #expect(h.cursorLine == selected)
        }
    }

    @Test func theArrowMarksTheSelectedRowInItsMargin() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 24)
            try h.open(Self.index)
            let canvas = h.canvas
            let row = try #require(h.cursorRow)
            #expect(canvas[0, row].text == "▶")
            #expect(canvas[0, row].role == .pointer)
            #expect((0..<80).allSatisfy { canvas[$0, row].role != .cursor }, "nothing else changes colour")
            #expect(h.cursorLine == h.allRows[0].trimmingTrailingSpaces)
            h.press(.char("j"))
            #expect(h.canvas[0, row].text == " ", "moving it clears the old mark")
            #expect(h.canvas[0, row + 1].text == "▶")
        }
    }

    @Test func onATaggedTicketTheArrowTakesTheTagMarkAndTheNumberStillShowsTheTag() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/")
            #expect(h.cursorLine?.contains("#\(DemoNames.mainTicketCount)") == true)
            h.press(.char("t"))
            let row = try #require(h.cursorRow)
            #expect(h.canvas[0, row - 1].text == "*", "t tags and moves on: the tag mark shows")
            h.press(.char("k"))
            let canvas = h.canvas
            #expect(h.cursorRow == row - 1)
            #expect(canvas[0, row - 1].text == "▶")
            #expect(canvas[2, row - 1].text == "#" && canvas[2, row - 1].role == .tagged)
        }
    }

    @Test func asciiGlyphsUseAPlainArrow() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.asciiGlyphs = true
            let h = try DemoHarness(width: 80, height: 24, options: options)
            try h.open(Self.index)
            let row = try #require(h.cursorRow)
            #expect(h.canvas[0, row].text == ">")
        }
    }

    @Test func theBarColoursTheTextAndOneCellMoreNotTheWholeRow() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.cursorStyle = .bar
            let h = try DemoHarness(width: 80, height: 24, options: options)
            try h.open(Self.index)
            let canvas = h.canvas
            let row = try #require(h.cursorRow)
            let text = h.allRows[0].trimmingTrailingSpaces
            let width = DisplayWidth.of(text)
            #expect((0...width).allSatisfy { canvas[$0, row].role == .cursor })
            #expect(canvas[width + 1, row].role != .cursor)
            #expect(canvas[0, row].text == " ", "no arrow with the bar")
        }
    }

    @Test func aThreadMarksOnlyTheAuthorOfThePostUnderTheCursor() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/\(DemoNames.bigThreadID)/")
            let canvas = h.canvas
            let row = try #require(h.cursorRow)
            let marked = (0..<100).filter { canvas[$0, row].role == .cursor }
            let text = canvas.rowText(row)
            let author = String(text.dropFirst(try #require(marked.first)).prefix(marked.count))
            #expect(!marked.isEmpty)
            #expect(marked == Array(marked[0]..<(marked[0] + marked.count)), "one run of cells")
            #expect(text.contains(author + "  "), "the run is the author's name: \(author) in \(text)")
            #expect(canvas[0, row].text != "▶", "the tree keeps its first column")
        }
    }
}
