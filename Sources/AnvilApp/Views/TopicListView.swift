import ForgeModel
import TerminalUI
import Text

/// A forum's topics, paged lazily: rows not loaded yet are placeholders until the cursor nears them.
/// Topic entries carry no author, so each topic's first post is fetched once its row is on screen.
final class TopicListView: ToolView {
    let forumName: String
    private(set) var forum: Forum?
    private var list = PagedList<Topic>(limit: 50)

    override var countForm: CountForm { list.countForm }
    /// Row index of each loaded or placeholder topic, so the cursor maps to list positions.
    private var rowToItem: [Int] = []
    private var readCounts: [String: Int] = [:]
    /// Topic id → its first post, once fetched (nil: the topic has no post the caller can see).
    private var starters: [String: Post?] = [:]
    private var startersAsked: Set<String> = []

    init(session: ForgeSession, project: ProjectPath, tool: Tool, forum: String) {
        self.forumName = forum
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] { [forum?.name ?? forumName] }
    override var route: Route? { .forum(project, mount: tool.mountPoint, forum: forumName) }

    override func start(_ app: App) {
        list.reset()
        starters = [:]
        startersAsked = []
        fetch(list.pagesToFetch(near: 0), app: app)
    }

    override var notLoadedSummary: String? { list.notLoadedSummary(noun: "topic") }

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
        guard let forge = session.forge.discussionReading else { return }
        let (project, mount, forum) = (self.project, tool.mountPoint, forumName)
        for row in visible where row > 0 && rowToItem.indices.contains(row) {
            guard let topic = list.item(at: rowToItem[row]), !startersAsked.contains(topic.id) else { continue }
            startersAsked.insert(topic.id)
            let id = topic.id
            app.load(for: self) {
                // A failure only leaves the author unknown ("?"); the list itself is fine.
                let first = try? await forge.topicPosts(
                    project, mount: mount, forum: forum, thread: id, page: 0, limit: 1)
                return .topicStarter(topic: id, post: first?.posts.first)
            }
        }
    }

    override func handle(_ action: Action, app: App) -> Bool {
        if action == .markRead {
            markTopicRead(app)
            return true
        }
        guard action == .last, let page = list.lastPageToFetch() else { return false }
        fetch([page], app: app)
        return false
    }

    private var forgeKey: String { session.baseURL.absoluteString }

    /// Back from a topic: its read marks changed.
    override func reappeared(_ app: App) { refreshReadCounts(app) }

    private func refreshReadCounts(_ app: App) {
        guard let marks = app.options.state else { return }
        let ids = (0..<list.pageCount).flatMap { list.items(ofPage: $0) ?? [] }.map(\.id)
        readCounts.merge(marks.readCounts(forge: forgeKey, threads: ids)) { _, new in new }
        invalidate()
    }

    private func topic(atRow index: Int) -> Topic? {
        guard index > 0, rowToItem.indices.contains(index) else { return nil }
        return list.item(at: rowToItem[index])
    }

    override func rowHasUnread(_ index: Int) -> Bool {
        guard let topic = topic(atRow: index) else { return false }
        return (readCounts[topic.id] ?? 0) < topic.replyCount + 1
    }

    /// `M` on a topic: reads its posts (they carry the marks) and marks every one read, without
    /// opening it.
    private func markTopicRead(_ app: App) {
        guard let topic = topic(atRow: scroll.cursor), let forge = session.forge.discussionReading else {
            return app.note("Move to a topic first", error: true)
        }
        let (project, mount, forum, id, count) = (
            self.project, tool.mountPoint, forumName, topic.id, topic.replyCount + 1
        )
        app.note("Marking \(Sanitizer.clean(topic.subject)) read…")
        app.load(for: self) {
            var slugs: [String] = []
            var page = 0
            while slugs.count < count {
                let posts = try await forge.topicPosts(
                    project, mount: mount, forum: forum, thread: id, page: page, limit: 500)
                slugs += posts.posts.map(\.slug)
                if posts.posts.count < 500 { break }
                page += 1
            }
            return .topicRead(topic: id, slugs: slugs)
        }
    }

    private func fetch(_ pages: [Int], app: App) {
        guard let forge = session.forge.discussionReading else {
            loadError = .unsupported("This forge has no forums")
            return
        }
        let (project, mount, forum, limit) = (self.project, tool.mountPoint, forumName, list.limit)
        for page in pages {
            app.load(for: self) {
                let result = try await forge.topics(project, mount: mount, forum: forum, page: page, limit: limit)
                return .topics(forum: result.forum, page: result.topics)
            }
        }
    }

    override func loadingStopped(_ app: App) { list.forgetRequests() }

    override func receive(_ payload: Payload, app: App) {
        if case .topicStarter(let id, let post) = payload {
            starters[id] = .some(post)
            return
        }
        if case .topicRead(let id, let slugs) = payload {
            app.options.state?.markRead(forge: forgeKey, thread: id, slugs: slugs)
            refreshReadCounts(app)
            app.note("Marked read (\(slugs.count) posts)")
            return
        }
        guard case .topics(let forum, let page) = payload else { return }
        self.forum = forum
        list.receive(page: page.page, items: page.items, total: page.total, limit: page.limit)
        if let marks = app.options.state {
            let ids = page.items.map(\.id)
            readCounts.merge(marks.readCounts(forge: session.baseURL.absoluteString, threads: ids)) { _, new in new }
        }
    }

    override func buildRows(width: Int) -> [Row] {
        if list.loadedCount == 0, let state = stateRows(what: "the topics of \(forumName)") { return state }
        var rows: [Row] = []
        rowToItem = []
        if list.loadedCount == 0 {
            rows.append(Row("  This forum has no topics you can see.", .muted))
            rowToItem.append(0)
            return rows
        }
        let countWidth = 7
        let lastWidth = min(28, max(14, width / 4))
        let authorWidth = min(14, max(8, width / 8))
        let subjectWidth = max(10, width - 2 - 3 - authorWidth - 1 - countWidth * 2 - lastWidth - 4)
        rows.append(
            Row(
                StyledLine(
                    "   " + DisplayWidth.pad("Subject", to: subjectWidth) + " "
                        + DisplayWidth.pad("Started by", to: authorWidth) + " "
                        + DisplayWidth.pad("Replies", to: countWidth)
                        + " " + DisplayWidth.pad("  Views", to: countWidth) + "  Last post", .heading)))
        rowToItem.append(0)
        list.forEachSlot { index, topic in
            rowToItem.append(index)
            guard let topic else { return rows.append(PagedList<Topic>.placeholderRow) }
            rows.append(topicRow(topic, widths: (subjectWidth, authorWidth, countWidth, lastWidth)))
        }
        return rows
    }

    private func topicRow(_ topic: Topic, widths: (subject: Int, author: Int, count: Int, last: Int)) -> Row {
        var marker = " "
        if topic.isAnnouncement == true { marker = "!" } else if topic.isSticky == true { marker = "^" }
        if topic.isClosed == true { marker = "×" }
        let total = topic.replyCount + 1
        let seen = readCounts[topic.id]
        var spans: [StyledSpan] = [StyledSpan(" " + marker + " ", .muted)]
        let unread = seen.map { max(0, total - $0) }
        let subjectRole: Role = (unread ?? 0) > 0 ? .unread : .normal
        spans.append(StyledSpan(DisplayWidth.pad(Sanitizer.clean(topic.subject), to: widths.subject), subjectRole))
        // "…" while the first post loads, "?" when it could not be read.
        let author = starters[topic.id].map { $0.map { Sanitizer.clean($0.author) } ?? "?" } ?? "…"
        spans.append(StyledSpan(" " + DisplayWidth.pad(author, to: widths.author), .author))
        let replies = unread.map { $0 > 0 ? "\($0) new" : "\(topic.replyCount)" } ?? "\(topic.replyCount)"
        spans.append(StyledSpan(" " + DisplayWidth.pad(leftPad(replies, widths.count - 1), to: widths.count), .muted))
        spans.append(
            StyledSpan(
                " " + DisplayWidth.pad(leftPad("\(topic.viewCount)", widths.count - 1), to: widths.count), .muted))
        var last = ""
        if let post = topic.lastPost {
            last = Sanitizer.clean(post.author) + (post.timestamp.map { " " + DateText.relative($0, now: now()) } ?? "")
        }
        spans.append(StyledSpan("  " + DisplayWidth.truncate(last, to: widths.last), .date))
        return Row(
            StyledLine(spans),
            target: .route(.topic(project, mount: tool.mountPoint, forum: forumName, thread: topic.id)))
    }

    private func leftPad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(s))) + s
    }
}
