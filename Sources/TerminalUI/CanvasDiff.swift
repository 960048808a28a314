/// Works out which cells of a canvas must be written to turn the old screen into the new one.
public enum CanvasDiff {
    /// Unchanged cells between two changes that are rewritten rather than skipped: moving the
    /// cursor costs a few bytes of escape sequence, rewriting a cell about one.
    public static let defaultMergeGap = 4

    /// The stretches of cells that turn `old` into `new`, row by row: every row in full when `old`
    /// is nil or of another size, otherwise only the changed cells, with changes at most
    /// `mergeGap` cells apart joined. A stretch may include the continuation half of a wide
    /// character (a writer skips it); it never starts on one. The writer reads the cells from `new`.
    public static func spans(
        from old: Canvas?, to new: Canvas, mergeGap: Int = defaultMergeGap
    ) -> [(row: Int, columns: Range<Int>)] {
        guard let old, old.width == new.width, old.height == new.height else {
            guard new.width > 0 else { return [] }
            return (0..<new.height).map { ($0, 0..<new.width) }
        }
        var result: [(row: Int, columns: Range<Int>)] = []
        let width = new.width
        old.cells.withUnsafeBufferPointer { oldCells in
            new.cells.withUnsafeBufferPointer { newCells in
                for y in 0..<new.height {
                    let rowStart = y * width
                    var start: Int?
                    var end = 0
                    for x in 0..<width where oldCells[rowStart + x] != newCells[rowStart + x] {
                        if let s = start, x - end <= mergeGap {
                            start = s
                        } else {
                            if let s = start { append(widened(y, s, end, new), to: &result) }
                            start = x
                        }
                        end = x + 1
                    }
                    if let s = start { append(widened(y, s, end, new), to: &result) }
                }
            }
        }
        return result
    }

    /// Columns `start..<end` of row `y`, widened so they neither start on the right half of a
    /// wide character nor end between its halves.
    private static func widened(_ y: Int, _ start: Int, _ end: Int, _ canvas: Canvas) -> (row: Int, columns: Range<Int>)
    {
        var s = start
        while s > 0, canvas[s, y].isContinuation { s -= 1 }
        var e = end
        while e < canvas.width, canvas[e, y].isContinuation { e += 1 }
        return (y, s..<e)
    }

    /// Widening can make neighbouring spans overlap or touch; a span that does is joined to the
    /// one before it.
    private static func append(
        _ span: (row: Int, columns: Range<Int>), to spans: inout [(row: Int, columns: Range<Int>)]
    ) {
        if let last = spans.last, last.row == span.row, span.columns.lowerBound <= last.columns.upperBound {
            let upper = max(last.columns.upperBound, span.columns.upperBound)
            spans[spans.count - 1] = (last.row, last.columns.lowerBound..<upper)
        } else {
            spans.append(span)
        }
    }
}
