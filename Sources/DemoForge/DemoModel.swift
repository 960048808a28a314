import Synchronization

/// The records the demo forge serves. URLs are stored as paths and made absolute from the
/// forge's base URL when a response is rendered.

/// A trove category or skill: `{id, shortname, fullname, fullpath}`.
struct DemoCategory: Sendable, Hashable {
    var id: Int
    var shortname: String
    var fullname: String
    var fullpath: String
}

/// A `{socialnetwork, accounturl}` entry.
struct DemoSocialNetwork: Sendable, Hashable {
    var network: String
    var accountURL: String
}

/// A forge user with a profile and a personal project.
struct DemoUser: Sendable, Hashable {
    var username: String
    var name: String
    var id: String
    var joined: Int64
    var city: String?
    var country: String?
    var sex: String
    var telnumbers: [String]
    var webpages: [String]
    var skills: [(skill: DemoCategory, level: String, comment: String)]
    var socialNetworks: [DemoSocialNetwork]
    var availability: [(day: String, start: (Int, Int), end: (Int, Int))]

    static func == (a: DemoUser, b: DemoUser) -> Bool { a.username == b.username }
    func hash(into hasher: inout Hasher) { hasher.combine(username) }
}

/// A tool installed in a project.
struct DemoTool: Sendable, Hashable {
    /// The tool type (`wiki`, `tickets`, …).
    var name: String
    var mountPoint: String
    var mountLabel: String
    var hasREST: Bool
    var isRepository: Bool = false
}

/// A project, under `p/` or a user's personal project under `u/`.
struct DemoProject: Sendable {
    var neighborhood: String
    var shortname: String
    var name: String
    var id: String
    var summary: String
    var shortDescription: String
    var creationDate: Int64
    var lastUpdated: Int64
    var homepage: String
    var labels: [String]
    var categories: [String: [DemoCategory]]
    var developers: [String]
    var tools: [DemoTool]
    var socialNetworks: [DemoSocialNetwork]

    var isUserProject: Bool { neighborhood == "u" }
    /// `p/anvil-demo`, `u/ingrid`.
    var key: String { neighborhood + "/" + shortname }
    /// `/p/anvil-demo/`.
    var webPath: String { "/" + key + "/" }
    func toolKey(_ mount: String) -> String { key + "/" + mount }
}

/// An attachment: its size and web path.
struct DemoAttachment: Sendable, Hashable {
    var bytes: Int
    var path: String
}

/// One post of a thread.
struct DemoPost: Sendable, Hashable {
    var slug: String
    var text: String
    var author: String
    var timestamp: Int64
    var lastEdited: Int64? = nil
    var isMeta: Bool = false
    var attachments: [DemoAttachment] = []
    /// The 40 hex characters in front of the single-post `_id`.
    var hash: String

    /// The slug's non-empty segments, counted over its bytes: the generator asks often, and the
    /// split it replaces (on a Character, or even on the UTF-8 view) cost milliseconds of the demo's start.
    var depth: Int {
        var count = 0
        var inSegment = false
        for byte in slug.utf8 {
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }
    var parentSlug: String? {
        guard let cut = slug.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(slug[..<cut])
    }
}

/// What a thread belongs to; decides the subject its posts show.
enum DemoThreadOwner: Sendable, Hashable {
    case ticket(tracker: String, number: Int)
    case wikiPage(wiki: String, title: String)
    case blogPost(blog: String, title: String)
    case topic(subject: String)
}

/// A comment thread or forum topic. `posts` holds only published posts, oldest first.
struct DemoThread: Sendable {
    var id: String
    var discussionID: String
    /// `p/anvil-demo/bugs`: the tool whose `_discuss` (or forum) holds the thread.
    var toolKey: String
    var owner: DemoThreadOwner
    private var content: DemoThreadContent

    init(
        id: String, discussionID: String, toolKey: String, owner: DemoThreadOwner, posts: [DemoPost],
        hiddenPosts: [DemoPost] = []
    ) {
        self.init(
            id: id, discussionID: discussionID, toolKey: toolKey, owner: owner,
            content: .made(DemoThreadPosts(posts: posts, hidden: hiddenPosts)))
    }

    /// A thread whose posts are made by `deferred` when something first reads them.
    init(id: String, discussionID: String, toolKey: String, owner: DemoThreadOwner, deferred: DeferredPosts) {
        self.init(id: id, discussionID: discussionID, toolKey: toolKey, owner: owner, content: .deferred(deferred))
    }

    private init(id: String, discussionID: String, toolKey: String, owner: DemoThreadOwner, content: DemoThreadContent)
    {
        self.id = id
        self.discussionID = discussionID
        self.toolKey = toolKey
        self.owner = owner
        self.content = content
    }

    var posts: [DemoPost] {
        get { content.posts.posts }
        set { content = .made(DemoThreadPosts(posts: newValue, hidden: content.posts.hidden)) }
    }

