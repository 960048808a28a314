import Foundation

/// A forge backend. What it can do is the set of capability protocols it adopts; views ask for
/// a capability (`forge.wikiReading`: the forge as a `WikiReading`, or nil), never for a particular
/// forge. What it cannot do, and its limits, it declares in `traits`.
public protocol Forge: Sendable {
    /// Shown first in the breadcrumb, e.g. `forge.example.org`.
    var displayName: String { get }
    /// The forge's web root, e.g. `https://sourceforge.net` or `https://example.org/gitlab`.
    var baseURL: URL { get }
    /// Its limits and dialects.
    var traits: ForgeTraits { get }
    /// The web URL of a route, for `o` (open in browser).
    func webURL(for route: Route) -> String
    /// The route one of this forge's web or API addresses names; a path without scheme and host
    /// (`p/proj/wiki/`, `group/project/-/issues`) is read relative to `baseURL`.
    /// Throws `ForgeError.invalidURL` for what this forge does not serve.
    func route(for address: String) throws -> Route
    /// `route` made exact once its project's tools are known (a URL's shape alone may not say
    /// whether a segment is a tool or a page); the default keeps it as it is.
    func refine(_ route: Route, tools: [Tool]) -> Route
    /// The project a bare name typed by the user means (Allura: `p/NAME`).
    func project(named name: String) -> ProjectPath
    /// Where a reference in this forge's markup leads (`#12`, `~bug`, `!3` on GitLab), read in
    /// `project`; nil when the forge leaves references to the generic rules.
    func resolveReference(_ text: String, in project: ProjectPath) -> ReferenceTarget?

    // The forge as each capability it adopts, nil for the others (`ForgeCapabilities.swift`).
    var projectReading: (any ProjectReading)? { get }
    var projectListing: (any ProjectListing)? { get }
    var wikiReading: (any WikiReading)? { get }
    var wikiWriting: (any WikiWriting)? { get }
    var wikiLabelWriting: (any WikiLabelWriting)? { get }
    var blogReading: (any BlogReading)? { get }
    var blogWriting: (any BlogWriting)? { get }
    var linkReading: (any LinkReading)? { get }
    var linkWriting: (any LinkWriting)? { get }
    var profileReading: (any ProfileReading)? { get }
    var discussionReading: (any DiscussionReading)? { get }
    var commentWriting: (any CommentWriting)? { get }
    var groupReading: (any GroupReading)? { get }
    var trackerMetadataReading: (any TrackerMetadataReading)? { get }
    var ticketFieldInferring: (any TicketFieldInferring)? { get }
    var ticketReading: (any TicketReading)? { get }
    var ticketWriting: (any TicketWriting)? { get }
    var ticketStatusProviding: (any TicketStatusProviding)? { get }
    var projectAdministration: (any ProjectAdministration)? { get }
    var webhookAdministration: (any WebhookAdministration)? { get }
}

/// Where a reference in a text leads.
public enum ReferenceTarget: Hashable, Sendable {
    /// A view of this forge.
    case route(Route)
    /// A web page Anvil does not show (a merge request): the browser opens it.
    case web(String)
}

extension Forge {
    public func refine(_ route: Route, tools: [Tool]) -> Route { route }

    /// The project a bare name typed by the user means; by default the name is the project's path.
    public func project(named name: String) -> ProjectPath { ProjectPath(neighborhood: "", name: name) }

    public func resolveReference(_ text: String, in project: ProjectPath) -> ReferenceTarget? { nil }
}

/// What a forge can do, its limits and its dialects, declared by its backend so generic views
/// never carry a forge's limitations as strings of their own.
public struct ForgeTraits: Hashable, Sendable {
    /// The largest page the forge answers (Allura 500, GitLab 100); bigger requests are clamped.
    public var maximumPageSize: Int
    /// The page size views ask for by default.
    public var pageSize: Int
    /// Whether a ticket's assignee can be removed.
    public var canUnassign: Bool
    /// Whether forum topics can be replied to through the API.
    public var canWriteTopics: Bool
    /// Whether a ticket can have several assignees.
    public var multipleAssignees: Bool
    /// The Markdown dialect of texts from this forge.
    public var markup: MarkupDialect
    /// An example of the forge's own search syntax, for prompts and help.
    public var searchExample: String
    /// The fields tickets can be sorted by, in the neutral names `TicketQuery.Sort` uses.
    public var sortFields: [String]
    /// How the forge names the open and closed states when it has just two (GitLab's
    /// `opened`/`closed`); nil when statuses are the tracker's own (Allura).
    public var fixedStatuses: FixedStatuses?
    /// Whether a ticket edit and its comment go to the forge as one write (Tuleap's `PUT` carries
    /// both); otherwise the comment is posted after the edit.
    public var commentsTravelWithEdits: Bool

