import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// A wiki page rendered from Markdown, with its labels, last edit, attachments and first comments.
/// Tab and BackTab select the page's links one by one; Enter follows the selected one.
final class WikiPageView: LinkedPageView {
    let title: String
    private(set) var page: WikiPage?

    init(session: ForgeSession, project: ProjectPath, tool: Tool, title: String) {
        self.title = title
        super.init(session: session, project: project, tool: tool)
    }

    override var itemCrumbs: [String] { [title] }
    override var route: Route? { .wikiPage(project, mount: tool.mountPoint, title: title) }

    override func start(_ app: App) {
        guard let forge = session.forge.wikiReading else {
            loadError = .unsupported("This forge has no wiki support")
            return
        }
        let (project, mount, title) = (self.project, tool.mountPoint, self.title)
        app.load(for: self) { .wikiPage(try await forge.wikiPage(project, mount: mount, title: title)) }
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .wikiSaved:
            if let saving { app.options.state?.deleteDraft(saving.key) }
            saving = nil
            app.note("Saved")
            start(app)
        case .wikiConflict(let current):
            guard let write = saving else { return }
            saving = nil
            page = current
            WikiWriter.conflict(current, write: write, app: app) { [weak self] in
                guard let self else { return }
                self.saving = write
                WikiWriter.send(write, checking: false, view: self, app: app)
            }
        case .wikiPage(let page):
            self.page = page
        default: break
        }
    }

    override var itemText: ItemText? { page.map { ItemText(name: "page \(title)", text: $0.text) } }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard app.deliveringWrite, let write = saving else { return super.loadFailed(error, app: app) }
        saving = nil
        if page != nil { loadError = nil }
        WikiWriter.failed(error, write: write, app: app)
    }

    /// The save in flight, whose draft is deleted once the forge took it.
    private var saving: WikiWrite?

    override func handle(_ action: Action, app: App) -> Bool {
        if action == .edit {
            guard let page else { return true }
            saving = WikiWriter.write(title: title, page: page, view: self, app: app) ?? saving
            return true
        }
        guard action == .comment else { return super.handle(action, app: app) }
        guard let thread = page?.thread, !thread.id.isEmpty else {
            app.note("This page has no comment thread")
            return true
        }
        app.open(.discussionThread(project, mount: tool.mountPoint, thread: thread.id), session: session)
        app.perform(.comment)
        return true
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        guard draft.key.kind == .wikiEdit else { return super.sendDraft(draft, app: app) }
        return sendDraft(by: .edit, when: page != nil, app: app)
    }

    override func buildPage(width: Int) -> [Row] {
        guard let page else { return stateRows(what: title) ?? [] }
        var b = rowBuilder(width: width)
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
        let document = renderMarkdown(page.text, width: width)
        place(document, at: b.rows.count)
        b.rows.append(contentsOf: document.lines.map { Row($0) })
        if let thread = page.thread {
            b.embeddedComments(thread, now: now()) { [unowned self] document, start, indent in
                place(document, at: start, indent: indent)
            }
        }
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
