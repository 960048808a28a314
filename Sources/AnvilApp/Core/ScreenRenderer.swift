import TerminalUI
import Text

/// Lays out a frame: the breadcrumb title line, the top view's rows (full width, so terminals can
/// scroll them cheaply), and, when there is something to say, the status line or the open prompt.
/// Only the title is fixed while scrolling: with no fixed bottom line the rows scroll as one region
/// reaching the bottom of the screen, which terminals do with a single line-delete.
struct ScreenRenderer {
    let app: App

    func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard width > 0, height > 0, let view = app.top else { return canvas }
        drawTitle(&canvas, view: view)
        let status = app.showsStatusLine && height >= 2
        let contentHeight = height - 1 - (status ? 1 : 0)
        if contentHeight >= 1 { drawContent(&canvas, view: view, from: 1, height: contentHeight) }
        if status { drawStatus(&canvas, y: height - 1, view: view) }
        return canvas
    }

    /// `forge › project › tool › item`, sanitised.
    static func breadcrumb(of view: ScreenView) -> String {
        ([view.session.displayName] + view.crumbs).map { Sanitizer.clean($0) }.joined(separator: " › ")
    }

    private func drawTitle(_ canvas: inout Canvas, view: ScreenView) {
        canvas.fill(row: 0, role: .title)
        canvas.draw(DisplayWidth.truncate(Self.breadcrumb(of: view), to: canvas.width), x: 0, y: 0, role: .title)
    }

    private func drawContent(_ canvas: inout Canvas, view: ScreenView, from y0: Int, height: Int) {
        let rows = view.rows(width: canvas.width)
        view.scroll.clamp(rowCount: rows.count, height: height)
        view.settleCursor(rows: rows, height: height)
        let query = view.searchQuery
        let mark = view.markedCells
        for i in 0..<height {
            let index = view.scroll.top + i
            guard index < rows.count else { break }
            let y = y0 + i
            let isCursor = view.scroll.mode == .list && index == view.scroll.cursor && rows[index].selectable
            let used = canvas.draw(rows[index].line, x: 0, y: y, maxWidth: canvas.width)
            if isCursor { markCursor(&canvas, y: y, used: used, line: rows[index].line, view: view) }
            if let mark, mark.row == index {
                for x in mark.columns.clamped(to: 0..<canvas.width) { canvas[x, y].role = .cursor }
            }
            if let query { highlight(query, in: rows[index].line.text, y: y, canvas: &canvas) }
        }
    }

    /// Marks the selected row: the cells of the view's cursor role when the row has any, else an
    /// arrow in the left margin, else the text and one cell more. Never the whole row: terminals
    /// without background-colour erase (tmux among them) would need every trailing cell written
    /// each time the cursor moves.
    private func markCursor(_ canvas: inout Canvas, y: Int, used: Int, line: StyledLine, view: ScreenView) {
        if let role = view.cursorRole {
            var marked = false
            for x in 0..<used where canvas[x, y].role == role {
                canvas[x, y].role = .cursor
                marked = true
            }
            if marked { return }
        }
        // The arrow takes a blank margin, or a tag mark: a tagged row's other columns say it too.
        if app.options.cursorStyle == .arrow, canvas[0, y].text == " " || canvas[0, y].role == .tagged {
            canvas.draw(view.asciiGlyphs ? ">" : "▶", x: 0, y: y, role: .pointer)
            return
        }
        canvas.draw(line, x: 0, y: y, maxWidth: canvas.width, override: .cursor)
        canvas.fill(row: y, from: used, count: 1, role: .cursor)
    }

    private func highlight(_ query: String, in text: String, y: Int, canvas: inout Canvas) {
        let ranges = SearchMatcher.ranges(of: query, in: text)
        guard !ranges.isEmpty else { return }
        var column = 0
        var offset = 0
        var rangeIndex = 0
        for character in text {
            let w = DisplayWidth.of(character)
            while rangeIndex < ranges.count, offset >= ranges[rangeIndex].upperBound { rangeIndex += 1 }
            if rangeIndex < ranges.count, ranges[rangeIndex].contains(offset) {
                for c in column..<min(column + w, canvas.width) { canvas[c, y].role = .searchMatch }
            }
            column += w
            offset += 1
            if column >= canvas.width { break }
        }
    }

    private func drawStatus(_ canvas: inout Canvas, y: Int, view: ScreenView) {
        canvas.fill(row: y, role: .status)
        if let editor = app.prompt {
            let used = canvas.draw(editor.prompt, x: 0, y: y, role: .prompt)
            let room = canvas.width - used - 1
            let text = editor.text
            // Keep the caret visible in long input.
            let start = max(0, editor.caret - room + 1)
            var x = used
            for index in start..<max(start, text.count) {
                let w = canvas.draw(String(text[index]), x: x, y: y, role: index == editor.caret ? .cursor : .prompt)
                x += w
                if x >= canvas.width - 1 { break }
            }
            if editor.caret >= text.count, x < canvas.width { canvas.draw(" ", x: x, y: y, role: .cursor) }
            return
        }
        let indicator = app.loadsInFlight > 0 ? " ⟳ loading " : ""
        let indicatorWidth = DisplayWidth.of(indicator)
        if let message = app.message {
            canvas.draw(
                message.text, x: 0, y: y, role: message.isError ? .error : .status,
                maxWidth: canvas.width - indicatorWidth)
        }
        if !indicator.isEmpty {
            canvas.draw(indicator, x: canvas.width - indicatorWidth, y: y, role: .status)
        }
    }
}

/// Case-insensitive matching unless the query has an upper-case letter (smart case).
enum SearchMatcher {
    /// Character offsets in `text` where `query` matches.
    static func ranges(of query: String, in text: String) -> [Range<Int>] {
        guard !query.isEmpty else { return [] }
        let caseSensitive = query.contains { $0.isUppercase }
        let haystack = Array(caseSensitive ? text : text.lowercased())
        let needle = Array(caseSensitive ? query : query.lowercased())
        guard needle.count <= haystack.count else { return [] }
        var result: [Range<Int>] = []
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle {
                result.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return result
    }
}
