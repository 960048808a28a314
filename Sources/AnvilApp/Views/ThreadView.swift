import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// A thread, nested by slug and drawn mutt-style: a header row per post and its body below,
/// indented with its depth. Pages load lazily as the cursor nears the end of what is loaded; `G`
/// fetches the last page directly when the total is known.
final class ThreadView: ToolView {
    /// Which kind of thread this is: forum topics are read-only over REST.
    enum Kind: Hashable {
        case forumTopic(forum: String)
        case toolThread
    }

    let kind: Kind
    let threadID: String
    private(set) var subject = ""
    private(set) var tree: PostTree
    private var collapsed: Set<String> = []
    private(set) var chronological = false
    private let limit: Int

    // Paging, in server order.
    private var loadedPages: Set<Int> = []
    private var requestedPages: Set<Int> = []
    private(set) var total: Total?
    /// Set when a page came back short: nothing after it.
    private var endPage: Int?
    private var wantsEnd = false
    private var loadingAll = false
    /// Say where the posts of the next page went (it was fetched by moving down at the end).
    private var noteArrivals = false
    /// Mark every post read once every page is here (`M` before the thread was loaded).
    private var markReadWhenLoaded = false
    /// The post to put the cursor back on after a reload, and its row on screen.
    private var reloadAnchor: (slug: String, offset: Int)?

    // Read state.
    private var readAtOpen: Set<String> = [] { didSet { readVersion &+= 1 } }
    /// Whether `readAtOpen` holds the database's marks yet (they are read with the first posts).
    private var readMarksRead = false
    private var seen: Set<String> = []
    private var unseenFlushed: Set<String> = [] { didSet { readVersion &+= 1 } }
    /// Counts changes to what `isUnread` reads: headers built before a change may be wrong.
    private var readVersion = 0

    // Rendering caches.
    /// The threaded rows, brought up to date page by page.
    private var rowList = ThreadRowList()
    /// The rows in server order, while `chronological` is on.
    private var chronologicalRows: [ThreadRow] = []
    private var threadRows: [ThreadRow] { chronological ? chronologicalRows : rowList.rows }
    /// The screen rows, a segment per thread row (its header and body), kept between builds.
    private var assembly = SegmentedRows()
    /// What the rows in `assembly` were built with: a build with the same may keep them.
    private var assemblyStamp: (width: Int, ascii: Bool, readVersion: Int, builtAt: Date)?
    /// Thread rows rewritten since the last build, when nothing else changed since; nil when the
    /// next build must make every row (the tree was built again, a long body's rendering arrived).
    /// The app invalidates a view for other reasons too (a load started or ended): the rows of
    /// the posts stay as they were then.
    private var rowsChangedSinceBuild: Set<Int>?
    /// Each thread row's header row.
    private var headerRowOfThreadRow: [Int] { assembly.starts }
    /// Body lines per tree row id, with the indent they were made with: rows share them.
    private var bodyCache = BodyCache()
    private var bodyCacheWidth = 0
    private var anchor: (rowID: Int, offset: Int)?
    /// A post to select once it arrives (its id or web anchor): pages load until it does.
    var focus: String?

    // Sending.
    private var sending: (key: DraftKey, replyTo: String?)?

    init(session: ForgeSession, project: ProjectPath, tool: Tool, kind: Kind, thread: String, pageSize: Int = 100) {
        self.kind = kind
        self.threadID = thread
        self.limit = max(1, min(session.forge.traits.maximumPageSize, pageSize))
        let depth = session.forge.discussionReading?.maximumThreadDepth
        self.tree = PostTree(maximumDepth: depth)
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] {
        var parts: [String] = []
        if case .forumTopic(let forum) = kind { parts.append(forum) }
        parts.append(subject.isEmpty ? threadID : subject)
        return parts
    }

    override var cursorRole: Role? { .author }

    override var route: Route? {
        switch kind {
        case .forumTopic(let forum): return .topic(project, mount: tool.mountPoint, forum: forum, thread: threadID)
        case .toolThread: return .discussionThread(project, mount: tool.mountPoint, thread: threadID)
        }
    }

    private var forgeKey: String { session.baseURL.absoluteString }

    /// The post under the cursor.
    var currentPost: Post? {
        threadRow(ofHeader: scroll.cursor).flatMap { threadRows.indices.contains($0) ? threadRows[$0].post : nil }
    }

    /// The web page of the post under the cursor, else of the thread.
    override var webURL: String? {
        guard let slug = currentPost?.id, !slug.isEmpty else { return route.map { session.forge.webURL(for: $0) } }
        switch kind {
        case .forumTopic(let forum):
            return session.forge.webURL(
                for: .topicPost(project, mount: tool.mountPoint, forum: forum, thread: threadID, post: slug))
        case .toolThread:
            return session.forge.webURL(for: .threadPost(project, mount: tool.mountPoint, thread: threadID, post: slug))
        }
    }

    override var itemText: ItemText? {
        currentPost.map { ItemText(name: "\(Sanitizer.clean($0.author))'s post", text: $0.text) }
    }

    /// Links are numbered per post: `f N` follows link N of the post under the cursor.
    override func followLink(number: Int, app: App) -> Bool {
        guard let post = currentPost, !post.isMeta else { return false }
        let document = MarkdownRenderer.render(
            post.text, width: max(20, app.device.width), dialect: session.forge.traits.markup, firstLinkNumber: 1)
        guard let link = document.links.first(where: { $0.number == number }) else { return false }
        let page = route.map { session.forge.webURL(for: $0) } ?? session.baseURL.absoluteString
        let resolver = LinkResolver(session: session, project: project, tool: tool, pageURL: page)
        switch resolver.resolve(link, headings: document.headings) {
        case .route(let route): app.open(route, session: session)
        case .browser(let url): app.openInBrowser(url)
        case .note(let text): app.note(text)
        case .line: app.note("That place is in this post")
        }
        return true
    }

    /// Posts known to exist but not loaded yet, when the total is known.
    var missingCount: Int? {
        switch total {
        case .exact(let n): return max(0, n - tree.postCount)
        default: return nil
        }
    }

