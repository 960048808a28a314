import Foundation

/// One post of a thread. A post has an id and the ids of its ancestors, root first: Allura
/// derives both from the slug (`a1b2/c3d4` replies to `a1b2`), GitLab from discussions (a
/// discussion's first note is the root, its other notes reply to it), and a flat thread has none.
public struct Post: Hashable, Sendable {
    /// Unique within its thread; what replies, read marks and selection refer to.
    public var id: String
    /// The ids of the posts above this one, the top-level post first; empty for a top-level post.
    public var ancestors: [String] {
        get {
            switch ancestry {
            case .listed(let ids): return ids
            case .slugPrefixes: return Self.slugAncestors(id)
            }
        }
        set { ancestry = .listed(newValue) }
    }
    /// Where the ancestors come from: a slug's are its own prefixes, made when asked for, so a
    /// long thread does not hold an array and strings per post for them.
    private var ancestry: Ancestry
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

    private enum Ancestry: Sendable {
        case listed([String])
        /// The prefixes of the id up to each `/` (see `init(slug:)`).
        case slugPrefixes
    }

    public init(
        id: String, ancestors: [String], text: String, subject: String = "", author: String,
        timestamp: Date? = nil, lastEdited: Date? = nil, attachments: [Attachment] = [], isMeta: Bool = false,
        anchor: String? = nil
    ) {
        self.init(
            id: id, ancestry: .listed(ancestors), text: text, subject: subject, author: author, timestamp: timestamp,
            lastEdited: lastEdited, attachments: attachments, isMeta: isMeta, anchor: anchor)
    }

    /// A post whose nesting is a slug path (Allura): the id is the slug, the ancestors its prefixes.
    /// A slug nested deeper than `PostTree.deepestNesting` keeps the ancestors down to that depth
    /// and its parent, so a hostile slug thousands of levels deep costs linear work, not quadratic.
    public init(
        slug: String, text: String, subject: String = "", author: String, timestamp: Date? = nil,
        lastEdited: Date? = nil, attachments: [Attachment] = [], isMeta: Bool = false
    ) {
        self.init(
            id: slug, ancestry: .slugPrefixes, text: text, subject: subject, author: author, timestamp: timestamp,
            lastEdited: lastEdited, attachments: attachments, isMeta: isMeta, anchor: nil)
    }

    private init(
        id: String, ancestry: Ancestry, text: String, subject: String, author: String, timestamp: Date?,
        lastEdited: Date?, attachments: [Attachment], isMeta: Bool, anchor: String?
    ) {
        self.id = id
        self.ancestry = ancestry
        self.text = text
        self.subject = subject
        self.author = author
        self.timestamp = timestamp
        self.lastEdited = lastEdited
        self.attachments = attachments
        self.isMeta = isMeta
        self.anchor = anchor
    }

    /// The ancestors of a slug: its prefix up to each `/`, the deepest beyond
    /// `PostTree.deepestNesting` left out but the parent. (A slug is read as bytes, here and in
    /// `slashes` and `parentID` alike: a `/` is one byte, and walking characters costs a
    /// microsecond a post on the way to the first screen.)
    private static func slugAncestors(_ slug: String) -> [String] {
        var cuts: [String.Index] = []
        let slash = UInt8(ascii: "/")
        for index in slug.utf8.indices where slug.utf8[index] == slash { cuts.append(index) }
        let kept =
            cuts.count > PostTree.deepestNesting + 1
            ? Array(cuts.prefix(PostTree.deepestNesting)) + [cuts[cuts.count - 1]] : cuts
        return kept.map { String(slug[..<$0]) }
    }

    /// How many `/` a slug has.
    private static func slashes(in slug: String) -> Int {
        var count = 0
        for byte in slug.utf8 where byte == UInt8(ascii: "/") { count += 1 }
        return count
    }

    /// The post's id; for Allura, its slug.
    public var slug: String { id }

    /// The id of the post this one replies to, or nil for a top-level post.
    public var parentID: String? {
        switch ancestry {
        case .listed(let ids): return ids.last
        case .slugPrefixes:
            guard let cut = id.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
            return String(id[..<cut])
        }
    }

    /// The same as `parentID` (Allura's name for it).
    public var parentSlug: String? { parentID }

    /// 0 for a top-level post.
    public var depth: Int {
        switch ancestry {
        case .listed(let ids): return ids.count
        case .slugPrefixes: return Swift.min(Self.slashes(in: id), PostTree.deepestNesting + 1)
        }
    }

    /// Whether the two posts have the same ancestors: two slugs' are equal when the slugs are.
    private func hasSameAncestors(as other: Post) -> Bool {
        if case .slugPrefixes = ancestry, case .slugPrefixes = other.ancestry { return id == other.id }
        return ancestors == other.ancestors
    }

    public static func == (a: Post, b: Post) -> Bool {
        a.id == b.id && a.text == b.text && a.subject == b.subject && a.author == b.author
            && a.timestamp == b.timestamp && a.lastEdited == b.lastEdited && a.attachments == b.attachments
            && a.isMeta == b.isMeta && a.anchor == b.anchor && a.hasSameAncestors(as: b)
    }

    /// Leaves the ancestors out (equal posts still hash alike): a slug's are made when asked for.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(text)
        hasher.combine(subject)
        hasher.combine(author)
        hasher.combine(timestamp)
        hasher.combine(lastEdited)
        hasher.combine(attachments)
        hasher.combine(isMeta)
        hasher.combine(anchor)
    }
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
