import Foundation
import HTTP

/// The mutable state of the GitLab demo and its request handling: authentication, faults,
/// routing, paging headers and GitLab's error bodies.
struct GitLabDemoState {
    var data: GitLabDemoData
    var baseURL: URL
    var faults: [ForgeState.ActiveFault]
    var log: [GitLabDemoForge.LoggedRequest] = []
    /// Collections larger than this are answered without totals, as GitLab does above 10,000.
    var totalsLimit: Int
    /// The demo's clock for writes: a second later on every write.
    var clock: Int64 = DemoTime.now

    var root: String { DemoURL.root(baseURL) }
    var json: GitLabDemoJSON { GitLabDemoJSON(data: data, root: root) }

    mutating func handle(_ request: HTTPRequest) -> HTTPResponse {
        let rawPath = DemoURL.rawPath(of: request.url)
        log.append(
            GitLabDemoForge.LoggedRequest(
                method: request.method.uppercased(), path: rawPath, query: DemoURL.query(of: request.url),
                body: request.body.map { String(decoding: $0, as: UTF8.self) }))
        if let index = faults.firstIndex(where: { fault in
            rawPath.contains(fault.rule.pathContains)
                && (fault.rule.method.map { $0.caseInsensitiveCompare(request.method) == .orderedSame } ?? true)
                && (fault.remaining.map { $0 > 0 } ?? true)
        }) {
            if let remaining = faults[index].remaining { faults[index].remaining = remaining - 1 }
            return Self.fault(faults[index].rule.status)
        }
        let caller: Int?
        switch authenticate(request) {
        case .success(let id): caller = id
        case .failure(let failure): return failure.response
        }
        let parsed = GitLabDemoRequest(request, caller: caller)
        var response = route(parsed)
        if request.method.uppercased() == "HEAD" { response.body = Data() }
        return response
    }

    /// The caller's user id, nil for anonymous, or the 401 of a bad token (GitLab never falls back
    /// to anonymous for an unknown token, even on public resources).
    func authenticate(_ request: HTTPRequest) -> Result<Int?, Response> {
        var token = request.header("PRIVATE-TOKEN")
        if token == nil, let authorization = request.header("Authorization") {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { token = String(parts[1]) }
        }
        guard let token else { return .success(nil) }
        if token == GitLabDemoNames.demoToken, let user = data.user(named: GitLabDemoNames.tokenUser) {
            return .success(user.id)
        }
        if token.hasPrefix("expired-") {
            return .failure(
                Response(
                    Self.json(
                        .object([
                            "error": .string("invalid_token"),
                            "error_description": .string(
                                "Token is expired. You can either do re-authorization or token refresh."),
                        ]), status: 401)))
        }
        return .failure(Response(Self.message("401 Unauthorized", status: 401)))
    }

    /// An `HTTPResponse` that can be the failure of a `Result`.
    struct Response: Error {
        let response: HTTPResponse
        init(_ response: HTTPResponse) { self.response = response }
    }

    mutating func route(_ request: GitLabDemoRequest) -> HTTPResponse {
        let s = request.segments
        guard s.count >= 2, s[0] == "api" else { return Self.noRoute() }
        if s[1] == "v3" {
            return Self.json(
                .object(["error": .string("API V3 is no longer supported. Use API V4 instead.")]), status: 410)
        }
        guard s[1] == "v4" else { return Self.noRoute() }
        let rest = Array(s.dropFirst(2))
        switch (request.method, rest.first) {
        case ("GET", "user") where rest.count == 1:
            guard let caller = request.caller, let user = data.user(id: caller) else { return Self.unauthorized() }
            return Self.json(json.profile(user))
        case ("GET", "version") where rest.count == 1:
            guard request.caller != nil else { return Self.unauthorized() }
            return Self.json(.object(["version": .string("18.2.1"), "revision": .string("demo")]))
        case ("GET", "users"):
            return users(request, rest: Array(rest.dropFirst()))
        case ("GET", "projects") where rest.count == 1:
            return projectList(request)
        case (_, "projects") where rest.count >= 2:
            guard let index = projectIndex(rest[1], caller: request.caller) else {
                return Self.message("404 Project Not Found", status: 404)
            }
            return projectRoute(request, project: index, rest: Array(rest.dropFirst(2)))
        case ("GET", "groups") where rest.count >= 2:
            guard
                let group = data.groups.first(where: {
                    $0.fullPath.lowercased() == rest[1].lowercased() || String($0.id) == rest[1]
                })
            else { return Self.message("404 Group Not Found", status: 404) }
            if rest.count == 2 { return Self.json(groupJSON(group)) }
            if rest.count == 3, rest[2] == "subgroups" {
                let subgroups = data.groups.filter { $0.parentID == group.id }.sorted { $0.name < $1.name }
                return page(subgroups.map(groupJSON), request)
            }
            guard rest.count == 3, rest[2] == "projects" else { return Self.noRoute() }
            let deep = request["include_subgroups"]?.bool == true
            let projects = visibleProjects(caller: request.caller).filter {
                $0.namespaceKind == "group"
                    && ($0.namespacePath == group.fullPath
                        || (deep && $0.namespacePath.hasPrefix(group.fullPath + "/")))
            }
            return page(projects.map { json.simpleProject($0) }, request)
        default:
            return Self.noRoute()
        }
    }

