import ForgeModel
import Foundation
import TerminalUI
import Text

/// Lays out a frame: the breadcrumb title line, the top view's rows (full width, so terminals can
/// scroll them cheaply), and, when there is something to say, the status line or the open prompt.
/// Only the title is fixed while scrolling: with no fixed bottom line the rows scroll as one region
/// reaching the bottom of the screen, which the terminal scrolls in a scroll region with one line feed.
struct ScreenRenderer {
    let app: App

    func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard width > 0, height > 0, let view = app.top else { return canvas }
        let status = app.showsStatusLine && height >= 2
        let contentHeight = height - 1 - (status ? 1 : 0)
        if contentHeight >= 1 { drawContent(&canvas, view: view, from: 1, height: contentHeight) }
        drawTitle(&canvas, view: view, height: max(1, contentHeight))
        if status {
            drawStatus(&canvas, y: height - 1, view: view)
            if contentHeight >= 2 { drawChoices(&canvas, y: height - 2) }
        }
        return canvas
    }

    /// `forge › project › tool › item`, sanitised.
    static func breadcrumb(of view: ScreenView) -> String {
        ([view.session.displayName] + view.crumbs).map { Sanitizer.clean($0) }.joined(separator: " › ")
    }

    /// The breadcrumb, and on the right where the view is (`12/230`, `40%`).
    private func drawTitle(_ canvas: inout Canvas, view: ScreenView, height: Int) {
        canvas.fill(row: 0, role: .title)
        var position = view.position(rows: view.rows(width: canvas.width), height: height).map { " " + $0 } ?? ""
        if let copy = view.localCopy { position = " " + copy.text(now: view.now()) + " " + position }
        let room = canvas.width - DisplayWidth.of(position)
        guard room >= 10 else {
            canvas.draw(DisplayWidth.truncate(Self.breadcrumb(of: view), to: canvas.width), x: 0, y: 0, role: .title)
            return
        }
        canvas.draw(Self.fitted(breadcrumbOf: view, width: room - 1), x: 0, y: 0, role: .title)
        canvas.draw(position, x: room, y: 0, role: .title)
    }

    /// The breadcrumb in `width` cells: middle parts give way to `…` before the end is cut, since
    /// the end says what is on screen.
    static func fitted(breadcrumbOf view: ScreenView, width: Int) -> String {
        var parts = ([view.session.displayName] + view.crumbs).map { Sanitizer.clean($0) }
        var text = parts.joined(separator: " › ")
        var dropped = false
        while DisplayWidth.of(text) > width, parts.count > (dropped ? 3 : 2) {
            parts.remove(at: dropped ? 2 : 1)
            if !dropped { parts.insert("…", at: 1) }
            dropped = true
            text = parts.joined(separator: " › ")
        }
        return DisplayWidth.truncate(text, to: width)
    }

    /// While a prompt with choices is open, the choices that fit what is typed, above it.
    private func drawChoices(_ canvas: inout Canvas, y: Int) {
        guard let editor = app.prompt else { return }
        let choices = app.openPromptChoices
        guard !choices.isEmpty else { return }
        let text = editor.string
        let word = String(text.split(whereSeparator: { $0 == " " || $0 == "," }).last ?? "")
        let bare =
            text.last == " " || text.last == "," ? "" : word.trimming(scalarsIn: "+-")
        let fitting = choices.filter { $0.hasPrefix(bare) }
        let line = "Tab: " + (fitting.isEmpty ? "(no choice starts with \(bare))" : fitting.joined(separator: "  "))
        canvas.fill(row: y, role: .status)
        canvas.draw(StyledLine(Sanitizer.clean(line), .muted).truncated(to: canvas.width), x: 0, y: y)
    }

    private func drawContent(_ canvas: inout Canvas, view: ScreenView, from y0: Int, height: Int) {
        let rows = view.rows(width: canvas.width)
        view.scroll.clamp(rowCount: rows.count, height: height)
        view.settleCursor(rows: rows, height: height)
        let matcher = view.searchQuery.map { SearchMatcher($0) }
        let mark = view.markedCells
        let visible = view.scroll.top..<(view.scroll.top + height)
        let hyperlinks =
            app.options.hyperlinks ? Dictionary(grouping: view.hyperlinks(rows: visible), by: \.row) : [:]
        for i in 0..<height {
            let index = view.scroll.top + i
            guard index < rows.count else { break }
            let y = y0 + i
            let isCursor = view.scroll.mode == .list && index == view.scroll.cursor && rows[index].selectable
            let line = rows[index].line.truncated(to: canvas.width)
            let used = canvas.draw(line, x: 0, y: y, maxWidth: canvas.width)
            if isCursor { markCursor(&canvas, y: y, used: used, line: line, view: view) }
            if let mark, mark.row == index {
                for x in mark.columns.clamped(to: 0..<canvas.width) { canvas[x, y].role = .cursor }
            }
            if let matcher { highlight(matcher, in: line.text, y: y, canvas: &canvas) }
            for link in hyperlinks[index] ?? [] {
                for x in link.columns.clamped(to: 0..<canvas.width) { canvas[x, y].hyperlink = link.url }
            }
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

    private func highlight(_ matcher: SearchMatcher, in text: String, y: Int, canvas: inout Canvas) {
        let ranges = matcher.ranges(in: text)
        guard !ranges.isEmpty else { return }
        var column = 0
        var offset = 0
        var rangeIndex = 0
        for character in text {
            let w = DisplayWidth.of(character)
            while rangeIndex < ranges.count, offset >= ranges[rangeIndex].upperBound { rangeIndex += 1 }
            if rangeIndex < ranges.count, ranges[rangeIndex].contains(offset) {
                // The cursor's arrow stays an arrow.
                for c in column..<min(column + w, canvas.width) where canvas[c, y].role != .pointer {
                    canvas[c, y].role = .searchMatch
                }
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
                DisplayWidth.truncate(message.text, to: canvas.width - indicatorWidth), x: 0, y: y,
                role: message.isError ? .error : .status, maxWidth: canvas.width - indicatorWidth)
        }
        if !indicator.isEmpty {
            canvas.draw(indicator, x: canvas.width - indicatorWidth, y: y, role: .status)
        }
    }
}

/// What `/` searches for: an extended regular expression, or the text itself when the query is
/// not a valid expression. Case-insensitive unless the query has an upper-case letter (smart case).
struct SearchMatcher {
    private let expression: NSRegularExpression?

    init(_ query: String) {
        let options: NSRegularExpression.Options = query.contains { $0.isUppercase } ? [] : [.caseInsensitive]
        if query.isEmpty {
            expression = nil
        } else if let regex = try? NSRegularExpression(pattern: query, options: options) {
            expression = regex
        } else {
            expression = try? NSRegularExpression(
                pattern: NSRegularExpression.escapedPattern(for: query), options: options)
        }
    }

    /// Whether `text` has a match.
    func matches(_ text: String) -> Bool {
        guard let expression else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Character offsets in `text` of the non-empty matches.
    func ranges(in text: String) -> [Range<Int>] {
        guard let expression else { return [] }
        var result: [Range<Int>] = []
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard match.range.length > 0, let range = Range(match.range, in: text) else { continue }
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            result.append(start..<(start + text.distance(from: range.lowerBound, to: range.upperBound)))
        }
        return result
    }
}
