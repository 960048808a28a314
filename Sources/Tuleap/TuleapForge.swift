import ForgeModel
import Foundation
import HTTP
import Synchronization

/// The Tuleap REST API backend (tuleap-rest.md).
///
/// A project is addressed by its short name (neighborhood empty); addresses that name only a
/// project id, a tracker or an artifact use the neighborhoods `id`, `tracker` and `artifact`,
/// resolved on first read. Every tracker is a ticket tool mounted at its id; the PhpWiki is the
/// `wiki` tool when the project uses it. Artifacts are tickets numbered by their global id; their
/// changesets are a flat thread. Writes are one `PUT` with `If-Match` from the artifact's `Etag`.
public final class TuleapForge: ProjectReading, ProjectListing, WikiReading, TicketReading, TicketWriting,
    TrackerMetadataReading, TicketStatusProviding, ForumlessDiscussions, CommentWriting, Sendable,
    CustomStringConvertible
{
    public let displayName: String
    let client: TuleapClient
    private let trackers = Mutex<[Int: TrackerJSON]>([:])
    private let projectIDs = Mutex<[ProjectPath: Int]>([:])

    /// - Throws: `ForgeError.insecureToken` for a credential over plain `http` to a non-loopback
    ///   host; `ForgeError.unsupported` for `token`/`basic` without a user name.
    public init(
        baseURL: URL, secret: String?, auth mode: TuleapAuth.Mode = .accessKey, username: String? = nil,
        transport: Transport, displayName: String? = nil
    ) throws {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = baseURL.host, !host.isEmpty
        else { throw ForgeError.invalidURL(HTMLText.oneLine(baseURL.absoluteString, limit: 120)) }
        client = TuleapClient(
            base: baseURL, auth: try TuleapAuth(mode: mode, secret: secret, username: username, base: baseURL),
            transport: transport)
        self.displayName = displayName ?? (baseURL.port.map { "\(host):\($0)" } ?? host)
    }

    public var baseURL: URL { client.base }
    public var isAuthenticated: Bool { client.auth.isAuthenticated }
    public var description: String { "TuleapForge(\(baseURL.absoluteString), \(client.auth))" }

    /// Follow-ups are a flat list.
    public var maximumThreadDepth: Int? { 0 }

    /// Tuleap's limits: artifact pages of up to 1000 (other lists 50), one assignee through the
    /// contributor field as Anvil writes it, CommonMark comments, TQL searches.
    public var traits: ForgeTraits {
        ForgeTraits(
            maximumPageSize: 50, pageSize: 50, canUnassign: true, canWriteTopics: false, multipleAssignees: false,
            markup: .commonMark, searchExample: "status = \"Open\" AND @comments = 'crash'", sortFields: [],
            commentsTravelWithEdits: true)
    }

    // MARK: URLs

    public func route(for input: String) throws -> Route {
        guard let route = Self.route(for: try TuleapRouter.parse(input, base: baseURL)) else {
            throw ForgeError.unsupported("Anvil has no view for this Tuleap page; o opens it in the browser")
        }
        return route
    }

    static func route(for location: TuleapLocation) -> Route? {
        switch location {
        case .server: return nil
        case .project(let name): return .project(ProjectPath(neighborhood: "", name: name))
        case .projectID(let id): return .project(ProjectPath(neighborhood: "id", name: String(id)))
        case .tracker(let id): return .tool(ProjectPath(neighborhood: "tracker", name: String(id)), mount: String(id))
        case .artifact(let id):
            return .ticket(
                ProjectPath(neighborhood: "artifact", name: String(id)), mount: TuleapMapping.artifactsMount, number: id
            )
        case .wiki(let project, let page?):
            return .wikiPage(
                ProjectPath(neighborhood: "id", name: String(project)), mount: TuleapMapping.wikiMount, title: page)
        case .wiki(let project, nil):
            return .tool(ProjectPath(neighborhood: "id", name: String(project)), mount: TuleapMapping.wikiMount)
        case .user: return nil
        }
    }

    /// The location of a route, for its web URL.
    func location(for route: Route) -> TuleapLocation {
        func project(_ path: ProjectPath) -> TuleapLocation {
            switch path.neighborhood {
            case "id": return .projectID(Int(path.name) ?? 0)
            case "tracker": return .tracker(Int(path.name) ?? 0)
            case "artifact": return .artifact(Int(path.name) ?? 0)
            default: return .project(shortname: path.name)
            }
        }
        switch route {
        case .project(let path): return project(path)
        case .tool(let path, let mount), .ticketSearch(let path, let mount, _):
            if mount == TuleapMapping.wikiMount, let id = projectIDs.withLock({ $0[path] }) {
                return .wiki(projectID: id, page: nil)
            }
            return Int(mount).map { .tracker($0) } ?? project(path)
        case .ticket(_, _, let number), .ticketComment(_, _, let number, _): return .artifact(number)
        case .discussionThread(_, _, let thread), .threadPost(_, _, let thread, _):
            return Int(thread).map { .artifact($0) } ?? .server
        case .wikiPage(let path, _, let title):
            guard let id = projectIDs.withLock({ $0[path] }) else { return project(path) }
            return .wiki(projectID: id, page: title)
        case .userProfile(let name): return .user(username: name)
        case .group, .forum, .topic, .topicPost, .blogPost: return route.project.map(project) ?? .server
        }
    }

    public func webURL(for route: Route) -> String {
        TuleapRouter.webURL(for: location(for: route), base: baseURL)?.absoluteString ?? baseURL.absoluteString + "/"
    }

    /// `art #12`, `bug #12`, `story #12`: an artifact by its global id.
    public func resolveReference(_ text: String, in project: ProjectPath) -> ReferenceTarget? {
        let parts = text.split(separator: "#")
        guard parts.count == 2, let id = Int(parts[1]), id > 0 else { return nil }
        return .route(
            .ticket(
                ProjectPath(neighborhood: "artifact", name: String(id)), mount: TuleapMapping.artifactsMount, number: id
            ))
    }

    // MARK: Projects

    /// The numeric id of the project `path` names, asking the server once.
    func projectID(_ path: ProjectPath) async throws -> Int {
        if let known = projectIDs.withLock({ $0[path] }) { return known }
        let id: Int
        switch path.neighborhood {
        case "id":
            guard let number = Int(path.name) else { throw ForgeError.notFound(what: "project " + path.name) }
            id = number
        case "tracker":
            guard let number = Int(path.name) else { throw ForgeError.notFound(what: "tracker " + path.name) }
            guard let project = try await tracker(number).project else {
                throw ForgeError.invalidResponse("tracker \(number) names no project")
            }
            id = project.id
        case "artifact":
            guard let number = Int(path.name) else { throw ForgeError.notFound(what: "artifact " + path.name) }
            let (artifact, _) = try await client.getWithResponse(ArtifactJSON.self, ["artifacts", String(number)])
            guard let project = artifact.project else {
                throw ForgeError.invalidResponse("artifact \(number) names no project")
            }
            id = project.id
        default:
            let query = try Self.jsonQuery(["shortname": path.name])
            let found = try await client.get([ProjectJSON].self, ["projects"], query: [query])
            guard let project = found.first else { throw ForgeError.notFound(what: "project " + path.name) }
            id = project.id
        }
        projectIDs.withLock { $0[path] = id }
        return id
    }

    public func project(_ path: ProjectPath) async throws -> Project {
        let id = try await projectID(path)
        let json = try await client.get(ProjectJSON.self, ["projects", String(id)])
        async let services = try? client.get([ProjectServiceJSON].self, ["projects", String(id), "project_services"])
        let trackers = try await projectTrackers(id)
        // PhpWiki routes refuse OAuth2 tokens: with one, the wiki is not offered.
        let wikiEnabled = await services?.contains { $0.name == "wiki" && $0.isEnabled } ?? false
        let hasWiki = wikiEnabled && client.auth.mode != .oauth
        var extra: [Tool] = []
        if path.neighborhood == "artifact", let id = Int(path.name) {
            // The artifact's own tool, named after its tracker.
            let artifact = try? await client.getWithResponse(ArtifactJSON.self, ["artifacts", String(id)]).0
            let tracker = trackers.first { $0.id == artifact?.tracker.id }
            extra.append(
                Tool(
                    kind: .tickets, mountPoint: TuleapMapping.artifactsMount,
                    label: tracker.map(TuleapMapping.toolLabel) ?? "Artifact #" + path.name))
        }
        return TuleapMapping.project(
            json, path: path, trackers: trackers, hasWiki: hasWiki, base: baseURL, extraTools: extra)
    }

    /// The project's trackers with their structure (item names), at most 10 pages of 50.
    func projectTrackers(_ id: Int) async throws -> [TrackerJSON] {
        var minimal: [TrackerJSON] = []
        var offset = 0
        for _ in 0..<10 {
            let (items, paging) = try await client.page(
                [TrackerJSON].self, ["projects", String(id), "trackers"],
                query: [URLQueryItem(name: "representation", value: "minimal")], offset: offset, limit: 50)
            minimal += items
            guard paging.hasMore(after: offset, limit: 50) else { break }
            offset += 50
        }
        // Structures (for item names) four at a time; one that fails keeps its minimal form.
        var full: [Int: TrackerJSON] = [:]
        for batch in stride(from: 0, to: minimal.count, by: 4) {
            try await withThrowingTaskGroup(of: TrackerJSON.self) { group in
                for tracker in minimal[batch..<min(batch + 4, minimal.count)] {
                    group.addTask { (try? await self.tracker(tracker.id)) ?? tracker }
                }
                for try await tracker in group { full[tracker.id] = tracker }
            }
        }
        return minimal.map { full[$0.id] ?? $0 }
    }

    /// A tracker's structure, read once per session.
    func tracker(_ id: Int) async throws -> TrackerJSON {
        if let known = trackers.withLock({ $0[id] }) { return known }
        let json = try await client.get(TrackerJSON.self, ["trackers", String(id)])
        trackers.withLock { $0[id] = json }
        return json
    }

    /// The caller's projects (`is_member_of`); without credentials, the public ones.
    public func myProjects(page: Int, limit: Int) async throws -> Page<Project> {
        let size = min(max(limit, 1), 50)
        var query: [URLQueryItem] = []
        if isAuthenticated { query.append(try Self.jsonQuery(["is_member_of": true])) }
        let (items, paging) = try await client.page(
            [ProjectJSON].self, ["projects"], query: query, offset: page * size, limit: size)
        for item in items { projectIDs.withLock { $0[ProjectPath(neighborhood: "", name: item.shortname)] = item.id } }
        let projects = items.map {
            TuleapMapping.project(
                $0, path: ProjectPath(neighborhood: "", name: $0.shortname), trackers: [], hasWiki: false, base: baseURL
            )
        }
        return Page(items: projects, page: page, limit: size, total: paging.size.map(Total.atMost) ?? .unknown)
    }

    /// A `query=` parameter holding a JSON object.
    static func jsonQuery(_ object: [String: Any]) throws -> URLQueryItem {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return URLQueryItem(name: "query", value: String(decoding: data, as: UTF8.self))
    }

    // MARK: Wiki

    public func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String] {
        let id = try await projectID(project)
        var names: [String] = []
        var offset = 0
        for _ in 0..<40 {
            let (list, paging) = try await client.page(
                PhpWikiListJSON.self, ["projects", String(id), "phpwiki"], offset: offset, limit: 50)
            names += list.pages.map(\.name)
            guard paging.hasMore(after: offset, limit: 50) else { break }
            offset += 50
        }
        return names
    }

    public func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage {
        let id = try await projectID(project)
        let list = try await client.get(
            PhpWikiListJSON.self, ["projects", String(id), "phpwiki"],
            query: [URLQueryItem(name: "pagename", value: title), URLQueryItem(name: "limit", value: "50")])
        guard let page = list.pages.first(where: { $0.name == title }) else {
            throw ForgeError.notFound(what: "wiki page " + title)
        }
        let versions = try await client.get(
            [PhpWikiVersionJSON].self, ["phpwiki", String(page.id), "versions"],
            query: [URLQueryItem(name: "version_id", value: "0")])
        guard let latest = versions.first else { throw ForgeError.notFound(what: "wiki page " + title) }
        let text = latest.formattedContent.map(HTMLText.plainText) ?? latest.wikiContent
        return WikiPage(title: page.name, text: text)
    }
}
