import ForgeModel

/// Names of ticket fields as a user reads them.
/// One field of a ticket that an action can change or a concurrent edit can touch.
public enum TicketField: Hashable, Sendable {
    /// The title.
    case summary
    /// The Markdown text.
    case description
    /// `open`, `closed`, ...: one of the tracker's statuses.
    case status
    /// The user the ticket is assigned to.
    case assignee
    /// The labels, compared as a set.
    case labels
    /// The milestone.
    case milestone
    /// Another field of the tracker, by its key (`priority`, `Due date`).
    case custom(String)

    /// The built-in fields, in the order summaries list them.
    public static let builtIn: [TicketField] = [.summary, .description, .status, .assignee, .labels, .milestone]

    /// How summaries name the field: `status`, `milestone`, or a custom field's display name (`Priority`).
    public var name: String {
        switch self {
        case .summary: return "summary"
        case .description: return "description"
        case .status: return "status"
        case .assignee: return "assignee"
        case .labels: return "labels"
        case .milestone: return "milestone"
        case .custom(let key): return FieldSpec.humanName(key)
        }
    }
}

/// How one field differs between two versions of a ticket, as text for a human.
public struct FieldChange: Hashable, Sendable {
    /// The field that differs.
    public var field: TicketField
    /// What changed, without the field's name: `open → closed`, `none → 2.0`, `+crash −ui`, `edited`.
    public var delta: String

    /// Describes an arbitrary change (the initialiser the comparisons below use).
    public init(field: TicketField, delta: String) {
        self.field = field
        self.delta = delta
    }

    /// The field's name and the change: `status open → closed`, `labels +crash −ui`.
    public var text: String { "\(field.name) \(delta)" }

    /// Written for an empty value (no assignee, no milestone, an empty custom field).
    public static let none = "none"

    /// How `field` differs from `old` to `new`, or nil when it does not. Labels compare as sets;
    /// a missing custom field equals an empty one; a description that either side did not load
    /// (search results carry none) counts as unchanged.
    public static func between(_ old: Ticket, _ new: Ticket, field: TicketField) -> FieldChange? {
        switch field {
        case .summary:
            guard old.summary != new.summary else { return nil }
            return FieldChange(field: field, delta: "\(quoted(old.summary)) → \(quoted(new.summary))")
        case .description:
            guard let before = old.description, let after = new.description, before != after else { return nil }
            return FieldChange(field: field, delta: "edited")
        case .status:
            guard old.status != new.status else { return nil }
            return FieldChange(field: field, delta: arrow(old.status, new.status))
        case .assignee:
            guard (old.assignee ?? "") != (new.assignee ?? "") else { return nil }
            return FieldChange(field: field, delta: arrow(old.assignee ?? "", new.assignee ?? ""))
        case .labels:
            let delta = labelDelta(
                added: new.labels.filter { !old.labels.contains($0) },
                removed: old.labels.filter { !new.labels.contains($0) })
            return delta.isEmpty ? nil : FieldChange(field: field, delta: delta)
        case .milestone:
            guard (old.milestone ?? "") != (new.milestone ?? "") else { return nil }
            return FieldChange(field: field, delta: arrow(old.milestone ?? "", new.milestone ?? ""))
        case .custom(let key):
            let before = old.customFields[key] ?? .empty
            let after = new.customFields[key] ?? .empty
            guard !before.sameValue(as: after) else { return nil }
            return FieldChange(field: field, delta: arrow(before.display, after.display))
        }
    }

    /// Every field that differs from `old` to `new`: the built-in fields first, then custom fields by key.
    public static func all(_ old: Ticket, _ new: Ticket) -> [FieldChange] {
        let keys = Set(old.customFields.keys).union(new.customFields.keys).sorted()
        return (TicketField.builtIn + keys.map { TicketField.custom($0) }).compactMap {
            between(old, new, field: $0)
        }
    }

    /// `+crash −ui`: added labels first, each with a plus, then removed ones with a minus sign.
    public static func labelDelta(added: [String], removed: [String]) -> String {
        (added.map { "+\($0)" } + removed.map { "−\($0)" }).joined(separator: " ")
    }

    static func arrow(_ old: String, _ new: String) -> String {
        "\(old.isEmpty ? none : old) → \(new.isEmpty ? none : new)"
    }

    /// A summary in quotes, shortened to keep a bulk summary on one line.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        let short = text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        return "“\(short)”"
    }
}

extension FieldValue {
    /// Whether two values mean the same to the forge: `.empty` and `""` are both empty, `3` and `"3"`
    /// are the same number, and `false` and `"False"` (how Allura reads unsent booleans back) the same
    /// boolean.
    func sameValue(as other: FieldValue) -> Bool {
        self == other || canonical == other.canonical
    }

    private var canonical: String {
        switch self {
        case .empty: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number: return display
        case .text(let s):
            let lower = s.lowercased()
            return lower == "true" || lower == "false" ? lower : s
        }
    }
}
