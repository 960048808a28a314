/// Works out which cells of a canvas must be written to turn the old screen into the new one.
public enum CanvasDiff {
    /// Consecutive cells of one row to write, starting at `column`. `cells` may include the
    /// continuation half of a wide character (a writer skips it); a run never starts on one.
    public struct Run: Hashable, Sendable {
        public var row: Int
        public var column: Int
        public var cells: [Cell]

        public init(row: Int, column: Int, cells: [Cell]) {
            self.row = row
            self.column = column
            self.cells = cells
        }

        /// The columns the run covers.
        public var columns: Range<Int> { column..<(column + cells.count) }
    }

    /// Unchanged cells between two changes that are rewritten rather than skipped: moving the
    /// cursor costs a few bytes of escape sequence, rewriting a cell about one.
    public static let defaultMergeGap = 4

    /// The runs that turn `old` into `new`: every row in full when `old` is nil or of another
    /// size, otherwise only the changed cells, with changes at most `mergeGap` cells apart joined.
    public static func runs(from old: Canvas?, to new: Canvas, mergeGap: Int = defaultMergeGap) -> [Run] {
        guard let old, old.width == new.width, old.height == new.height else {
            guard new.width > 0 else { return [] }
            return (0..<new.height).map { y in Run(row: y, column: 0, cells: row(y, of: new, in: 0..<new.width)) }
        }
        var result: [Run] = []
        for y in 0..<new.height {
            var start: Int?
            var end = 0
            for x in 0..<new.width where old[x, y] != new[x, y] {
                if let s = start, x - end <= mergeGap {
                    start = s
                } else {
                    if let s = start { result.append(makeRun(y, s, end, new)) }
                    start = x
                }
                end = x + 1
            }
            if let s = start { result.append(makeRun(y, s, end, new)) }
        }
        return mergeTouching(result)
    }

    /// A run for columns `start..<end` of row `y`, widened so it neither starts on the right
    /// half of a wide character nor ends between its halves.
    private static func makeRun(_ y: Int, _ start: Int, _ end: Int, _ canvas: Canvas) -> Run {
        var s = start
        while s > 0, canvas[s, y].isContinuation { s -= 1 }
        var e = end
        while e < canvas.width, canvas[e, y].isContinuation { e += 1 }
        return Run(row: y, column: s, cells: row(y, of: canvas, in: s..<e))
    }

    /// Widening can make neighbouring runs overlap or touch; join those.
    private static func mergeTouching(_ runs: [Run]) -> [Run] {
        var merged: [Run] = []
        for run in runs {
            if var last = merged.last, last.row == run.row, run.column <= last.columns.upperBound {
                let extra = run.columns.upperBound - last.columns.upperBound
                if extra > 0 { last.cells.append(contentsOf: run.cells.suffix(extra)) }
                merged[merged.count - 1] = last
            } else {
                merged.append(run)
            }
        }
        return merged
    }

    private static func row(_ y: Int, of canvas: Canvas, in columns: Range<Int>) -> [Cell] {
        columns.map { canvas[$0, y] }
    }
}