    public init(
        maximumPageSize: Int = 100, pageSize: Int = 100, canUnassign: Bool = true, canWriteTopics: Bool = true,
        multipleAssignees: Bool = false, markup: MarkupDialect = .commonMark, searchExample: String = "",
        sortFields: [String] = [], fixedStatuses: FixedStatuses? = nil, commentsTravelWithEdits: Bool = false
    ) {
        self.maximumPageSize = max(1, maximumPageSize)
        self.pageSize = max(1, min(pageSize, maximumPageSize))
        self.canUnassign = canUnassign
        self.canWriteTopics = canWriteTopics
        self.multipleAssignees = multipleAssignees
        self.markup = markup
        self.searchExample = searchExample
        self.sortFields = sortFields
        self.fixedStatuses = fixedStatuses
        self.commentsTravelWithEdits = commentsTravelWithEdits
    }
}

/// A forge's two fixed ticket states.
public struct FixedStatuses: Hashable, Sendable {
    public var open: String
    public var closed: String
    public init(open: String, closed: String) {
        self.open = open
        self.closed = closed
    }
}

/// The Markdown dialects Anvil renders: one renderer, each forge's references on top.
public enum MarkupDialect: String, Hashable, Sendable {
    /// Plain CommonMark with GitHub's extensions.
    case commonMark
    /// Allura's: `[#12]`, `[bugs:#12]`, `[Page]`, `@user`, macros.
    case allura
    /// GitLab's: `#12`, `!3`, `~label`, `~"two words"`, `%milestone`, `@user`, `group/project#12`.
    case gitlab
}

public protocol ProjectReading: Forge {
    func project(_ path: ProjectPath) async throws -> Project
}

/// Listing the projects of the signed-in user (all public ones without a token), most recently
/// active first: what the start view offers on forges that can list them.
public protocol ProjectListing: Forge {
    func myProjects(page: Int, limit: Int) async throws -> Page<Project>
}

public protocol WikiReading: Forge {
    /// Every page title, in server order.
    func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String]
    func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage
}

/// Writing wiki pages.
public protocol WikiWriting: Forge {
    /// Saves `text` as page `title` (a new page when `isNew`) and returns the title the page has
    /// afterwards, as the forge names it (GitLab derives a slug from a new page's title).
    func saveWikiPage(
        _ project: ProjectPath, mount: String, title: String, text: String, isNew: Bool
    )
        async throws -> String
}

/// Writing wiki pages with their labels and a check for edits made meanwhile.
public protocol WikiLabelWriting: WikiWriting {
    /// Saves page `title` with `text` and, when not nil, `labels`. With `expectedModified`, the
    /// page is read first and nothing is written when its last change differs: that throws
    /// `EditConflict<WikiPage>` with the page as it is now. Returns the page's title afterwards.
    func saveWikiPage(
        _ project: ProjectPath, mount: String, title: String, text: String, labels: [String]?, isNew: Bool,
        expectedModified: Date?
    ) async throws -> String
}

/// Reading a blog: its posts newest first, page by page, and one post.
public protocol BlogReading: Forge {
    func blogEntries(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> Page<BlogEntry>
    /// One post by its path below the blog.
    func blogPost(_ project: ProjectPath, mount: String, path: String) async throws -> BlogPost
}

/// Writing blog posts.
public protocol BlogWriting: BlogReading {
    /// Creates a post and returns it as the forge now has it.
    func createBlogPost(_ project: ProjectPath, mount: String, draft: BlogPostDraft) async throws -> BlogPost
    /// Replaces the post's title, text, labels and state. With `expectedModified`, nothing is
    /// written when the post changed since: that throws `EditConflict<BlogPost>`.
    func updateBlogPost(
        _ project: ProjectPath, mount: String, path: String, draft: BlogPostDraft, expectedModified: Date?
    ) async throws -> BlogPost
}

/// Changing where a link tool points.
public protocol LinkWriting: LinkReading {
    /// Sets the target and returns it as the forge normalised it.
    func setLinkTarget(_ project: ProjectPath, mount: String, url: String) async throws -> String?
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

/// A forge whose only threads are its items' comments: the forum calls answer that it has none.
public protocol ForumlessDiscussions: DiscussionReading {
    /// The forge's product name, for the answer ("GitLab").
    static var productName: String { get }
}

extension ForumlessDiscussions {
    public func forums(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> Page<Forum> {
        throw ForgeError.unsupported("\(Self.productName) has no forums")
    }

    public func topics(
        _ project: ProjectPath, mount: String, forum: String, page: Int, limit: Int
    ) async throws -> (forum: Forum, topics: Page<Topic>) {
        throw ForgeError.unsupported("\(Self.productName) has no forums")
    }

    public func topicPosts(
        _ project: ProjectPath, mount: String, forum: String, thread: String, page: Int, limit: Int
    ) async throws -> ThreadPage {
        throw ForgeError.unsupported("\(Self.productName) has no forums")
    }
}

/// Writing comments on tool threads.
public protocol CommentWriting: Forge {
    /// A new top-level comment (`replyTo` nil) or a reply to the post with that slug.
    func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String?, text: String
    )
        async throws -> PostingOutcome
}
