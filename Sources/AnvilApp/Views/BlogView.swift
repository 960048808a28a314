import ForgeModel
import Store
import TerminalUI
import Text

/// A blog's posts, newest first, paged lazily. The list names only titles, so each post on
/// screen is fetched once for its author, date, state and labels. `C` writes a new post, `e`
/// edits the one under the cursor.
final class BlogView: ToolView {
    private var list = PagedList<BlogEntry>(limit: 25)
    /// Post path → the post, once fetched.
    private var details: [String: BlogPost] = [:]
    private var detailsAsked: Set<String> = []
    /// Row index → list position (the first row is the header).
    private var rowToItem: [Int] = []
    /// The new post being sent, until the forge answers.
    private var writing: BlogWrite?

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    override func start(_ app: App) {
        list.reset()
        details = [:]
        detailsAsked = []
        fetch(list.pagesToFetch(near: 0), app: app)
    }

    override var notLoadedSummary: String? { list.notLoadedSummary(noun: "post") }

    override func loadEverything(_ app: App) -> Bool {
        fetch(list.remainingPages(), app: app)
        return true
    }

    override func cursorMoved(_ app: App) {
        let index = rowToItem.indices.contains(scroll.cursor) ? rowToItem[scroll.cursor] : scroll.cursor
        fetch(list.pagesToFetch(near: index), app: app)
    }

    override func didShow(rows visible: Range<Int>, app: App) { loadDetails(rows: visible, app: app) }

    override func loadDetails(rows visible: Range<Int>, app: App) {
        guard let forge = session.forge.blogReading else { return }
        let (project, mount) = (self.project, tool.mountPoint)
        for row in visible where row > 0 && rowToItem.indices.contains(row) {
            guard let entry = list.item(at: rowToItem[row]), !entry.path.isEmpty,
                !detailsAsked.contains(entry.path)
            else { continue }
            detailsAsked.insert(entry.path)
            let path = entry.path
            app.load(for: self, essential: false) {
                .blogPost(try await forge.blogPost(project, mount: mount, path: path))
            }
        }
    }

    override func loadingStopped(_ app: App) {
        list.forgetRequests()
        detailsAsked = Set(details.keys)
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        guard draft.key.kind == .blogNew else { return super.sendDraft(draft, app: app) }
        return sendDraft(by: .create, when: true, app: app)
    }

    override func handle(_ action: Action, app: App) -> Bool {
        if action == .create {
            writing = BlogWriter.write(post: nil, view: self, app: app) ?? writing
            return true
        }
        if action == .edit {
            let index = rowToItem.indices.contains(scroll.cursor) && scroll.cursor > 0 ? rowToItem[scroll.cursor] : nil
            guard let entry = index.flatMap({ list.item(at: $0) }), let post = details[entry.path] else {
                app.note("Move to a post whose details have arrived first")
                return true
            }
            // The draft belongs to the post's own page, where the outbox can send it from.
            app.options.state?.currentPlace = session.forge.webURL(
                for: .blogPost(project, mount: tool.mountPoint, path: entry.path))
            defer { app.options.state?.currentPlace = webURL }
            writing = BlogWriter.write(post: post, view: self, app: app) ?? writing
            return true
        }
        guard action == .last, let page = list.lastPageToFetch() else { return false }
        fetch([page], app: app)
        return false
    }

    private func fetch(_ pages: [Int], app: App) {
        guard let forge = session.forge.blogReading else {
            loadError = .unsupported("This forge has no blog support")
            return
        }
        let (project, mount, limit) = (self.project, tool.mountPoint, list.limit)
        for page in pages {
            app.load(for: self) {
                .blogEntries(try await forge.blogEntries(project, mount: mount, page: page, limit: limit))
            }
        }
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .blogEntries(let page):
            list.receive(page: page.page, items: page.items, total: page.total, limit: page.limit)
        case .blogPost(let post):
            details[post.path] = post
        case .blogSaved(let post):
            guard let write = writing else { return }
            writing = nil
            BlogWriter.saved(post, write: write, app: app)
            guard write.path == nil else {
                details[post.path] = post
                return
            }
            start(app)
            app.open(.blogPost(project, mount: tool.mountPoint, path: post.path), session: session)
        case .blogConflict(let current):
            guard let write = writing else { return }
            writing = nil
            details[current.path] = current
            BlogWriter.conflict(current, write: write, app: app) { [weak self] in
                guard let self else { return }
                self.writing = write
                BlogWriter.send(write, checking: false, view: self, app: app)
            }
        default: break
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard app.deliveringWrite, let write = writing else { return }
        writing = nil
        if list.loadedCount > 0 { loadError = nil }
        BlogWriter.failed(error, write: write, app: app)
    }

    override func buildRows(width: Int) -> [Row] {
        if list.loadedCount == 0, let state = stateRows(what: "the posts of \(toolLabel)") { return state }
        rowToItem = [0]
        guard list.loadedCount > 0 else { return [Row("  This blog has no posts you can see (C writes one).", .muted)] }
        let dateWidth = 12
        let authorWidth = min(14, max(8, width / 8))
        let labelWidth = width >= 100 ? min(24, width / 5) : 0
        let titleWidth = max(10, width - 2 - 6 - authorWidth - dateWidth - labelWidth - 8)
        var header =
            "  " + DisplayWidth.pad("", to: 6) + DisplayWidth.pad("Title", to: titleWidth) + "  "
            + DisplayWidth.pad("Author", to: authorWidth) + "  " + DisplayWidth.pad("Changed", to: dateWidth)
        if labelWidth > 0 { header += "  Labels" }
        var rows = [Row(StyledLine(DisplayWidth.truncate(header, to: width), .heading))]
        list.forEachSlot { index, entry in
            rowToItem.append(index)
            guard let entry else { return rows.append(PagedList<BlogEntry>.placeholderRow) }
            rows.append(row(entry, widths: (titleWidth, authorWidth, dateWidth, labelWidth), width: width))
        }
        return rows
    }

    private func row(_ entry: BlogEntry, widths: (title: Int, author: Int, date: Int, labels: Int), width: Int) -> Row {
        // "…" until the post arrived (a post that cannot be read stays so).
        let detail = details[entry.path]
        let unknown = "…"
        var spans = [StyledSpan("  ")]
        if detail?.state == .draft {
            spans.append(StyledSpan(DisplayWidth.pad("draft", to: 6), .error))
        } else {
            spans.append(StyledSpan(DisplayWidth.pad("", to: 6)))
        }
        spans.append(StyledSpan(DisplayWidth.pad(Sanitizer.clean(entry.title), to: widths.title), .normal))
        spans.append(
            StyledSpan(
                "  " + DisplayWidth.pad(detail.map { Sanitizer.clean($0.author) } ?? unknown, to: widths.author),
                .author))
        let date = detail?.modified.map { DateText.compact($0, now: now()) } ?? (detail == nil ? unknown : "")
        spans.append(StyledSpan("  " + DisplayWidth.pad(date, to: widths.date), .date))
        if widths.labels > 0, let detail {
            spans.append(StyledSpan("  " + detail.labels.map { Sanitizer.clean($0) }.joined(separator: ", "), .label))
        }
        let target: Navigation? =
            entry.path.isEmpty ? nil : .route(.blogPost(project, mount: tool.mountPoint, path: entry.path))
        return Row(StyledLine(spans).truncated(to: width), target: target, selectable: true)
    }
}
