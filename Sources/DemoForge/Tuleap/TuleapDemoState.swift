import Foundation
import HTTP

/// The Tuleap demo's mutable state and its request handling: the routes of tuleap-rest.md with
/// Tuleap's headers, paging (`X-PAGINATION-SIZE` counted before permissions), error bodies,
/// authentication rules, `Etag`/`If-Match` and the changeset quirks.
struct TuleapDemoState {
    var data: TuleapDemoData
    var baseURL: URL
    var log: [TuleapDemoForge.LoggedRequest] = []
    var tokens: [String: Int] = [:]
    /// Seconds added to the clock by each write, so each write gets a new `Etag`.
    var writes: Int64 = 0

    /// Who is asking, and with what: nil user is anonymous.
    struct Caller {
        var user: Int?
        var canWrite: Bool
        var isOAuth: Bool
    }

    enum Refusal: Error {
        case status(Int, String)
    }

    mutating func handle(_ request: HTTPRequest) -> HTTPResponse {
        let body = request.body.map { String(decoding: $0, as: UTF8.self) }
        log.append(
            TuleapDemoForge.LoggedRequest(
                method: request.method, path: DemoURL.rawPath(of: request.url), query: DemoURL.query(of: request.url),
                body: body, ifMatch: request.header("If-Match")))
        do throws(Refusal) {
            return try route(request)
        } catch {
            switch error {
            case .status(let status, let message): return self.error(status, message)
            }
        }
    }

    func error(_ status: Int, _ message: String) -> HTTPResponse {
        var response = Self.json(["error": ["code": status, "message": message]], status: status)
        if status == 401 {
            response.headers["www-authenticate"] =
                "Basic realm=\"Restricted Tuleap API Token realm=\"Restricted Tuleap API\" AccessKey realm=\"Restricted Tuleap API\" Bearer realm=\"Restricted Tuleap API\""
        }
        return response
    }

    static func json(_ object: Any, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
        var all = ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Expires": "0"]
        for (name, value) in headers { all[name] = value }
        return HTTPResponse(status: status, headers: all, body: TuleapDemoJSON.encode(object))
    }

    var json: TuleapDemoJSON { TuleapDemoJSON(data: data, root: DemoURL.root(baseURL)) }

    /// The first credential header present decides (§2): a wrong one is an error, even on public
    /// resources; no header at all is anonymous.
    func caller(_ request: HTTPRequest) throws(Refusal) -> Caller {
        let alice = 101
        if let key = request.header("X-Auth-AccessKey") {
            guard key.hasPrefix("tlp-k1-") else {
                throw .status(401, "Unauthorized: Key or token incorrectly formatted")
            }
            guard key == TuleapDemoNames.demoKey else { throw .status(401, "Unauthorized: Invalid access key") }
            return Caller(user: alice, canWrite: true, isOAuth: false)
        }
        if let authorization = request.header("Authorization"), authorization.hasPrefix("Bearer ") {
            guard authorization.dropFirst(7) == TuleapDemoNames.demoOAuthToken else {
                throw .status(401, "Unauthorized: Invalid OAuth2 access token")
            }
            return Caller(user: alice, canWrite: false, isOAuth: true)
        }
        if let token = request.header("X-Auth-Token"), let userID = request.header("X-Auth-UserId") {
            guard let owner = tokens[token], String(owner) == userID else {
                throw .status(401, "Unauthorized: Invalid Token")
            }
            return Caller(user: owner, canWrite: true, isOAuth: false)
        }
        if let authorization = request.header("Authorization"), authorization.hasPrefix("Basic ") {
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard decoded == TuleapDemoNames.demoUser + ":" + TuleapDemoNames.demoPassword else {
                throw .status(401, "Unauthorized: Basic Authentication Required")
            }
            return Caller(user: alice, canWrite: true, isOAuth: false)
        }
        return Caller(user: nil, canWrite: false, isOAuth: false)
    }