    var isComplete: Bool {
        if endPage != nil { return (0...(endPage ?? 0)).allSatisfy { loadedPages.contains($0) } }
        guard case .exact(let n) = total else { return false }
        let pages = (n + limit - 1) / limit
        return (0..<pages).allSatisfy { loadedPages.contains($0) }
    }

    override var notLoadedSummary: String? {
        guard !isComplete else { return nil }
        guard let missing = missingCount else { return "more posts may follow" }
        return "\(missing) post\(missing == 1 ? "" : "s") not loaded"
    }

    /// `post/posts` with the thread's total once the forge told it, not only what is loaded.
    override func position(rows: [Row], height: Int) -> String? {
        let headers = selectableRows(rows)
        guard !headers.isEmpty else { return nil }
        let ordinal = min(headers.partitioningIndex { $0 >= scroll.cursor } + 1, headers.count)
        var count = headers.count
        var form = CountForm.exact
        switch total {
        case .exact(let n)?: count = max(count, n)
        case .atMost(let n)? where !isComplete: (count, form) = (max(count, n), .atMost)
        case .unknown? where !isComplete: form = .atLeast
        default: break
        }
        return "\(ordinal)/" + form.text(count, ascii: asciiGlyphs)
    }

    override func loadEverything(_ app: App) -> Bool {
        loadingAll = true
        fetchAllRemaining(app: app)
        return true
    }

    private var knownPageCount: Int? {
        if let endPage { return endPage + 1 }
        if case .exact(let n) = total { return max(1, (n + limit - 1) / limit) }
        return nil
    }

    // MARK: Loading

    override func start(_ app: App) {
        tree = PostTree(maximumDepth: tree.maximumDepth)
        rowList.rebuild(tree, collapsed: collapsed)
        loadedPages = []
        requestedPages = []
        total = nil
        endPage = nil
        bodyCache = BodyCache()
        documents.prepared.removeAll()
        rowsChangedSinceBuild = nil
        loadingAll = app.options.loadEverything
        fetch(page: 0, app: app)
        // The read marks are read with the first posts (see `readMarksOnce`), not here: the UI
        // thread has the terminal to start meanwhile, and the database to open to itself.
        readMarksRead = false
        readAtOpen = []
        // The project (for the breadcrumb) is asked for once the next frame is on screen: the
        // first page's, unless the forge is slow. The first page has the machine to itself.
        if session.knownProject(project) == nil, let forge = session.forge.projectReading {
            let project = self.project
            app.afterNextFrame { [weak self, weak app] in
                guard let self, let app, app.stack.contains(where: { $0 === self }),
                    self.session.knownProject(project) == nil
                else { return }
                app.load(for: self, essential: false) { .project(try await forge.project(project)) }
            }
        }
    }

    private func fetch(page: Int, app: App) {
        guard page >= 0, !loadedPages.contains(page), !requestedPages.contains(page) else { return }
        if let endPage, page > endPage { return }
        guard let forge = session.forge.discussionReading else {
            loadError = .unsupported("This forge has no threads")
            return
        }
        requestedPages.insert(page)
        let (project, mount, thread, limit, kind) = (self.project, tool.mountPoint, threadID, self.limit, self.kind)
        // The first page of an empty view sends the posts that fill the screen ahead of the rest.
        let lead = tree.postCount == 0 ? app.device.height : nil
        let (prepared, dialect, chronological) = (documents.prepared, session.forge.traits.markup, chronological)
        let (width, maximumDepth) = (app.device.width, tree.maximumDepth)
        app.load(for: self) {
            let preparation = BodyPreparation(
                prepared: prepared, dialect: dialect, width: width, maximumDepth: maximumDepth,
                chronological: chronological, leadRows: lead)
            let posts: ThreadPage = try await EarlyPosts.$current.withValue(preparation.earlyPosts()) {
                switch kind {
                case .forumTopic(let forum):
                    try await forge.topicPosts(
                        project, mount: mount, forum: forum, thread: thread, page: page, limit: limit)
                case .toolThread:
                    try await forge.toolThread(project, mount: mount, thread: thread, page: page, limit: limit)
                }
            }
            preparation.finish(posts)
            return .threadPage(posts)
        }
    }

    /// The most posts of a first page sent ahead of the rest: enough to fill a screen of
    /// `height` rows (a post takes at least a header row and a blank one).
    static func leadPosts(height: Int) -> Int { max(8, height / 2) }

    /// Counts the first posts of a page as they are rendered, until they fill a screen.
    struct Lead {
        /// The screen's height.
        let height: Int
        /// Posts counted so far.
        private(set) var posts = 0
        /// The rows they take at least.
        private(set) var rows = 0

        init(height: Int) { self.height = height }

        /// Whether no more posts are wanted: the screen is full, or `leadPosts` are counted.
        var isFull: Bool { rows >= height || posts >= ThreadView.leadPosts(height: height) }

        /// Counts a post: a body of `bodyLines` lines takes its header, the body and a blank row
        /// (a body left to the background renderer, nil, counts as a screenful); a meta post
        /// (an attachment notice) its line.
        mutating func add(bodyLines: Int?, isMeta: Bool) {
            posts += 1
            rows += isMeta ? 1 : bodyLines.map { $0 + 2 } ?? height
        }
    }

    /// Renders a page's bodies on the load's thread, at the widths the rows will want, so that
    /// the UI thread takes them ready (loading a long thread is mostly Markdown). With `leadRows`
    /// (the screen's height), the page's first posts are rendered until they fill that many rows
    /// (at most `leadPosts` of them) and sent as a part of the load (`LoadPart`), so that the
    /// first screen waits neither for the rest of the page nor for more of it than it shows. A
    /// backend that offers posts as it reads them (`EarlyPosts`) has them rendered and sent
    /// before it reads the rest of the page.
    ///
    /// One pass of one load uses it, one call at a time.
    final class BodyPreparation: @unchecked Sendable {
        private let prepared: PreparedDocuments
        private let dialect: MarkupDialect
        private let width: Int
        private let maximumDepth: Int?
        private let chronological: Bool
        /// Counts the posts of the part to send; nil when none is sent (not a first page).
        private var lead: Lead?
        /// The page's first posts, rendered as the backend read them.
        private var taken: [Post] = []
        private var partSent = false

