import Foundation

/// A ticket of a tracker.
public struct Ticket: Hashable, Sendable {
    public var number: Int
    /// Empty when the ticket was created without one.
    public var summary: String
    /// Markdown; nil when the source did not include it (search results).
    public var description: String?
    public var status: String
    public var reporter: String
    public var assignee: String?
    public var labels: [String]
    /// The milestone the ticket belongs to.
    public var milestone: String?
    /// The tracker's other fields, by the key the tracker's `FieldSpec` names them with
    /// (`priority`, `found_in`, `Due date`).
    public var customFields: [String: FieldValue]
    public var isPrivate: Bool
    public var discussionDisabled: Bool
    public var created: Date?
    public var modified: Date?
    /// The modification time exactly as the forge wrote it, to detect concurrent edits.
    public var modifiedStamp: String
    public var votesUp: Int
    public var votesDown: Int
    public var attachments: [Attachment]
    /// The comment thread's id, when known.
    public var threadID: String?
    /// The first comments, as embedded in the ticket.
    public var thread: DiscussionThread?
    /// Other tickets this one links to (Tuleap's artifact links), each openable in Anvil.
    public var links: [TicketLink]

    public init(
        number: Int, summary: String, description: String? = nil, status: String, reporter: String = "",
        assignee: String? = nil, labels: [String] = [], milestone: String? = nil,
        customFields: [String: FieldValue] = [:], isPrivate: Bool = false, discussionDisabled: Bool = false,
        created: Date? = nil, modified: Date? = nil, modifiedStamp: String = "", votesUp: Int = 0, votesDown: Int = 0,
        attachments: [Attachment] = [], threadID: String? = nil, thread: DiscussionThread? = nil,
        links: [TicketLink] = []
    ) {
        self.number = number
        self.summary = summary
        self.description = description
        self.status = status
        self.reporter = reporter
        self.assignee = assignee
        self.labels = labels
        self.milestone = milestone
        self.customFields = customFields
        self.isPrivate = isPrivate
        self.discussionDisabled = discussionDisabled
        self.created = created
        self.modified = modified
        self.modifiedStamp = modifiedStamp
        self.votesUp = votesUp
        self.votesDown = votesDown
        self.attachments = attachments
        self.threadID = threadID
        self.thread = thread
        self.links = links
    }
}

/// A link from a ticket to another one: what to show and where it leads.
public struct TicketLink: Hashable, Sendable {
    /// `#9 (User Stories) [_is_child]`: the number, where it lives, the kind of link.
    public var label: String
    public var route: Route

    public init(label: String, route: Route) {
        self.label = label
        self.route = route
    }
}

/// A custom field's value; forges store them with mixed types.
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case empty

    /// The value as a user sees and types it.
    public var display: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "yes" : "no"
        case .empty: return ""
        }
    }
}

/// A tracker's metadata: what its fields may hold.
public struct TrackerInfo: Hashable, Sendable {
    public var milestones: [Milestone]
    public var savedSearches: [SavedSearch]
    /// The labels the tracker offers (GitLab's label list); empty when the forge has no list.
    public var labels: [String]
    /// The people tickets can be assigned to (user names).
    public var members: [String]
    /// The fields beyond the built-in ones, as far as the forge describes them.
    public var fields: [FieldSpec]
    /// The statuses the tracker defines, open ones and closed ones, when the forge lists them
    /// (Tuleap's status field and its open values); empty when it does not.
    public var openStatuses: [String]
    public var closedStatuses: [String]

    public init(
        milestones: [Milestone] = [], savedSearches: [SavedSearch] = [], labels: [String] = [], members: [String] = [],
        fields: [FieldSpec] = [], openStatuses: [String] = [], closedStatuses: [String] = []
    ) {
        self.milestones = milestones
        self.savedSearches = savedSearches
        self.labels = labels
        self.members = members
        self.fields = fields
        self.openStatuses = openStatuses
        self.closedStatuses = closedStatuses
    }
}

/// Reading a tracker's metadata (milestones, saved searches, labels, members, fields) for prompts.
public protocol TrackerMetadataReading: Forge {
    func trackerInfo(_ project: ProjectPath, mount: String) async throws -> TrackerInfo
}