    mutating func route(_ request: HTTPRequest) throws(Refusal) -> HTTPResponse {
        var segments = DemoURL.segments(of: request.url).segments
        guard segments.first == "api" else { throw .status(404, "Not Found") }
        segments.removeFirst()
        if segments.first == "v1" { segments.removeFirst() }
        let query = Dictionary(
            FormFields(encoded: DemoURL.query(of: request.url)).pairs, uniquingKeysWith: { first, _ in first })
        let method = request.method.uppercased()
        if segments == ["version"] {
            return Self.json(["flavor_name": "Tuleap Community Edition", "version_number": "17.4"])
        }
        if segments == ["tokens"], method == "POST" { return login(request) }
        let who = try caller(request)
        if method != "GET" {
            guard who.user != nil else { throw .status(401, "Unauthorized") }
            guard who.canWrite else { throw .status(401, "Unauthorized: Invalid OAuth2 access token") }
        }
        switch (method, segments.count, segments.first) {
        case ("GET", 2, "users") where segments[1] == "self":
            guard let id = who.user else { throw .status(401, "Unauthorized") }
            return Self.json(json.user(id, full: true))
        case ("GET", 1, "projects"): return try projects(query, caller: who)
        case ("GET", 2, "projects"):
            return Self.json(json.project(try project(segments[1])))
        case ("GET", 3, "projects") where segments[2] == "project_services":
            return Self.json(json.services(try project(segments[1])))
        case ("GET", 3, "projects") where segments[2] == "trackers":
            let p = try project(segments[1])
            let trackers = data.trackers.filter { $0.projectID == p.id }
            let minimal = query["representation"] == "minimal"
            let items = trackers.map { minimal ? json.trackerRef($0) : json.tracker($0) }
            return try paged(items, size: items.count, query: query, defaultLimit: 10, maximum: 50)
        case ("GET", 3, "projects") where segments[2] == "phpwiki":
            if who.isOAuth { throw .status(401, "Unauthorized: Invalid OAuth2 access token") }
            let p = try project(segments[1])
            let filter = query["pagename"] ?? ""
            let pages = data.wiki.filter { $0.projectID == p.id && (filter.isEmpty || $0.name.contains(filter)) }
            let (offset, limit) = try window(query, defaultLimit: 10, maximum: 50)
            let slice = pages.dropFirst(offset).prefix(limit).map {
                ["id": $0.id, "uri": "phpwiki/\($0.id)", "name": $0.name] as [String: Any]
            }
            return Self.json(
                ["pages": Array(slice)],
                headers: pagingHeaders(size: pages.count, offset: offset, limit: limit, max: 50))
        case ("GET", 2, "phpwiki"):
            let page = try wikiPage(segments[1], caller: who)
            return Self.json([
                "id": page.id, "uri": "phpwiki/\(page.id)", "name": page.name, "last_version": 1,
                "versions": [["version_id": 1, "uri": "phpwiki/\(page.id)/versions?version_id=1"]],
            ])
        case ("GET", 3, "phpwiki") where segments[2] == "versions":
            let page = try wikiPage(segments[1], caller: who)
            guard let version = query["version_id"] else { throw .status(400, "Bad Request: version_id is required") }
            guard version == "0" || version == "1" else { throw .status(404, "Not Found: version not found") }
            return Self.json([
                [
                    "version_id": 1, "uri": "phpwiki/\(page.id)/versions?version_id=1", "wiki_content": page.content,
                    "formatted_content": page.html,
                ]
            ])
        case ("GET", 2, "trackers"):
            return Self.json(json.tracker(try tracker(segments[1])))
        case ("GET", 3, "trackers") where segments[2] == "artifacts":
            return try artifacts(try tracker(segments[1]), query: query, caller: who)
        case ("GET", 2, "artifacts"):
            let artifact = try visibleArtifact(segments[1], caller: who)
            return Self.json(json.artifact(artifact, withValues: true), headers: etag(artifact))
        case ("GET", 3, "artifacts") where segments[2] == "changesets":
            return try changesets(try visibleArtifact(segments[1], caller: who), query: query)
        case ("PUT", 2, "artifacts"):
            return try update(segments[1], request: request, caller: who)
        case ("POST", 1, "artifacts"):
            return try create(request, caller: who)
        default:
            throw .status(404, "Not Found")
        }
    }