        init(
            prepared: PreparedDocuments, dialect: MarkupDialect, width: Int, maximumDepth: Int?, chronological: Bool,
            leadRows: Int?
        ) {
            self.prepared = prepared
            self.dialect = dialect
            self.width = width
            self.maximumDepth = maximumDepth
            self.chronological = chronological
            self.lead = leadRows.map(Lead.init)
        }

        /// The taker of the posts the backend reads, for a first page in a load; else nil.
        func earlyPosts() -> EarlyPosts? {
            guard lead != nil, let parts = LoadPart.current else { return nil }
            return EarlyPosts { post, page in self.take(post, of: page, parts: parts) }
        }

        private func take(_ post: Post, of page: ThreadPage, parts: LoadPart) -> Bool {
            guard !Task.isCancelled, prepared.wants(batch: page.page), var counted = lead, !counted.isFull else {
                return false
            }
            counted.add(bodyLines: prepare(post, batch: page.page), isMeta: post.isMeta)
            lead = counted
            taken.append(post)
            guard counted.isFull else { return true }
            send(taken, of: page, parts: parts)
            return false
        }

        /// Renders what is left of the whole `page`, whose first posts are those the backend
        /// offered; from a backend that gave it whole, the part is taken from it first (unless
        /// the whole page fits on the screen, when the page itself comes next).
        func finish(_ page: ThreadPage) {
            // A page built already (its cached copy came first) takes nothing prepared.
            guard prepared.wants(batch: page.page) else { return }
            if !partSent, let parts = LoadPart.current {
                var next = taken.count
                while next < page.posts.count - 1, take(page.posts[next], of: page, parts: parts) { next += 1 }
            }
            for post in page.posts.dropFirst(taken.count) {
                if Task.isCancelled { return }
                prepare(post, batch: page.page)
            }
        }

        private func send(_ posts: [Post], of page: ThreadPage, parts: LoadPart) {
            var part = page
            part.posts = posts
            if part.subject.isEmpty { part.subject = posts.first?.subject ?? "" }
            parts.send(.threadPagePart(part))
            partSent = true
        }

        /// Renders `post`'s body; returns its number of lines (nil for a meta post, and for a
        /// body left to the renderer).
        @discardableResult
        private func prepare(_ post: Post, batch: Int) -> Int? {
            guard !post.isMeta else { return nil }
            let depth = PostTree.shownDepth(of: post, maximumDepth: maximumDepth)
            let indent = ThreadView.bodyIndentWidth(depth: depth, chronological: chronological)
            return prepared.prepare(
                post.text, width: max(10, width - indent), dialect: dialect, firstLinkNumber: 1, batch: batch)
        }
    }

    /// The first page not loaded yet, in server order.
    private var nextMissingPage: Int? {
        var page = 0
        while loadedPages.contains(page) || requestedPages.contains(page) { page += 1 }
        if let count = knownPageCount, page >= count { return nil }
        if page * limit >= Self.mostPosts { return nil }
        return page
    }

    /// The most posts a thread is read to: past this, a server that keeps sending pages is not
    /// believed.
    static let mostPosts = 100_000

    /// Pages "load everything" keeps in flight at once: as many as a browser's connections to
    /// one host. With 4, `A` on a 10,000-post thread over loopback took 441 ms against 410 ms.
    static let pagesInFlight = 6

    /// Asks for the next pages in server order, a few at a time: a thread claiming far more posts
    /// than it has ends at its first short or empty page, after a handful of requests.
    private func fetchAllRemaining(app: App) {
        while requestedPages.count < Self.pagesInFlight, let next = nextMissingPage {
            fetch(page: next, app: app)
            guard requestedPages.contains(next) else { return }
        }
    }

