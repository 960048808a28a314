import ForgeModel
import Foundation

/// Allura's paging rules (§3.4) as small pure functions, so views page the same way the
/// backend asks.
public enum AlluraPaging {
    /// The largest `limit` Allura honours; larger values are clamped by the server.
    public static let maximumLimit = 500

    /// `page` as it should be sent: never negative.
    public static func clamped(page: Int) -> Int { max(page, 0) }

    /// `limit` as it should be sent: in 1…500 (`limit=0` means different things per endpoint).
    public static func clamped(limit: Int) -> Int { min(max(limit, 1), maximumLimit) }

    /// Whether another page should be requested after `page`, which returned `returned` items.
    ///
    /// Pass the page and limit the server echoed (as in `Page` and `ThreadPage`), and the total
    /// the page was mapped with:
    /// - `.atMost(count)` (forum list, topic list): continue while `(page + 1) × limit < count`.
    ///   A short or even empty page is *not* the end: hidden forums and topics are cut after
    ///   paging, yet still counted.
    /// - `.exact(count)` (topic posts): continue while `(page + 1) × limit < count`, and stop at
    ///   an empty page (the thread shrank while it was read).
    /// - `.unknown` (`_discuss` tool threads): stop at a short page (`returned < limit`).
    ///
    /// Ticket lists are not covered: their `count` moves from page to page and needs the
    /// estimate `count + (limit − returned)` instead.
    public static func hasMore(after page: Int, limit: Int, returned: Int, total: Total) -> Bool {
        guard limit > 0, page >= 0 else { return false }
        // Past Int.max there is nothing left to ask for; overflow must not trap.
        let next = page.addingReportingOverflow(1)
        let seen = next.partialValue.multipliedReportingOverflow(by: limit)
        if next.overflow || seen.overflow { return false }
        switch total {
        case .atMost(let count):
            return seen.partialValue < count
        case .exact(let count):
            return returned > 0 && seen.partialValue < count
        case .unknown:
            return returned >= limit
        }
    }
}

/// Forums, topics and tool threads (§7–§9).
///
/// The wire-level methods of the same names on `AlluraForge` (returning the `Allura…JSON`
/// types) stay as they are; the capability methods below differ only in their result types and
/// are found through the protocols (`forge.discussionReading`) or a typed result.
///
/// Forums are read-only over REST (§8): there is no way to create a topic or reply in one, so
/// `CommentWriting` covers the `_discuss` threads of tickets, wiki pages and blog posts only.
extension AlluraForge: DiscussionReading, CommentWriting {
    /// Allura nests replies without limit (§7.3).
    public var maximumThreadDepth: Int? { nil }
}

extension DiscussionReading where Self: AlluraForge {
    /// A page of a discussion tool's forums (§8.1), sorted by shortname. The total is
    /// `.atMost(count)` because `count` includes members-only forums the caller cannot see.
    public func forums(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> Page<Forum> {
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraForumListJSON = try await forums(project, mount: mount, page: page, limit: limit)
        return AlluraMapping.forumPage(json, requestedPage: page, requestedLimit: limit)
    }

    /// A page of a forum's topics (§8.2) with the forum: sticky and announcement topics first,
    /// then the most recently active. The total is `.atMost(count)`.
    public func topics(
        _ project: ProjectPath, mount: String, forum: String, page: Int, limit: Int
    ) async throws
        -> (forum: Forum, topics: Page<Topic>)
    {
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraTopicListJSON = try await topics(project, mount: mount, forum: forum, page: page, limit: limit)
        return AlluraMapping.topicPage(json, requestedForum: forum, requestedPage: page, requestedLimit: limit)
    }

    /// A page of a forum topic's posts (§8.3) in timestamp order, total `.exact(count)`. The
    /// thread must be asked for under its own forum (404 otherwise).
    public func topicPosts(
        _ project: ProjectPath, mount: String, forum: String, thread: String, page: Int, limit: Int
    ) async throws -> ThreadPage {
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraTopicPostsJSON = try await AlluraEarlyPosts.$current.withValue(
            .asked(page: page, limit: limit)
        ) {
            try await topicPosts(project, mount: mount, forum: forum, thread: thread, page: page, limit: limit)
        }
        return AlluraMapping.topicPostsPage(json, requestedPage: page, requestedLimit: limit)
    }

    /// A page of a ticket's, wiki page's or blog post's comment thread (§9) in timestamp order.
    /// The endpoint has no count: the total is `.unknown`, and a short page is the last.
    ///
    /// - Throws: `ForgeError.unsupported` for an empty thread id, without a request.
    public func toolThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    ) async throws
        -> ThreadPage
    {
        guard !thread.isEmpty else { throw ForgeError.unsupported("A comment thread needs its thread id") }
        let (page, limit) = (AlluraPaging.clamped(page: page), AlluraPaging.clamped(limit: limit))
        let json: AlluraDiscussThreadJSON = try await AlluraEarlyPosts.$current.withValue(
            .asked(page: page, limit: limit)
        ) {
            try await getPage(project.segments + [mount, "_discuss", "thread", thread], page: page, limit: limit)
        }
        return AlluraMapping.toolThreadPage(json.thread, requestedPage: page, requestedLimit: limit)
    }
}

extension CommentWriting where Self: AlluraForge {
    /// Posts a top-level comment (`replyTo` nil) or a reply to the post with slug `replyTo` on a
    /// tool thread (§9): `POST …/_discuss/thread/{id}/new` or `…/{slug…}/reply`, never with a
    /// trailing slash, then the redirect is followed to read the new post back.
    ///
    /// Forum topics cannot be written over REST; this is for ticket, wiki and blog threads only.
    ///
    /// - Returns: `.posted` with the post as the server shows it (a reply's slug is the parent's
    ///   slug plus one level), or `.awaitingModeration` when the comment was stored but its post
    ///   answers 404.
    /// - Throws: `ForgeError.unsupported`, without sending anything, for text that is empty or
    ///   only whitespace (the server would store an empty post), an empty thread id, or an
    ///   empty `replyTo`. Classified `ForgeError`s for refusals (401 anonymous, 403, 500 for an
    ///   unknown thread id).
    public func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String?, text: String
    ) async throws -> PostingOutcome {
        guard !text.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("An empty comment cannot be posted; write some text first")
        }
        guard !thread.isEmpty else { throw ForgeError.unsupported("A comment needs the thread id to post to") }
        var parent: String?
        if let replyTo {
            let segments = replyTo.split(separator: "/")
            guard !segments.isEmpty else {
                throw ForgeError.unsupported("A reply needs the slug of the post it answers")
            }
            parent = segments.joined(separator: "/")
        }
        let outcome: CommentOutcome = try await postComment(
            project, mount: mount, thread: thread, replyTo: parent, text: text)
        return AlluraMapping.postingOutcome(outcome)
    }
}
