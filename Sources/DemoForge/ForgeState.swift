import Foundation
import HTTP

/// Everything mutable about a demo forge; only touched under the forge's mutex.
struct ForgeState: Sendable {
    struct ActiveFault: Sendable {
        var rule: DemoForge.FaultRule
        var remaining: Int?
    }

    var data: DemoData
    var baseURL: URL
    let token: String
    let tokenUser: String
    var log: [DemoForge.LoggedRequest] = []
    var faults: [ActiveFault]
    /// The logical clock for writes: starts at the demo "now" and advances per write.
    var clock: Int64 = DemoTime.now
    /// Randomness for writes (new slugs and ids), deterministic per seed.
    var rng: SplitMix64
    /// Project key → how many more `export_status` calls answer busy.
    var runningExports: [String: Int] = [:]
    /// Repository tool key → its webhooks.
    var webhooks: [String: [DemoWebhook]] = [:]

    init(data: DemoData, baseURL: URL, options: DemoForge.Options) {
        self.data = data
        self.baseURL = baseURL
        token = options.token
        tokenUser = options.tokenUser
        faults = options.faults.map { ActiveFault(rule: $0, remaining: $0.times) }
        rng = SplitMix64(seed: data.seed ^ 0x5752_4954_4553)
    }

    /// `scheme://host[:port]` of the base URL.
    /// (`URL`'s parts, not `URLComponents`': its `host` decodes international names through ICU,
    /// whose data would be loaded for every answer.)
    var root: String {
        guard let scheme = baseURL.scheme, let host = baseURL.host else { return DemoURL.root(baseURL) }
        return scheme + "://" + host + (baseURL.port.map { ":\($0)" } ?? "")
    }

    var host: String { baseURL.host ?? "demo.anvil.test" }

    /// An absolute web URL for a web path (`/p/x/`).
    func web(_ path: String) -> String { root + path }
    /// An absolute REST URL for a web path (`/p/x/` → `…/rest/p/x/`).
    func rest(_ path: String) -> String { root + "/rest" + path }

    mutating func tick() -> Int64 {
        clock += 1000 + Int64(rng.int(1...999))
        return clock
    }

    // MARK: Handling

    mutating func handle(_ request: HTTPRequest) -> HTTPResponse {
        let rawPath = DemoURL.rawPath(of: request.url)
        let query = DemoURL.query(of: request.url)
        log.append(DemoForge.LoggedRequest(method: request.method, path: rawPath, query: query))
        let accept = request.header("Accept")

        if let index = faults.firstIndex(where: { fault in
            rawPath.contains(fault.rule.pathContains)
                && (fault.rule.method.map { $0.caseInsensitiveCompare(request.method) == .orderedSame } ?? true)
                && (fault.remaining.map { $0 > 0 } ?? true)
        }) {
            if let remaining = faults[index].remaining { faults[index].remaining = remaining - 1 }
            return DemoResponses.fault(faults[index].rule.status, accept: accept)
        }

        let user: String?
        switch authenticate(request.header("Authorization")) {
        case .anonymous: user = nil
        case .user(let name): user = name
        case .rejected(let status):
            return status == 500 ? DemoResponses.errorPage(500) : DemoResponses.generic(status, accept: accept)
        }

        let (segments, trailingSlash) = DemoURL.segments(of: request.url)
        let method = request.method.uppercased() == "HEAD" ? "GET" : request.method.uppercased()
        let context = RequestContext(
            method: method, segments: segments, trailingSlash: trailingSlash, rawPath: rawPath,
            query: FormFields(encoded: query), form: FormFields(body: request.body), user: user, accept: accept)
        var response = route(context)
        if request.method.uppercased() == "HEAD" { response.body = Data() }
        return response
    }

    enum Authentication {
        case anonymous
        case user(String)
        case rejected(Int)
    }

    func authenticate(_ header: String?) -> Authentication {
        guard let header else { return .anonymous }
        if header.hasPrefix("Bearer ") {
            let presented = header.dropFirst("Bearer ".count)
            return !presented.isEmpty && presented == token ? .user(tokenUser) : .rejected(401)
        }
        // Anything else is parsed as OAuth 1.0a: well-formed OAuth fails with 401, the rest with 500.
        return header.hasPrefix("OAuth ") ? .rejected(401) : .rejected(500)
    }

