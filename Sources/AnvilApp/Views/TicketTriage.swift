import ForgeModel
import Store
import TerminalUI
import Text

/// The triage keys of the ticket views: status, assignee, labels, milestone, tags, apply to
/// tagged, undo. One action is one prompt; bulk actions show what will change and ask first.
final class TicketTriage {
    let session: ForgeSession
    let project: ProjectPath
    let mount: String
    private(set) var tags = TicketTags()
    /// Set by `;`: the next action goes to every tagged ticket.
    private(set) var applyToTagged = false
    let undoLog: UndoLog
    /// What the tracker is known to use, for prompts and colours.
    var tracker = TrackerInfo()
    var facets: [String: [FacetValue]] = [:]
    var statusOverride: (open: [String], closed: [String])?

    init(session: ForgeSession, project: ProjectPath, mount: String) {
        self.session = session
        self.project = project
        self.mount = mount
        self.undoLog = UndoLog(canUnassign: session.forge.traits.canUnassign)
    }

    /// The open and closed statuses: the forge's fixed pair, or what the forge works out from the
    /// tickets and facets seen and the saved searches. With an override from the config, its
    /// closed list is the whole closed set; every other status offered counts as open.
    func statusChoices(seen tickets: [Ticket]) -> (open: [String], closed: [String]) {
        let built: (open: [String], closed: [String])
        if let fixed = session.forge.traits.fixedStatuses {
            built = ([fixed.open], [fixed.closed])
        } else if let provider = session.forge.ticketStatusProviding {
            built = provider.statusChoices(seen: tickets, facets: facets["status"] ?? [], tracker: tracker)
        } else {
            var seen: [String] = []
            for ticket in tickets where !seen.contains(ticket.status) { seen.append(ticket.status) }
            built = (seen, [])
        }
        guard let statusOverride else { return built }
        var open = statusOverride.open
        for status in built.open + built.closed where !open.contains(status) && !statusOverride.closed.contains(status)
        {
            open.append(status)
        }
        return (open, statusOverride.closed)
    }

    /// The tracker's fields beyond the built-in ones: as the forge describes them or learns them
    /// from the tickets seen, then any other key those tickets carry, as text.
    func fieldSpecs(seen tickets: [Ticket]) -> [FieldSpec] {
        var specs =
            session.forge.ticketFieldInferring?.fieldSpecs(seen: tickets, facets: facets, tracker: tracker)
            ?? tracker.fields
        let keys = Set(tickets.flatMap { $0.customFields.keys })
        for key in keys.sorted() where !specs.contains(where: { $0.key == key }) {
            specs.append(FieldSpec(key: key, name: FieldSpec.humanName(key)))
        }
        return specs
    }

    func isClosed(_ status: String, seen tickets: [Ticket]) -> Bool {
        closedStatuses(seen: tickets).contains(status)
    }

    /// The closed statuses, to classify many tickets at once.
    func closedStatuses(seen tickets: [Ticket]) -> Set<String> {
        Set(statusChoices(seen: tickets).closed)
    }

    /// Tags or untags ticket `number`, keeping the tags in `state` so that they outlive the view
    /// and the session; returns whether it is tagged now.
    func toggleTag(_ number: Int, state: LocalState?) -> Bool {
        let tagged = tags.toggle(number)
        state?.setTags(Set(tags.all), forge: session.baseURL.absoluteString, tracker: "\(project)/\(mount)")
        return tagged
    }

    /// Takes the tags kept for this tracker (another list of it may have changed them).
    func restoreTags(_ state: LocalState?) {
        guard let state else { return }
        tags = TicketTags(state.tags(forge: session.baseURL.absoluteString, tracker: "\(project)/\(mount)"))
    }

