import ForgeModel
import Foundation
import HTTP
import Synchronization

/// Sends requests to one GitLab instance's API v4: the token in its header (never in a URL),
/// project ids and slugs encoded as one segment, errors classified the GitLab way, a 429 waited
/// out once (`Retry-After`, then `RateLimit-Reset`) and requests slowed when the server says few
/// remain. Waiting is a cancellable sleep, so cancelling the task (Esc) stops it.
final class GitLabClient: Sendable {
    /// The instance root (`https://gitlab.example.com`, or with a relative root).
    let api: APIRoot
    var base: URL { api.base }
    let auth: GitLabAuth
    private let transport: Transport
    private let sleep: @Sendable (Duration) async throws -> Void
    private let waitObserver: (@Sendable (Int) -> Void)?
    private let remaining = Mutex<Int?>(nil)

    /// The longest `Retry-After` waited out before giving up with the rate-limit error.
    static let longestWait = 120
    /// Below this many remaining requests, each request waits a second first.
    static let lowRemaining = 5

    /// - Parameters:
    ///   - sleep: how to wait (tests pass a recorder).
    ///   - waitObserver: told the seconds left of a rate-limit wait, once a second (the status
    ///     line counts it down).
    init(
        base: URL, auth: GitLabAuth, transport: Transport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        waitObserver: (@Sendable (Int) -> Void)? = nil
    ) {
        self.api = APIRoot(base: base, prefix: "api/v4")
        self.auth = auth
        self.transport = transport
        self.sleep = sleep
        self.waitObserver = waitObserver
    }

    /// `BASE/api/v4/` + `path` (segments already encoded) + the query.
    func url(_ path: [String], query: [URLQueryItem] = []) throws(ForgeError) -> URL {
        try api.url(path, query: query)
    }

    /// GETs and decodes one answer.
    func get<T: Decodable>(_ type: T.Type, _ path: [String], query: [URLQueryItem] = []) async throws -> T {
        try decode(type, from: try await send("GET", url(path, query: query)).body)
    }

    /// GETs one page of a list: `page` (1-based) of `perPage` items, with what the server said
    /// about its place in the whole list.
    func page<T: Decodable>(
        _ type: T.Type, _ path: [String], query: [URLQueryItem] = [], page: Int, perPage: Int
    ) async throws -> (items: [T], paging: GitLabPaging) {
        let items =
            query + [
                URLQueryItem(name: "page", value: String(max(page, 1))),
                URLQueryItem(name: "per_page", value: String(min(max(perPage, 1), 100))),
            ]
        let response = try await send("GET", url(path, query: items))
        return (try decode([T].self, from: response.body), GitLabPaging(response))
    }

    /// Sends a write with a JSON body and decodes the answer.
    func write<T: Decodable>(_ type: T.Type, _ method: String, _ path: [String], json: [String: Any]) async throws -> T
    {
        let body = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        let response = try await send(method, url(path), body: body, contentType: "application/json")
        return try decode(type, from: response.body)
    }

    /// Sends one request; throws the classified error of a non-2xx answer. A 429 is waited out
    /// once when the server says how long (at most `longestWait` seconds).
    func send(
        _ method: String, _ url: URL, body: Data? = nil, contentType: String? = nil
    ) async throws
        -> HTTPResponse
    {
        var headers = auth.headers
        headers["Accept"] = "application/json"
        if let contentType { headers["Content-Type"] = contentType }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        if let left = remaining.withLock({ $0 }), left <= Self.lowRemaining { try await sleep(.seconds(1)) }
        var response = try await transport.send(request)
        if response.status == 429, let wait = GitLabErrors.retryAfterSeconds(response), wait <= Self.longestWait {
            // Counted down a second at a time, so the status line can show it; cancelling ends it.
            for remaining in stride(from: wait, to: 0, by: -1) {
                waitObserver?(remaining)
                try await sleep(.seconds(1))
            }
            response = try await transport.send(request)
        }
        remaining.withLock { $0 = response.header("RateLimit-Remaining").flatMap { Int($0) } }
        if let error = GitLabErrors.error(for: response, credential: auth.credential) { throw error }
        return response
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(ForgeError) -> T {
        try JSONAnswer.decode(type, from: data)
    }
}
