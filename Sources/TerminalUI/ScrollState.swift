/// Cursor and scroll position over a list of rows, some of which can be selected.
///
/// In list mode the cursor sits on a selectable row and the window scrolls to keep it visible.
/// In pager mode there is no cursor: moves scroll the window by lines.
public struct ScrollState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case list, pager }

    public var mode: Mode
    /// Index of the row under the cursor (list mode).
    public private(set) var cursor: Int = 0
    /// Index of the first visible row.
    public private(set) var top: Int = 0

    public init(mode: Mode) {
        self.mode = mode
    }

    /// Puts the cursor on `row` (or the nearest selectable row) and scrolls it into view.
    public mutating func select(_ row: Int, rowCount: Int, height: Int, selectable: (Int) -> Bool) {
        guard rowCount > 0 else {
            cursor = 0
            top = 0
            return
        }
        let target = max(0, min(row, rowCount - 1))
        if mode == .list {
            cursor = nearestSelectable(from: target, rowCount: rowCount, selectable: selectable) ?? target
        } else {
            top = target
        }
        clamp(rowCount: rowCount, height: height)
    }

    /// Moves by `delta` selectable rows (list) or lines (pager).
    public mutating func move(by delta: Int, rowCount: Int, height: Int, selectable: (Int) -> Bool) {
        guard rowCount > 0 else { return }
        if mode == .pager {
            top += delta
            clamp(rowCount: rowCount, height: height)
            return
        }
        var index = cursor
        var remaining = abs(delta)
        let step = delta < 0 ? -1 : 1
        while remaining > 0 {
            var next = index + step
            while next >= 0, next < rowCount, !selectable(next) { next += step }
            guard next >= 0, next < rowCount else { break }
            index = next
            remaining -= 1
        }
        cursor = index
        clamp(rowCount: rowCount, height: height)
    }

    /// Scrolls the window by `delta` lines; in list mode the cursor stays on its row while it is
    /// visible, and otherwise moves to the nearest selectable row inside the window.
    public mutating func scroll(by delta: Int, rowCount: Int, height: Int, selectable: (Int) -> Bool) {
        guard rowCount > 0 else { return }
        let h = max(1, height)
        top = max(0, min(top + delta, max(0, rowCount - h)))
        guard mode == .list else { return }
        if cursor < top {
            cursor = nearestSelectable(from: top, rowCount: rowCount, selectable: selectable, forward: true) ?? cursor
        } else if cursor >= top + h {
            cursor =
                nearestSelectable(
                    from: min(rowCount - 1, top + h - 1), rowCount: rowCount, selectable: selectable, forward: false)
                ?? cursor
        }
        if cursor < top || cursor >= top + h {
            // No selectable row inside the window: keep the window where it was asked to be.
            let keepTop = top
            clamp(rowCount: rowCount, height: h)
            top = keepTop
        }
    }

    /// Moves by a screenful, keeping the cursor at the same place on screen where possible.
    public mutating func page(by pages: Int, rowCount: Int, height: Int, selectable: (Int) -> Bool) {
        guard rowCount > 0, height > 0 else { return }
        let amount = max(1, height - 1) * pages
        if mode == .pager {
            move(by: amount, rowCount: rowCount, height: height, selectable: selectable)
            return
        }
        let offset = cursor - top
        top = max(0, min(top + amount, max(0, rowCount - height)))
        let target = max(0, min(rowCount - 1, top + offset))
        let found =
            pages > 0
            ? (nearestSelectable(from: target, rowCount: rowCount, selectable: selectable, forward: true)
                ?? nearestSelectable(from: target, rowCount: rowCount, selectable: selectable))
            : (nearestSelectable(from: target, rowCount: rowCount, selectable: selectable, forward: false)
                ?? nearestSelectable(from: target, rowCount: rowCount, selectable: selectable))
        cursor = found ?? cursor
        clamp(rowCount: rowCount, height: height)
    }

    /// Keeps cursor and window inside the rows after the row count or height changed.
    public mutating func clamp(rowCount: Int, height: Int) {
        let h = max(1, height)
        if rowCount == 0 {
            cursor = 0
            top = 0
            return
        }
        cursor = max(0, min(cursor, rowCount - 1))
        if mode == .list {
            if cursor < top { top = cursor }
            if cursor >= top + h { top = cursor - h + 1 }
        }
        top = max(0, min(top, max(0, rowCount - h)))
    }

    /// Puts the cursor on `cursor` with the window starting at `top` (both clamped later).
    public mutating func place(cursor: Int, top: Int) {
        self.cursor = max(0, cursor)
        self.top = max(0, top)
    }

    /// Shifts positions after `count` rows were inserted before `index`, so the same rows stay
    /// under the cursor and at the top of the window.
    public mutating func rowsInserted(at index: Int, count: Int) {
        if index <= cursor { cursor += count }
        if index < top || (index == top && top > 0) { top += count }
    }

    private func nearestSelectable(
        from row: Int, rowCount: Int, selectable: (Int) -> Bool, forward: Bool? = nil
    )
        -> Int?
    {
        if selectable(row) { return row }
        if forward != false {
            var r = row + 1
            while r < rowCount {
                if selectable(r) { return r }
                r += 1
            }
        }
        if forward != true {
            var r = row - 1
            while r >= 0 {
                if selectable(r) { return r }
                r -= 1
            }
        }
        return nil
    }
}
