import Foundation
import HTTP
import Synchronization

/// A deterministic, in-memory Apache Allura forge. It answers `HTTPRequest`s with the JSON, error
/// pages and quirks of a real Allura server (see `allura-rest.md`), over data generated from a seed.
///
/// Reads are anonymous; writes need `Authorization: Bearer <options.token>`. State changes with
/// writes and is guarded by a mutex, so one forge can serve many concurrent requests.
public final class DemoForge: Sendable {
    /// Behaviour switches for tests and demos.
    public struct Options: Sendable {
        /// Delay before each response, applied by `DemoTransport` and `DemoServer`.
        public var latency: Duration
        /// The bearer token that authenticates as `tokenUser`. Default: `DemoNames.demoToken`.
        public var token: String
        /// The user the token belongs to (a developer of every demo project).
        public var tokenUser: String
        /// Fault rules, checked in order before normal handling.
        public var faults: [FaultRule]

        public init(
            latency: Duration = .zero, token: String = DemoNames.demoToken,
            tokenUser: String = DemoNames.tokenUser, faults: [FaultRule] = []
        ) {
            self.latency = latency
            self.token = token
            self.tokenUser = tokenUser
            self.faults = faults
        }
    }

    /// Makes matching requests fail with a given status.
    public struct FaultRule: Sendable, Hashable {
        /// Matches when the request path (still percent-encoded) contains this text.
        public var pathContains: String
        /// Matches only this method when set (`"POST"`).
        public var method: String?
        /// The status to answer: 403/404/500 as HTML pages, others as the generic body.
        public var status: Int
        /// How many matching requests fail; `nil` means always.
        public var times: Int?

        public init(pathContains: String, method: String? = nil, status: Int, times: Int? = nil) {
            self.pathContains = pathContains
            self.method = method
            self.status = status
            self.times = times
        }
    }

    /// One request as the forge saw it.
    public struct LoggedRequest: Sendable, Hashable, CustomStringConvertible {
        public var method: String
        /// The percent-encoded path.
        public var path: String
        /// The raw query string, if any.
        public var query: String?

        public var description: String {
            method + " " + path + (query.map { "?" + $0 } ?? "")
        }
    }

    /// `https://demo.anvil.test`, the default base URL of JSON links.
    public static let defaultBaseURL: URL = URL(string: "https://demo.anvil.test") ?? URL(fileURLWithPath: "/")

    /// The options this forge was created with (fault rules may be added later).
    public let options: Options
    /// The seed of the demo data.
    public let seed: UInt64
    private let state: Mutex<ForgeState>

    /// Generates the demo data for `seed`; JSON URLs are built from `baseURL`.
    public init(seed: UInt64 = 1, baseURL: URL = DemoForge.defaultBaseURL, options: Options = .init()) {
        self.seed = seed
        self.options = options
        state = Mutex(ForgeState(data: DemoData(seed: seed), baseURL: baseURL, options: options))
    }

    /// Adds a generated topic of `count` posts to the demo project's big forum and returns its
    /// thread id; the same `count` always gives the same posts. Used by the benchmarks.
    @discardableResult
    public func addLargeTopic(posts count: Int) -> String {
        let id = String(format: "1a26e7%04x", count % 0x10000)
        state.withLock { state in
            var generator = DemoGenerator(seed: seed &+ UInt64(count))
            generator.addLargeTopic(id: id, count: count, into: &state.data)
        }
        return id
    }

    /// Answers one request as an Allura server would. Never throws; failures are HTTP statuses.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        state.withLock { state in state.handle(request) }
    }

    /// Every request answered so far, oldest first.
    public var requestLog: [LoggedRequest] {
        state.withLock { $0.log }
    }

    /// Forgets the request log.
    public func resetLog() {
        state.withLock { $0.log.removeAll() }
    }

    /// The base URL that absolute URLs in JSON are built from.
    public var baseURL: URL {
        state.withLock { $0.baseURL }
    }

    /// Changes the base URL of JSON links (for example to the loopback address a server got).
    public func useBaseURL(_ url: URL) {
        state.withLock { $0.baseURL = url }
    }

    /// Adds a fault rule at run time.
    public func addFault(_ rule: FaultRule) {
        state.withLock { $0.faults.append(ForgeState.ActiveFault(rule: rule, remaining: rule.times)) }
    }

    /// Removes every fault rule.
    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    /// The current stored state of a ticket (after any writes), or nil if there is none.
    public func ticket(
        project: String = DemoNames.mainProject, tracker: String = DemoNames.mainTracker, number: Int
    ) -> DemoTicket? {
        state.withLock { $0.data.ticket(project: project, tracker: tracker, number: number) }
    }

    /// A repository tool's webhooks as stored: their addresses and secrets.
    public func webhooks(
        project: String = DemoNames.mainProject, mount: String = "code"
    ) -> [(url: String, secret: String)] {
        state.withLock { $0.webhooks["p/\(project)/\(mount)"]?.map { ($0.hookURL, $0.secret) } ?? [] }
    }

    /// A snapshot of the current data (including writes).
    public var data: DemoData {
        state.withLock { $0.data }
    }
}