    override func loadingStopped(_ app: App) {
        requestedPages = []
        loadingAll = false
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .threadPage(let page):
            readMarksOnce(app)
            receive(page, app: app)
        case .threadPagePart(let part):
            readMarksOnce(app)
            receive(part: part)
        case .project(let project): session.remember(project)
        case .posted(let outcome): sent(outcome, app: app)
        case .alreadyPosted(let post): sent(.posted(post), app: app, earlier: true)
        default: break
        }
    }

    /// Reads the marks of earlier visits, once a start: before the first posts are shown.
    private func readMarksOnce(_ app: App) {
        guard !readMarksRead else { return }
        readMarksRead = true
        readAtOpen = app.options.state?.readSlugs(forge: forgeKey, thread: threadID) ?? []
    }

    private func receive(_ page: ThreadPage, app: App) {
        if reloadAnchor == nil { rememberAnchor() }
        requestedPages.remove(page.page)
        loadedPages.insert(page.page)
        if !page.subject.isEmpty { subject = page.subject }
        total = page.total
        // A short page is the last one, whatever total the server claimed.
        if page.posts.count < min(limit, max(page.limit, 1)) {
            endPage = min(endPage ?? page.page, page.page)
        }
        if page.posts.isEmpty, page.page > 0 { endPage = min(endPage ?? page.page, page.page) }
        let change = tree.insert(page.posts, serverOffset: page.page * limit)
        // A page of nothing but posts seen before: the server repeats itself, so this is the end.
        if page.page > 0, !page.posts.isEmpty, change.skippedDuplicates == page.posts.count {
            endPage = min(endPage ?? page.page, page.page)
        }
        updateThreadRows(after: change)
        placeReloadAnchor()
        if let focus { seek(focus, app: app) }
        if noteArrivals {
            noteArrivals = false
            noteWhereArrivalsWent(page.posts, app: app)
        }
        if loadingAll { fetchAllRemaining(app: app) }
        if isComplete, markReadWhenLoaded {
            markReadWhenLoaded = false
            markEveryPostRead(app)
        }
        if loadingAll, isComplete, requestedPages.isEmpty, !app.options.loadEverything {
            loadingAll = false
            app.note("Every post is loaded (\(tree.postCount))")
        }
        if wantsEnd {
            if let count = knownPageCount, loadedPages.contains(count - 1) {
                wantsEnd = false
                anchor = nil
                pendingJumpToEnd = true
                app.clearNote()
            } else if total == .unknown, let next = nextMissingPage {
                fetch(page: next, app: app)
            } else if endPage != nil {
                wantsEnd = false
                anchor = nil
                pendingJumpToEnd = true
                app.clearNote()
            }
        }
    }

    /// The first posts of a page, ahead of the rest of it: they join the tree and show, but the
    /// page counts as loaded (its end, what follows) only when all of it is here.
    private func receive(part: ThreadPage) {
        guard requestedPages.contains(part.page), !loadedPages.contains(part.page) else { return }
        if !part.subject.isEmpty { subject = part.subject }
        if total == nil { total = part.total }
        updateThreadRows(after: tree.insert(part.posts, serverOffset: part.page * limit))
    }

    private var pendingJumpToEnd = false

    /// Selects the post `focus` names when it is loaded; otherwise loads the next page, and says
    /// so when the whole thread came without it.
    private func seek(_ focus: String, app: App) {
        if let index = threadRows.firstIndex(where: { $0.post.map { $0.id == focus || $0.anchor == focus } ?? false }) {
            self.focus = nil
            anchor = (threadRows[index].id, min(3, app.contentHeight / 2))
        } else if let next = nextMissingPage, !requestedPages.contains(next) {
            fetch(page: next, app: app)
        } else if requestedPages.isEmpty, isComplete {
            self.focus = nil
            app.note("That comment is not in this thread (deleted, or not visible to you)")
        }
    }

    /// After a page fetched from the end: how many of its posts slot in above the cursor (replies
    /// to earlier posts) and how many below, so new posts never arrive unseen.
    private func noteWhereArrivalsWent(_ posts: [Post], app: App) {
        guard !posts.isEmpty, let anchor,
            let cursorRow = threadRows.firstIndex(where: { $0.id == anchor.rowID })
        else { return }
        let slugs = Set(posts.map(\.slug))
        let above = threadRows.indices.filter {
            $0 < cursorRow && threadRows[$0].post.map { slugs.contains($0.slug) } == true
        }
        let below = posts.count - above.count
        guard !above.isEmpty else { return app.note("\(posts.count) more posts loaded below") }
        app.note(
            "\(posts.count) more posts loaded: \(above.count) above as replies to earlier posts, \(below) below; Tab visits the unread ones"
        )
    }

    /// Puts the cursor back on the post it was on before a reload, once that post is here again.
    private func placeReloadAnchor() {
        guard let anchor = reloadAnchor else { return }
        if let index = threadRows.firstIndex(where: { $0.post?.slug == anchor.slug }) {
            reloadAnchor = nil
            self.anchor = (threadRows[index].id, anchor.offset)
        } else if requestedPages.isEmpty {
            reloadAnchor = nil
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if let sending, app.deliveringWrite {
            app.options.state?.recordFailure(sending.key, message: error.message)
            self.sending = nil
            loadError = nil
            let key = sending.replyTo == nil ? "c" : "R"
            app.note("Not sent, \(app.draftKept(sending.key)) (\(key) to retry): \(error.message)", error: true)
            return
        }
        requestedPages.removeAll()
        if tree.postCount > 0 { loadError = nil }
    }

    // MARK: Movement

    override func cursorMoved(_ app: App) {
        let rows = self.rows(width: app.device.width)
        let nearEnd = scroll.cursor + app.contentHeight >= rows.count - 1
        if nearEnd, !isComplete, requestedPages.isEmpty, let next = nextMissingPage {
            noteArrivals = true
            fetch(page: next, app: app)
        }
    }

    /// A post counts as read once its last row was on screen: a header on the bottom row with
    /// its body below the screen is not read yet.
    override func didShow(rows visible: Range<Int>, app: App) {
        guard !visible.isEmpty, !headerRowOfThreadRow.isEmpty else { return }
        var index = max(0, headerRowOfThreadRow.partitioningIndex { $0 > visible.lowerBound } - 1)
        while index < headerRowOfThreadRow.count, headerRowOfThreadRow[index] < visible.upperBound {
            let end = index + 1 < headerRowOfThreadRow.count ? headerRowOfThreadRow[index + 1] : bodyEnd
            if end - 1 < visible.upperBound, end - 1 >= visible.lowerBound, let post = threadRows[index].post {
                seen.insert(post.slug)
            }
            index += 1
        }
        if seen.count - unseenFlushed.count >= 50 { flushReadMarks(app) }
    }

    /// The row after the last post's body (before the footer).
    private var bodyEnd: Int { assembly.segmentsEnd }

    override func willClose(_ app: App) { flushReadMarks(app) }

    private func flushReadMarks(_ app: App) {
        let fresh = seen.subtracting(unseenFlushed)
        guard !fresh.isEmpty else { return }
        app.options.state?.markRead(forge: forgeKey, thread: threadID, slugs: Array(fresh))
        unseenFlushed.formUnion(fresh)
    }

    override func handle(_ action: Action, app: App) -> Bool {
        let rows = self.rows(width: app.device.width)
        let current = threadRow(ofHeader: scroll.cursor)
        switch action {
        case .last:
            if !isComplete {
                wantsEnd = true
                if let count = knownPageCount, total != .unknown {
                    fetch(page: count - 1, app: app)
                } else if requestedPages.isEmpty, let next = nextMissingPage {
                    fetch(page: next, app: app)
                }
                app.note("Loading the end of the thread…")
            }
            return false
        case .loadAll:
            loadingAll = true
            fetchAllRemaining(app: app)
            app.note(isComplete ? "Every post is loaded" : "Loading every page…")
            return true
        case .collapse:
            guard let index = current else { return true }
            let slug = threadRows[index].slug
            guard threadRows[index].childCount > 0 || collapsed.contains(slug) else {
                app.note("This post has no replies")
                return true
            }
            if collapsed.contains(slug) { collapsed.remove(slug) } else { collapsed.insert(slug) }
            rememberAnchor()
            rebuildThreadRows()
            return true
        case .collapseAll:
            rememberAnchor(preferTopLevel: true)
            collapsed = collapsed.isEmpty ? tree.collapseAll() : []
            rebuildThreadRows()
            return true
        case .chronological:
            rememberAnchor()
            chronological.toggle()
            rebuildThreadRows()
            app.note(chronological ? "Server order: each post says whom it answers" : "Threaded order")
            return true
        case .parent: jump(current.flatMap { threadRows.parent(of: $0) }, rows: rows, app: app, none: "No parent")
        case .nextSibling:
            jump(current.flatMap { threadRows.nextSibling(of: $0) }, rows: rows, app: app, none: "No next sibling")
        case .previousSibling:
            jump(
                current.flatMap { threadRows.previousSibling(of: $0) }, rows: rows, app: app,
                none: "No previous sibling")
        case .nextTopLevel:
            jump(
                current.flatMap { threadRows.nextTopLevel(after: $0) }, rows: rows, app: app,
                none: "No next top-level post")
        case .previousTopLevel:
            jump(
                current.flatMap { threadRows.previousTopLevel(before: $0) }, rows: rows, app: app,
                none: "No previous top-level post")
        case .nextUnread: nextUnread(from: current, rows: rows, app: app)
        case .markRead:
            if isComplete {
                markEveryPostRead(app)
            } else {
                markReadWhenLoaded = true
                loadingAll = true
                fetchAllRemaining(app: app)
                app.note("Loading every page to mark the thread read…")
            }
        case .markUnread:
            guard let index = current, let post = threadRows[index].post else {
                app.note("Move to a post to mark it unread", error: true)
                return true
            }
            readAtOpen.remove(post.slug)
            seen.remove(post.slug)
            unseenFlushed.remove(post.slug)
            app.options.state?.markUnread(forge: forgeKey, thread: threadID, slugs: [post.slug])
            invalidate()
            app.note("Marked unread: \(Sanitizer.clean(post.author))'s post")
        case .reload:
            rememberAnchor()
            if let anchor, let index = threadRows.firstIndex(where: { $0.id == anchor.rowID }),
                let slug = threadRows[index].post?.slug
            {
                reloadAnchor = (slug, anchor.offset)
            }
            anchor = nil
            let pages = loadedPages
            loadError = nil
            start(app)
            for page in pages.sorted() { fetch(page: page, app: app) }
            invalidate()
        case .comment: compose(replyTo: nil, app: app)
        case .reply:
            guard let index = current, let post = threadRows[index].post else {
                app.note("Move to a post to reply to it", error: true)
                return true
            }
            compose(replyTo: post, app: app)
        default: return false
        }
        return true
    }

    /// Moves to the post and shows it whole: when its body would run below the screen (or the
    /// post is above it), its header goes to the top.
    private func jump(_ threadIndex: Int?, rows: [Row], app: App, none: String) {
        guard let threadIndex, headerRowOfThreadRow.indices.contains(threadIndex) else { return app.note(none) }
        let target = headerRowOfThreadRow[threadIndex]
        let height = app.contentHeight
        let end = threadIndex + 1 < headerRowOfThreadRow.count ? headerRowOfThreadRow[threadIndex + 1] : bodyEnd
        scroll.select(target, rowCount: rows.count, height: height) { rows[$0].selectable }
        if target < scroll.top || end > scroll.top + height {
            scroll.place(cursor: target, top: target)
            scroll.clamp(rowCount: rows.count, height: height)
        }
        cursorMoved(app)
    }

    /// `Tab`: the next unread post below; at the end of the thread the first one above; when the
    /// whole thread is read, the next topic with unread posts in the list it was opened from.
    private func nextUnread(from current: Int?, rows: [Row], app: App) {
        let unread = { [self] (index: Int) in isUnreadForTab(threadRows[index]) }
        let start = (current ?? -1) + 1
        if let below = threadRows.indices.dropFirst(max(0, start)).first(where: unread) {
            return jump(below, rows: rows, app: app, none: "")
        }
        guard isComplete else { return app.note("No unread posts loaded below: move down or A to load more") }
        if let above = threadRows.indices.first(where: unread) {
            jump(above, rows: rows, app: app, none: "")
            return app.note("No unread posts below: back to the first one above")
        }
        flushReadMarks(app)
        app.stepItem(by: 1, unreadOnly: true)
    }

    /// Whether `Tab` should stop at the post: not read before, and not read on screen yet.
    private func isUnreadForTab(_ row: ThreadRow) -> Bool {
        guard let post = row.post else { return false }
        return !readAtOpen.contains(post.slug) && !seen.contains(post.slug)
    }

    private func markEveryPostRead(_ app: App) {
        let slugs = threadRows.compactMap { $0.post?.slug }
        app.options.state?.markRead(forge: forgeKey, thread: threadID, slugs: slugs)
        readAtOpen.formUnion(slugs)
        seen.formUnion(slugs)
        unseenFlushed.formUnion(slugs)
        invalidate()
        app.note("Marked the thread read (\(slugs.count) posts)")
    }

    private func isUnread(_ row: ThreadRow) -> Bool {
        // A post's row has the post's slug.
        guard !row.isPlaceholder else { return false }
        return !readAtOpen.contains(row.slug) && !(seen.contains(row.slug) && unseenFlushed.contains(row.slug))
    }

    // MARK: Writing

    private func compose(replyTo: Post?, app: App) {
        guard case .toolThread = kind, session.forge.commentWriting != nil else {
            app.note("Forum topics cannot be written through this forge's API: press o to reply in the browser")
            return
        }
        guard let writer = session.forge.commentWriting else {
            return app.note("This forge does not take comments", error: true)
        }
        guard sending == nil else { return app.note("Still sending the last comment…") }
        let key = DraftKey(
            forge: forgeKey, kind: replyTo == nil ? .comment : .reply,
            target: "\(project)/\(tool.mountPoint)/\(threadID)", parent: replyTo?.slug)
        let saved = app.options.state?.draft(key)?.text
        // The draft's place is the post under the cursor (the one a reply answers): opened from
        // the outbox, the thread loads pages until that post is there.
        app.options.state?.currentPlace = webURL
        // A reply starts with the post it answers quoted, mutt style.
        let initial = saved ?? replyTo.map(Self.quoted) ?? ""
        guard let outcome = app.edit(initial) else { return app.note("No editor available", error: true) }
        let text: String
        switch outcome {
        case .saved(let written): text = written
        case .abandoned: return app.note(saved == nil ? "Nothing sent" : "Nothing sent; the draft is kept")
        case .failed(let reason, let written):
            if let written, written != initial, !written.trimmedOfWhitespace.isEmpty {
                app.options.state?.saveDraft(key, text: written)
            }
            let retry = replyTo == nil ? "c" : "R"
            return app.note("\(reason): nothing sent; the draft is kept (\(retry) to go on)", error: true)
        }
        let trimmed = text.trimmedOfWhitespace
        guard !trimmed.isEmpty else {
            app.options.state?.deleteDraft(key)
            return app.note("Empty comment: nothing sent")
        }
        guard saved != nil || replyTo == nil || text != initial else {
            return app.note("Only the quote: nothing sent")
        }
        app.options.state?.saveDraft(key, text: text)
        let parent = replyTo.map { Self.replyTarget(of: $0, maximumDepth: tree.maximumDepth) } ?? nil
        sending = (key, parent)
        let (project, mount, thread) = (self.project, tool.mountPoint, threadID)
        // A kept draft may have reached the forge already (its answer lost): look before resending.
        let reader = saved == nil ? nil : session.forge.discussionReading
        app.note(reader == nil ? "Sending…" : "Checking whether the last send arrived…")
        app.load(for: self, cancellable: false) {
            if let reader,
                let earlier = try await EarlierSend.find(
                    text, replyTo: parent, thread: thread, project: project, mount: mount, forge: reader)
            {
                return .alreadyPosted(earlier)
            }
            return .posted(
                try await writer.postComment(project, mount: mount, thread: thread, replyTo: parent, text: text))
        }
    }

    override var unreadCount: Int? {
        let known: Int
        if case .exact(let n) = total { known = n } else { known = tree.postCount }
        guard known > 0 else { return nil }
        return max(0, known - readAtOpen.union(unseenFlushed).count)
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        switch draft.key.kind {
        case .comment:
            compose(replyTo: nil, app: app)
            return .started
        case .reply:
            guard let post = threadRows.lazy.compactMap(\.post).first(where: { $0.slug == draft.key.parent }) else {
                return pendingLoads > 0 ? .waiting : .cannot("the post it answers is not on the pages loaded")
            }
            compose(replyTo: post, app: app)
            return .started
        default:
            return super.sendDraft(draft, app: app)
        }
    }

    /// The post a reply to `post` is sent to: the post itself, or, on a forge whose threads nest
    /// at most `maximumDepth` levels (GitLab: 1), its ancestor at the deepest level that still
    /// takes replies; nil (a comment on the thread) when the thread is flat.
    static func replyTarget(of post: Post, maximumDepth: Int?) -> String? {
        guard let maximumDepth, post.depth >= maximumDepth else { return post.id }
        guard maximumDepth > 0 else { return nil }
        return post.ancestors[maximumDepth - 1]
    }

    /// `AUTHOR wrote:` and the post's text with `> ` before each line, then a blank line.
    static func quoted(_ post: Post) -> String {
        let lines = Sanitizer.clean(post.text, keepNewlines: true).split(
            separator: "\n", omittingEmptySubsequences: false)
        var trimmed = lines.map(String.init)
        while trimmed.last?.trimmedOfSpaces.isEmpty == true { trimmed.removeLast() }
        let body = trimmed.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        return "\(Sanitizer.clean(post.author)) wrote:\n\(body)\n\n"
    }

    private func sent(_ outcome: PostingOutcome, app: App, earlier: Bool = false) {
        guard let sending else { return }
        app.options.state?.deleteDraft(sending.key)
        self.sending = nil
        session.wroteTo(thread: threadID)
        switch outcome {
        case .posted(let post):
            rememberAnchor()
            let change = tree.insert([post])
            // The user's own post is read.
            readAtOpen.insert(post.slug)
            seen.insert(post.slug)
            app.options.state?.markRead(forge: forgeKey, thread: threadID, slugs: [post.slug])
            unseenFlushed.insert(post.slug)
            updateThreadRows(after: change)
            if let index = threadRows.firstIndex(where: { $0.post?.slug == post.slug }) {
                anchor = (threadRows[index].id, min(3, app.contentHeight / 2))
            }
            app.note(earlier ? "Already on the forge: the earlier send arrived, so it was not sent again" : "Posted")
        case .awaitingModeration:
            app.note("Sent: the forge holds it for moderation, so it is not visible yet")
        }
    }

    // MARK: Rows

    private func rememberAnchor(preferTopLevel: Bool = false) {
        guard anchor == nil, let index = threadRow(ofHeader: scroll.cursor), threadRows.indices.contains(index) else {
            return
        }
        var target = index
        if preferTopLevel { while threadRows[target].depth > 0, let p = threadRows.parent(of: target) { target = p } }
        anchor = (threadRows[target].id, scroll.cursor - scroll.top)
    }

    private func rebuildThreadRows() {
        if chronological {
            chronologicalRows = tree.chronologicalRows()
        } else {
            chronologicalRows = []
            rowList.rebuild(tree, collapsed: collapsed)
        }
        rowsChangedSinceBuild = nil
        invalidate()
    }

    /// After an insert: threaded rows take in the change; server order is built again.
    private func updateThreadRows(after change: PostTree.Change) {
        guard !chronological, rowList.collapsed == collapsed else { return rebuildThreadRows() }
        rowList.update(tree, after: change)
        if var changed = rowsChangedSinceBuild, !rowList.lastChangeRebuiltAll {
            changed.formUnion(rowList.writtenIDs)
            rowsChangedSinceBuild = changed
        } else {
            rowsChangedSinceBuild = nil
        }
        invalidate()
    }

    /// The index in `threadRows` of the post whose header is on row `row`.
    private func threadRow(ofHeader row: Int) -> Int? {
        let index = headerRowOfThreadRow.partitioningIndex { $0 >= row }
        return index < headerRowOfThreadRow.count && headerRowOfThreadRow[index] == row ? index : nil
    }

    override func documentArrived() {
        rowsChangedSinceBuild = nil
        super.documentArrived()
    }

    /// Rows kept from the last build stay right for this long: relative dates may change after.
    static let keptRowsLifetime: TimeInterval = 10

    override func buildRows(width: Int) -> [Row] {
        if tree.postCount == 0 && tree.placeholderCount == 0 {
            assembly = SegmentedRows()
            assemblyStamp = nil
            if let state = stateRows(what: "the thread") { return state }
            return [Row("  This thread has no posts you can see.", .muted)]
        }
        if bodyCacheWidth != width {
            bodyCache = BodyCache()
            bodyCacheWidth = width
        }
        let threadRows = self.threadRows
        let ascii = asciiGlyphs
        let now = now()
        headerBuild = HeaderBuild(view: self, ascii: ascii, now: now)
        rowIndexByID = RowIDSlots()
        for (index, row) in threadRows.enumerated() { rowIndexByID[row.id] = Int32(index) }
        let make = { (index: Int, rows: inout [Row]) in
            self.appendSegment(of: threadRows[index], width: width, ascii: ascii, now: now, to: &rows)
        }
        let ids = threadRows.map(\.id)
        let keep =
            if let stamp = assemblyStamp, let changed = rowsChangedSinceBuild, !chronological, stamp.width == width,
                stamp.ascii == ascii, stamp.readVersion == readVersion,
                abs(now.timeIntervalSince(stamp.builtAt)) < Self.keptRowsLifetime
            {
                assembly.update(ids: ids, changed: changed, make: make)
            } else { false }
        if !keep {
            assembly.build(ids: ids, make: make)
            assemblyStamp = (width, ascii, readVersion, now)
        }
        rowsChangedSinceBuild = []
        // Bodies prepared for pages that are here and built, but not taken, are not wanted.
        documents.prepared.finished(batches: loadedPages)
        var trailer: [Row] = []
        if !isComplete {
            let missing =
                missingCount.map { "\($0) post\($0 == 1 ? "" : "s") not loaded yet" } ?? "More posts may follow"
            var hint = Row(StyledLine("── \(missing): move down to load more, G for the end, A for all ──", .muted))
            hint.onScreenOnly = true
            trailer.append(hint)
        }
        assembly.setTrailer(trailer)
        placeAnchor(rows: assembly.rows)
        return assembly.rows
    }

    /// How many thread rows the last build made (the others it kept): a page's arrival makes the
    /// rows of that page's posts and of the posts it changed, not of the whole thread.
    var threadRowsMadeByLastBuild: Int { assembly.segmentsMade }

    /// How many post headers have been made: each is made when first drawn, searched or printed.
    fileprivate(set) var headersMade = 0
    /// What the headers of the last build are made with.
    private var headerBuild: HeaderBuild?
    /// Each thread row's place in `threadRows` at the last build, by id.
    private var rowIndexByID = RowIDSlots<Int32>()

    /// The header of the thread row `id` as the last build saw it.
    fileprivate func header(ofRow id: Int, unread: Bool, build: HeaderBuild) -> StyledLine {
        let rows = threadRows
        guard let index = rowIndexByID[id].map(Int.init), index < rows.count, rows[index].id == id else {
            return StyledLine()
        }
        headersMade += 1
        return header(rows[index], unread: unread, ascii: build.ascii, now: build.now)
    }

    /// Appends the header and body rows of `threadRow`.
    private func appendSegment(of threadRow: ThreadRow, width: Int, ascii: Bool, now: Date, to rows: inout [Row]) {
        rows.append(
            Row(DeferredHeader(build: headerBuild, id: threadRow.id, unread: isUnread(threadRow)), selectable: true))
        guard !threadRow.isPlaceholder else { return }
        let indent = bodyIndent(threadRow, ascii: ascii)
        if let cached = bodyCache[threadRow.id] {
            if cached.indent == indent { return rows.append(contentsOf: cached.lines.lazy.map { Row($0) }) }
            // The tree around the post changed: same body, new indent.
            let prefix = StyledSpan(indent, .tree)
            let moved = cached.lines.map { StyledLine([prefix] + $0.spans.dropFirst()) }
            bodyCache[threadRow.id] = BodyCache.Entry(indent: indent, lines: moved, links: cached.links)
            return rows.append(contentsOf: moved.lazy.map { Row($0) })
        }
        guard let post = threadRow.post else { return }
        let prefix = StyledSpan(indent, .tree)
        let body = renderBody(post, width: max(10, width - DisplayWidth.of(indent)))
        let lines = body.lines.map { StyledLine([prefix] + $0.spans) }
        // A long post still rendering in the background is built again when it arrives.
        if body.isReady { bodyCache[threadRow.id] = BodyCache.Entry(indent: indent, lines: lines, links: body.links) }
        rows.append(contentsOf: lines.lazy.map { Row($0) })
    }

    private func placeAnchor(rows: [Row]) {
        if pendingJumpToEnd {
            pendingJumpToEnd = false
            if let lastHeader = headerRowOfThreadRow.last {
                scroll.place(cursor: lastHeader, top: max(0, rows.count - 20))
            }
            return
        }
        guard let anchor else { return }
        self.anchor = nil
        guard let index = threadRows.firstIndex(where: { $0.id == anchor.rowID }) else { return }
        let cursor = headerRowOfThreadRow[index]
        scroll.place(cursor: cursor, top: max(0, cursor - anchor.offset))
    }

    fileprivate func header(_ row: ThreadRow, unread: Bool, ascii: Bool, now: Date) -> StyledLine {
        var spans: [StyledSpan] = []
        let prefix = chronological ? "" : row.treePrefix(ascii: ascii)
        if !prefix.isEmpty { spans.append(StyledSpan(prefix, .tree)) }
        if row.isCollapsed { spans.append(StyledSpan(ascii ? "+" : "▸", .tree)) }
        guard let post = row.post else {
            spans.append(StyledSpan("[hidden post: deleted, moderated or not loaded]", .placeholder))
            if row.isCollapsed { spans.append(StyledSpan("  (+\(row.hiddenCount) hidden)", .muted)) }
            return StyledLine(spans)
        }
        if unread { spans.append(StyledSpan(ascii ? "N " : "● ", .unread)) }
        spans.append(StyledSpan(Sanitizer.clean(post.author), .author))
        if chronological, let target = row.inReplyTo {
            spans.append(StyledSpan("  ↳ " + Sanitizer.clean(target), .muted))
        }
        if let time = post.timestamp {
            let when = DateText.relative(time, now: now) + " (" + DateText.absolute(time) + ")"
            spans.append(StyledSpan("  " + when, .date))
        }
        if post.lastEdited != nil { spans.append(StyledSpan("  edited", .muted)) }
        if !post.attachments.isEmpty {
            spans.append(
                StyledSpan("  \(post.attachments.count) attachment\(post.attachments.count == 1 ? "" : "s")", .muted))
        }
        if row.isCollapsed { spans.append(StyledSpan("  (+\(row.hiddenCount) hidden)", .muted)) }
        return StyledLine(spans)
    }

    /// The width of `bodyIndent` for a row at `depth`: two columns a level, and two more.
    static func bodyIndentWidth(depth: Int, chronological: Bool) -> Int { chronological ? 2 : 2 * depth + 2 }

    private func bodyIndent(_ row: ThreadRow, ascii: Bool) -> String {
        guard !chronological else { return "  " }
        let line = ascii ? "| " : "│ "
        var indent = ""
        if row.depth > 0 {
            for level in 1..<row.depth { indent += row.guides[level] ? line : "  " }
            indent += row.isLastChild ? "  " : line
        }
        indent += row.childCount > 0 && !row.isCollapsed ? line : "  "
        return indent
    }

    /// A link of a post's body: its line in the body and its columns there, without the indent.
    typealias BodyLink = (line: Int, columns: Range<Int>, link: DocumentLink)

    private func renderBody(_ post: Post, width: Int) -> (lines: [StyledLine], links: [BodyLink], isReady: Bool) {
        if post.isMeta { return (ChangeLog.lines(post.text, width: width), [], true) }
        let (document, isReady) = documents.render(
            post.text, width: width, dialect: session.forge.traits.markup, firstLinkNumber: 1)
        var lines = document.lines
        while lines.last?.text.isBlank == true { lines.removeLast() }
        lines.append(StyledLine())
        let links = document.links.compactMap { link -> BodyLink? in
            guard lines.indices.contains(link.line) else { return nil }
            let columns = PlacedHyperlink.columns(of: link, in: lines[link.line].text, indent: 0)
            return columns.isEmpty ? nil : (link.line, columns, link)
        }
        return (lines, links, isReady)
    }

    /// The web addresses of the links in posts on rows `visible`.
    override func hyperlinks(rows visible: Range<Int>) -> [PlacedHyperlink] {
        let starts = assembly.starts
        guard !visible.isEmpty, !starts.isEmpty else { return [] }
        let page = route.map { session.forge.webURL(for: $0) } ?? session.baseURL.absoluteString
        let resolver = LinkResolver(session: session, project: project, tool: tool, pageURL: page)
        var result: [PlacedHyperlink] = []
        var segment = max(0, starts.partitioningIndex { $0 > visible.lowerBound } - 1)
        while segment < starts.count, starts[segment] < visible.upperBound {
            defer { segment += 1 }
            guard let body = bodyCache[assembly.ids[segment]] else { continue }
            let indentWidth = DisplayWidth.of(body.indent)
            // The body starts below the header.
            let bodyStart = starts[segment] + 1
            for link in body.links {
                let row = bodyStart + link.line
                guard visible.contains(row), let url = PlacedHyperlink.webURL(of: link.link, resolver: resolver)
                else { continue }
                let columns = (link.columns.lowerBound + indentWidth)..<(link.columns.upperBound + indentWidth)
                result.append(PlacedHyperlink(row: row, columns: columns, url: url))
            }
        }
        return result
    }

}

