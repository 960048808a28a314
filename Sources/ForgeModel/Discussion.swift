import Foundation

/// One post of a thread. Nesting is carried only by the slug: `a1b2/c3d4` replies to `a1b2`.
public struct Post: Hashable, Sendable {
    public var slug: String
    public var text: String
    public var subject: String
    public var author: String
    public var timestamp: Date?
    public var lastEdited: Date?
    public var attachments: [Attachment]
    /// A system change-log post (ticket edits made in the web UI).
    public var isMeta: Bool

    public init(
        slug: String, text: String, subject: String = "", author: String, timestamp: Date? = nil,
        lastEdited: Date? = nil, attachments: [Attachment] = [], isMeta: Bool = false
    ) {
        self.slug = slug
        self.text = text
        self.subject = subject
        self.author = author
        self.timestamp = timestamp
        self.lastEdited = lastEdited
        self.attachments = attachments
        self.isMeta = isMeta
    }

    /// The slug of the post this one replies to, or nil for a top-level post.
    public var parentSlug: String? {
        guard let cut = slug.lastIndex(of: "/") else { return nil }
        return String(slug[..<cut])
    }

    /// 0 for a top-level post.
    public var depth: Int { slug.reduce(0) { $0 + ($1 == "/" ? 1 : 0) } }
}

/// A page of a thread as the server sent it: posts in timestamp order.
public struct DiscussionThread: Hashable, Sendable {
    public var id: String
    public var discussionID: String
    public var subject: String
    public var posts: [Post]
    /// nil when the thread was embedded in an artifact (only its first posts).
    public var page: Int?
    public var limit: Int

    public init(id: String, discussionID: String = "", subject: String = "", posts: [Post], page: Int?, limit: Int) {
        self.id = id
        self.discussionID = discussionID
        self.subject = subject
        self.posts = posts
        self.page = page
        self.limit = limit
    }
}
