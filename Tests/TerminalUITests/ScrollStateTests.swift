import Testing

@testable import TerminalUI

struct ScrollStateTests {
    let selectable: (Int) -> Bool = { $0 % 2 == 0 }

    @Test func listMovesSkipUnselectableRowsAndKeepTheCursorVisible() {
        var s = ScrollState(mode: .list)
        s.move(by: 1, rowCount: 20, height: 3, selectable: selectable)
        #expect(s.cursor == 2)
        s.move(by: 3, rowCount: 20, height: 3, selectable: selectable)
        #expect(s.cursor == 8)
        #expect(s.top == 6)
        s.move(by: 100, rowCount: 20, height: 3, selectable: selectable)
        #expect(s.cursor == 18)
        s.move(by: -100, rowCount: 20, height: 3, selectable: selectable)
        #expect(s.cursor == 0)
        #expect(s.top == 0)
    }

    @Test func pagerScrollsByLinesAndStopsAtTheEnd() {
        var s = ScrollState(mode: .pager)
        s.move(by: 1, rowCount: 10, height: 4, selectable: { _ in false })
        #expect(s.top == 1)
        s.page(by: 1, rowCount: 10, height: 4, selectable: { _ in false })
        #expect(s.top == 4)
        s.page(by: 5, rowCount: 10, height: 4, selectable: { _ in false })
        #expect(s.top == 6, "the last screen is full")
    }

    @Test func pageDownKeepsTheCursorsPlaceOnScreen() {
        var s = ScrollState(mode: .list)
        let all: (Int) -> Bool = { _ in true }
        s.select(2, rowCount: 100, height: 10, selectable: all)
        s.page(by: 1, rowCount: 100, height: 10, selectable: all)
        #expect(s.top == 9)
        #expect(s.cursor == 11)
    }

    @Test func insertedRowsAboveKeepTheSameRowUnderTheCursor() {
        var s = ScrollState(mode: .list)
        let all: (Int) -> Bool = { _ in true }
        s.select(30, rowCount: 100, height: 10, selectable: all)
        let top = s.top
        s.rowsInserted(at: 5, count: 7)
        #expect(s.cursor == 37)
        #expect(s.top == top + 7)
    }
}

struct ScrollByLineTests {
    @Test func scrollingKeepsTheCursorWhileVisibleAndPullsItAlongOtherwise() {
        var s = ScrollState(mode: .list)
        let headers: (Int) -> Bool = { $0 % 5 == 0 }
        s.select(5, rowCount: 100, height: 10, selectable: headers)
        s.scroll(by: 3, rowCount: 100, height: 10, selectable: headers)
        #expect(s.top == 3)
        #expect(s.cursor == 5, "still visible: it stays")
        s.scroll(by: 3, rowCount: 100, height: 10, selectable: headers)
        #expect(s.top == 6)
        #expect(s.cursor == 10, "pushed off the top: the next header in the window")
        s.scroll(by: -6, rowCount: 100, height: 10, selectable: headers)
        #expect(s.top == 0)
        #expect(s.cursor == 5, "pushed off the bottom: the last header in the window")
        s.scroll(by: 500, rowCount: 100, height: 10, selectable: headers)
        #expect(s.top == 90)
    }
}
