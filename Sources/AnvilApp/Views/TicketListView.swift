import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// A tracker's tickets (or a search of them): number, status, assignee, milestone, labels, last
/// change and summary in columns that fit the width; pages load as the cursor nears them.
final class TicketListView: ToolView {
    /// What is listed: everything (an empty query), or a search; the backend compiles it.
    let query: TicketQuery
    private var list: PagedList<Ticket>
    let triage: TicketTriage
    private var rowToIndex: [Int] = []

    /// A list of the tracker's tickets, or of a search in the forge's own syntax (`raw`).
    init(
        session: ForgeSession, project: ProjectPath, tool: Tool, query raw: String? = nil, sort: TicketQuery.Sort? = nil
    ) {
        self.query = TicketQuery(sort: sort, raw: raw)
        self.list = PagedList(limit: min(50, session.forge.traits.maximumPageSize))
        self.triage = TicketTriage(session: session, project: project, mount: tool.mountPoint)
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] { query.isEverything ? [] : ["search: \(query.raw ?? "")"] }

    override var route: Route? {
        query.isEverything
            ? .tool(project, mount: tool.mountPoint)
            : .ticketSearch(project, mount: tool.mountPoint, query: query.raw ?? "")
    }

    /// Every ticket loaded so far.
    var loadedTickets: [Ticket] {
        (0..<list.pageCount).flatMap { list.items(ofPage: $0) ?? [] }
    }

    var currentTicket: Ticket? {
        guard rowToIndex.indices.contains(scroll.cursor), rowToIndex[scroll.cursor] >= 0 else { return nil }
        return list.item(at: rowToIndex[scroll.cursor])
    }

    override func start(_ app: App) {
        if let statuses = app.options.trackerStatuses["\(project)/\(tool.mountPoint)"] {
            triage.statusOverride = (statuses.open, statuses.closed)
        }
        list.reset()
        fetch(list.pagesToFetch(near: 0), app: app)
        triage.restoreTags(app.options.state)
        guard let metadata = session.forge.trackerMetadataReading else { return }
        let (project, mount) = (self.project, tool.mountPoint)
        // Milestones, saved searches, labels and members, for the prompts.
        app.load(for: self, essential: false) { .trackerInfo(try await metadata.trackerInfo(project, mount: mount)) }
    }

    override var notLoadedSummary: String? { list.notLoadedSummary(noun: "ticket") }

    override var countForm: CountForm { list.countForm }

    override func loadEverything(_ app: App) -> Bool {
        fetch(list.remainingPages(), app: app)
        return true
    }

    override func cursorMoved(_ app: App) {
        let index = rowToIndex.indices.contains(scroll.cursor) ? max(0, rowToIndex[scroll.cursor]) : scroll.cursor
        fetch(list.pagesToFetch(near: index), app: app)
    }

