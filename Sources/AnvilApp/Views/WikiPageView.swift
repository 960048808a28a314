import ForgeModel
import Foundation
import TerminalUI
import Text

/// A wiki page rendered from Markdown, with its labels, last edit, attachments and first comments.
/// Tab and BackTab select the page's links one by one; Enter follows the selected one.
final class WikiPageView: ToolView {
    /// A followable link: the row it starts on and the columns of its text there.
    struct PlacedLink {
        var row: Int
        var columns: Range<Int>
        var link: DocumentLink
    }

    let title: String
    private(set) var page: WikiPage?
    private(set) var links: [PlacedLink] = []
    private var headings: [DocumentHeading] = []
    private var documentStart = 0
    private(set) var selectedLink: Int?

    init(session: ForgeSession, project: ProjectPath, tool: Tool, title: String) {
        self.title = title
        super.init(session: session, project: project, tool: tool, mode: .pager)
    }

    override var itemCrumbs: [String] { [title] }
    override var route: Route? { .wikiPage(project, mount: tool.mountPoint, title: title) }

    override func start(_ app: App) {
        guard let forge = session.forge as? any WikiReading else {
            loadError = .unsupported("This forge has no wiki support")
            return
        }
        let (project, mount, title) = (self.project, tool.mountPoint, self.title)
        app.load(for: self) { .wikiPage(try await forge.wikiPage(project, mount: mount, title: title)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard case .wikiPage(let page) = payload else { return }
        self.page = page
    }

    override var markedCells: (row: Int, columns: Range<Int>)? {
        selectedLink.flatMap { links.indices.contains($0) ? (links[$0].row, links[$0].columns) : nil }
    }

    override func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .nextUnread, .previousLink:
            selectLink(forward: action == .nextUnread, app: app)
            return true
        case .open:
            guard let index = selectedLink, links.indices.contains(index) else { return false }
            follow(links[index].link, app: app)
            return true
        case .comment: break
        default: return false
        }
        guard let thread = page?.thread, !thread.id.isEmpty else {
            app.note("This page has no comment thread")
            return true
        }
        app.open(.discussionThread(project, mount: tool.mountPoint, thread: thread.id), session: session)
        app.perform(.comment)
        return true
    }

    /// Selects the next (or previous) link from the selected one, or from the top of the screen.
    private func selectLink(forward: Bool, app: App) {
        _ = rows(width: app.device.width)
        guard !links.isEmpty else { return app.note("This page has no links") }
        let height = app.contentHeight
        let onScreen = scroll.top..<(scroll.top + height)
        let next: Int?
        if let current = selectedLink, onScreen.contains(links[current].row) {
            next = forward ? (current + 1 < links.count ? current + 1 : nil) : (current > 0 ? current - 1 : nil)
        } else if forward {
            next = links.firstIndex { $0.row >= scroll.top }
        } else {
            next = links.lastIndex { $0.row < scroll.top + height }
        }
        guard let next else { return app.note(forward ? "No more links below" : "No more links above") }
        selectedLink = next
        let row = links[next].row
        if !onScreen.contains(row) { scroll(to: max(0, row - height / 3), app: app) }
        let link = links[next].link
        app.note(link.kind == .reference ? "[\(link.target)]" : link.target)
    }

    private func follow(_ link: DocumentLink, app: App) {
        let resolver = LinkResolver(
            session: session, project: project, tool: tool, pageURL: webURL ?? session.baseURL.absoluteString)
        switch resolver.resolve(link, headings: headings) {
        case .route(let route): app.open(route, session: session)
        case .browser(let url): app.openInBrowser(url)
        case .note(let text): app.note(text)
        case .line(let line):
            scroll(to: documentStart + line, app: app)
            selectedLink = nil
        }
    }

    /// Puts `row` at the top of the screen, as far as the page allows.
    private func scroll(to row: Int, app: App) {
        let count = rows(width: app.device.width).count
        scroll.select(row, rowCount: count, height: app.contentHeight) { _ in true }
    }

    override func buildRows(width: Int) -> [Row] {
        links = []
        guard let page else { return stateRows(what: title) ?? [] }
        var b = RowBuilder(width: width)
        b.heading(page.title)
        var meta: [StyledSpan] = []
        if let modified = page.modified {
            meta.append(StyledSpan("Last edit ", .muted))
            meta.append(StyledSpan(DateText.both(modified, now: now()), .date))
        }
        if !page.labels.isEmpty {
            if !meta.isEmpty { meta.append(StyledSpan("  ·  ", .muted)) }
            meta.append(StyledSpan("Labels ", .muted))
            meta.append(StyledSpan(page.labels.map { Sanitizer.clean($0) }.joined(separator: ", "), .label))
        }
        if !meta.isEmpty { b.rows.append(contentsOf: Wrapper.wrap(StyledLine(meta), width: width).map { Row($0) }) }
        for attachment in page.attachments {
            b.field("Attachment", "\(attachment.name) (\(ByteCount.describe(attachment.bytes)))")
        }
        b.blank()
        let document = MarkdownRenderer.render(page.text, width: width)
        documentStart = b.rows.count
        headings = document.headings
        links = document.links.compactMap { link in
            guard document.lines.indices.contains(link.line) else { return nil }
            let text = document.lines[link.line].text
            // The link's text, or the part of it before the line wraps.
            let shown =
                text.range(of: link.text) ?? link.text.split(separator: " ").first.flatMap { text.range(of: $0) }
            var columns = 0..<0
            if let shown {
                let start = DisplayWidth.of(String(text[..<shown.lowerBound]))
                columns = start..<(start + DisplayWidth.of(String(text[shown])))
            }
            return PlacedLink(row: documentStart + link.line, columns: columns, link: link)
        }
        if let selected = selectedLink, selected >= links.count { selectedLink = nil }
        b.rows.append(contentsOf: document.lines.map { Row($0) })
        if let thread = page.thread { b.embeddedComments(thread, now: now()) }
        if let thread = page.thread, !thread.id.isEmpty {
            b.blank()
            let label = thread.posts.isEmpty ? "  Comment on this page (c)" : "  Open the comment thread (c)"
            b.rows.append(
                Row(label, .link, target: .route(.discussionThread(project, mount: tool.mountPoint, thread: thread.id)))
            )
        }
        return b.rows
    }
}

/// Sizes of files for people.
enum ByteCount {
    static func describe(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / (1024 * 1024))
    }
}
