import ForgeModel
import TerminalUI
import Text

/// The forums of a discussion tool: name, description, topics, last post.
final class ForumListView: ToolView {
    private var list = PagedList<Forum>(limit: 100)

    override var countForm: CountForm { list.countForm }

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    override func start(_ app: App) {
        list.reset()
        fetch(list.pagesToFetch(near: 0), app: app)
    }

    override func cursorMoved(_ app: App) {
        fetch(list.pagesToFetch(near: scroll.cursor), app: app)
    }

    private func fetch(_ pages: [Int], app: App) {
        guard let forge = session.forge.discussionReading else {
            loadError = .unsupported("This forge has no forums")
            return
        }
        let (project, mount, limit) = (self.project, tool.mountPoint, list.limit)
        for page in pages {
            app.load(for: self) { .forums(try await forge.forums(project, mount: mount, page: page, limit: limit)) }
        }
    }

    override func loadingStopped(_ app: App) { list.forgetRequests() }

    override func receive(_ payload: Payload, app: App) {
        guard case .forums(let page) = payload else { return }
        list.receive(page: page.page, items: page.items, total: page.total, limit: page.limit)
    }

    override func buildRows(width: Int) -> [Row] {
        if list.loadedCount == 0, let state = stateRows(what: "the forums") { return state }
        var b = RowBuilder(width: width)
        if list.loadedCount == 0 { b.rows.append(Row("  There are no forums you can see.", .muted)) }
        let nameWidth = max(16, min(40, width / 3))
        for index in 0..<list.count {
            guard let forum = list.item(at: index) else {
                b.rows.append(PagedList<Forum>.placeholderRow)
                continue
            }
            let topics = "\(forum.topicCount) topic\(forum.topicCount == 1 ? "" : "s")"
            var last = ""
            if let post = forum.lastPost {
                last = post.author + (post.timestamp.map { ", " + DateText.relative($0, now: now()) } ?? "")
            }
            b.columns(
                [(forum.name, .strong, nameWidth), (topics, .muted, 11), (last, .date, 0)],
                target: .route(.forum(project, mount: tool.mountPoint, forum: forum.shortname)))
            // The description is Markdown: show its first rendered line.
            if let first = documents.render(
                forum.description, width: max(10, width - 4), dialect: session.forge.traits.markup
            ).document.lines.first,
                !first.text.trimmedOfSpaces.isEmpty
            {
                b.rows.append(Row(StyledLine([StyledSpan("    ")] + first.spans.map { StyledSpan($0.text, .muted) })))
            }
        }
        return b.rows
    }
}