    mutating func login(_ request: HTTPRequest) -> HTTPResponse {
        guard let body = request.body,
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            object["username"] as? String == TuleapDemoNames.demoUser,
            object["password"] as? String == TuleapDemoNames.demoPassword
        else { return error(401, "Unauthorized: Invalid Password Or User Name") }
        let token = "demo-token-\(tokens.count + 1)"
        tokens[token] = 101
        return Self.json(["user_id": 101, "token": token, "uri": "tokens/\(token)"], status: 201)
    }

    /// Forgets every session token, as the 24-hour purge does.
    mutating func expireTokens() { tokens.removeAll() }

    func project(_ text: String) throws(Refusal) -> TuleapDemoProject {
        guard let id = Int(text) else {
            throw .status(400, "Bad Request: Invalid value specified for `id`. Expecting integer value")
        }
        guard let project = data.project(id) else { throw .status(404, "Not Found: Project does not exist") }
        return project
    }

    func tracker(_ text: String) throws(Refusal) -> TuleapDemoTracker {
        guard let id = Int(text), let tracker = data.tracker(id) else {
            throw .status(404, "Not Found")
        }
        return tracker
    }

    func wikiPage(_ text: String, caller: Caller) throws(Refusal) -> TuleapDemoWikiPage {
        if caller.isOAuth { throw .status(401, "Unauthorized: Invalid OAuth2 access token") }
        guard let id = Int(text), let page = data.wiki.first(where: { $0.id == id }) else {
            throw .status(404, "Not Found: The PhpWiki page does not exist")
        }
        return page
    }

    func visibleArtifact(_ text: String, caller: Caller) throws(Refusal) -> TuleapDemoArtifact {
        guard let id = Int(text), let artifact = data.artifacts[id] else { throw .status(404, "Not Found") }
        if artifact.isPrivate { throw .status(403, "Forbidden") }
        return artifact
    }

    func etag(_ artifact: TuleapDemoArtifact) -> [String: String] {
        ["Etag": String(artifact.lastModified / 1000), "Last-Modified": httpDate(artifact.lastModified)]
    }

