import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// One ticket: its fields, description and first comments; the triage keys act on it.
final class TicketView: LinkedPageView {
    let number: Int
    private(set) var ticket: Ticket?
    let triage: TicketTriage

    init(session: ForgeSession, project: ProjectPath, tool: Tool, number: Int) {
        self.number = number
        self.triage = TicketTriage(session: session, project: project, mount: tool.mountPoint)
        super.init(session: session, project: project, tool: tool)
    }

    override var itemCrumbs: [String] { ["#\(number)"] }
    override var route: Route? { .ticket(project, mount: tool.mountPoint, number: number) }

    override func start(_ app: App) {
        if let statuses = app.options.trackerStatuses["\(project)/\(tool.mountPoint)"] {
            triage.statusOverride = (statuses.open, statuses.closed)
        }
        guard let forge = session.forge.ticketReading else {
            loadError = .unsupported("This forge has no trackers")
            return
        }
        let (project, mount, number) = (self.project, tool.mountPoint, self.number)
        app.load(for: self) { .ticket(try await forge.ticket(project, mount: mount, number: number)) }
        // The tracker's metadata: the ticket shows without it.
        if let metadata = session.forge.trackerMetadataReading {
            app.load(for: self, essential: false) {
                .trackerInfo(try await metadata.trackerInfo(project, mount: mount))
            }
        }
    }