    private func fetch(_ pages: [Int], app: App) {
        guard let forge = session.forge.ticketReading else {
            loadError = .unsupported("This forge has no trackers")
            return
        }
        let (project, mount, query, limit) = (self.project, tool.mountPoint, self.query, list.limit)
        for page in pages {
            app.load(for: self) {
                .ticketPage(
                    try await forge.searchTickets(project, mount: mount, query: query, page: page, limit: limit))
            }
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if triage.pendingCreate != nil, app.deliveringWrite { triage.created(.failure(error), view: self, app: app) }
        loadFailedExtra(error, app: app)
    }

    private func loadFailedExtra(_ error: ForgeError, app: App) {
        // A failed write or page keeps what is already shown.
        if list.loadedCount > 0 { loadError = nil }
    }

    override func loadingStopped(_ app: App) { list.forgetRequests() }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .created(let ticket): triage.created(.success(ticket), view: self, app: app)
        case .trackerInfo(let tracker): triage.tracker = tracker
        case .ticketPage(let page) where page.isPartial:
            if let tracker = page.tracker { triage.tracker = tracker }
        case .ticketPage(let page):
            let (project, mount) = (self.project, tool.mountPoint)
            list.receive(
                page: page.page, items: page.tickets.map { session.newest($0, project: project, mount: mount) },
                total: page.total, limit: page.limit)
            if !page.facets.isEmpty { triage.facets = page.facets }
        case .ticket(let ticket):
            session.remember(tickets: [ticket], project: project, mount: tool.mountPoint)
            replace([ticket])
        case .triage(let outcome), .undone(let outcome):
            session.remember(tickets: outcome.freshTickets, project: project, mount: tool.mountPoint)
            replace(outcome.freshTickets)
            triage.report(outcome, view: self, app: app)
        default: break
        }
    }

    /// Back from a ticket or a thread: take the copies changed there, and read again the tickets
    /// whose comment thread the user wrote to.
    override func reappeared(_ app: App) {
        triage.restoreTags(app.options.state)
        let (project, mount) = (self.project, tool.mountPoint)
        list.update { session.newest($0, project: project, mount: mount) }
        guard let forge = session.forge.ticketReading else { return }
        let written = session.threadsWrittenTo
        for ticket in loadedTickets where ticket.threadID.map(written.contains) == true {
            let number = ticket.number
            app.load(for: self) { .ticket(try await forge.ticket(project, mount: mount, number: number)) }
        }
    }

    /// Puts fresh copies of tickets in place of the ones shown.
    private func replace(_ fresh: [Ticket]) {
        let byNumber = Dictionary(fresh.map { ($0.number, $0) }, uniquingKeysWith: { _, new in new })
        list.update { byNumber[$0.number] ?? $0 }
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        guard draft.key.kind == .ticketNew else { return super.sendDraft(draft, app: app) }
        return sendDraft(by: .create, when: !loadedTickets.isEmpty || pendingLoads == 0, app: app)
    }

    override func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .last:
            if let page = list.lastPageToFetch() { fetch([page], app: app) }
            return false
        case .tag:
            guard let ticket = currentTicket else { return true }
            let tagged = triage.toggleTag(ticket.number, state: app.options.state)
            app.note(tagged ? "Tagged #\(ticket.number) (\(triage.tags.count) tagged)" : "Untagged #\(ticket.number)")
            invalidate()
            app.perform(.moveDown)
            return true
        case .create:
            triage.create(known: loadedTickets, trackerLabel: tool.label, view: self, app: app)
            return true
        case .comment:
            guard let ticket = currentTicket, let thread = ticket.threadID else { return true }
            app.open(.discussionThread(project, mount: tool.mountPoint, thread: thread), session: session)
            app.perform(.comment)
            return true
        default:
            return triage.handle(action, current: currentTicket, known: loadedTickets, view: self, app: app)
        }
    }

    override func buildRows(width: Int) -> [Row] {
        if list.loadedCount == 0, let state = stateRows(what: "the tickets") { return state }
        var rows: [Row] = []
        rowToIndex = []
        // A tracker without milestones (Tuleap's have none) gets no milestone column.
        let milestones = !triage.tracker.milestones.isEmpty || loadedTickets.contains { $0.milestone != nil }
        let fields = triage.fieldSpecs(seen: loadedTickets).filter(\.isListColumn)
        let labels = !triage.tracker.labels.isEmpty || loadedTickets.contains { !$0.labels.isEmpty }
        let columns = TicketColumns(width: width, hasMilestones: milestones, hasLabels: labels, fields: fields)
        rows.append(Row(columns.header()))
        rowToIndex.append(-1)
        if list.loadedCount == 0 {
            rows.append(Row("  No tickets match \(query.raw ?? "").", .muted))
            rowToIndex.append(-1)
            return rows
        }
        let closedStatuses = triage.closedStatuses(seen: loadedTickets)
        list.forEachSlot { index, ticket in
            rowToIndex.append(index)
            guard let ticket else { return rows.append(PagedList<Ticket>.placeholderRow) }
            let closed = closedStatuses.contains(ticket.status)
            rows.append(
                Row(
                    columns.row(ticket, tagged: triage.tags.contains(ticket.number), closed: closed, now: now()),
                    target: .route(.ticket(project, mount: tool.mountPoint, number: ticket.number))))
        }
        return rows
    }
}

