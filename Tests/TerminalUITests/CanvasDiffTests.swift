import Testing
import Text

@testable import TerminalUI

/// The spans with their cells, to compare and to apply as a terminal would.
extension CanvasDiff {
    struct Run: Hashable {
        var row: Int
        var column: Int
        var cells: [Cell]

        var columns: Range<Int> { column..<(column + cells.count) }
    }

    static func runs(from old: Canvas?, to new: Canvas, mergeGap: Int = defaultMergeGap) -> [Run] {
        spans(from: old, to: new, mergeGap: mergeGap).map { span in
            Run(row: span.row, column: span.columns.lowerBound, cells: span.columns.map { new[$0, span.row] })
        }
    }
}

@Suite struct CanvasDiffTests {
    func canvas(_ rows: [String], width: Int = 10) -> Canvas {
        var c = Canvas(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { c.draw(row, x: 0, y: y) }
        return c
    }

    /// Applies runs to `old` the way a terminal would, to check they produce `new`.
    func apply(_ runs: [CanvasDiff.Run], to old: Canvas?, size new: Canvas) -> Canvas {
        var screen =
            old.flatMap { $0.width == new.width && $0.height == new.height ? $0 : nil }
            ?? Canvas(width: new.width, height: new.height)
        for run in runs {
            for (i, cell) in run.cells.enumerated() { screen[run.column + i, run.row] = cell }
        }
        return screen
    }

    @Test func everythingWhenNoOldCanvasOrSizeChanged() {
        let new = canvas(["hello", "world"])
        let first = CanvasDiff.runs(from: nil, to: new)
        #expect(first.map(\.row) == [0, 1])
        #expect(first.allSatisfy { $0.column == 0 && $0.cells.count == 10 })
        let resized = CanvasDiff.runs(from: canvas(["hello"], width: 9), to: new)
        #expect(resized.count == 2)
        #expect(apply(resized, to: nil, size: new) == new)
    }

    @Test func nothingWhenEqual() {
        let c = canvas(["same", "rows"])
        #expect(CanvasDiff.runs(from: c, to: c).isEmpty)
    }

    @Test func onlyChangedCells() {
        let runs = CanvasDiff.runs(
            from: canvas(["abcdefghij", "0123456789"]), to: canvas(["abcXefghij", "0123456789"]))
        #expect(runs == [CanvasDiff.Run(row: 0, column: 3, cells: [Cell("X")])])
    }

    @Test func roleChangeIsAChange() {
        let old = canvas(["abc"])
        var new = old
        new[1, 0].role = .cursor
        #expect(CanvasDiff.runs(from: old, to: new) == [CanvasDiff.Run(row: 0, column: 1, cells: [Cell("b", .cursor)])])
    }

    @Test func nearChangesMergeFarChangesSplit() {
        let old = canvas(["aaaaaaaaaaaaaaaaaaaa"], width: 20)
        let new = canvas(["Xaaa" + "Xaaaaaaaaaaa" + "Xaaa"], width: 20)
        let runs = CanvasDiff.runs(from: old, to: new)
        #expect(runs.map(\.columns) == [0..<5, 16..<17])
        #expect(apply(runs, to: old, size: new) == new)
        let unmerged = CanvasDiff.runs(from: old, to: new, mergeGap: 0)
        #expect(unmerged.map(\.columns) == [0..<1, 4..<5, 16..<17])
    }

    @Test func neverStartsOnContinuationCell() {
        let old = canvas(["ab中de"])
        var new = old
        new[3, 0].role = .cursor  // only the right half of 中 changed
        let runs = CanvasDiff.runs(from: old, to: new)
        #expect(runs.count == 1)
        #expect(runs[0].column == 2)
        #expect(runs[0].cells.first?.text == "中")
        for run in CanvasDiff.runs(from: canvas(["中文字abcd"]), to: canvas(["x中文字abc"])) {
            #expect(!canvasCell(canvas(["x中文字abc"]), run).isContinuation)
        }
    }

    func canvasCell(_ c: Canvas, _ run: CanvasDiff.Run) -> Cell { c[run.column, run.row] }

    @Test func wideCharacterIsNotCutAtRunEnd() {
        let old = canvas(["abcdefghij"])
        let new = canvas(["a中defghij"])
        let runs = CanvasDiff.runs(from: old, to: new)
        #expect(runs.map(\.columns) == [1..<3])
        #expect(apply(runs, to: old, size: new) == new)
    }

    @Test func appliedRunsAlwaysReproduceTheNewCanvas() {
        let rows = ["hello 世界 wide", "plain text here", "中文 and more", "x", "emoji 🙂 ok"]
        for a in rows {
            for b in rows {
                let old = canvas([a, b, a], width: 16)
                let new = canvas([b, a, b], width: 16)
                let runs = CanvasDiff.runs(from: old, to: new)
                #expect(apply(runs, to: old, size: new) == new)
                for run in runs { #expect(!new[run.column, run.row].isContinuation) }
            }
        }
    }
}
