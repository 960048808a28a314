import ForgeModel
import Foundation

/// Conversions of the discussion wire types (§7–§9) to the forge-neutral model.
///
/// Every function that builds a page takes the page and limit that were *requested* (already
/// clamped) only as a fallback: the values the server echoes win (§3.4).
extension AlluraMapping {
    /// The last post of a forum or topic (§7.2 single-post shape) as a list-row summary.
    ///
    /// The post may be one awaiting moderation (§8.2); it is shown as the server reports it.
    public static func postSummary(_ json: AlluraSinglePostJSON) -> PostSummary {
        PostSummary(
            author: json.author ?? "", timestamp: json.timestamp?.date, subject: json.subject ?? "",
            threadID: json.threadID ?? "", slug: json.slug)
    }

    /// One forum of the forum list (§8.1). `topicCount` is `num_topics`, which counts topics the
    /// caller may not see.
    public static func forum(_ json: AlluraForumJSON) -> Forum {
        Forum(
            shortname: json.shortname, name: json.name ?? json.shortname,
            description: normalisedText(json.description), topicCount: ServerNumbers.count(json.numTopics) ?? 0,
            lastPost: json.lastPost.map(postSummary))
    }

    /// A page of the forum list. The total is `.atMost(count)`: `count` includes members-only
    /// forums that are left out of the page (§8.1).
    public static func forumPage(_ json: AlluraForumListJSON, requestedPage: Int, requestedLimit: Int) -> Page<Forum> {
        let forums = json.forums.map(forum)
        let limit = ServerNumbers.limit(echoed: json.limit, requested: requestedLimit)
        return Page(
            items: forums, page: ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: limit),
            limit: limit, total: ServerNumbers.count(json.count).map(Total.atMost) ?? .unknown)
    }

    /// One topic of a topic list (§8.2). `replyCount` is `num_replies − 1` (the first post is the
    /// topic itself), never negative. Sticky, announcement and closed are not exposed: nil.
    public static func topic(_ json: AlluraTopicJSON) -> Topic {
        Topic(
            id: json.id, subject: json.subject ?? "",
            replyCount: max((ServerNumbers.count(json.numReplies) ?? 0) - 1, 0),
            viewCount: ServerNumbers.count(json.numViews) ?? 0, lastPost: json.lastPost.map(postSummary),
            isSticky: nil, isAnnouncement: nil, isClosed: nil)
    }

    /// A page of a forum's topics with the forum itself (§8.2).
    ///
    /// The topic list carries no `num_topics` or `last_post` for the forum: `topicCount` is the
    /// list's `count` and `lastPost` is nil. The total is `.atMost(count)` because `count`
    /// includes topics whose only post awaits moderation. `requestedForum` names the forum when
    /// the answer does not.
    public static func topicPage(
        _ json: AlluraTopicListJSON, requestedForum: String, requestedPage: Int, requestedLimit: Int
    ) -> (forum: Forum, topics: Page<Topic>) {
        let shortname = json.forum.shortname ?? requestedForum
        let topics = (json.forum.topics ?? []).map(topic)
        let forum = Forum(
            shortname: shortname, name: json.forum.name ?? shortname,
            description: normalisedText(json.forum.description),
            topicCount: ServerNumbers.count(json.count) ?? topics.count,
            lastPost: nil)
        let limit = ServerNumbers.limit(echoed: json.limit, requested: requestedLimit)
        let page = Page(
            items: topics, page: ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: limit),
            limit: limit, total: ServerNumbers.count(json.count).map(Total.atMost) ?? .unknown)
        return (forum, page)
    }

    /// A page of a forum topic's posts (§8.3), total `.exact(count)`: `count` is the exact
    /// number of published posts across all pages.
    public static func topicPostsPage(
        _ json: AlluraTopicPostsJSON, requestedPage: Int, requestedLimit: Int
    ) -> ThreadPage {
        let limit = ServerNumbers.limit(echoed: json.limit ?? json.topic.limit, requested: requestedLimit)
        return threadPage(
            json.topic,
            page: ServerNumbers.page(echoed: json.page ?? json.topic.page, requested: requestedPage, limit: limit),
            limit: limit, total: ServerNumbers.count(json.count).map(Total.exact) ?? .unknown)
    }

    /// A page of a tool's comment thread (§9). The endpoint has no count, so the total is
    /// `.unknown`: page until a short page.
    public static func toolThreadPage(_ json: AlluraThreadJSON, requestedPage: Int, requestedLimit: Int) -> ThreadPage {
        let limit = ServerNumbers.limit(echoed: json.limit, requested: requestedLimit)
        return threadPage(
            json, page: ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: limit), limit: limit,
            total: .unknown)
    }

    /// Posts in server (timestamp) order, as sent; duplicates are kept (§7.3). The subject is the
    /// thread's, or, when that is empty (ticket and wiki threads), the first post's.
    private static func threadPage(_ json: AlluraThreadJSON, page: Int, limit: Int, total: Total) -> ThreadPage {
        let posts = (json.posts ?? []).map(post)
        var subject = json.subject ?? ""
        if subject.isEmpty { subject = posts.first?.subject ?? "" }
        return ThreadPage(threadID: json.id, subject: subject, posts: posts, page: page, limit: limit, total: total)
    }

    /// The forge-neutral form of what became of a comment.
    public static func postingOutcome(_ outcome: CommentOutcome) -> PostingOutcome {
        switch outcome {
        case .posted(let post): return .posted(post)
        case .awaitingModeration: return .awaitingModeration
        }
    }
}