    /// A group as `GET /groups/:id` answers it.
    func groupJSON(_ group: GitLabDemoData.Group) -> DemoJSON {
        .object([
            "id": .int(group.id), "name": .string(group.name), "path": .string(group.path),
            "full_name": .string(group.fullPath.split(separator: "/").joined(separator: " / ")),
            "full_path": .string(group.fullPath), "parent_id": group.parentID.map(DemoJSON.int) ?? .null,
            "description": .string(group.parentID == nil ? "Everything Acme builds." : "Tools for developers."),
            "visibility": .string("public"), "web_url": .string(root + "/groups/" + group.fullPath),
        ])
    }

    // MARK: - Users and projects

    func users(_ request: GitLabDemoRequest, rest: [String]) -> HTTPResponse {
        if let idText = rest.first {
            guard let id = Int(idText), let user = data.user(id: id) else {
                return Self.message("404 User Not Found", status: 404)
            }
            return Self.json(json.profile(user))
        }
        var users = data.users
        if let name = request.string("username") {
            users = users.filter { $0.username.lowercased() == name.lowercased() }
        }
        if let search = request.string("search")?.lowercased() {
            users = users.filter { $0.username.lowercased().contains(search) || $0.name.lowercased().contains(search) }
        }
        return page(users.map { json.user($0) }, request)
    }

    func visibleProjects(caller: Int?) -> [GitLabDemoData.Project] {
        data.projects.filter { project in
            project.visibility == "public" || (caller.map { project.members[$0] != nil } ?? false)
        }
    }

    /// The index of the project `segment` names (numeric id or full path, case-insensitive),
    /// when the caller may see it.
    func projectIndex(_ segment: String, caller: Int?) -> Int? {
        let index = data.projects.firstIndex {
            String($0.id) == segment || $0.pathWithNamespace.lowercased() == segment.lowercased()
        }
        guard let index else { return nil }
        let project = data.projects[index]
        guard project.visibility == "public" || (caller.map { project.members[$0] != nil } ?? false) else { return nil }
        return index
    }

    func projectList(_ request: GitLabDemoRequest) -> HTTPResponse {
        var projects = visibleProjects(caller: request.caller)
        if request["membership"]?.bool == true {
            guard let caller = request.caller else { return Self.json(.array([])) }
            projects = projects.filter { $0.members[caller] != nil }
        }
        if let search = request.string("search")?.lowercased(), !search.isEmpty {
            projects = projects.filter {
                $0.name.lowercased().contains(search) || $0.path.lowercased().contains(search)
                    || ($0.description ?? "").lowercased().contains(search)
            }
        }
        let order = request.string("order_by") ?? "created_at"
        projects.sort { a, b in
            switch order {
            case "last_activity_at":
                return a.lastActivityAt != b.lastActivityAt ? a.lastActivityAt < b.lastActivityAt : a.id < b.id
            case "name": return a.name.lowercased() < b.name.lowercased()
            case "path": return a.path < b.path
            default: return a.id < b.id
            }
        }
        if request.string("sort") != "asc" { projects.reverse() }
        let simple = request.caller == nil || request["simple"]?.bool == true
        return page(
            projects.map { simple ? json.simpleProject($0) : json.fullProject($0, caller: request.caller) }, request)
    }