    /// Handles a triage action for `current` (the ticket under the cursor); `known` are the tickets
    /// the view has, where tagged tickets are looked up. Returns false for other actions.
    func handle(_ action: Action, current: Ticket?, known: [Ticket], view: ScreenView, app: App) -> Bool {
        switch action {
        case .applyToTagged:
            guard !tags.isEmpty else {
                app.note("No tagged tickets: press t on tickets to tag them")
                return true
            }
            applyToTagged = true
            app.note("The next action applies to \(tags.count) tagged ticket\(tags.count == 1 ? "" : "s")")
            return true
        case .undo:
            undo(view: view, app: app)
            return true
        case .setStatus, .setAssignee, .editLabels, .setMilestone:
            break
        default:
            return false
        }
        guard let targets = targets(current: current, known: known, app: app) else { return true }
        let which = targets.count == 1 ? "#\(targets[0].number)" : "\(targets.count) tickets"
        switch action {
        case .setStatus:
            let choices = statusChoices(seen: known)
            app.ask("Status of \(which): ", choices: choices.open + choices.closed) { [weak self, weak view] value in
                guard let self, let view else { return }
                let status = value.trimmedOfSpaces
                guard !status.isEmpty else { return app.note("No status given: nothing changed") }
                // A comment kept from an attempt that failed is offered again.
                let kept = app.options.state?.draft(self.commentKey(targets))?.text ?? ""
                app.ask("Comment (Enter for none): ", initial: kept) { comment in
                    self.confirmAndRun(.setStatus(status), on: targets, comment: comment, view: view, app: app)
                }
            }
        case .setAssignee:
            let people = Set((session.knownProject(project)?.developers.map(\.username) ?? []) + tracker.members)
                .sorted()
            app.ask("Assign \(which) to: ", choices: people) { [weak self, weak view] value in
                guard let self, let view else { return }
                let name = value.trimmedOfSpaces
                guard !name.isEmpty || self.session.forge.traits.canUnassign else {
                    return app.note("This forge cannot unassign a ticket")
                }
                self.confirmAndRun(.setAssignee(name), on: targets, comment: "", view: view, app: app)
            }
        case .editLabels:
            let inUse = Set(known.flatMap(\.labels) + tracker.labels).sorted()
            app.ask("Labels of \(which) (+add -remove): ", choices: inUse) { [weak self, weak view] value in
                guard let self, let view else { return }
                guard let labels = TriageAction.labels(parsing: value) else {
                    return app.note("Write labels as +add -remove", error: true)
                }
                if case .changeLabels(_, let remove) = labels {
                    let absent = remove.filter { label in !targets.contains { $0.labels.contains(label) } }
                    if !absent.isEmpty {
                        let list = absent.joined(separator: ", ")
                        app.note("\(which) \(targets.count == 1 ? "has" : "have") no label \(list): not removed")
                        if labels.edit.labelsAdded.isEmpty { return }
                    }
                }
                self.confirmAndRun(labels, on: targets, comment: "", view: view, app: app)
            }
        case .setMilestone:
            let names = tracker.milestones.filter { !$0.isComplete }.map(\.name)
            app.ask("Milestone of \(which) (- for none): ", choices: names) { [weak self, weak view] value in
                guard let self, let view else { return }
                let name = value.trimmedOfSpaces
                guard !name.isEmpty else { return app.note("No milestone given: nothing changed") }
                self.confirmAndRun(
                    .setMilestone(name == "-" ? nil : name), on: targets, comment: "", view: view, app: app)
            }
        default: break
        }
        return true
    }

    /// The tickets an action goes to: the tagged ones after `;`, else the one under the cursor.
    func targets(current: Ticket?, known: [Ticket], app: App) -> [Ticket]? {
        let (project, mount) = (self.project, self.mount)
        let current = current.map { session.newest($0, project: project, mount: mount) }
        if applyToTagged {
            applyToTagged = false
            let tagged = tags.tagged(in: known).map { session.newest($0, project: project, mount: mount) }
            if tagged.isEmpty { app.note("The tagged tickets are not loaded here", error: true) }
            return tagged.isEmpty ? nil : tagged
        }
        guard let current, !current.status.isEmpty || !current.summary.isEmpty else {
            app.note("Move to a ticket first", error: true)
            return nil
        }
        return [current]
    }

    /// Creates a ticket from the editor template; the draft is kept until the forge accepted it.
    func create(known: [Ticket], trackerLabel: String, view: ScreenView, app: App) {
        guard let writer = session.forge.ticketWriting else {
            return app.note("This forge cannot create tickets", error: true)
        }
        let key = DraftKey(forge: session.baseURL.absoluteString, kind: .ticketNew, target: "\(project)/\(mount)")
        let fields = fieldSpecs(seen: known)
        let initial =
            app.options.state?.draft(key)?.text
            ?? TicketTemplate.text(
                trackerLabel: trackerLabel, fields: fields,
                milestone: tracker.milestones.first { $0.isDefault }?.name,
                status: tracker.openStatuses.first ?? "open")
        guard let outcome = app.edit(initial) else { return app.note("No editor available", error: true) }
        let text: String
        switch outcome {
        case .saved(let written): text = written
        case .abandoned: return app.note("Nothing created")
        case .failed(let reason, let written):
            if let written, written != initial { app.options.state?.saveDraft(key, text: written) }
            return app.note("\(reason): nothing created; the draft is kept (C to go on)", error: true)
        }
        app.options.state?.saveDraft(key, text: text)
        let edit: TicketEdit
        do {
            edit = try TicketTemplate.parse(text, fields: fields)
        } catch {
            return app.note(error.message, error: true)
        }
        pendingCreate = key
        let (project, mount) = (self.project, self.mount)
        app.note("Creating…")
        app.load(for: view, cancellable: false) {
            .created(try await writer.createTicket(project, mount: mount, edit: edit))
        }
    }

