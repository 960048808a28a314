import ForgeModel
import Foundation
import HTTP

// A thread's page of posts, read with `JSONReader` (the answer read most: each page of every
// thread, from the forge and from the cache). Each type reads exactly the keys and types of its
// `Decodable` conformance; anything else fails, and `AlluraForge.decode` uses `JSONDecoder`.

extension AlluraTopicPostsJSON {
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        var topic: AlluraThreadJSON?
        var count: Int?
        var page: Int?
        var limit: Int?
        try reader.readObject { reader, key throws(JSONReader.Failure) in
            if reader.key(key, is: "topic") {
                topic = try AlluraThreadJSON(reading: &reader)
            } else if reader.key(key, is: "count") {
                count = try reader.readOptionalInt()
            } else if reader.key(key, is: "page") {
                page = try reader.readOptionalInt()
            } else if reader.key(key, is: "limit") {
                limit = try reader.readOptionalInt()
            } else {
                try reader.skipValue()
            }
        }
        guard let topic else { throw JSONReader.Failure() }
        self.init(topic: topic, count: count, page: page, limit: limit)
    }
}

extension AlluraDiscussThreadJSON {
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        var thread: AlluraThreadJSON?
        try reader.readObject { reader, key throws(JSONReader.Failure) in
            if reader.key(key, is: "thread") {
                thread = try AlluraThreadJSON(reading: &reader)
            } else {
                try reader.skipValue()
            }
        }
        guard let thread else { throw JSONReader.Failure() }
        self.init(thread: thread)
    }
}

extension AlluraThreadJSON {
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        var id: String?
        var discussionID: String?
        var subject: String?
        var limit: Int?
        var page: Int?
        var posts: [AlluraThreadPostJSON]?
        var early = AlluraEarlyPosts.current
        try reader.readObject { reader, key throws(JSONReader.Failure) in
            if reader.key(key, is: "posts") {
                posts = try reader.readOptionalArray { reader throws(JSONReader.Failure) in
                    let post = try AlluraThreadPostJSON(reading: &reader)
                    if let taker = early {
                        let head = AlluraThreadHead(id: id, subject: subject, limit: limit, page: page)
                        if !taker.offer(post, after: head) { early = nil }
                    }
                    return post
                }
            } else if reader.key(key, is: "_id") {
                id = try reader.readString()
            } else if reader.key(key, is: "discussion_id") {
                discussionID = try reader.readOptionalString()
            } else if reader.key(key, is: "subject") {
                subject = try reader.readOptionalString()
            } else if reader.key(key, is: "limit") {
                limit = try reader.readOptionalInt()
            } else if reader.key(key, is: "page") {
                page = try reader.readOptionalInt()
            } else {
                try reader.skipValue()
            }
        }
        guard let id else { throw JSONReader.Failure() }
        self.init(id: id, discussionID: discussionID, subject: subject, limit: limit, page: page, posts: posts)
    }
}

extension AlluraThreadPostJSON {
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        var slug: String?
        var text: String?
        var subject: String?
        var author: String?
        var authorIconURL: String?
        var timestamp: AlluraTimestamp?
        var lastEdited: AlluraTimestamp?
        var attachments: [AlluraAttachmentJSON]?
        var isMeta: Bool?
        try reader.readObject { reader, key throws(JSONReader.Failure) in
            if reader.key(key, is: "slug") {
                slug = try reader.readString()
            } else if reader.key(key, is: "text") {
                text = try reader.readOptionalString()
            } else if reader.key(key, is: "author") {
                author = try reader.readOptionalString()
            } else if reader.key(key, is: "timestamp") {
                timestamp = try reader.readOptionalString().map(AlluraTimestamp.init)
            } else if reader.key(key, is: "subject") {
                subject = try reader.readOptionalString()
            } else if reader.key(key, is: "author_icon_url") {
                authorIconURL = try reader.readOptionalString()
            } else if reader.key(key, is: "last_edited") {
                lastEdited = try reader.readOptionalString().map(AlluraTimestamp.init)
            } else if reader.key(key, is: "is_meta") {
                isMeta = try reader.readOptionalBool()
            } else if reader.key(key, is: "attachments") {
                attachments = try reader.readOptionalArray { reader throws(JSONReader.Failure) in
                    try AlluraAttachmentJSON(reading: &reader)
                }
            } else {
                try reader.skipValue()
            }
        }
        guard let slug else { throw JSONReader.Failure() }
        self.init(
            slug: slug, text: text, subject: subject, author: author, authorIconURL: authorIconURL,
            timestamp: timestamp, lastEdited: lastEdited, attachments: attachments, isMeta: isMeta)
    }
}

extension AlluraAttachmentJSON {
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        var bytes: Int?
        var url: String?
        try reader.readObject { reader, key throws(JSONReader.Failure) in
            if reader.key(key, is: "url") {
                url = try reader.readString()
            } else if reader.key(key, is: "bytes") {
                bytes = try reader.readOptionalInt()
            } else {
                try reader.skipValue()
            }
        }
        guard let url else { throw JSONReader.Failure() }
        self.init(bytes: bytes, url: url)
    }
}

extension AlluraForge {
    /// `data` read with `JSONReader` when `T` is a thread's page and the reader takes the text;
    /// nil otherwise (the caller decodes with `JSONDecoder`).
    public static func readQuickly<T>(_ type: T.Type, from data: Data) -> T? {
        if T.self == AlluraTopicPostsJSON.self {
            return
                (try? JSONReader.read(data) { reader throws(JSONReader.Failure) in
                    try AlluraTopicPostsJSON(reading: &reader)
                }) as? T
        }
        if T.self == AlluraDiscussThreadJSON.self {
            return
                (try? JSONReader.read(data) { reader throws(JSONReader.Failure) in
                    try AlluraDiscussThreadJSON(reading: &reader)
                }) as? T
        }
        return nil
    }
}

/// What is read of a thread before its posts (Allura sends these fields first).
struct AlluraThreadHead {
    var id: String?
    var subject: String?
    var limit: Int?
    var page: Int?
}

/// Hands a thread page's posts to `EarlyPosts` as the quick reader reads them.
final class AlluraEarlyPosts: Sendable {
    /// The taker of the posts read in this task, if any.
    @TaskLocal static var current: AlluraEarlyPosts?

    private let taker: EarlyPosts
    private let page: Int
    private let limit: Int

    /// Offers the posts of page `page` of `limit` posts, as asked for, to `taker`.
    init(taker: EarlyPosts, page: Int, limit: Int) {
        self.taker = taker
        self.page = page
        self.limit = limit
    }

    /// Offers `json`, read after `head`; false when no more are wanted.
    func offer(_ json: AlluraThreadPostJSON, after head: AlluraThreadHead) -> Bool {
        // A thread whose id comes after its posts is read whole.
        guard let id = head.id else { return false }
        let pageLimit = ServerNumbers.limit(echoed: head.limit, requested: limit)
        let number = ServerNumbers.page(echoed: head.page, requested: page, limit: pageLimit)
        let header = ThreadPage(
            threadID: id, subject: head.subject ?? "", posts: [], page: number, limit: pageLimit, total: .unknown)
        taker.offer(AlluraMapping.post(json), on: header)
        return taker.wantsMore
    }

    /// The taker for a page read in this task: nil when nobody asked for early posts.
    static func asked(page: Int, limit: Int) -> AlluraEarlyPosts? {
        EarlyPosts.current.map { AlluraEarlyPosts(taker: $0, page: page, limit: limit) }
    }
}
