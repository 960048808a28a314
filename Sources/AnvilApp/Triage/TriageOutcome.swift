import ForgeModel

/// A ticket that changed on the forge after it was shown, so a write was refused: how it differs.
public struct ConflictReport: Hashable, Sendable {
    /// The ticket's number.
    public var number: Int
    /// The fields that differ from the shown ticket to the current one.
    public var changes: [FieldChange]

    /// Compares the ticket as shown with the ticket as the forge has it now.
    public init(shown: Ticket, current: Ticket) {
        number = current.number
        changes = FieldChange.all(shown, current)
    }

    /// One line per differing field: `status open → pending (changed on the forge)`; a single line
    /// saying so when only something else changed (a comment, an attachment).
    public var lines: [String] {
        if changes.isEmpty { return ["changed on the forge (no field differs: a comment or attachment, perhaps)"] }
        return changes.map { "\($0.text) (changed on the forge)" }
    }

    /// One line for the status line: `#12 changed on the forge: status open → pending`.
    public var message: String {
        if changes.isEmpty { return "#\(number) changed on the forge" }
        return "#\(number) changed on the forge: " + changes.map(\.text).joined(separator: ", ")
    }
}

/// What became of one ticket of a triage action or an undo.
public struct TicketResult: Hashable, Sendable {
    /// How it ended.
    public enum Kind: Hashable, Sendable {
        /// Written: the ticket as the forge now has it, and the parts of the edit that did not stick.
        case updated(Ticket, ignored: [String])
        /// Nothing to write: the action changes nothing on this ticket.
        case unchanged
        /// Not written: the ticket changed on the forge since it was shown.
        case conflict(current: Ticket, report: ConflictReport)
        /// The forge refused or could not be reached.
        case failed(ForgeError)
        /// Not written: the change cannot be expressed on the forge (undo to "no assignee").
        case notPossible(String)
        /// Not tried: the batch stopped before this ticket (cancelled, or the forge failed in a way
        /// every ticket would).
        case notAttempted(String)
    }

    /// The ticket's number.
    public var number: Int
    /// The ticket as it was before the write: as shown for an action, as left by the action for an undo.
    public var before: Ticket
    /// The edit sent, nil when none was.
    public var edit: TicketEdit?
    /// How it ended.
    public var kind: Kind

    /// Describes one ticket's result.
    public init(number: Int, before: Ticket, edit: TicketEdit?, kind: Kind) {
        self.number = number
        self.before = before
        self.edit = edit
        self.kind = kind
    }

    /// Whether the ticket was written.
    public var isUpdated: Bool {
        if case .updated = kind { return true }
        return false
    }

    /// The ticket as the forge has it now, when the write told us: the written or the conflicting one.
    public var current: Ticket? {
        switch kind {
        case .updated(let ticket, _): return ticket
        case .conflict(let current, _): return current
        default: return nil
        }
    }

    /// A line naming the ticket when something needs the user's attention
    /// (`#12: No permission (403)`), nil when it went as asked.
    public var message: String? {
        switch kind {
        case .updated(_, let ignored):
            return ignored.isEmpty ? nil : "#\(number): not applied: " + ignored.joined(separator: ", ")
        case .unchanged: return nil
        case .conflict(_, let report): return report.message
        case .failed(let error): return "#\(number): \(error.message)"
        case .notPossible(let why): return "#\(number): \(why)"
        case .notAttempted(let why): return "#\(number): not attempted: \(why)"
        }
    }

    var isProblem: Bool {
        switch kind {
        case .conflict, .failed, .notPossible: return true
        case .updated, .unchanged, .notAttempted: return false
        }
    }
}

/// The result of a triage action or an undo: per-ticket results and a one-line summary.
public struct TriageOutcome: Hashable, Sendable {
    /// What was run.
    public enum Origin: Hashable, Sendable {
        /// A triage action on the ticket under the cursor or on the tagged tickets.
        case action(TriageAction)
        /// `u`: the previous values of the last action written back.
        case undo
    }

    /// What was run.
    public var origin: Origin
    /// Where the tickets live.
    public var project: ProjectPath
    /// The tracker's mount point.
    public var mount: String
    /// One result per ticket, in the order given.
    public var results: [TicketResult]

    /// Collects the results of running `origin` on a tracker.
    /// Why the comment that went with the action was not posted on some tickets (the tickets
    /// themselves were written); nil when it was posted everywhere or there was none.
    public var commentFailure: String?

    public init(origin: Origin, project: ProjectPath, mount: String, results: [TicketResult]) {
        self.origin = origin
        self.project = project
        self.mount = mount
        self.results = results
    }

    /// This outcome with the results of `later`, which finished it (conflicts written anyway), in
    /// place of the ones they settle; tickets only `later` has come last.
    public func merging(_ later: TriageOutcome) -> TriageOutcome {
        let byNumber = Dictionary(later.results.map { ($0.number, $0) }, uniquingKeysWith: { _, new in new })
        let known = Set(results.map(\.number))
        let merged = results.map { byNumber[$0.number] ?? $0 } + later.results.filter { !known.contains($0.number) }
        return TriageOutcome(origin: origin, project: project, mount: mount, results: merged)
    }

    /// How many tickets were written.
    public var updatedCount: Int { results.count { $0.isUpdated } }

    /// Whether every ticket was written or needed nothing.
    public var isComplete: Bool {
        results.allSatisfy {
            switch $0.kind {
            case .updated, .unchanged: return true
            default: return false
            }
        }
    }

    /// The tickets as the forge now has them (written ones and conflicting ones), to refresh the list.
    public var freshTickets: [Ticket] { results.compactMap(\.current) }

    /// Every line that needs the user's attention, one per ticket.
    public var messages: [String] { results.compactMap(\.message) }

    /// One line for the status line: `3 tickets closed`, `#12 closed; 2 unchanged`,
    /// `2 of 3 changed; #14: No permission (403)`.
    public var summary: String {
        let total = results.count
        if total == 0 { return origin == .undo ? "nothing to undo" : "no tickets" }
        let updated = results.filter(\.isUpdated)
        let unchanged = results.count { $0.kind == .unchanged }
        let problems = results.filter(\.isProblem)
        let skipped = results.count {
            if case .notAttempted = $0.kind { return true }
            return false
        }
        let phrase: Phrase
        switch origin {
        case .action(let action): phrase = action.pastTense(applied: updated.compactMap(\.edit))
        case .undo: phrase = .verb("restored")
        }
        var parts: [String] = []
        if problems.isEmpty && skipped == 0 {
            if updated.isEmpty {
                parts.append(total == 1 ? "#\(results[0].number) unchanged" : "\(total) tickets unchanged")
            } else {
                let subject = updated.count == 1 ? "#\(updated[0].number)" : "\(updated.count) tickets"
                parts.append(phrase.after(subject))
                if unchanged > 0 { parts.append("\(unchanged) unchanged") }
            }
        } else {
            if total > 1 {
                let verb = origin == .undo ? "restored" : "changed"
                parts.append("\(updated.count) of \(total) \(verb)" + (unchanged > 0 ? ", \(unchanged) unchanged" : ""))
            }
            if let first = problems.first?.message {
                parts.append(first + (problems.count > 1 ? " (+\(problems.count - 1) more)" : ""))
            }
            if skipped > 0 {
                let why = results.lazy.compactMap {
                    if case .notAttempted(let why) = $0.kind { return why }
                    return nil
                }.first
                parts.append("\(skipped) not attempted" + (why.map { " (\($0))" } ?? ""))
            }
        }
        parts += updated.compactMap(\.message)
        return parts.joined(separator: "; ")
    }
}