    /// The last action's per-ticket results, for `:results`; conflicts written anyway update it.
    private(set) var lastOutcome: TriageOutcome?
    /// The write in flight finishes the last action (its conflicts written anyway).
    private var continuingLastOutcome = false

    /// The draft of a ticket being created, until the forge answers.
    var pendingCreate: DraftKey?

    /// After a create: drop the draft and open the new ticket, or keep the draft and say why.
    func created(_ result: Result<Ticket, ForgeError>, view: ScreenView, app: App) {
        guard let key = pendingCreate else { return }
        pendingCreate = nil
        switch result {
        case .success(let ticket):
            app.options.state?.deleteDraft(key)
            app.note("Created #\(ticket.number)")
            app.open(.ticket(project, mount: mount, number: ticket.number), session: session)
        case .failure(let error):
            app.options.state?.recordFailure(key, message: error.message)
            app.note("Not created, \(app.draftKept(key)) (C to retry): \(error.message)", error: true)
        }
    }

    /// Shows what will change when several tickets are involved and asks; then writes.
    func confirmAndRun(_ action: TriageAction, on targets: [Ticket], comment: String, view: ScreenView, app: App) {
        let summary = ChangeSummary(action: action, tickets: targets)
        guard !summary.changed.isEmpty || !comment.isEmpty else {
            return app.note("Nothing to change: \(summary.text)")
        }
        if targets.count == 1 {
            run(action, on: targets, comment: comment, view: view, app: app)
            return
        }
        app.confirm("\(summary.text). Apply?") { [weak self, weak view] in
            guard let self, let view else { return }
            self.run(action, on: targets, comment: comment, view: view, app: app)
        }
    }

    /// The draft a comment typed at a triage prompt is kept in until the forge took it.
    func commentKey(_ targets: [Ticket]) -> DraftKey {
        DraftKey(
            forge: session.baseURL.absoluteString, kind: .ticketComment, target: "\(project)/\(mount)",
            parent: targets.map { String($0.number) }.joined(separator: ","))
    }

    /// The comment of the write in progress and its draft, so that a write confirmed after a
    /// conflict carries it too and a failure keeps it.
    private var pendingComment: (text: String, key: DraftKey)?