    mutating func route(_ context: RequestContext) -> HTTPResponse {
        guard context.segments.first == "rest" else { return DemoResponses.errorPage(404) }
        let path = Array(context.segments.dropFirst())
        guard let nbhd = path.first else {
            return context.method == "GET" ? DemoResponses.json(.object([:])) : context.notAllowed()
        }
        if nbhd == "auth", path.count == 3, path[1] == "tools" {
            return authTools(type: path[2], context: context)
        }
        guard path.count >= 2, let project = data.projects[nbhd + "/" + path[1]] else {
            return DemoResponses.errorPage(404)
        }
        let rest = Array(path.dropFirst(2))
        if rest == ["has_access"] || rest.first == "admin" {
            return administration(project: project, path: rest, context: context)
        }
        guard let mount = rest.first else {
            return context.method == "GET" ? DemoResponses.json(projectJSON(project)) : DemoResponses.errorPage(404)
        }
        guard let tool = project.tools.first(where: { $0.mountPoint == mount }), tool.hasREST else {
            return DemoResponses.errorPage(404)
        }
        let key = project.toolKey(mount)
        let sub = Array(rest.dropFirst())
        if sub.first == "_discuss", ["wiki", "tickets", "blog"].contains(tool.name) {
            return discuss(toolKey: key, path: Array(sub.dropFirst()), context: context)
        }
        switch tool.name {
        case "wiki": return wiki(key: key, path: sub, context: context)
        case "tickets": return tickets(key: key, project: project, path: sub, context: context)
        case "discussion": return forums(key: key, path: sub, context: context)
        case "blog": return blog(key: key, project: project, path: sub, context: context)
        case "link": return link(key: key, project: project, path: sub, context: context)
        case "activity":
            return sub.isEmpty && context.method == "GET"
                ? activity(project: project, context: context) : DemoResponses.errorPage(404)
        case "profile":
            return sub.isEmpty && context.method == "GET"
                ? profile(username: project.shortname) : DemoResponses.errorPage(404)
        default: return DemoResponses.errorPage(404)
        }
    }
}

/// A parsed request.
struct RequestContext {
    var method: String
    var segments: [String]
    var trailingSlash: Bool
    var rawPath: String
    var query: FormFields
    var form: FormFields
    var user: String?
    var accept: String?

    var isAnonymous: Bool { user == nil }

    /// 405 with `Allow: POST`, for a GET on a POST-only action.
    func notAllowed() -> HTTPResponse {
        DemoResponses.generic(405, accept: accept, headers: ["Allow": "POST"])
    }

    func unauthorized() -> HTTPResponse {
        DemoResponses.generic(401, accept: accept)
    }

    /// The directory of the request path: everything up to and including the last `/`. A
    /// relative redirect resolves against it, as the real server's does.
    var redirectBase: String {
        guard let cut = rawPath.lastIndex(of: "/") else { return "/" }
        return String(rawPath[...cut])
    }
}

/// Paging parameters with Allura's per-endpoint quirks.
struct Paging {
    var page: Int
    var limit: Int

    /// Nil when a parameter is not an integer on an endpoint where that is a 500.
    static func parse(
        _ query: FormFields, defaultLimit: Int, zeroLimit: Int = 1,
        strictPage: Bool = false, strictLimit: Bool = false
    ) -> Paging? {
        var limit = defaultLimit
        if let raw = query["limit"] {
            if let value = Int(raw) {
                limit = value == 0 ? zeroLimit : max(1, min(500, value))
            } else if strictLimit {
                return nil
            }
        }
        var page = 0
        if let raw = query["page"] {
            if let value = Int(raw) {
                page = max(0, value)
            } else if strictPage {
                return nil
            }
        }
        return Paging(page: page, limit: limit)
    }

    /// The items of this page.
    func slice<T>(_ items: [T]) -> ArraySlice<T> {
        let start = min(items.count, page * limit)
        return items[start..<min(items.count, start + limit)]
    }
}