    mutating func projectRoute(_ request: GitLabDemoRequest, project index: Int, rest: [String]) -> HTTPResponse {
        let project = data.projects[index]
        switch (request.method, rest.first) {
        case ("GET", nil):
            return Self.json(json.fullProject(project, caller: request.caller))
        case (_, "issues"):
            guard project.issuesAccess != "disabled" else { return Self.message("403 Forbidden", status: 403) }
            return issueRoute(request, project: index, rest: Array(rest.dropFirst()))
        case (_, "wikis"):
            guard project.wikiAccess != "disabled" else { return Self.message("403 Forbidden", status: 403) }
            return wikiRoute(request, project: index, rest: Array(rest.dropFirst()))
        case ("GET", "labels") where rest.count == 1:
            let counts = request["with_counts"]?.bool == true
            let labels = project.labels.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return page(labels.map { json.label($0, project: project, counts: counts) }, request)
        case ("GET", "milestones") where rest.count == 1:
            var milestones = project.milestones
            if let state = request.string("state") { milestones = milestones.filter { $0.state == state } }
            let iids = request["iids"]?.list.compactMap { Int($0) } ?? []
            if !iids.isEmpty { milestones = milestones.filter { iids.contains($0.iid) } }
            if let title = request.string("title") { milestones = milestones.filter { $0.title == title } }
            return page(milestones.reversed().map { json.milestone($0, project: project) }, request)
        case ("GET", "members"):
            let members = project.members.keys.sorted().compactMap { id in
                data.user(id: id).map { json.member($0, level: project.members[id] ?? 0) }
            }
            return page(members, request)
        default:
            return Self.noRoute()
        }
    }

    // MARK: - Paging

    /// One page of `items` with GitLab's offset paging headers: `per_page` clamped to 100, totals
    /// and `rel="last"` left out above `totalsLimit`, `Link` URLs carrying every parameter.
    func page(_ items: [DemoJSON], _ request: GitLabDemoRequest) -> HTTPResponse {
        let perPage = min(max(request.int("per_page") ?? 20, 1), 100)
        let page = max(request.int("page") ?? 1, 1)
        let start = min((page - 1).multipliedReportingOverflow(by: perPage).partialValue, items.count)
        let slice = Array(items[max(start, 0)..<min(start + perPage, items.count)])
        let totalPages = max(1, (items.count + perPage - 1) / perPage)
        let hasNext = start + perPage < items.count
        var headers = [
            "Content-Type": "application/json", "x-page": String(page), "x-per-page": String(perPage),
            "x-next-page": hasNext ? String(page + 1) : "", "x-prev-page": page > 1 ? String(page - 1) : "",
        ]
        let counted = items.count <= totalsLimit
        if counted {
            headers["x-total"] = String(items.count)
            headers["x-total-pages"] = String(totalPages)
        }
        var links: [String] = []
        func link(_ number: Int, _ relation: String) {
            links.append("<\(pageURL(request, page: number, perPage: perPage))>; rel=\"\(relation)\"")
        }
        if page > 1 { link(page - 1, "prev") }
        if hasNext { link(page + 1, "next") }
        link(1, "first")
        if counted { link(totalPages, "last") }
        headers["Link"] = links.joined(separator: ", ")
        return HTTPResponse(status: 200, headers: headers, body: DemoJSON.array(slice).encoded())
    }

    /// The request's URL on this forge with `page` and `per_page` set, parameters sorted by name.
    func pageURL(_ request: GitLabDemoRequest, page: Int, perPage: Int) -> String {
        var items = FormFields(encoded: DemoURL.query(of: request.url)).pairs.filter {
            $0.name != "page" && $0.name != "per_page"
        }
        items.append(("page", String(page)))
        items.append(("per_page", String(perPage)))
        items.sort { $0.name < $1.name }
        let query = items.map { DemoURL.encodeSegment($0.name) + "=" + DemoURL.encodeSegment($0.value) }
        return root + DemoURL.rawPath(of: request.url) + "?" + query.joined(separator: "&")
    }

    // MARK: - Responses

    static func json(_ value: DemoJSON, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: value.encoded())
    }

    static func message(_ text: String, status: Int) -> HTTPResponse {
        json(.object(["message": .string(text)]), status: status)
    }

    static func error(_ text: String, status: Int = 400) -> HTTPResponse {
        json(.object(["error": .string(text)]), status: status)
    }

    static func unauthorized() -> HTTPResponse { message("401 Unauthorized", status: 401) }
    static func forbidden() -> HTTPResponse { message("403 Forbidden", status: 403) }
    static func noRoute() -> HTTPResponse { error("404 Not Found", status: 404) }

    /// A fault rule's answer: 429 as Rack::Attack sends it (plain text, `Retry-After`, `RateLimit-*`),
    /// other statuses with GitLab's JSON message.
    static func fault(_ status: Int) -> HTTPResponse {
        guard status == 429 else {
            if status >= 500 { return message("\(status) Internal Server Error", status: status) }
            return message("\(status) Error", status: status)
        }
        return HTTPResponse(
            status: 429,
            headers: [
                "Content-Type": "text/plain", "Retry-After": "1", "RateLimit-Limit": "600",
                "RateLimit-Observed": "601", "RateLimit-Remaining": "0", "RateLimit-Name": "throttle_authenticated_api",
            ],
            body: Data("Retry later\n".utf8))
    }
}
