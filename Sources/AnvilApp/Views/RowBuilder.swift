import ForgeModel
import Foundation
import TerminalUI
import Text

/// Shared ways views turn forge data into rows. Every string from the server is sanitised here.
struct RowBuilder {
    let width: Int
    var rows: [Row] = []
    /// Whose Markdown the texts are written in.
    var dialect: MarkupDialect = .allura
    /// Renders the Markdown of embedded comments (a page numbers their links on from its own);
    /// nil renders them in `dialect` with unnumbered links.
    var renderMarkdown: ((_ text: String, _ width: Int) -> RenderedDocument)?

    init(width: Int) {
        self.width = max(10, width)
    }

    mutating func blank() { rows.append(.blank) }

    /// A section heading.
    mutating func heading(_ text: String) {
        rows.append(Row(StyledLine(DisplayWidth.truncate(Sanitizer.clean(text), to: width), .heading)))
    }

    /// Server text, wrapped to the width.
    mutating func paragraph(_ text: String, role: Role = .normal, indent: Int = 0) {
        let pad = String(repeating: " ", count: indent)
        for line in Sanitizer.clean(text, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = Wrapper.wrap(
                StyledLine(String(line), role), width: width, firstIndent: [StyledSpan(pad)],
                restIndent: [StyledSpan(pad)])
            rows.append(contentsOf: wrapped.map { Row($0) })
        }
    }

    /// `Label       value`, the value wrapped under itself. Nothing when the value is empty.
    mutating func field(_ label: String, _ value: String, role: Role = .normal, target: Navigation? = nil) {
        let clean = Sanitizer.clean(value)
        guard !clean.isEmpty else { return }
        let labelText = DisplayWidth.pad(label, to: RowBuilder.labelWidth)
        let wrapped = Wrapper.wrap(
            StyledLine(clean, role), width: width, firstIndent: [StyledSpan(labelText, .muted)],
            restIndent: [StyledSpan(String(repeating: " ", count: RowBuilder.labelWidth))])
        for (i, line) in wrapped.enumerated() {
            rows.append(Row(line, target: i == 0 ? target : nil, selectable: target != nil && i == 0))
        }
    }

    /// A one-line selectable row made of columns, each truncated or padded to its width.
    mutating func columns(_ cells: [(String, Role, Int)], target: Navigation?) {
        var spans: [StyledSpan] = [StyledSpan("  ")]
        for (index, cell) in cells.enumerated() {
            let text = Sanitizer.clean(cell.0)
            let last = index == cells.count - 1
            spans.append(StyledSpan(last ? text : DisplayWidth.pad(text, to: cell.2), cell.1))
            if !last { spans.append(StyledSpan("  ")) }
        }
        let line = StyledLine(spans)
        let clipped = line.truncated(to: width)
        rows.append(Row(clipped, target: target, selectable: target != nil))
    }

    /// The first posts of a thread as embedded in an artifact: a header per post and its body,
    /// indented by depth; change-log posts as compact lines.
    /// `placed` learns where each rendered body starts (row and indent), for its links.
    mutating func embeddedComments(
        _ thread: DiscussionThread, now: Date, placed: ((RenderedDocument, Int, Int) -> Void)? = nil
    ) {
        guard !thread.posts.isEmpty else { return }
        blank()
        heading("Comments")
        for post in thread.posts {
            let indent = 2 * post.depth
            blank()
            var header: [StyledSpan] = [
                StyledSpan(String(repeating: " ", count: indent)), StyledSpan(Sanitizer.clean(post.author), .author),
            ]
            if let time = post.timestamp { header.append(StyledSpan("  " + DateText.both(time, now: now), .date)) }
            rows.append(Row(StyledLine(header)))
            let bodyWidth = max(10, width - indent - 2)
            let body: [StyledLine]
            if post.isMeta {
                body = ChangeLog.lines(post.text, width: bodyWidth)
            } else {
                let document =
                    renderMarkdown?(post.text, bodyWidth)
                    ?? MarkdownRenderer.render(post.text, width: bodyWidth, dialect: dialect)
                placed?(document, rows.count, indent + 2)
                body = document.lines
            }
            let pad = StyledSpan(String(repeating: " ", count: indent + 2))
            rows.append(contentsOf: body.map { Row(StyledLine([pad] + $0.spans)) })
        }
        if thread.posts.count >= thread.limit {
            blank()
            rows.append(Row("  Only the first \(thread.limit) comments are shown here.", .muted))
        }
    }

    static let labelWidth = 13
}
