import Foundation

/// A forum of a discussion tool.
public struct Forum: Hashable, Sendable {
    /// The path segment of the forum (`general`).
    public var shortname: String
    public var name: String
    /// Markdown.
    public var description: String
    /// Topics, including any the caller cannot see.
    public var topicCount: Int
    public var lastPost: PostSummary?

    public init(
        shortname: String, name: String, description: String = "", topicCount: Int = 0, lastPost: PostSummary? = nil
    ) {
        self.shortname = shortname
        self.name = name
        self.description = description
        self.topicCount = topicCount
        self.lastPost = lastPost
    }
}

/// Who posted last, and when: enough for a list row.
public struct PostSummary: Hashable, Sendable {
    public var author: String
    public var timestamp: Date?
    public var subject: String
    public var threadID: String
    public var slug: String

    public init(author: String, timestamp: Date?, subject: String = "", threadID: String = "", slug: String = "") {
        self.author = author
        self.timestamp = timestamp
        self.subject = subject
        self.threadID = threadID
        self.slug = slug
    }
}

/// A topic (thread) in a forum's topic list.
public struct Topic: Hashable, Sendable {
    /// The thread id, used in URLs.
    public var id: String
    public var subject: String
    /// Replies, not counting the first post.
    public var replyCount: Int
    /// Web page views.
    public var viewCount: Int
    public var lastPost: PostSummary?
    /// Markers the forge exposes; nil when it does not say.
    public var isSticky: Bool?
    public var isAnnouncement: Bool?
    public var isClosed: Bool?

    public init(
        id: String, subject: String, replyCount: Int = 0, viewCount: Int = 0, lastPost: PostSummary? = nil,
        isSticky: Bool? = nil, isAnnouncement: Bool? = nil, isClosed: Bool? = nil
    ) {
        self.id = id
        self.subject = subject
        self.replyCount = replyCount
        self.viewCount = viewCount
        self.lastPost = lastPost
        self.isSticky = isSticky
        self.isAnnouncement = isAnnouncement
        self.isClosed = isClosed
    }
}

/// One page of a thread's posts in server (timestamp) order.
public struct ThreadPage: Hashable, Sendable {
    public var threadID: String
    public var subject: String
    public var posts: [Post]
    public var page: Int
    public var limit: Int
    /// Exact for forum topics; unknown for tool threads (page until a short page).
    public var total: Total

    public init(threadID: String, subject: String, posts: [Post], page: Int, limit: Int, total: Total) {
        self.threadID = threadID
        self.subject = subject
        self.posts = posts
        self.page = page
        self.limit = limit
        self.total = total
    }
}

/// What happened to a comment the forge accepted.
public enum PostingOutcome: Hashable, Sendable {
    case posted(Post)
    /// Accepted but held for moderation: not visible yet.
    case awaitingModeration
}