/// What one build's post headers are made with: the view, and the glyphs and time it drew. Rows
/// are read on the UI thread, as the view is.
private final class HeaderBuild: @unchecked Sendable {
    weak let view: ThreadView?
    let ascii: Bool
    let now: Date

    init(view: ThreadView, ascii: Bool, now: Date) {
        self.view = view
        self.ascii = ascii
        self.now = now
    }
}

/// A post's header line, made when it is first drawn, searched or printed: a thread of 10,000
/// posts made all its headers (dates formatted, tree drawn) for the thirty on screen, and kept
/// them, a third of its memory. It holds only the row's id: the row is read when the line is made.
private final class DeferredHeader: DeferredLine, @unchecked Sendable {
    private let build: HeaderBuild?
    private let id: Int
    private let unread: Bool

    init(build: HeaderBuild?, id: Int, unread: Bool) {
        self.build = build
        self.id = id
        self.unread = unread
    }

    override func make() -> StyledLine {
        guard let build, let view = build.view else { return StyledLine() }
        return view.header(ofRow: id, unread: unread, build: build)
    }
}

/// The rendered body of each post by row id, with the indent its lines start with: a build
/// takes them instead of rendering the post again.
struct BodyCache {
    struct Entry {
        var indent: String
        /// The body's lines, each starting with `indent`.
        var lines: [StyledLine]
        var links: [ThreadView.BodyLink]
    }

    private var entries = RowIDSlots<Entry>()

    subscript(id: Int) -> Entry? {
        get { entries[id] }
        set { entries[id] = newValue }
    }
}

/// Values by tree row id, in an array grown as ids arrive: ids count up from 0 in a tree, so the
/// slots stay dense and a look-up is an index.
struct RowIDSlots<Value> {
    private var slots: [Value?] = []

    subscript(id: Int) -> Value? {
        get { id >= 0 && id < slots.count ? slots[id] : nil }
        set {
            guard id >= 0 else { return }
            if id >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: id + 1 - slots.count))
            }
            slots[id] = newValue
        }
    }
}

/// Change-log posts (`- **status**: open --> closed`) as compact, dimmed lines.
enum ChangeLog {
    static func lines(_ text: String, width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        for raw in Sanitizer.clean(text, keepNewlines: true).split(separator: "\n") {
            var line = raw.trimmedOfSpaces
            if line.hasPrefix("- ") { line.removeFirst(2) }
            line = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "-->", with: "→")
            line = Text.HTMLText.decodeEntities(line)
            guard !line.isEmpty else { continue }
            out.append(StyledLine(DisplayWidth.truncate(line, to: width), .muted))
        }
        out.append(StyledLine())
        return out
    }
}
