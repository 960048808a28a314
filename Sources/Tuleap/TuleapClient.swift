import ForgeModel
import Foundation
import HTTP
import Synchronization

/// Sends requests to one Tuleap server's REST API (`BASE/api/…`): one credential header per
/// request (none when anonymous), errors classified the Tuleap way, lists paged by `limit` and
/// `offset`. With `auth = "token"` it logs in on first use and, when the server answers 401 to a
/// session token (expired after 24 hours), logs in again once and retries.
final class TuleapClient: Sendable {
    /// The server root (`https://tuleap.example.com`, or with a prefix).
    let api: APIRoot
    var base: URL { api.base }
    let auth: TuleapAuth
    private let transport: Transport
    private let session = Mutex<TuleapSession?>(nil)

    init(base: URL, auth: TuleapAuth, transport: Transport) {
        self.api = APIRoot(base: base, prefix: "api")
        self.auth = auth
        self.transport = transport
    }

    /// `BASE/api/` + `path` (segments already encoded) + the query.
    func url(_ path: [String], query: [URLQueryItem] = []) throws(ForgeError) -> URL {
        try api.url(path, query: query)
    }

    /// GETs and decodes one answer.
    func get<T: Decodable>(_ type: T.Type, _ path: [String], query: [URLQueryItem] = []) async throws -> T {
        try decode(type, from: try await send("GET", url(path, query: query)).body)
    }

    /// GETs one answer with its headers (the artifact's `Etag`).
    func getWithResponse<T: Decodable>(
        _ type: T.Type, _ path: [String], query: [URLQueryItem] = []
    ) async throws -> (T, HTTPResponse) {
        let response = try await send("GET", url(path, query: query))
        return (try decode(type, from: response.body), response)
    }

    /// GETs the items at `offset` (at most `limit` of them) and what the headers say.
    func page<T: Decodable>(
        _ type: T.Type, _ path: [String], query: [URLQueryItem] = [], offset: Int, limit: Int
    ) async throws -> (items: T, paging: TuleapPaging) {
        let items =
            query + [
                URLQueryItem(name: "limit", value: String(max(limit, 1))),
                URLQueryItem(name: "offset", value: String(max(offset, 0))),
            ]
        let response = try await send("GET", url(path, query: items))
        return (try decode(type, from: response.body), TuleapPaging(response))
    }

    /// Sends a write with a JSON body; `ifMatch` is sent byte for byte as `If-Match`.
    func write<Body: Encodable>(
        _ method: String, _ path: [String], body: Body, ifMatch: String? = nil
    ) async throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(body)
        var extra = ["Content-Type": "application/json"]
        if let ifMatch { extra["If-Match"] = ifMatch }
        return try await send(method, url(path), body: data, extraHeaders: extra)
    }

    /// Sends one request; throws the classified error of a non-2xx answer (a 412 as
    /// `TuleapPreconditionFailed`, for the caller's conflict flow).
    func send(
        _ method: String, _ url: URL, body: Data? = nil, extraHeaders: [String: String] = [:]
    ) async throws -> HTTPResponse {
        let isWrite = method != "GET"
        var response = try await transport.send(request(method, url, body: body, extra: extraHeaders, login: true))
        if response.status == 401, auth.mode == .token, auth.isAuthenticated {
            // The session token expired (or was revoked): one fresh login, one retry.
            session.withLock { $0 = nil }
            response = try await transport.send(request(method, url, body: body, extra: extraHeaders, login: true))
        }
        if response.status == 412 { throw TuleapPreconditionFailed() }
        if let error = TuleapErrors.error(for: response, credential: auth.credential, isWrite: isWrite) {
            throw error
        }
        return response
    }

    private func request(
        _ method: String, _ url: URL, body: Data?, extra: [String: String], login: Bool
    ) async throws -> HTTPRequest {
        var headers = auth.headers(session: try await currentSession())
        headers["Accept"] = "application/json"
        for (name, value) in extra { headers[name] = value }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// The session token for `auth = "token"`, logging in when there is none.
    private func currentSession() async throws -> TuleapSession? {
        guard auth.mode == .token, let password = auth.secret, let username = auth.username else { return nil }
        if let known = session.withLock({ $0 }) { return known }
        let body = try JSONEncoder().encode(TokenRequestJSON(username: username, password: password.value))
        let login = HTTPRequest(
            method: "POST", url: try url(["tokens"]),
            headers: ["Accept": "application/json", "Content-Type": "application/json"], body: body)
        let response = try await transport.send(login)
        if let error = TuleapErrors.error(for: response, credential: .token, isWrite: false) { throw error }
        let answer = try decode(TokenJSON.self, from: response.body)
        let fresh = TuleapSession(token: Secret(answer.token), userID: answer.userID.description)
        session.withLock { $0 = fresh }
        return fresh
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(ForgeError) -> T {
        try JSONAnswer.decode(type, from: data)
    }
}

/// The server answered 412: the artifact changed since its `Etag` was read; nothing was written.
struct TuleapPreconditionFailed: Error {}
