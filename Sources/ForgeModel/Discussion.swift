import Foundation

/// One post of a thread. A post has an id and the ids of its ancestors, root first: Allura
/// derives both from the slug (`a1b2/c3d4` replies to `a1b2`), GitLab from discussions (a
/// discussion's first note is the root, its other notes reply to it), and a flat thread has none.
public struct Post: Hashable, Sendable {
    /// Unique within its thread; what replies, read marks and selection refer to.
    public var id: String
    /// The ids of the posts above this one, the top-level post first; empty for a top-level post.
    public var ancestors: [String]
    public var text: String
    public var subject: String
    public var author: String
    public var timestamp: Date?
    public var lastEdited: Date?
    public var attachments: [Attachment]
    /// A system change-log post (ticket edits, GitLab's system notes).
    public var isMeta: Bool
    /// The forge's web anchor of the post (GitLab's `note_123`), when it has its own.
    public var anchor: String?

    public init(
        id: String, ancestors: [String], text: String, subject: String = "", author: String,
        timestamp: Date? = nil, lastEdited: Date? = nil, attachments: [Attachment] = [], isMeta: Bool = false,
        anchor: String? = nil
    ) {
        self.id = id
        self.ancestors = ancestors
        self.text = text
        self.subject = subject
        self.author = author
        self.timestamp = timestamp
        self.lastEdited = lastEdited
        self.attachments = attachments
        self.isMeta = isMeta
        self.anchor = anchor
    }

    /// A post whose nesting is a slug path (Allura): the id is the slug, the ancestors its prefixes.
    /// A slug nested deeper than `PostTree.deepestNesting` keeps the ancestors down to that depth
    /// and its parent, so a hostile slug thousands of levels deep costs linear work, not quadratic.
    public init(
        slug: String, text: String, subject: String = "", author: String, timestamp: Date? = nil,
        lastEdited: Date? = nil, attachments: [Attachment] = [], isMeta: Bool = false
    ) {
        var cuts: [String.Index] = []
        for index in slug.indices where slug[index] == "/" { cuts.append(index) }
        let kept =
            cuts.count > PostTree.deepestNesting + 1
            ? Array(cuts.prefix(PostTree.deepestNesting)) + [cuts[cuts.count - 1]] : cuts
        let ancestors = kept.map { String(slug[..<$0]) }
        self.init(
            id: slug, ancestors: ancestors, text: text, subject: subject, author: author, timestamp: timestamp,
            lastEdited: lastEdited, attachments: attachments, isMeta: isMeta)
    }

    /// The post's id; for Allura, its slug.
    public var slug: String { id }

    /// The id of the post this one replies to, or nil for a top-level post.
    public var parentID: String? { ancestors.last }

    /// The same as `parentID` (Allura's name for it).
    public var parentSlug: String? { parentID }

    /// 0 for a top-level post.
    public var depth: Int { ancestors.count }
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