    /// Deleted or moderated posts: their replies stay, they themselves are never served.
    var hiddenPosts: [DemoPost] {
        get { content.posts.hidden }
        set { content = .made(DemoThreadPosts(posts: content.posts.posts, hidden: newValue)) }
    }
}

/// A thread's published and hidden posts.
struct DemoThreadPosts: Sendable {
    var posts: [DemoPost]
    var hidden: [DemoPost]
}

private enum DemoThreadContent: Sendable {
    case made(DemoThreadPosts)
    case deferred(DeferredPosts)

    var posts: DemoThreadPosts {
        switch self {
        case .made(let posts): posts
        case .deferred(let deferred): deferred.posts
        }
    }
}

/// Posts made the first time they are read, once, whichever thread reads first. The demo's
/// 2,000-post thread is a sixth of `anvil --demo`'s start-up when made at once, and most
/// sessions never open it.
final class DeferredPosts: Sendable {
    private let make: @Sendable () -> DemoThreadPosts
    private let made = Mutex<DemoThreadPosts?>(nil)

    init(make: @escaping @Sendable () -> DemoThreadPosts) {
        self.make = make
    }

    var posts: DemoThreadPosts {
        made.withLock { made in
            if let made { return made }
            let posts = make()
            made = posts
            return posts
        }
    }
}

/// The type of a tracker's custom field, which decides how `save` stores it.
enum DemoFieldKind: Sendable, Hashable {
    case select([String])
    case number
    case boolean
    case user
    case text
}

/// A milestone definition; `total` and `closed` are counted when rendered.
struct DemoMilestone: Sendable, Hashable {
    var name: String
    var dueDate: String?
    var description: String?
    var complete: Bool
    var isDefault: Bool
}

/// A saved search ("bin").
struct DemoBin: Sendable, Hashable {
    var id: String
    var summary: String
    var terms: String
    var sort: String
}

/// A ticket as stored by the demo forge.
public struct DemoTicket: Sendable, Hashable {
    public var ticketNum: Int
    public var id: String
    public var summary: String?
    public var description: String
    public var status: String
    public var reportedBy: String
    public var assignedTo: String?
    public var labels: [String]
    public var isPrivate: Bool
    public var discussionDisabled: Bool
    public var createdDate: Int64
    public var modDate: Int64
    public var votesUp: Int
    public var votesDown: Int
    /// `_milestone` and the tracker's other custom fields, in their stored JSON types.
    public var customFields: [String: DemoJSON]
    public var relatedArtifacts: [String]
    var attachments: [DemoAttachment]
    public var threadID: String
}

/// A ticket tracker tool.
struct DemoTracker: Sendable {
    var key: String
    var mountPoint: String
    var mountLabel: String
    var ordinal: Int
    var configID: String
    var discussionID: String
    var milestones: [DemoMilestone]
    var bins: [DemoBin]
    var statuses: [String]
    var closedStatuses: [String]
    var fields: [String: DemoFieldKind]
    /// Ticket number → ticket.
    var tickets: [Int: DemoTicket]
    var nextTicketNum: Int

    /// Ticket numbers, newest first.
    var numbersNewestFirst: [Int] { tickets.keys.sorted(by: >) }
}

/// A wiki page.
struct DemoWikiPage: Sendable {
    var id: String
    var title: String
    var text: String
    var labels: [String]
    var modDate: Int64
    var relatedArtifacts: [String]
    var attachments: [DemoAttachment]
    var threadID: String
}

/// A wiki tool; pages in creation order.
struct DemoWiki: Sendable {
    var key: String
    var discussionID: String
    var pages: [DemoWikiPage]
}

/// A forum topic: a thread plus list metadata.
struct DemoTopic: Sendable {
    var threadID: String
    var subject: String
    var numViews: Int
    var sticky: Bool
    /// A newest post still awaiting moderation (shown as `last_post`, never in the thread).
    var pendingPost: DemoPost?
    /// A topic whose only post awaits moderation: counted, never listed.
    var hidden: Bool = false
}

/// A forum of a discussion tool.
struct DemoForum: Sendable {
    var id: String
    var shortname: String
    var name: String
    var description: String
    var membersOnly: Bool
    var topics: [DemoTopic]
}

/// A discussion (forums) tool.
struct DemoForumTool: Sendable {
    var key: String
    /// Sorted by shortname.
    var forums: [DemoForum]
}

/// A blog post.
struct DemoBlogPost: Sendable {
    var id: String
    var title: String
    /// `YYYY/MM/slug`, possibly with non-ASCII letters.
    var slug: String
    var author: String
    var text: String
    var state: String
    var labels: [String]
    var modDate: Int64
    var threadID: String
}

/// A blog tool; posts newest first.
struct DemoBlog: Sendable {
    var key: String
    var discussionID: String
    var posts: [DemoBlogPost]
}

/// One activity-feed entry.
struct DemoActivity: Sendable {
    var published: Int64
    var actor: String
    var verb: String
    var objectName: String
    var objectPath: String
    var summary: String?
    var targetName: String
    var targetPath: String
}
