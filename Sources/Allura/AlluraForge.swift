import ForgeModel
import Foundation
import HTTP
import Synchronization

/// The Apache Allura REST backend (SourceForge and self-hosted Allura).
///
/// Every request carries `Accept: application/json` and, only when a token is configured,
/// `Authorization: Bearer <token>`; no other authentication is ever sent. Non-2xx answers become
/// `ForgeError`s by status code, and no error or description ever contains the token.
public final class AlluraForge: ProjectReading, WikiReading, ProfileReading, LinkReading, Sendable,
    CustomStringConvertible
{
    /// The forge root, e.g. `https://sourceforge.net` (REST lives under `/rest/`).
    public let baseURL: URL
    public let displayName: String
    private let token: Secret?
    private let transport: Transport
    /// How many redirects a GET follows (moved tickets answer 301).
    private let maximumRedirects = 3
    /// The token's user once the forge told it (who-am-I asked once per forge).
    let knownUsername = Mutex<String?>(nil)

    /// - Throws: `ForgeError.insecureToken` when a token would go over plain `http` to a host that
    ///   is not loopback; `ForgeError.invalidURL` for a base URL that is not http(s).
    public init(baseURL: URL, token: String?, transport: Transport, displayName: String? = nil) throws {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = baseURL.host, !host.isEmpty
        else {
            throw ForgeError.invalidURL(HTMLText.oneLine(baseURL.absoluteString, limit: 120))
        }
        let usableToken = token.map { $0.trimmedOfWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        if usableToken != nil, scheme == "http", !Self.isLoopback(host: host) {
            throw ForgeError.insecureToken(host: host)
        }
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/rest") { root.removeLast(5) }
        self.baseURL = URL(string: root) ?? baseURL
        self.token = usableToken.map(Secret.init)
        self.transport = transport
        if let displayName {
            self.displayName = displayName
        } else {
            self.displayName = baseURL.port.map { "\(host):\($0)" } ?? host
        }
    }

    /// Whether `host` is 127.0.0.0/8, `::1` or `localhost`.
    public static func isLoopback(host: String) -> Bool { LoopbackHost.contains(host) }

    /// Whether requests carry a token.
    public var isAuthenticated: Bool { token != nil }

    /// Allura's limits: pages of up to 500, tickets without a way to unassign over REST, forum
    /// topics read-only over REST, Allura's Markdown and Solr search syntax.
    public var traits: ForgeTraits {
        ForgeTraits(
            maximumPageSize: AlluraPaging.maximumLimit, pageSize: 100, canUnassign: false, canWriteTopics: false,
            markup: .allura, searchExample: "status:open AND assigned_to:alice",
            sortFields: AlluraTicketQuery.sortFields.map(\.0))
    }

    /// The route of one of this forge's web or REST addresses, or of a path like `p/proj/wiki/`.
    public func route(for address: String) throws -> Route {
        let (base, route) = try AlluraRouter.parse(address, defaultBase: baseURL)
        guard base.host?.lowercased() == baseURL.host?.lowercased(), base.port == baseURL.port else {
            throw ForgeError.invalidURL(HTMLText.oneLine(address, limit: 120))
        }
        return route
    }

    public func refine(_ route: Route, tools: [Tool]) -> Route { AlluraRouter.refine(route, tools: tools) }

    /// A bare name is a project in the `p` neighborhood, as on SourceForge.
    public func project(named name: String) -> ProjectPath { ProjectPath(neighborhood: "p", name: name) }

    public var description: String {
        "AlluraForge(\(baseURL.absoluteString), \(token == nil ? "anonymous" : "token set"))"
    }

    // MARK: URLs

    /// The REST URL of `path` (unencoded segments below `/rest/`). GET URLs end with `/`,
    /// action URLs (`trailingSlash: false`) never do.
    public func restURL(_ path: [String], query: [URLQueryItem] = [], trailingSlash: Bool = true) throws -> URL {
        try url(["rest"] + path, query: query, trailingSlash: trailingSlash)
    }

    private func url(_ path: [String], query: [URLQueryItem], trailingSlash: Bool) throws -> URL {
        // Joined by plain loops: the generic `joined(separator:)` costs a third of a million
        // instructions the first time, before the first request goes out.
        var text = baseURL.absoluteString
        for segment in path { text += "/" + PathSegment.encode(segment) }
        if path.isEmpty { text += "/" }
        if trailingSlash { text += "/" }
        for (index, item) in query.enumerated() {
            text += index == 0 ? "?" : "&"
            text += PathSegment.encode(item.name) + "=" + PathSegment.encode(item.value ?? "")
        }
        guard let url = URL(string: text) else {
            throw ForgeError.invalidURL(HTMLText.oneLine(path.joined(separator: "/"), limit: 120))
        }
        return url
    }

    public func webURL(for route: Route) -> String {
        // Joined by a plain loop: the generic `joined(separator:)` costs a third of a million
        // instructions the first time, on the way to the first screen.
        var text = baseURL.absoluteString
        for segment in AlluraRouter.webPath(for: route) { text += "/" + PathSegment.encode(segment) }
        text += "/"
        if case .ticketSearch(_, _, let query) = route {
            text += "?q=" + PathSegment.encode(query)
        }
        // A ticket's comments are on its page, each at its slug's anchor.
        if case .ticketComment(_, _, _, let post) = route { text += "#" + post }
        return text
    }

    // MARK: Requests

    private func headers() -> [String: String] {
        var headers = ["Accept": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token.value }
        return headers
    }

    /// Sends one request with the forge's headers; transport errors are passed on with any
    /// trace of the token removed.
    func send(
        _ method: String, _ url: URL, body: Data? = nil, contentType: String? = nil
    ) async throws
        -> HTTPResponse
    {
        var headers = headers()
        if let contentType { headers["Content-Type"] = contentType }
        do {
            return try await transport.send(HTTPRequest(method: method, url: url, headers: headers, body: body))
        } catch let error as ForgeError {
            throw redacted(error)
        }
    }

    /// GETs `url`, following up to three redirects (path of `Location` resolved against the
    /// base URL, same authentication); throws the classified error of a non-2xx answer.
    func getResponse(_ url: URL) async throws -> HTTPResponse {
        var current = url
        for _ in 0...maximumRedirects {
            let response = try await send("GET", current)
            if (300..<400).contains(response.status), let location = response.header("Location") {
                current = try resolve(location: location)
                continue
            }
            if let error = HTTPErrorClassifier.error(for: response, url: current) { throw redacted(error) }
            return response
        }
        throw ForgeError.invalidResponse("too many redirects")
    }

    /// GETs `/rest/<path>/` and decodes the JSON answer.
    public func get<T: Decodable>(_ path: [String], query: [URLQueryItem] = []) async throws -> T {
        let response = try await getResponse(try restURL(path, query: query))
        return try decode(T.self, from: response.body)
    }

    /// Decodes `data` as `T`, mapping failures to `.invalidResponse` with a short reason.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let read = Self.readQuickly(T.self, from: data) { return read }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ForgeError.invalidResponse(Self.reason(for: error))
        } catch {
            throw ForgeError.invalidResponse("the answer is not JSON")
        }
    }

    /// A short description of a decoding failure: what went wrong and where, never values.
    static func reason(for error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(place(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(place(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "null instead of \(type) at \(place(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the answer is not JSON" : "bad value at \(place(context.codingPath))"
        @unknown default:
            return "the answer has an unexpected shape"
        }
    }

    /// POSTs form fields to the action `/rest/<path>` (no trailing slash) and follows Allura's
    /// answer (§3.6): a 302, or a 201 with `Location`, is followed with an authenticated GET of
    /// the `Location` path resolved against the base URL, and that response is returned. Other
    /// 2xx answers are returned as they are.
    ///
    /// - Throws: `HeldForModeration` when a comment action (`…/_discuss/…/new` or `…/reply`)
    ///   redirected to a post that then answers 404: the comment was stored and awaits
    ///   moderation. Classified `ForgeError`s otherwise.
    public func postForm(_ path: [String], fields: [(String, String)]) async throws -> HTTPResponse {
        let url = try restURL(path, trailingSlash: false)
        let body = fields.map { PathSegment.encode($0.0) + "=" + PathSegment.encode($0.1) }.joined(separator: "&")
        let response = try await send(
            "POST", url, body: Data(body.utf8), contentType: "application/x-www-form-urlencoded; charset=utf-8")
        let isRedirect = (300..<400).contains(response.status)
        guard isRedirect || response.status == 201, let location = response.header("Location") else {
            if let error = HTTPErrorClassifier.error(for: response, url: url) { throw redacted(error) }
            return response
        }
        let target = try resolve(location: location)
        let isComment = path.contains("_discuss") && ["new", "reply"].contains(path.last ?? "")
        do {
            return try await getResponse(target)
        } catch ForgeError.notFound where isComment && isRedirect {
            throw HeldForModeration(location: target.path)
        }
    }

    /// The URL to GET for a `Location` header: its path (re-encoded segment by segment, since
    /// Allura may send raw non-ASCII) below the configured base URL, with a trailing slash.
    func resolve(location: String) throws -> URL {
        let parts = URLParts(location)
        var segments = parts.segments
        let prefix = baseURL.path.split(separator: "/").map { PathSegment.decode(String($0)) }
        if !prefix.isEmpty, segments.starts(with: prefix) { segments.removeFirst(prefix.count) }
        guard !segments.isEmpty else { throw ForgeError.invalidResponse("a redirect without a path") }
        var query: [URLQueryItem] = []
        if let raw = parts.query {
            for pair in raw.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    URLQueryItem(
                        name: PathSegment.decode(String(kv[0])),
                        value: kv.count > 1 ? PathSegment.decode(String(kv[1])) : ""))
            }
        }
        return try url(segments, query: query, trailingSlash: true)
    }

    /// `error` with every occurrence of the token replaced.
    func redacted(_ error: ForgeError) -> ForgeError {
        guard let token else { return error }
        func clean(_ s: String) -> String { s.replacingOccurrences(of: token.value, with: "<redacted>") }
        switch error {
        case .offline(let s): return .offline(clean(s))
        case .tls(let s): return .tls(clean(s))
        case .unauthorized(let s): return .unauthorized(detail: s.map(clean))
        case .forbidden(let s): return .forbidden(reason: s.map(clean))
        case .notFound(let s): return .notFound(what: s.map(clean))
        case .server(let status, let s): return .server(status: status, detail: s.map(clean))
        case .http(let status, let s): return .http(status: status, detail: s.map(clean))
        case .validation(let lines): return .validation(lines.map(clean))
        case .invalidResponse(let s): return .invalidResponse(clean(s))
        case .invalidURL(let s): return .invalidURL(clean(s))
        case .unsupported(let s): return .unsupported(clean(s))
        case .timeout, .methodNotAllowed, .rateLimited, .insecureToken, .notCached: return error
        }
    }

    // MARK: Paging

    /// `page` and `limit` as Allura wants them: explicit integers, `page` ≥ 0, `limit` in 1…500.
    public static func pagingQuery(page: Int, limit: Int) -> [URLQueryItem] {
        [
            URLQueryItem(name: "page", value: String(max(page, 0))),
            URLQueryItem(name: "limit", value: String(min(max(limit, 1), 500))),
        ]
    }

    /// GETs one page of a paged endpoint.
    public func getPage<T: Decodable>(
        _ path: [String], page: Int, limit: Int, query: [URLQueryItem] = []
    ) async throws -> T {
        try await get(path, query: query + Self.pagingQuery(page: page, limit: limit))
    }

    // MARK: Capabilities

    public func project(_ path: ProjectPath) async throws -> Project {
        let json: AlluraProjectJSON = try await get(path.segments)
        return AlluraMapping.project(json, base: baseURL, requested: path)
    }

    public func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String] {
        let json: AlluraWikiIndexJSON = try await get(project.segments + [mount])
        return json.pages
    }

    public func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage {
        let json: AlluraWikiPageJSON = try await get(project.segments + [mount, title])
        return AlluraMapping.wikiPage(json)
    }

    public func profile(username: String) async throws -> UserProfile {
        let json: AlluraUserProfileJSON = try await get(["u", username, "profile"])
        return AlluraMapping.userProfile(json)
    }

    public func linkTarget(_ project: ProjectPath, mount: String) async throws -> String? {
        let json: AlluraLinkJSON = try await get(project.segments + [mount])
        return json.url.flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: Wire-level endpoints

    /// One page of a tracker's ticket list with its metadata (§6.1).
    public func ticketList(
        _ project: ProjectPath, mount: String, page: Int, limit: Int
    ) async throws
        -> AlluraTicketListJSON
    {
        try await getPage(project.segments + [mount], page: page, limit: limit)
    }

    /// One ticket (§6.2).
    public func ticket(_ project: ProjectPath, mount: String, number: Int) async throws -> AlluraTicketJSON {
        let json: AlluraTicketResponseJSON = try await get(project.segments + [mount, String(number)])
        return json.ticket
    }

    /// A ticket search (§6.3); `sort` is a Solr sort spec or nil.
    public func searchTickets(
        _ project: ProjectPath, mount: String, query: String, sort: String? = nil, page: Int, limit: Int
    ) async throws -> AlluraTicketSearchJSON {
        var items = [URLQueryItem(name: "q", value: query)]
        if let sort, !sort.isEmpty { items.append(URLQueryItem(name: "sort", value: sort)) }
        return try await getPage(project.segments + [mount, "search"], page: page, limit: limit, query: items)
    }

    /// A page of a tool's comment thread (§9); it has no count, so stop at a short page.
    public func discussThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    )
        async throws -> DiscussionThread
    {
        let json: AlluraDiscussThreadJSON = try await getPage(
            project.segments + [mount, "_discuss", "thread", thread], page: page, limit: limit)
        return AlluraMapping.thread(json.thread)
    }

    /// Adds a comment to a tool thread, or a reply to the post `replyTo` (a slug), §9.
    public func postComment(
        _ project: ProjectPath, mount: String, thread: String, replyTo: String? = nil, text: String
    ) async throws -> CommentOutcome {
        guard !text.trimmedOfWhitespace.isEmpty else { throw ForgeError.unsupported("An empty comment is not sent") }
        var path = project.segments + [mount, "_discuss", "thread", thread]
        if let replyTo {
            path += replyTo.split(separator: "/").map(String.init) + ["reply"]
        } else {
            path.append("new")
        }
        do {
            let response = try await postForm(path, fields: [("text", text)])
            let json = try decode(AlluraPostJSON.self, from: response.body)
            return .posted(AlluraMapping.post(json.post))
        } catch is HeldForModeration {
            return .awaitingModeration
        }
    }

    /// The forums of a discussion tool (§8.1).
    public func forums(
        _ project: ProjectPath, mount: String, page: Int, limit: Int
    ) async throws
        -> AlluraForumListJSON
    {
        try await getPage(project.segments + [mount], page: page, limit: limit)
    }

    /// A page of a forum's topics (§8.2).
    public func topics(
        _ project: ProjectPath, mount: String, forum: String, page: Int, limit: Int
    ) async throws
        -> AlluraTopicListJSON
    {
        try await getPage(project.segments + [mount, forum], page: page, limit: limit)
    }

    /// A page of a topic's posts (§8.3).
    public func topicPosts(
        _ project: ProjectPath, mount: String, forum: String, thread: String, page: Int, limit: Int
    ) async throws -> AlluraTopicPostsJSON {
        try await getPage(project.segments + [mount, forum, "thread", thread], page: page, limit: limit)
    }

    /// A page of a blog's posts (§10.1); pages past the end repeat the last one.
    public func blogListJSON(
        _ project: ProjectPath, mount: String, page: Int, limit: Int
    ) async throws
        -> AlluraBlogListJSON
    {
        try await getPage(project.segments + [mount], page: page, limit: limit)
    }

    /// One blog post by its path below the blog (`2025/02/slug`), §10.2.
    public func blogPostJSON(_ project: ProjectPath, mount: String, path: String) async throws -> AlluraBlogPostJSON {
        try await get(project.segments + [mount] + path.split(separator: "/").map(String.init))
    }
}

/// What became of a comment.
public enum CommentOutcome: Hashable, Sendable {
    /// Published; the post as the server now shows it.
    case posted(Post)
    /// Stored, but held for moderation: nobody sees it yet.
    case awaitingModeration
}

/// A comment was accepted (302) but its post answers 404: it awaits moderation (§9).
public struct HeldForModeration: Error, Hashable, Sendable {
    /// The path the server redirected to.
    public var location: String
}
