/// `{bytes, url}`: a file attached to an artifact or post. The name is the URL's last segment.
public struct AlluraAttachmentJSON: Decodable, Hashable, Sendable {
    public var bytes: Int?
    public var url: String
}

/// A thread (§7.1): embedded as `discussion_thread`, `thread` in `_discuss`, `topic` in forums.
public struct AlluraThreadJSON: Decodable, Hashable, Sendable {
    public var id: String
    public var discussionID: String?
    public var subject: String?
    public var limit: Int?
    /// Nil when the thread is embedded in an artifact.
    public var page: Int?
    public var posts: [AlluraThreadPostJSON]?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case discussionID = "discussion_id"
        case subject, limit, page, posts
    }
}

/// A post inside a thread (§7.1).
public struct AlluraThreadPostJSON: Decodable, Hashable, Sendable {
    public var slug: String
    public var text: String?
    public var subject: String?
    public var author: String?
    public var authorIconURL: String?
    public var timestamp: AlluraTimestamp?
    public var lastEdited: AlluraTimestamp?
    public var attachments: [AlluraAttachmentJSON]?
    public var isMeta: Bool?

    enum CodingKeys: String, CodingKey {
        case slug, text, subject, author, timestamp, attachments
        case authorIconURL = "author_icon_url"
        case lastEdited = "last_edited"
        case isMeta = "is_meta"
    }
}

/// The single-post shape (§7.2): `{"post": …}` and forum `last_post`.
public struct AlluraSinglePostJSON: Decodable, Hashable, Sendable {
    public var id: String?
    public var threadID: String?
    public var slug: String
    public var subject: String?
    /// `ok`, `pending` or `spam`.
    public var status: String?
    public var text: String?
    public var timestamp: AlluraTimestamp?
    public var lastEdited: AlluraTimestamp?
    /// The string `"None"` for anonymous posts.
    public var authorID: String?
    public var author: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case threadID = "thread_id"
        case authorID = "author_id"
        case lastEdited = "last_edited"
        case slug, subject, status, text, timestamp, author
    }
}

/// `GET …/_discuss/thread/{id}/` → `{"thread": …}` (§9).
public struct AlluraDiscussThreadJSON: Decodable, Hashable, Sendable {
    public var thread: AlluraThreadJSON
}

/// `GET …/_discuss/thread/{id}/{slug}/` → `{"post": …}` (§9).
public struct AlluraPostJSON: Decodable, Hashable, Sendable {
    public var post: AlluraSinglePostJSON
}

/// `GET {forums}/?page=&limit=` (§8.1).
public struct AlluraForumListJSON: Decodable, Hashable, Sendable {
    public var forums: [AlluraForumJSON]
    public var count: Int?
    public var limit: Int?
    public var page: Int?
}

/// One forum of the forum list.
public struct AlluraForumJSON: Decodable, Hashable, Sendable {
    public var id: String?
    /// The path segment of the forum.
    public var shortname: String
    public var name: String?
    public var description: String?
    public var numTopics: Int?
    public var url: String?
    public var lastPost: AlluraSinglePostJSON?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case numTopics = "num_topics"
        case lastPost = "last_post"
        case shortname, name, description, url
    }
}

/// `GET {forums}/{forum}/?page=&limit=` (§8.2).
public struct AlluraTopicListJSON: Decodable, Hashable, Sendable {
    public var forum: Forum
    public var count: Int?
    public var page: Int?
    public var limit: Int?

    /// The forum with one page of its topics.
    public struct Forum: Decodable, Hashable, Sendable {
        public var id: String?
        public var shortname: String?
        public var name: String?
        public var description: String?
        public var topics: [AlluraTopicJSON]?

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case shortname, name, description, topics
        }
    }
}

/// One topic of a topic list.
public struct AlluraTopicJSON: Decodable, Hashable, Sendable {
    public var id: String
    public var subject: String?
    /// Published posts including the first one.
    public var numReplies: Int?
    public var numViews: Int?
    public var url: String?
    public var lastPost: AlluraSinglePostJSON?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case numReplies = "num_replies"
        case numViews = "num_views"
        case lastPost = "last_post"
        case subject, url
    }
}

/// `GET {forums}/{forum}/thread/{id}/` (§8.3).
public struct AlluraTopicPostsJSON: Decodable, Hashable, Sendable {
    public var topic: AlluraThreadJSON
    /// Exact number of published posts across all pages.
    public var count: Int?
    public var page: Int?
    public var limit: Int?
}