/// A forge whose tracker fields are learnt from the tickets seen, because its API does not
/// describe them (Allura). Other forges describe them in `TrackerInfo.fields`.
public protocol TicketFieldInferring: Forge {
    /// The fields `tracker` describes, completed with those the tickets and search facets show.
    func fieldSpecs(seen tickets: [Ticket], facets: [String: [FacetValue]], tracker: TrackerInfo) -> [FieldSpec]
}

public struct Milestone: Hashable, Sendable {
    public var name: String
    public var dueDate: String
    public var description: String
    public var isComplete: Bool
    public var isDefault: Bool
    public var total: Int
    public var closed: Int

    public init(
        name: String, dueDate: String = "", description: String = "", isComplete: Bool = false,
        isDefault: Bool = false, total: Int = 0, closed: Int = 0
    ) {
        self.name = name
        self.dueDate = dueDate
        self.description = description
        self.isComplete = isComplete
        self.isDefault = isDefault
        self.total = total
        self.closed = closed
    }
}

/// A named search: the tracker's saved bins, or the user's own from the config.
public struct SavedSearch: Hashable, Sendable {
    public var name: String
    /// In the forge's own query syntax.
    public var query: String
    /// A forge sort spec, empty for the default.
    public var sort: String

    public init(name: String, query: String, sort: String = "") {
        self.name = name
        self.query = query
        self.sort = sort
    }
}

/// One page of a ticket list or search, with the facets a search returns.
public struct TicketPage: Hashable, Sendable {
    /// Search results carry full tickets without descriptions; the plain list only numbers and
    /// summaries (the other fields are then empty and `isPartial` is true).
    public var tickets: [Ticket]
    public var isPartial: Bool
    public var page: Int
    public var limit: Int
    public var total: Total
    /// Values in use with their counts, per field as the forge names it (`status`, `assigned_to`, ...).
    public var facets: [String: [FacetValue]]
    public var tracker: TrackerInfo?

    public init(
        tickets: [Ticket], isPartial: Bool, page: Int, limit: Int, total: Total, facets: [String: [FacetValue]] = [:],
        tracker: TrackerInfo? = nil
    ) {
        self.tickets = tickets
        self.isPartial = isPartial
        self.page = page
        self.limit = limit
        self.total = total
        self.facets = facets
        self.tracker = tracker
    }
}

public struct FacetValue: Hashable, Sendable {
    public var value: String
    public var count: Int
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// What a user wants to change on a ticket. Only what is set changes; the backend turns this into
/// whatever its API needs (Allura's `save` needs the full form, built from a fresh read).
public struct TicketEdit: Hashable, Sendable {
    public var summary: String?
    public var description: String?
    public var status: String?
    public var assignee: String?
    public var labelsAdded: [String]
    public var labelsRemoved: [String]
    /// `.some(nil)` clears the milestone.
    public var milestone: String??
    public var fields: [String: FieldValue]
    /// A comment written with the change, for forges whose edits carry one
    /// (`ForgeTraits.commentsTravelWithEdits`); not a change by itself.
    public var comment: String?

    public init(
        summary: String? = nil, description: String? = nil, status: String? = nil, assignee: String? = nil,
        labelsAdded: [String] = [], labelsRemoved: [String] = [], milestone: String?? = nil,
        fields: [String: FieldValue] = [:], comment: String? = nil
    ) {
        self.summary = summary
        self.description = description
        self.status = status
        self.assignee = assignee
        self.labelsAdded = labelsAdded
        self.labelsRemoved = labelsRemoved
        self.milestone = milestone
        self.fields = fields
        self.comment = comment
    }

    /// Whether nothing would change.
    public var isEmpty: Bool {
        summary == nil && description == nil && status == nil && assignee == nil && labelsAdded.isEmpty
            && labelsRemoved.isEmpty && milestone == nil && fields.isEmpty
    }