    /// `Mon, 09 Feb 2026 11:27:40 GMT`, the `Last-Modified` form.
    func httpDate(_ ms: Int64) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let iso = DemoTime.iso8601(ms)  // YYYY-MM-DDTHH:MM:SS.mmmZ
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        let weekday = days[Int((ms / DemoTime.day) % 7 + 7) % 7]
        let day = parts[2] < 10 ? "0\(parts[2])" : "\(parts[2])"
        return "\(weekday), \(day) \(months[parts[1] - 1]) \(parts[0]) " + iso.dropFirst(11).prefix(8) + " GMT"
    }

    func window(
        _ query: [String: String], defaultLimit: Int, maximum: Int, minimum: Int = 0
    ) throws(Refusal) -> (
        Int, Int
    ) {
        let limitText = query["limit"] ?? String(defaultLimit)
        let offsetText = query["offset"] ?? "0"
        guard let limit = Int(limitText) else {
            throw .status(400, "Bad Request: Invalid value specified for `limit`. Expecting integer value")
        }
        guard let offset = Int(offsetText), offset >= 0 else {
            throw .status(400, "Bad Request: Invalid value specified for `offset`. Expecting integer value")
        }
        guard limit <= maximum else {
            throw .status(400, "Bad Request: Invalid value specified for `limit`. Maximum allowed value is \(maximum).")
        }
        guard limit >= minimum else {
            throw .status(400, "Bad Request: Invalid value specified for `limit`. Minimum allowed value is \(minimum).")
        }
        return (offset, limit)
    }

    func pagingHeaders(size: Int, offset: Int, limit: Int, max: Int) -> [String: String] {
        [
            "X-PAGINATION-SIZE": String(size), "X-PAGINATION-OFFSET": String(offset),
            "X-PAGINATION-LIMIT": String(limit), "X-PAGINATION-LIMIT-MAX": String(max),
        ]
    }

    func paged(
        _ items: [[String: Any]], size: Int, query: [String: String], defaultLimit: Int, maximum: Int
    ) throws(Refusal) -> HTTPResponse {
        let (offset, limit) = try window(query, defaultLimit: defaultLimit, maximum: maximum)
        return Self.json(
            Array(items.dropFirst(offset).prefix(limit)),
            headers: pagingHeaders(size: size, offset: offset, limit: limit, max: maximum))
    }

    func projects(_ query: [String: String], caller: Caller) throws(Refusal) -> HTTPResponse {
        var projects = data.projects
        if let text = query["query"], !text.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw .status(400, "Bad Request: parameter \"query\" syntax error, invalid JSON")
            }
            if let name = object["shortname"] as? String {
                projects = projects.filter { $0.shortname == name }
            } else if object["is_member_of"] as? Bool == true {
                if caller.user == nil { projects = [] }
            } else {
                throw .status(
                    400, "Bad Request: You can only search on 'shortname', 'is_member_of': true, 'is_admin_of': true")
            }
        }
        let items = projects.map { json.project($0) }
        return try paged(items, size: items.count, query: query, defaultLimit: 10, maximum: 50)
    }

    /// The tracker's artifacts: the size counts every artifact (private ones too) without a query,
    /// and each page leaves out those the caller cannot see.
    func artifacts(
        _ tracker: TuleapDemoTracker, query: [String: String], caller: Caller
    ) throws(Refusal) -> HTTPResponse {
        if let values = query["values"], values != "all", !values.isEmpty {
            throw .status(400, "Bad Request: Invalid value specified for `values`. Expecting one of: , all")
        }
        let (offset, limit) = try window(query, defaultLimit: 100, maximum: 1000, minimum: 1)
        var all = data.artifacts.values.filter { $0.trackerID == tracker.id }.sorted { $0.id < $1.id }
        if let tql = query["expert_query"], !tql.isEmpty {
            let parsed = Result { () throws(TuleapDemoTQL.Failure) in try TuleapDemoTQL.parse(tql, tracker: tracker) }
            guard case .success(let node) = parsed else {
                if case .failure(.message(let text)) = parsed { throw .status(400, "Bad Request: " + text) }
                throw .status(400, "Bad Request")
            }
            let matching = all.filter { !$0.isPrivate && TuleapDemoTQL.matches(node, $0, data: data) }
            all = matching
        } else if query["order"] == "desc" {
            all.reverse()
        }
        let page = all.dropFirst(offset).prefix(limit).filter { !$0.isPrivate }
        let withValues = query["values"] == "all"
        return Self.json(
            page.map { json.artifact($0, withValues: withValues) },
            headers: pagingHeaders(size: all.count, offset: offset, limit: limit, max: 1000))
    }

    /// Changesets with Tuleap's quirks: the page is cut from all changesets before empty comments
    /// are dropped (`fields=comments`), and `order=desc` reverses the ascending slice.
    func changesets(_ artifact: TuleapDemoArtifact, query: [String: String]) throws(Refusal) -> HTTPResponse {
        let (offset, limit) = try window(query, defaultLimit: 10, maximum: 50, minimum: 1)
        let commentsOnly = query["fields"] == "comments"
        var slice = Array(artifact.changesets.dropFirst(offset).prefix(limit))
        if commentsOnly { slice = slice.filter { !$0.comment.isEmpty } }
        if query["order"] == "desc" { slice.reverse() }
        return Self.json(
            slice.map { json.changeset($0, artifact: artifact, withValues: !commentsOnly) },
            headers: pagingHeaders(size: artifact.changesets.count, offset: offset, limit: limit, max: 50))
    }
}
