/// A forge backend. What it can do is the set of capability protocols it adopts; views ask for
/// a capability (`forge as? WikiReading`), never for a particular forge.
public protocol Forge: Sendable {
    /// Shown first in the breadcrumb, e.g. `forge.example.org`.
    var displayName: String { get }
    /// The web URL of a route, for `o` (open in browser).
    func webURL(for route: Route) -> String
}

public protocol ProjectReading: Forge {
    func project(_ path: ProjectPath) async throws -> Project
}

public protocol WikiReading: Forge {
    /// Every page title, in server order.
    func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String]
    func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage
}

public protocol ProfileReading: Forge {
    func profile(username: String) async throws -> UserProfile
}

public protocol LinkReading: Forge {
    /// The link tool's target, or nil when it is unset.
    func linkTarget(_ project: ProjectPath, mount: String) async throws -> String?
}

/// Forums, topics and threads (forum topics and the comment threads of tools).
public protocol DiscussionReading: Forge {
    /// The deepest reply nesting the forge allows; nil when unbounded.
    var maximumThreadDepth: Int? { get }
    func forums(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> Page<Forum>
    /// A page of a forum's topics, with the forum itself.
    func topics(
        _ project: ProjectPath, mount: String, forum: String, page: Int, limit: Int
    ) async throws -> (
        forum: Forum, topics: Page<Topic>
    )
    /// A page of a forum topic's posts.
    func topicPosts(
        _ project: ProjectPath, mount: String, forum: String, thread: String, page: Int, limit: Int
    )
        async throws -> ThreadPage
    /// A page of a tool's comment thread (ticket, wiki page or blog post).
    func toolThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    ) async throws
        -> ThreadPage
}

/// Writing comments on tool threads.
public protocol CommentWriting: Forge {
    /// A new top-level comment (`replyTo` nil) or a reply to the post with that slug.
    func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String?, text: String
    )
        async throws -> PostingOutcome
}
