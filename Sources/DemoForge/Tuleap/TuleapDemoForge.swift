import Foundation
import HTTP
import Synchronization

/// A Tuleap-shaped demo forge: the JSON, headers, paging, errors and quirks of Tuleap's REST API
/// (tuleap-rest.md) over deterministic data, answered in process or by a `DemoServer` on
/// loopback. It accepts `TuleapDemoNames.demoKey` as an access key, the demo OAuth token (reads
/// only), session tokens from `POST /api/tokens` and Basic with the demo user and password.
public final class TuleapDemoForge: Sendable {
    /// One request as the demo saw it, body and `If-Match` included, so tests can check writes.
    public struct LoggedRequest: Sendable, Hashable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var query: String?
        public var body: String?
        public var ifMatch: String?

        public var description: String { method + " " + path + (query.map { "?" + $0 } ?? "") }
    }

    /// `https://tuleap.demo.anvil.test`, the default base URL of absolute links.
    public static let defaultBaseURL = URL(string: "https://tuleap.demo.anvil.test") ?? URL(fileURLWithPath: "/")

    public let latency: Duration
    private let state: Mutex<TuleapDemoState>

    public init(baseURL: URL = TuleapDemoForge.defaultBaseURL, latency: Duration = .zero) {
        self.latency = latency
        state = Mutex(TuleapDemoState(data: TuleapDemoGenerator.make(), baseURL: baseURL))
    }

    /// Answers one request as a Tuleap server would. Never throws; failures are HTTP statuses.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        state.withLock { $0.handle(request) }
    }

    /// Every request answered so far, oldest first.
    public var requestLog: [LoggedRequest] { state.withLock { $0.log } }

    public func resetLog() { state.withLock { $0.log.removeAll() } }

    public var baseURL: URL { state.withLock { $0.baseURL } }

    public func useBaseURL(_ url: URL) { state.withLock { $0.baseURL = url } }

    /// Ends every session token, as Tuleap's 24-hour purge does.
    public func expireTokens() { state.withLock { $0.expireTokens() } }

    /// Someone else changes an artifact: a new changeset with `comment`, a new `Etag`.
    public func touch(artifact id: Int, comment: String) {
        state.withLock { state in
            let body = #"{"values":[],"comment":{"body":"\#(comment)","format":"text"}}"#
            let request = HTTPRequest(
                method: "PUT", url: state.baseURL.appendingPathComponent("api/artifacts/\(id)"),
                headers: ["X-Auth-AccessKey": TuleapDemoNames.demoKey, "Content-Type": "application/json"],
                body: Data(body.utf8))
            _ = state.handle(request)
            state.log.removeLast()
        }
    }

    /// An artifact's status label, assignee usernames and comments, after any writes.
    public func artifact(_ id: Int) -> TuleapDemoArtifactSummary? {
        state.withLock { state in
            guard let artifact = state.data.artifacts[id], let tracker = state.data.tracker(artifact.trackerID) else {
                return nil
            }
            let json = state.json
            var assignees: [String] = []
            if case .list(let ids)? = artifact.values[tracker.contributorField] {
                assignees = ids.compactMap { state.data.user($0)?.username }
            }
            return TuleapDemoArtifactSummary(
                title: json.titleText(artifact, tracker: tracker), status: json.statusLabel(artifact, tracker: tracker),
                assignees: assignees, comments: artifact.changesets.map(\.comment).filter { !$0.isEmpty },
                etag: String(artifact.lastModified / 1000))
        }
    }
}

/// An artifact of the Tuleap demo as tests read it back.
public struct TuleapDemoArtifactSummary: Sendable, Hashable {
    public var title: String
    public var status: String
    public var assignees: [String]
    public var comments: [String]
    public var etag: String
}

extension TuleapDemoForge: DemoResponder {
    public var responseLatency: Duration { latency }
    public var apiPath: String { "/api/" }
}
