import ForgeModel

/// What undoing one ticket's change takes: the edit that puts the changed fields back.
public struct UndoEntry: Hashable, Sendable {
    /// The ticket's number.
    public var number: Int
    /// The ticket as the action left it; its stamp guards the undo against later changes.
    public var after: Ticket
    /// The edit that restores the fields the action changed.
    public var inverse: TicketEdit
    /// Fields that cannot be put back, with the reason (`the forge cannot unassign`).
    public var notRestorable: [String]

    /// The inverse of the fields `edit` touched, from the ticket before and after it. Only fields the
    /// edit touched are restored, so anything the forge changed by itself is left alone. Labels come
    /// back exactly (removed ones added back, added ones removed); on a forge that cannot unassign
    /// (`ForgeTraits.canUnassign`), an assignee can only be restored to a user, never to "nobody".
    public init(before: Ticket, after: Ticket, edit: TicketEdit, canUnassign: Bool = false) {
        number = after.number
        self.after = after
        var inverse = TicketEdit()
        var notRestorable: [String] = []
        if edit.summary != nil, before.summary != after.summary { inverse.summary = before.summary }
        if edit.description != nil, before.description != after.description {
            if let description = before.description {
                inverse.description = description
            } else {
                notRestorable.append("description (the previous text was not loaded)")
            }
        }
        if edit.status != nil, before.status != after.status { inverse.status = before.status }
        if edit.assignee != nil, (before.assignee ?? "") != (after.assignee ?? "") {
            if let assignee = before.assignee, !assignee.isEmpty {
                inverse.assignee = assignee
            } else if canUnassign {
                inverse.assignee = ""
            } else {
                notRestorable.append("cannot undo the assignee: the forge cannot unassign")
            }
        }
        if !edit.labelsAdded.isEmpty || !edit.labelsRemoved.isEmpty {
            inverse.labelsAdded = before.labels.filter { !after.labels.contains($0) }
            inverse.labelsRemoved = after.labels.filter { !before.labels.contains($0) }
        }
        if edit.milestone != nil, (before.milestone ?? "") != (after.milestone ?? "") {
            inverse.milestone = .some(before.milestone)
        }
        for key in edit.fields.keys.sorted() {
            let old = before.customFields[key] ?? .empty
            if !old.sameValue(as: after.customFields[key] ?? .empty) { inverse.fields[key] = old }
        }
        self.inverse = inverse
        self.notRestorable = notRestorable
    }
}

/// The last applied triage action, kept so that `u` can put every ticket it changed back.
///
/// An actor: the view records and undoes from tasks while the user keeps typing. `undo` takes the
/// entries out before writing, so pressing `u` twice undoes once.
public actor UndoLog {
    private var entries: [UndoEntry] = []
    private var project: ProjectPath?
    private var mount = ""
    private var description: String?
    /// Whether the forge can unassign, so an undo can put "nobody" back.
    private let canUnassign: Bool

    /// An empty log for a forge that can (or cannot) unassign tickets.
    public init(canUnassign: Bool = false) { self.canUnassign = canUnassign }

    /// Keeps what undoing `outcome` takes, replacing the previous action. An outcome that wrote
    /// nothing (everything failed or was unchanged) leaves the previous action undoable; so does an
    /// undo's outcome, since undo is not redo.
    ///
    /// With `continuing`, the outcome finishes the previous action (its conflicts written anyway):
    /// its tickets join the previous ones, so `u` puts back every ticket the action changed.
    public func record(_ outcome: TriageOutcome, continuing: Bool = false) {
        guard case .action = outcome.origin else { return }
        let entries = outcome.results.compactMap { result -> UndoEntry? in
            guard case .updated(let after, _) = result.kind, let edit = result.edit else { return nil }
            return UndoEntry(before: result.before, after: after, edit: edit, canUnassign: canUnassign)
        }
        guard !entries.isEmpty else { return }
        if continuing, !self.entries.isEmpty {
            let numbers = Set(entries.map(\.number))
            self.entries = self.entries.filter { !numbers.contains($0.number) } + entries
            return
        }
        self.entries = entries
        project = outcome.project
        mount = outcome.mount
        description = outcome.summary
    }

    /// Whether there is something to undo.
    public var canUndo: Bool { !entries.isEmpty }

    /// The entries that `undo` would write, in the order the action wrote them.
    public var pending: [UndoEntry] { entries }

    /// What `u` would undo, as the action's summary said it (`3 tickets closed`); nil when nothing.
    public var pendingSummary: String? { entries.isEmpty ? nil : description }

    /// Forgets the last action.
    public func clear() {
        entries = []
        project = nil
        mount = ""
        description = nil
    }

    /// Writes the previous values back, one ticket after another, each expecting the stamp the
    /// action left; a ticket changed since is reported as a conflict, not overwritten. A ticket whose
    /// change cannot be undone (back to no assignee) is reported as not possible without a write.
    /// The log is empty afterwards, whatever happened.
    public func undo(writer: any TicketWriting) async -> TriageOutcome {
        let entries = self.entries
        let project = self.project ?? ProjectPath(neighborhood: "", name: "")
        let mount = self.mount
        clear()
        var results: [TicketResult] = []
        var stop: String?
        for entry in entries {
            let ticket = entry.after
            if entry.inverse.isEmpty {
                let why = entry.notRestorable.joined(separator: "; ")
                results.append(TicketResult(number: entry.number, before: ticket, edit: nil, kind: .notPossible(why)))
                continue
            }
            if stop == nil && Task.isCancelled { stop = "cancelled" }
            if let stop {
                results.append(TicketResult(number: entry.number, before: ticket, edit: nil, kind: .notAttempted(stop)))
                continue
            }
            var result = await TriageRunner.write(
                entry.inverse, to: ticket, expectedStamp: ticket.modifiedStamp, project: project, mount: mount,
                writer: writer)
            switch result.kind {
            case .updated(let restored, let ignored) where !entry.notRestorable.isEmpty:
                result.kind = .updated(restored, ignored: ignored + entry.notRestorable)
            case .failed(let error) where error.stopsBatch:
                stop = "stopped after #\(entry.number) failed"
            default:
                break
            }
            results.append(result)
        }
        return TriageOutcome(origin: .undo, project: project, mount: mount, results: results)
    }
}
