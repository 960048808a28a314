import ForgeModel

/// What one triage keystroke asks for, on the ticket under the cursor or on every tagged ticket.
public enum TriageAction: Hashable, Sendable {
    /// `s`: set the status (`closed`, `pending`, ...).
    case setStatus(String)
    /// `a`: assign to a user name. An empty name changes nothing: forges like Allura cannot unassign.
    case setAssignee(String)
    /// `L`: add and remove labels; a label both added and removed is added.
    case changeLabels(add: [String], remove: [String])
    /// `m`: move to a milestone, or take the ticket out of its milestone with nil.
    case setMilestone(String?)
    /// Set another field of the tracker, by its key (`priority`, `Due date`).
    case setField(String, FieldValue)
    /// `e`: a new summary (title). An empty one changes nothing: forges reject it.
    case editSummary(String)
    /// `e`: a new description, in Markdown.
    case editDescription(String)

    /// The fields this action may change.
    public var fields: [TicketField] {
        switch self {
        case .setStatus: return [.status]
        case .setAssignee: return [.assignee]
        case .changeLabels: return [.labels]
        case .setMilestone: return [.milestone]
        case .setField(let key, _): return [.custom(key)]
        case .editSummary: return [.summary]
        case .editDescription: return [.description]
        }
    }

    /// The intent, the same for every ticket.
    public var edit: TicketEdit {
        switch self {
        case .setStatus(let status):
            return TicketEdit(status: status)
        case .setAssignee(let name):
            return name.isEmpty ? TicketEdit() : TicketEdit(assignee: name)
        case .changeLabels(let add, let remove):
            let added = Self.unique(add)
            return TicketEdit(labelsAdded: added, labelsRemoved: Self.unique(remove).filter { !added.contains($0) })
        case .setMilestone(let name):
            return TicketEdit(milestone: .some(name.flatMap { $0.isEmpty ? nil : $0 }))
        case .setField(let key, let value):
            return TicketEdit(fields: [key: value])
        case .editSummary(let summary):
            return summary.isEmpty ? TicketEdit() : TicketEdit(summary: summary)
        case .editDescription(let description):
            return TicketEdit(description: description)
        }
    }

    /// The intent for `ticket`, reduced to what would actually change it; empty when nothing would
    /// (the ticket is closed already, has the label already, ...).
    public func edit(for ticket: Ticket) -> TicketEdit {
        let full = edit
        var edit = TicketEdit()
        if let summary = full.summary, summary != ticket.summary { edit.summary = summary }
        if let description = full.description, description != ticket.description { edit.description = description }
        if let status = full.status, status != ticket.status { edit.status = status }
        if let assignee = full.assignee, assignee != ticket.assignee { edit.assignee = assignee }
        edit.labelsAdded = full.labelsAdded.filter { !ticket.labels.contains($0) }
        edit.labelsRemoved = full.labelsRemoved.filter { ticket.labels.contains($0) }
        if let milestone = full.milestone, (milestone ?? "") != (ticket.milestone ?? "") { edit.milestone = milestone }
        for (key, value) in full.fields where !(ticket.customFields[key] ?? .empty).sameValue(as: value) {
            edit.fields[key] = value
        }
        return edit
    }

    /// What the ticket would look like after the action, or nil when the action changes nothing.
    public func result(for ticket: Ticket) -> Ticket? {
        let edit = edit(for: ticket)
        return edit.isEmpty ? nil : edit.applied(to: ticket)
    }

    /// The label action a user typed at the `L` prompt: words separated by spaces or commas, each
    /// `+name` or plain `name` to add and `-name` (or `−name`) to remove. Nil when nothing was typed.
    public static func labels(parsing text: String) -> TriageAction? {
        var add: [String] = []
        var remove: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            if let first = word.first, first == "-" || first == "−" {
                if word.count > 1 { remove.append(String(word.dropFirst())) }
            } else if word.first == "+" {
                if word.count > 1 { add.append(String(word.dropFirst())) }
            } else {
                add.append(String(word))
            }
        }
        return add.isEmpty && remove.isEmpty ? nil : .changeLabels(add: add, remove: remove)
    }

    /// What the action did, after the ticket or the count: `closed`, `assigned to mara`.
    var pastTense: Phrase {
        switch self {
        case .setStatus(let status): return status == "closed" ? .verb("closed") : .verb("set to \(status)")
        case .setAssignee(let name): return .verb("assigned to \(name)")
        case .changeLabels:
            let edit = edit
            return .verb("labelled \(FieldChange.labelDelta(added: edit.labelsAdded, removed: edit.labelsRemoved))")
        case .setMilestone(let name):
            if let name, !name.isEmpty { return .verb("moved to milestone \(name)") }
            return .change("milestone cleared")
        case .setField(let key, let value):
            let name = FieldSpec.humanName(key)
            return value.display.isEmpty ? .change("\(name) cleared") : .change("\(name) → \(value.display)")
        case .editSummary: return .verb("retitled")
        case .editDescription: return .change("description edited")
        }
    }

    /// What the action did, given the edits actually sent: a label change names only the labels
    /// that were added or removed, not those asked for that a ticket had (or lacked) already.
    func pastTense(applied edits: [TicketEdit]) -> Phrase {
        guard case .changeLabels = self, !edits.isEmpty else { return pastTense }
        let added = Self.unique(edits.flatMap(\.labelsAdded))
        let removed = Self.unique(edits.flatMap(\.labelsRemoved))
        return .verb("labelled \(FieldChange.labelDelta(added: added, removed: removed))")
    }

    private static func unique(_ labels: [String]) -> [String] {
        var seen = Set<String>()
        return labels.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// How an outcome's one-line summary says what happened: after the subject (`#12 closed`,
/// `3 tickets closed`) or after a colon (`3 tickets: Priority → 5`).
enum Phrase: Hashable, Sendable {
    case verb(String)
    case change(String)

    func after(_ subject: String) -> String {
        switch self {
        case .verb(let verb): return "\(subject) \(verb)"
        case .change(let change): return "\(subject): \(change)"
        }
    }
}