    /// Back from the comment thread: a comment the user posted changed the ticket on the forge.
    override func reappeared(_ app: App) {
        guard let ticket else { return }
        let fresh = session.newest(ticket, project: project, mount: tool.mountPoint)
        self.ticket = fresh
        guard let thread = fresh.threadID, session.threadsWrittenTo.contains(thread),
            let forge = session.forge.ticketReading
        else { return }
        let (project, mount, number) = (self.project, tool.mountPoint, self.number)
        app.load(for: self) { .ticket(try await forge.ticket(project, mount: mount, number: number)) }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if triage.pendingCreate != nil, app.deliveringWrite { triage.created(.failure(error), view: self, app: app) }
        loadFailedExtra(error, app: app)
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .created(let ticket): triage.created(.success(ticket), view: self, app: app)
        case .ticket(let ticket):
            self.ticket = ticket
            session.remember(tickets: [ticket], project: project, mount: tool.mountPoint)
        case .trackerInfo(let tracker): triage.tracker = tracker
        case .ticketPage(let page): if let tracker = page.tracker { triage.tracker = tracker }
        case .triage(let outcome), .undone(let outcome):
            session.remember(tickets: outcome.freshTickets, project: project, mount: tool.mountPoint)
            if let fresh = outcome.freshTickets.first(where: { $0.number == number }) { ticket = fresh }
            if let key = pendingEditDraft {
                if outcome.isComplete, let second = pendingSecond, let ticket {
                    // Summary and description are two writes: the second starts from the first's result.
                    pendingSecond = nil
                    triage.confirmAndRun(second, on: [ticket], comment: "", view: self, app: app)
                    return
                }
                if outcome.isComplete {
                    app.options.state?.deleteDraft(key)
                } else {
                    app.options.state?.recordFailure(key, message: outcome.summary)
                }
                pendingEditDraft = nil
                pendingSecond = nil
            }
            triage.report(outcome, view: self, app: app)
        default: break
        }
    }

    override func handle(_ action: Action, app: App) -> Bool {
        switch action {
        case .create:
            triage.create(known: (ticket.map { [$0] } ?? []), trackerLabel: tool.label, view: self, app: app)
            return true
        case .comment:
            guard let thread = ticket?.threadID else {
                app.note("This ticket has no comment thread", error: true)
                return true
            }
            app.open(.discussionThread(project, mount: tool.mountPoint, thread: thread), session: session)
            app.perform(.comment)
            return true
        case .edit:
            edit(app: app)
            return true
        case .tag, .applyToTagged:
            app.note("Tag tickets in the list (t), then press ; there")
            return true
        case .nextUnread, .previousLink, .open:
            return super.handle(action, app: app)
        default:
            return triage.handle(action, current: ticket, known: ticket.map { [$0] } ?? [], view: self, app: app)
        }
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        switch draft.key.kind {
        case .ticketEdit: return sendDraft(by: .edit, when: ticket != nil, app: app)
        case .ticketNew: return sendDraft(by: .create, when: ticket != nil, app: app)
        default: return super.sendDraft(draft, app: app)
        }
    }

    /// Summary and description in the editor: the first line is the summary, the rest the description.
    private func edit(app: App) {
        guard let ticket else { return }
        let key = DraftKey(
            forge: session.baseURL.absoluteString, kind: .ticketEdit, target: "\(project)/\(tool.mountPoint)/\(number)")
        let original = ticket.summary + "\n\n" + (ticket.description ?? "")
        let initial = app.options.state?.draft(key)?.text ?? original
        guard let outcome = app.edit(initial) else { return app.note("No editor available", error: true) }
        let text: String
        switch outcome {
        case .saved(let written): text = written
        case .abandoned: return app.note("Nothing changed")
        case .failed(let reason, let written):
            if let written, written != initial { app.options.state?.saveDraft(key, text: written) }
            return app.note("\(reason): nothing changed; the draft is kept (e to go on)", error: true)
        }
        guard text != original else {
            app.options.state?.deleteDraft(key)
            return app.note("Nothing changed")
        }
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let summary = String(lines.first ?? "").trimmedOfSpaces
        let description = lines.count > 1 ? String(lines[1]).trimmedOfNewlines : ""
        guard !summary.isEmpty else {
            return app.note("The first line (the summary) is empty: nothing sent", error: true)
        }
        app.options.state?.saveDraft(key, text: text)
        var action: [TriageAction] = []
        if summary != ticket.summary { action.append(.editSummary(summary)) }
        if description != (ticket.description ?? "") { action.append(.editDescription(description)) }
        guard let first = action.first else { return app.note("Nothing changed") }
        pendingEditDraft = key
        pendingSecond = action.count > 1 ? action[1] : nil
        triage.confirmAndRun(first, on: [ticket], comment: "", view: self, app: app)
    }

    override var itemText: ItemText? {
        ticket.map {
            ItemText(name: "ticket #\($0.number)", text: "#\($0.number) \($0.summary)\n\n" + ($0.description ?? ""))
        }
    }

    private var pendingEditDraft: DraftKey?
    private var pendingSecond: TriageAction?

    private func loadFailedExtra(_ error: ForgeError, app: App) {
        if let key = pendingEditDraft {
            app.options.state?.recordFailure(key, message: error.message)
            pendingEditDraft = nil
            app.note("Not saved, \(app.draftKept(key)) (e to retry): \(error.message)", error: true)
        }
        if ticket != nil { loadError = nil }
    }

    override func buildPage(width: Int) -> [Row] {
        guard let ticket else { return stateRows(what: "ticket #\(number)") ?? [] }
        var b = rowBuilder(width: width)
        b.heading("#\(ticket.number) " + (ticket.summary.isEmpty ? "(no summary)" : ticket.summary))
        let closed = triage.isClosed(ticket.status, seen: [ticket])
        b.field("Status", ticket.status.isEmpty ? "(none)" : ticket.status, role: closed ? .ticketClosed : .ticketOpen)
        b.field("Assignee", ticket.assignee ?? "(nobody)", role: .author)
        b.field("Reporter", ticket.reporter, role: .author)
        b.field("Milestone", ticket.milestone ?? "")
        b.field("Labels", ticket.labels.joined(separator: ", "), role: .label)
        for field in triage.fieldSpecs(seen: [ticket]) {
            guard let value = ticket.customFields[field.key] else { continue }
            b.field(field.name, value.display)
        }
        for link in ticket.links {
            b.field("Links to", link.label, role: .link, target: .route(link.route))
        }
        if let created = ticket.created { b.field("Created", DateText.both(created, now: now()), role: .date) }
        if let modified = ticket.modified { b.field("Updated", DateText.both(modified, now: now()), role: .date) }
        if ticket.isPrivate { b.field("Private", "yes: only developers and the reporter can see it", role: .error) }
        if ticket.votesUp + ticket.votesDown > 0 { b.field("Votes", "+\(ticket.votesUp) −\(ticket.votesDown)") }
        for attachment in ticket.attachments {
            b.field("Attachment", "\(attachment.name) (\(ByteCount.describe(attachment.bytes))) \(attachment.url)")
        }
        b.blank()
        let description = ticket.description ?? ""
        if description.isEmpty {
            b.rows.append(Row("  (no description)", .muted))
        } else {
            let document = renderMarkdown(description, width: width)
            place(document, at: b.rows.count)
            b.rows.append(contentsOf: document.lines.map { Row($0) })
        }
        if let thread = ticket.thread {
            b.embeddedComments(thread, now: now()) { [unowned self] document, start, indent in
                place(document, at: start, indent: indent)
            }
        }
        if let thread = ticket.threadID {
            b.blank()
            let more = (ticket.thread?.posts.count ?? 0) >= (ticket.thread?.limit ?? Int.max)
            b.rows.append(
                Row(
                    more
                        ? "  Open the comment thread for every comment (Enter); c to comment"
                        : "  Open the comment thread (Enter); c to comment", .link,
                    target: .route(.discussionThread(project, mount: tool.mountPoint, thread: thread))))
        }
        return b.rows
    }
}
