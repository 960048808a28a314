import Foundation
import HTTP
import Synchronization

/// A GitLab-shaped demo forge: the JSON, headers, paging and errors of GitLab's REST API v4
/// (gitlab-rest.md), over deterministic data, answered in process or by a `DemoServer` on
/// loopback. Its token is `GitLabDemoNames.demoToken`.
public final class GitLabDemoForge: Sendable {
    /// One request as the demo saw it, body included, so tests can check every write.
    public struct LoggedRequest: Sendable, Hashable, CustomStringConvertible {
        public var method: String
        /// The raw (still percent-encoded) path.
        public var path: String
        public var query: String?
        public var body: String?

        public var description: String { method + " " + path + (query.map { "?" + $0 } ?? "") }
    }

    /// `https://gitlab.demo.anvil.test`, the default base URL of JSON links.
    public static let defaultBaseURL = URL(string: "https://gitlab.demo.anvil.test") ?? URL(fileURLWithPath: "/")

    public let seed: UInt64
    public let latency: Duration
    private let state: Mutex<GitLabDemoState>

    /// - Parameter totalsLimit: collections larger than this are answered without `x-total`
    ///   (GitLab's limit is 10,000; tests lower it).
    public init(
        seed: UInt64 = 1, baseURL: URL = GitLabDemoForge.defaultBaseURL, latency: Duration = .zero,
        totalsLimit: Int = 10_000
    ) {
        self.seed = seed
        self.latency = latency
        state = Mutex(
            GitLabDemoState(
                data: GitLabDemoGenerator.make(seed: seed), baseURL: baseURL, faults: [], totalsLimit: totalsLimit))
    }

    /// Answers one request as a GitLab server would. Never throws; failures are HTTP statuses.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        state.withLock { $0.handle(request) }
    }

    /// Every request answered so far, oldest first.
    public var requestLog: [LoggedRequest] { state.withLock { $0.log } }

    public func resetLog() { state.withLock { $0.log.removeAll() } }

    public var baseURL: URL { state.withLock { $0.baseURL } }

    /// Changes the base URL of JSON links (for example to the loopback address a server got).
    public func useBaseURL(_ url: URL) { state.withLock { $0.baseURL = url } }

    /// Adds a fault: requests whose path contains the rule's text answer its status (429 as
    /// GitLab's Rack::Attack does, with `Retry-After: 1`).
    public func addFault(_ rule: DemoForge.FaultRule) {
        state.withLock { $0.faults.append(ForgeState.ActiveFault(rule: rule, remaining: rule.times)) }
    }

    /// An issue's current title, state, labels, assignees and milestone title, after any writes.
    public func issue(project: String = GitLabDemoNames.mainProject, iid: Int) -> GitLabDemoIssue? {
        state.withLock { state in
            guard let p = state.data.projects.first(where: { $0.pathWithNamespace == project }),
                let issue = p.issues.first(where: { $0.iid == iid })
            else { return nil }
            return GitLabDemoIssue(
                title: issue.title, description: issue.description, state: issue.state, labels: issue.labels,
                assignees: issue.assigneeIDs.compactMap { state.data.user(id: $0)?.username },
                milestone: issue.milestoneID.flatMap { id in p.milestones.first { $0.id == id }?.title },
                notes: issue.discussions.flatMap { $0.notes.map(\.body) },
                discussionCount: issue.discussions.count, dueDate: issue.dueDate, confidential: issue.confidential)
        }
    }

    /// A wiki page's content, after any writes.
    public func wikiContent(project: String = GitLabDemoNames.mainProject, slug: String) -> String? {
        state.withLock { state in
            state.data.projects.first { $0.pathWithNamespace == project }?.wiki.first { $0.slug == slug }?.content
        }
    }
}

/// An issue of the GitLab demo as tests read it back.
public struct GitLabDemoIssue: Sendable, Hashable {
    public var title: String
    public var description: String?
    public var state: String
    public var labels: [String]
    public var assignees: [String]
    public var milestone: String?
    /// Every note's body, discussion by discussion.
    public var notes: [String]
    public var discussionCount: Int
    public var dueDate: String?
    public var confidential: Bool
}