    /// The ticket as it would be after this edit.
    public func applied(to ticket: Ticket) -> Ticket {
        var t = ticket
        if let summary { t.summary = summary }
        if let description { t.description = description }
        if let status { t.status = status }
        if let assignee { t.assignee = assignee }
        var labels = t.labels.filter { !labelsRemoved.contains($0) }
        for label in labelsAdded where !labels.contains(label) { labels.append(label) }
        t.labels = labels
        if let milestone { t.milestone = milestone }
        for (name, value) in fields { t.customFields[name] = value }
        return t
    }
}

/// The outcome of writing a ticket: the ticket as the forge now has it, and the parts of the edit
/// that did not stick (the forge ignored an assignee who is not a member, for example).
public struct TicketWriteResult: Hashable, Sendable {
    public var ticket: Ticket
    public var ignored: [String]
    public init(ticket: Ticket, ignored: [String] = []) {
        self.ticket = ticket
        self.ignored = ignored
    }
}

/// Reading a tracker.
public protocol TicketReading: Forge {
    /// A page of the tracker's list, newest first, with the tracker's metadata.
    func ticketList(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> TicketPage
    /// A page of a search (an empty query lists every ticket, in the query's sort).
    func searchTickets(
        _ project: ProjectPath, mount: String, query: TicketQuery, page: Int, limit: Int
    )
        async throws -> TicketPage
    func ticket(_ project: ProjectPath, mount: String, number: Int) async throws -> Ticket
}

/// Changing a tracker.
public protocol TicketWriting: Forge {
    /// Applies `edit` to ticket `number`, reading it fresh first so nothing else changes. When
    /// `expectedStamp` is given and the ticket changed since, throws `TicketConflict` without writing.
    func updateTicket(
        _ project: ProjectPath, mount: String, number: Int, edit: TicketEdit, expectedStamp: String?
    ) async throws -> TicketWriteResult
    /// Creates a ticket from the fields of `edit` (summary required).
    func createTicket(_ project: ProjectPath, mount: String, edit: TicketEdit) async throws -> Ticket
}

/// The ticket changed on the forge since it was shown: the write did not happen.
public struct TicketConflict: Error, Hashable, Sendable {
    /// The ticket as it is now.
    public var current: Ticket
    public init(current: Ticket) { self.current = current }
}

/// A ticket search: a structured part every forge understands, and optionally a query in the
/// forge's own syntax (`:search` passes what the user typed through as `raw`). Each backend
/// compiles it into its own request.
public struct TicketQuery: Hashable, Sendable {
    public enum State: String, Hashable, Sendable {
        case open, closed, all
    }

    /// A sort by one of the forge's `ForgeTraits.sortFields` (`number`, `updated`, `created`, …).
    public struct Sort: Hashable, Sendable {
        public var field: String
        public var descending: Bool
        public init(field: String, descending: Bool) {
            self.field = field
            self.descending = descending
        }
    }

    /// Words to find in the summary and text.
    public var text: String?
    /// nil: what the forge lists by default.
    public var state: State?
    public var assignee: String?
    /// Tickets must carry every one of these.
    public var labels: [String]
    public var milestone: String?
    public var sort: Sort?
    /// A query in the forge's own syntax, combined with the structured part.
    public var raw: String?

    public init(
        text: String? = nil, state: State? = nil, assignee: String? = nil, labels: [String] = [],
        milestone: String? = nil, sort: Sort? = nil, raw: String? = nil
    ) {
        self.text = text
        self.state = state
        self.assignee = assignee
        self.labels = labels
        self.milestone = milestone
        self.sort = sort
        self.raw = raw
    }

    /// Whether the query asks for nothing but the tracker's whole list (a sort aside).
    public var isEverything: Bool {
        text == nil && state == nil && assignee == nil && labels.isEmpty && milestone == nil
            && (raw?.trimmedOfSpaces.isEmpty ?? true)
    }
}

/// A forge that works out a tracker's open and closed statuses from what has been seen of it
/// (Allura's REST API does not list them). Forges with fixed states declare them in
/// `ForgeTraits.fixedStatuses` instead.
public protocol TicketStatusProviding: Forge {
    /// The open and closed statuses, from the tickets seen, the search's status facet and the
    /// tracker's saved searches.
    func statusChoices(
        seen tickets: [Ticket], facets: [FacetValue], tracker: TrackerInfo
    )
        -> (open: [String], closed: [String])
}
