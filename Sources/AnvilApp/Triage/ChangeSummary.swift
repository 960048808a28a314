import ForgeModel

/// What an action will change, in words, computed from the tickets as the list shows them; shown
/// for confirmation before a bulk action and in the status line.
///
/// One ticket: `#12 status: open → closed`. Several: `3 tickets: status open → closed`, grouped by
/// the old value when they differ: `5 tickets: status open → closed (3), pending → closed (2)`.
/// Tickets the action would not change are counted: `…; 2 unchanged`.
public struct ChangeSummary: Hashable, Sendable {
    /// Tickets that change the same way.
    public struct Group: Hashable, Sendable {
        /// The change without the field names (`open → closed`, `+crash −ui`), or several joined by commas.
        public var change: String
        /// The tickets, in the order given.
        public var numbers: [Int]
    }

    /// The changes, most common first (ties in the order they first appear).
    public var groups: [Group]
    /// Tickets the action changes, in the order given.
    public var changed: [Int]
    /// Tickets the action leaves as they are, in the order given.
    public var unchanged: [Int]
    /// The one-line summary.
    public var text: String

    /// Summarises `action` on `tickets` (duplicates by number count once).
    public init(action: TriageAction, tickets: [Ticket]) {
        var order: [String] = []
        var byChange: [String: [Int]] = [:]
        var fieldNames: [String] = []
        var changed: [Int] = []
        var unchanged: [Int] = []
        var seen = Set<Int>()
        for ticket in tickets where seen.insert(ticket.number).inserted {
            guard let after = action.result(for: ticket) else {
                unchanged.append(ticket.number)
                continue
            }
            let changes = action.fields.compactMap { FieldChange.between(ticket, after, field: $0) }
            guard !changes.isEmpty else {
                unchanged.append(ticket.number)
                continue
            }
            for change in changes where !fieldNames.contains(change.field.name) {
                fieldNames.append(change.field.name)
            }
            let key = changes.map(\.delta).joined(separator: ", ")
            if byChange[key] == nil { order.append(key) }
            byChange[key, default: []].append(ticket.number)
            changed.append(ticket.number)
        }
        let groups = order.enumerated()
            .map { (index: $0.offset, group: Group(change: $0.element, numbers: byChange[$0.element] ?? [])) }
            .sorted { ($0.group.numbers.count, -$0.index) > ($1.group.numbers.count, -$1.index) }
            .map(\.group)
        self.groups = groups
        self.changed = changed
        self.unchanged = unchanged
        self.text = Self.text(
            fieldName: fieldNames.joined(separator: ", "), groups: groups, changed: changed, unchanged: unchanged)
    }

    private static func text(fieldName: String, groups: [Group], changed: [Int], unchanged: [Int]) -> String {
        let total = changed.count + unchanged.count
        if total == 0 { return "no tickets" }
        if changed.isEmpty {
            return unchanged.count == 1 ? "#\(unchanged[0]) unchanged" : "\(unchanged.count) tickets unchanged"
        }
        var text: String
        if changed.count == 1, let group = groups.first {
            text = "#\(changed[0]) \(fieldName): \(group.change)"
        } else if groups.count == 1, let group = groups.first {
            text = "\(changed.count) tickets: \(fieldName) \(group.change)"
        } else {
            let parts = groups.map { "\($0.change) (\($0.numbers.count))" }
            text = "\(changed.count) tickets: \(fieldName) " + parts.joined(separator: ", ")
        }
        if !unchanged.isEmpty { text += "; \(unchanged.count) unchanged" }
        return text
    }
}