/// The ticket list's columns: which fit, and how wide.
struct TicketColumns {
    let width: Int
    /// Whether the tracker uses milestones at all.
    var hasMilestones = true
    /// Whether the tracker's tickets carry labels at all.
    var hasLabels = true
    /// The tracker's own list fields that fit after the usual columns while leaving the summary
    /// 30 cells, with their widths.
    private(set) var fieldColumns: [(field: FieldSpec, width: Int)] = []

    init(width: Int, hasMilestones: Bool = true, hasLabels: Bool = true, fields: [FieldSpec] = []) {
        self.width = width
        self.hasMilestones = hasMilestones
        self.hasLabels = hasLabels
        var room = width - usualWidth - 31
        for field in fields {
            let cells = min(12, max(6, DisplayWidth.of(field.name)))
            guard room >= cells + 1 else { break }
            fieldColumns.append((field, cells))
            room -= cells + 1
        }
    }
    var showLabels: Bool { hasLabels && width >= 110 }
    var showMilestone: Bool { hasMilestones && width >= 90 }
    var showChanged: Bool { width >= 70 }
    let number = 6
    let status = 10
    let assignee = 10
    let milestone = 7
    let changed = 7
    var labels: Int { min(20, max(10, width / 8)) }

    /// Cells the usual columns take, the margin included.
    private var usualWidth: Int {
        2 + number + 1 + status + 1 + assignee + (showMilestone ? 1 + milestone : 0) + (showChanged ? 1 + changed : 0)
            + (showLabels ? 1 + labels : 0)
    }

    func header() -> StyledLine {
        var text = "  " + pad("#", number) + " " + pad("Status", status) + " " + pad("Assignee", assignee)
        if showMilestone { text += " " + pad("Miles.", milestone) }
        if showChanged { text += " " + pad("Changed", changed) }
        if showLabels { text += " " + pad("Labels", labels) }
        for (field, cells) in fieldColumns { text += " " + pad(Sanitizer.clean(field.name), cells) }
        return StyledLine(text + " Summary", .heading)
    }

    func row(_ ticket: Ticket, tagged: Bool, closed: Bool, now: Date) -> StyledLine {
        var spans: [StyledSpan] = [StyledSpan(tagged ? "* " : "  ", .tagged)]
        spans.append(StyledSpan(pad("#\(ticket.number)", number), tagged ? .tagged : .muted))
        spans.append(
            StyledSpan(" " + pad(Sanitizer.clean(ticket.status), status), closed ? .ticketClosed : .ticketOpen))
        spans.append(StyledSpan(" " + pad(Sanitizer.clean(ticket.assignee ?? "-"), assignee), .author))
        if showMilestone {
            spans.append(StyledSpan(" " + pad(Sanitizer.clean(ticket.milestone ?? ""), milestone), .muted))
        }
        if showChanged {
            spans.append(
                StyledSpan(" " + pad(ticket.modified.map { DateText.compact($0, now: now) } ?? "", changed), .date))
        }
        if showLabels {
            spans.append(StyledSpan(" " + pad(Sanitizer.clean(ticket.labels.joined(separator: ",")), labels), .label))
        }
        for (field, cells) in fieldColumns {
            spans.append(StyledSpan(" " + pad(Sanitizer.clean(ticket.customFields[field.key]?.display ?? ""), cells)))
        }
        spans.append(StyledSpan(" " + Sanitizer.clean(ticket.summary.isEmpty ? "(no summary)" : ticket.summary)))
        let line = StyledLine(spans)
        return line.truncated(to: width)
    }

    private func pad(_ s: String, _ w: Int) -> String { DisplayWidth.pad(s, to: w) }
}