    private func run(
        _ action: TriageAction, on targets: [Ticket], comment: String, continuing: Bool = false, view: ScreenView,
        app: App
    ) {
        guard let writer = session.forge.ticketWriting else {
            return app.note("This forge cannot change tickets", error: true)
        }
        let key = commentKey(targets)
        if comment.trimmedOfWhitespace.isEmpty {
            app.options.state?.deleteDraft(key)
            pendingComment = nil
        } else {
            app.options.state?.saveDraft(key, text: comment)
            pendingComment = (comment, key)
        }
        let commenter = session.forge.commentWriting
        let (project, mount, undoLog) = (self.project, self.mount, self.undoLog)
        let text = comment.trimmedOfWhitespace
        continuingLastOutcome = continuing
        app.note("Writing \(targets.count == 1 ? "#\(targets[0].number)" : "\(targets.count) tickets")…")
        let reader = session.forge.ticketReading
        let together = session.forge.traits.commentsTravelWithEdits
        app.load(for: view, cancellable: false) {
            var outcome = await TriageRunner().apply(
                action, to: targets, project: project, mount: mount, writer: writer,
                comment: together && !text.isEmpty ? text : nil)
            var commentFailure: String?
            if !text.isEmpty, commenter == nil { commentFailure = "this forge takes no comments" }
            if !text.isEmpty, let commenter {
                var results = outcome.results
                for (index, result) in results.enumerated() {
                    // Where the comment went with the write, it is not posted again.
                    guard (result.isUpdated && !together) || result.kind == .unchanged else { continue }
                    guard let thread = (result.current ?? result.before).threadID else { continue }
                    do {
                        _ = try await commenter.postComment(
                            project, mount: mount, thread: thread, replyTo: nil, text: text)
                        // A comment changes the ticket's modification time: read it again so the
                        // undo entry (and the list) carry the time the forge now has.
                        if case .updated(_, let ignored) = result.kind, let reader {
                            let fresh = try await reader.ticket(project, mount: mount, number: result.number)
                            results[index] = TicketResult(
                                number: result.number, before: result.before, edit: result.edit,
                                kind: .updated(fresh, ignored: ignored))
                        }
                    } catch {
                        // The ticket was written: keep it as the forge has it now, so that trying the
                        // comment again is not taken for someone else's change.
                        let message = (error as? ForgeError)?.message ?? "the forge did not take it"
                        commentFailure = "#\(result.number): \(message)"
                        if let reader,
                            let fresh = try? await reader.ticket(project, mount: mount, number: result.number),
                            case .updated(_, let ignored) = result.kind
                        {
                            results[index] = TicketResult(
                                number: result.number, before: result.before, edit: result.edit,
                                kind: .updated(fresh, ignored: ignored))
                        }
                    }
                }
                outcome = TriageOutcome(origin: outcome.origin, project: project, mount: mount, results: results)
            }
            outcome.commentFailure = commentFailure
            await undoLog.record(outcome, continuing: continuing)
            return .triage(outcome)
        }
    }

    private func undo(view: ScreenView, app: App) {
        guard let writer = session.forge.ticketWriting else {
            return app.note("This forge cannot change tickets", error: true)
        }
        let undoLog = self.undoLog
        app.note("Undoing…")
        app.load(for: view, cancellable: false) {
            guard await undoLog.canUndo else { throw ForgeError.unsupported("Nothing to undo") }
            return .undone(await undoLog.undo(writer: writer))
        }
    }

    /// After a write: the message to show, and asks about conflicts (the ticket changed on the
    /// forge since it was shown) before writing anyway.
    func report(_ outcome: TriageOutcome, view: ScreenView, app: App) {
        if continuingLastOutcome, case .action = outcome.origin, let last = lastOutcome {
            lastOutcome = last.merging(outcome)
        } else {
            lastOutcome = outcome
        }
        continuingLastOutcome = false
        // A results view on screen shows the merged results at once.
        if let results = app.top as? TriageResultsView { results.invalidate() }
        var summary = outcome.summary + (outcome.results.count > 1 ? "  (:results for each ticket)" : "")
        let conflicted = outcome.results.contains {
            if case .conflict = $0.kind { return true }
            return false
        }
        if let pending = pendingComment, outcome.origin != .undo {
            if outcome.commentFailure == nil, outcome.isComplete {
                app.options.state?.deleteDraft(pending.key)
            } else {
                let why = outcome.commentFailure ?? outcome.summary
                app.options.state?.recordFailure(pending.key, message: why)
                if let failure = outcome.commentFailure {
                    summary +=
                        "; comment not posted (\(failure)), \(app.draftKept(pending.key)): the prompt offers it again"
                } else if !conflicted {
                    summary += "; the comment is kept as a draft"
                }
            }
        }
        app.note(summary, error: !outcome.isComplete || outcome.commentFailure != nil)
        let problems = outcome.results.contains { !$0.isUpdated && $0.kind != .unchanged }
        if outcome.results.count > 1, problems, !(app.top is TriageResultsView), let tool = (view as? ToolView)?.tool {
            app.push(TriageResultsView(session: session, project: project, tool: tool, outcome: outcome, triage: self))
        }
        let conflicts = outcome.results.compactMap { result -> (Ticket, ConflictReport)? in
            if case .conflict(let current, let report) = result.kind { return (current, report) }
            return nil
        }
        guard !conflicts.isEmpty, case .action(let action) = outcome.origin else { return }
        let text = conflicts.map(\.1.message).joined(separator: "; ")
        let comment = pendingComment?.text ?? ""
        let no = comment.isEmpty ? "Left as the forge has it" : "Left as the forge has it; comment kept as a draft"
        app.confirm("\(text). Write anyway?", no: no) { [weak self, weak view] in
            guard let self, let view else { return }
            self.run(action, on: conflicts.map(\.0), comment: comment, continuing: true, view: view, app: app)
        }
    }
}
