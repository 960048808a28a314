import ForgeModel

/// `GET {wiki}/` (§5.1): every page title.
public struct AlluraWikiIndexJSON: Decodable, Hashable, Sendable {
    public var pages: [String]
}

/// `GET {wiki}/{title}/` (§5.2).
public struct AlluraWikiPageJSON: Decodable, Hashable, Sendable {
    public var id: String?
    public var title: String
    /// Raw Markdown; may contain `\r\n`.
    public var text: String?
    public var labels: [String]?
    public var modDate: AlluraTimestamp?
    public var relatedArtifacts: [String]?
    public var attachments: [AlluraAttachmentJSON]?
    public var discussionThread: AlluraThreadJSON?
    public var discussionThreadURL: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case modDate = "mod_date"
        case relatedArtifacts = "related_artifacts"
        case discussionThread = "discussion_thread"
        case discussionThreadURL = "discussion_thread_url"
        case title, text, labels, attachments
    }
}

/// `GET {blog}/?page=&limit=` (§10.1).
public struct AlluraBlogListJSON: Decodable, Hashable, Sendable {
    public var posts: [Entry]
    public var count: Int?
    public var limit: Int?
    public var page: Int?

    /// A post of the list: its title and REST URL (which may hold raw non-ASCII characters).
    public struct Entry: Decodable, Hashable, Sendable {
        public var title: String
        public var url: String?
    }
}

/// `GET {blog}/{YYYY}/{MM}/{slug}/` (§10.2).
public struct AlluraBlogPostJSON: Decodable, Hashable, Sendable {
    public var id: String?
    public var title: String
    public var url: String?
    public var author: String?
    public var text: String?
    /// `draft` or `published`.
    public var state: String?
    /// May be `[""]`; see `nonEmptyLabels`.
    public var labels: [String]?
    public var modDate: AlluraTimestamp?
    public var relatedArtifacts: [String]?
    public var discussionThread: AlluraThreadJSON?
    public var discussionThreadURL: String?

    /// The labels without the empty strings the server stores for "no labels".
    public var nonEmptyLabels: [String] {
        (labels ?? []).filter { !$0.trimmedOfWhitespace.isEmpty }
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case modDate = "mod_date"
        case relatedArtifacts = "related_artifacts"
        case discussionThread = "discussion_thread"
        case discussionThreadURL = "discussion_thread_url"
        case title, url, author, text, state, labels
    }
}

/// `GET /rest/u/{username}/profile/` (§4.3).
public struct AlluraUserProfileJSON: Decodable, Hashable, Sendable {
    public var username: String
    public var name: String?
    public var joined: AlluraTimestamp?
    public var localization: Localization?
    public var sex: String?
    public var telnumbers: [String]?
    public var webpages: [String]?
    public var availability: [Availability]?
    public var skills: [SkillEntry]?
    public var socialNetworks: [AlluraSocialNetworkJSON]?
    public var projects: [ProjectEntry]?

    enum CodingKeys: String, CodingKey {
        case socialNetworks = "socialnetworks"
        case username, name, joined, localization, sex, telnumbers, webpages, availability, skills, projects
    }

    public struct Localization: Decodable, Hashable, Sendable {
        public var city: String?
        public var country: String?
    }

    /// A weekly time slot.
    public struct Availability: Decodable, Hashable, Sendable {
        public var weekDay: String?
        public var startTime: ClockTime?
        public var endTime: ClockTime?

        enum CodingKeys: String, CodingKey {
            case weekDay = "week_day"
            case startTime = "start_time"
            case endTime = "end_time"
        }
    }

    /// `{h, m}`.
    public struct ClockTime: Decodable, Hashable, Sendable {
        public var h: Int
        public var m: Int
    }

    public struct SkillEntry: Decodable, Hashable, Sendable {
        public var skill: AlluraCategoryJSON?
        /// `low`, `medium` or `high`.
        public var level: String?
        public var comment: String?
    }

    /// A project the user belongs to; `url` is a relative web path.
    public struct ProjectEntry: Decodable, Hashable, Sendable {
        public var name: String
        public var url: String?
        public var summary: String?
        public var lastUpdated: AlluraTimestamp?

        enum CodingKeys: String, CodingKey {
            case lastUpdated = "last_updated"
            case name, url, summary
        }
    }
}
