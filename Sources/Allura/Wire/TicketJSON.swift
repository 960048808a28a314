/// `GET {tracker}/?page=&limit=` (§6.1): a page of ticket numbers plus tracker metadata.
public struct AlluraTicketListJSON: Decodable, Hashable, Sendable {
    public var tickets: [Entry]
    public var count: Int?
    public var limit: Int?
    public var page: Int?
    public var trackerConfig: TrackerConfig?
    public var milestones: [AlluraMilestoneJSON]?
    public var savedBins: [AlluraSavedBinJSON]?

    enum CodingKeys: String, CodingKey {
        case trackerConfig = "tracker_config"
        case savedBins = "saved_bins"
        case tickets, count, limit, page, milestones
    }

    /// A list entry: only the number and the summary (nil when created without one).
    public struct Entry: Decodable, Hashable, Sendable {
        public var ticketNum: Int
        public var summary: String?

        enum CodingKeys: String, CodingKey {
            case ticketNum = "ticket_num"
            case summary
        }
    }

    /// `tracker_config`: an id and a free-form option dictionary.
    public struct TrackerConfig: Decodable, Hashable, Sendable {
        public var id: String?
        public var options: [String: AlluraJSONValue]?

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case options
        }
    }
}

/// A milestone of the `_milestone` field.
public struct AlluraMilestoneJSON: Decodable, Hashable, Sendable {
    public var name: String
    /// Free text as entered, `""` or nil.
    public var dueDate: String?
    public var description: String?
    public var complete: LenientBool?
    /// Preselected for new tickets; old data may hold `"on"`.
    public var isDefault: LenientBool?
    public var total: Int?
    public var closed: Int?

    enum CodingKeys: String, CodingKey {
        case dueDate = "due_date"
        case isDefault = "default"
        case name, description, complete, total, closed
    }
}

/// A saved search ("bin").
public struct AlluraSavedBinJSON: Decodable, Hashable, Sendable {
    public var id: String?
    /// The display name.
    public var summary: String
    /// A search query.
    public var terms: String?
    /// `""` or a search sort such as `mod_date_dt desc`.
    public var sort: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case summary, terms, sort
    }
}

/// A full ticket (§6.2). In search results `description` and `discussion_thread` are absent.
public struct AlluraTicketJSON: Decodable, Hashable, Sendable {
    public var id: String?
    public var ticketNum: Int
    public var summary: String?
    public var description: String?
    public var status: String?
    public var reportedBy: String?
    public var reportedByID: String?
    public var assignedTo: String?
    public var assignedToID: String?
    public var labels: [String]?
    public var isPrivate: Bool?
    public var discussionDisabled: Bool?
    public var createdDate: AlluraTimestamp?
    public var modDate: AlluraTimestamp?
    public var votesUp: Int?
    public var votesDown: Int?
    /// Values of mixed types; any key may be absent.
    public var customFields: [String: AlluraJSONValue]?
    public var attachments: [AlluraAttachmentJSON]?
    public var relatedArtifacts: [String]?
    public var discussionThread: AlluraThreadJSON?
    public var discussionThreadURL: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case ticketNum = "ticket_num"
        case reportedBy = "reported_by"
        case reportedByID = "reported_by_id"
        case assignedTo = "assigned_to"
        case assignedToID = "assigned_to_id"
        case isPrivate = "private"
        case discussionDisabled = "discussion_disabled"
        case createdDate = "created_date"
        case modDate = "mod_date"
        case votesUp = "votes_up"
        case votesDown = "votes_down"
        case customFields = "custom_fields"
        case relatedArtifacts = "related_artifacts"
        case discussionThread = "discussion_thread"
        case discussionThreadURL = "discussion_thread_url"
        case summary, description, status, labels, attachments
    }
}

/// `GET {tracker}/{n}/` → `{"ticket": …}`.
public struct AlluraTicketResponseJSON: Decodable, Hashable, Sendable {
    public var ticket: AlluraTicketJSON
}

/// `GET {tracker}/search?q=…` (§6.3).
public struct AlluraTicketSearchJSON: Decodable, Hashable, Sendable {
    public var tickets: [AlluraTicketJSON]
    public var count: Int?
    public var q: String?
    public var sort: String?
    public var limit: Int?
    public var page: Int?
    /// Facets by field (`status`, `assigned_to`, `reported_by`, `_milestone`); may be empty.
    public var filterChoices: [String: [AlluraFacetJSON]]?
    /// Nil, or the search backend's complaint about the query.
    public var solrError: String?

    enum CodingKeys: String, CodingKey {
        case filterChoices = "filter_choices"
        case solrError = "solr_error"
        case tickets, count, q, sort, limit, page
    }
}

/// A `[value, count]` facet pair.
public struct AlluraFacetJSON: Decodable, Hashable, Sendable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        value = try c.decode(AlluraJSONValue.self).text
        count = (try? c.decode(Int.self)) ?? 0
    }
}
