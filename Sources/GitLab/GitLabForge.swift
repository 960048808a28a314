import ForgeModel
import Foundation
import HTTP

/// The GitLab REST API v4 backend (gitlab.com and self-managed instances).
///
/// A project is addressed by its full path (`acme/tools/anvil-demo`, the model's project name with
/// an empty neighborhood) and has at most two tools, mounted as `issues` and `wiki`. Issues are
/// tickets numbered by `iid`; their discussions are a thread of depth one. Tokens go in
/// `PRIVATE-TOKEN` or, with `auth = "oauth"`, as `Authorization: Bearer`.
public final class GitLabForge: ProjectReading, ProjectListing, GroupReading, WikiReading, WikiWriting, ProfileReading,
    TicketReading,
    TicketWriting,
    TrackerMetadataReading, ForumlessDiscussions, CommentWriting, Sendable, CustomStringConvertible
{
    public let displayName: String
    let client: GitLabClient

    /// - Throws: `ForgeError.insecureToken` when a token would go over plain `http` to a host that
    ///   is not loopback.
    public init(
        baseURL: URL, token: String?, auth mode: GitLabAuth.Mode = .privateToken, transport: Transport,
        displayName: String? = nil, rateLimitWait: (@Sendable (Int) -> Void)? = nil
    ) throws {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = baseURL.host, !host.isEmpty
        else { throw ForgeError.invalidURL(HTMLText.oneLine(baseURL.absoluteString, limit: 120)) }
        client = GitLabClient(
            base: baseURL, auth: try GitLabAuth(mode: mode, token: token, base: baseURL), transport: transport,
            waitObserver: rateLimitWait)
        self.displayName = displayName ?? (baseURL.port.map { "\(host):\($0)" } ?? host)
    }

    public var baseURL: URL { client.base }
    public var isAuthenticated: Bool { client.auth.credential != .none }
    public var description: String { "GitLabForge(\(baseURL.absoluteString), \(client.auth))" }

    /// Replies attach to a discussion, never to a reply.
    public var maximumThreadDepth: Int? { 1 }

    /// GitLab's limits: pages of at most 100, issues opened or closed, several assignees on paid
    /// tiers, GitLab Flavored Markdown and the filtered-search syntax.
    public var traits: ForgeTraits {
        ForgeTraits(
            maximumPageSize: 100, pageSize: 100, canUnassign: true, canWriteTopics: false, multipleAssignees: true,
            markup: .gitlab, searchExample: "~bug assignee:@alice milestone:%\"v1.1\" crash",
            sortFields: Self.sortFields.map(\.0), fixedStatuses: FixedStatuses(open: "opened", closed: "closed"))
    }

    // MARK: URLs

    /// The route a pasted GitLab URL (web or API) names.
    public func route(for input: String) throws -> Route {
        let location = try GitLabRouter.parse(input, base: baseURL)
        guard let route = Self.route(for: location) else {
            throw ForgeError.unsupported("Anvil has no view for this GitLab page; o opens it in the browser")
        }
        return route
    }

    static func route(for location: GitLabLocation) -> Route? {
        func project(_ ref: GitLabProjectRef) -> ProjectPath {
            switch ref {
            case .path(let path): return GitLabMapping.projectPath(path)
            case .id(let id): return GitLabMapping.projectPath(String(id))
            }
        }
        switch location {
        case .instance: return nil
        case .group(let path): return .group(path: path)
        case .project(let ref), .elsewhere(let ref, _): return .project(project(ref))
        case .issues(let ref, let filter):
            guard filter != GitLabIssueFilter() else { return .tool(project(ref), mount: GitLabMapping.issuesMount) }
            return .ticketSearch(project(ref), mount: GitLabMapping.issuesMount, query: GitLabQuery.text(for: filter))
        case .issue(let ref, let iid, let note?):
            return .threadPost(
                project(ref), mount: GitLabMapping.issuesMount, thread: String(iid), post: "note_\(note)")
        case .issue(let ref, let iid, nil): return .ticket(project(ref), mount: GitLabMapping.issuesMount, number: iid)
        case .wikiPages(let ref): return .tool(project(ref), mount: GitLabMapping.wikiMount)
        case .wikiPage(let ref, let slug): return .wikiPage(project(ref), mount: GitLabMapping.wikiMount, title: slug)
        case .milestone(let ref, _): return .tool(project(ref), mount: GitLabMapping.issuesMount)
        case .user(let username): return .userProfile(username: username)
        }
    }

    /// The location of a route, for its web URL.
    static func location(for route: Route) -> GitLabLocation? {
        func ref(_ path: ProjectPath) -> GitLabProjectRef {
            path.name.allSatisfy(\.isNumber) ? .id(Int(path.name) ?? 0) : .path(path.name)
        }
        switch route {
        case .project(let p): return .project(ref(p))
        case .tool(let p, let mount):
            return mount == GitLabMapping.wikiMount ? .wikiPages(ref(p)) : .issues(ref(p), GitLabIssueFilter())
        case .ticket(let p, _, let number): return .issue(ref(p), iid: number, note: nil)
        case .ticketComment(let p, _, let number, let post):
            return .issue(ref(p), iid: number, note: post.hasPrefix("note_") ? Int(post.dropFirst(5)) : Int(post))
        case .ticketSearch(let p, _, let query): return .issues(ref(p), GitLabQuery.parse(query))
        case .wikiPage(let p, _, let title): return .wikiPage(ref(p), slug: title)
        case .discussionThread(let p, _, let thread): return .issue(ref(p), iid: Int(thread) ?? 0, note: nil)
        case .threadPost(let p, _, let thread, let post):
            let note = post.hasPrefix("note_") ? Int(post.dropFirst(5)) : Int(post)
            return .issue(ref(p), iid: Int(thread) ?? 0, note: note)
        case .userProfile(let name): return .user(username: name)
        case .group(let path): return .group(path: path)
        case .forum(let p, _, _), .topic(let p, _, _, _), .topicPost(let p, _, _, _, _), .blogPost(let p, _, _):
            return .project(ref(p))
        }
    }

    /// GitLab references: `#12` and `group/project#12` are issues, `~label` and `%milestone`
    /// searches of the issue list, `!3` a merge request (shown in the browser).
    public func resolveReference(_ text: String, in project: ProjectPath) -> ReferenceTarget? {
        let issues = GitLabMapping.issuesMount
        if let hash = text.lastIndex(where: { $0 == "#" || $0 == "!" }),
            let number = Int(text[text.index(after: hash)...])
        {
            let path = text[..<hash]
            let owner = path.isEmpty ? project : GitLabMapping.projectPath(String(path))
            if text[hash] == "!" {
                let base = GitLabRouter.webURL(for: .project(.path(owner.name)), base: baseURL)?.absoluteString ?? ""
                return .web(base + "/-/merge_requests/\(number)")
            }
            return .route(.ticket(owner, mount: issues, number: number))
        }
        guard let sigil = text.first, sigil == "~" || sigil == "%", text.count > 1 else { return nil }
        let name = String(text.dropFirst())
        let query = (sigil == "~" ? "~" : "%") + (name.contains(" ") ? "\"" + name + "\"" : name)
        return .route(.ticketSearch(project, mount: issues, query: "state:all " + query))
    }

    public func webURL(for route: Route) -> String {
        guard let location = Self.location(for: route), let url = GitLabRouter.webURL(for: location, base: baseURL)
        else { return baseURL.absoluteString + "/" }
        return url.absoluteString
    }

    // MARK: Projects and users

    func projectSegment(_ path: ProjectPath) -> String { PathSegment.encode(path.name) }

    public func project(_ path: ProjectPath) async throws -> Project {
        GitLabMapping.project(try await client.get(ProjectJSON.self, ["projects", projectSegment(path)]))
    }

    /// The caller's projects, most recently active first (`membership=true`); without a token,
    /// the instance's public projects.
    public func myProjects(page: Int, limit: Int) async throws -> Page<Project> {
        var query = [URLQueryItem(name: "order_by", value: "last_activity_at")]
        if isAuthenticated { query.append(URLQueryItem(name: "membership", value: "true")) }
        let (items, paging) = try await client.page(
            ProjectJSON.self, ["projects"], query: query, page: page + 1, perPage: limit)
        return Page(
            items: items.map(GitLabMapping.project), page: (paging.page ?? page + 1) - 1,
            limit: paging.perPage ?? limit, total: GitLabMapping.total(paging, itemsOnPage: items.count))
    }

    // MARK: Groups

    public func group(_ path: String) async throws -> ProjectGroup {
        GitLabMapping.group(try await client.get(GroupJSON.self, ["groups", PathSegment.encode(path)]))
    }

    public func groupProjects(_ path: String, page: Int, limit: Int) async throws -> Page<Project> {
        let query = [URLQueryItem(name: "order_by", value: "last_activity_at")]
        let (items, paging) = try await client.page(
            ProjectJSON.self, ["groups", PathSegment.encode(path), "projects"], query: query, page: page + 1,
            perPage: limit)
        return Page(
            items: items.map(GitLabMapping.project), page: (paging.page ?? page + 1) - 1,
            limit: paging.perPage ?? limit, total: GitLabMapping.total(paging, itemsOnPage: items.count))
    }

    public func subgroups(_ path: String, page: Int, limit: Int) async throws -> Page<ProjectGroup> {
        let query = [URLQueryItem(name: "order_by", value: "name")]
        let (items, paging) = try await client.page(
            GroupJSON.self, ["groups", PathSegment.encode(path), "subgroups"], query: query, page: page + 1,
            perPage: limit)
        return Page(
            items: items.map(GitLabMapping.group), page: (paging.page ?? page + 1) - 1,
            limit: paging.perPage ?? limit, total: GitLabMapping.total(paging, itemsOnPage: items.count))
    }

    public func profile(username: String) async throws -> UserProfile {
        let users = try await client.get(
            [UserJSON].self, ["users"], query: [URLQueryItem(name: "username", value: username)])
        guard let user = users.first else { throw ForgeError.notFound(what: "user " + username) }
        let full = try? await client.get(UserJSON.self, ["users", String(user.id)])
        return GitLabMapping.profile(full ?? user)
    }

    // MARK: Wiki

    public func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String] {
        try await client.get([WikiPageJSON].self, ["projects", projectSegment(project), "wikis"]).map(\.slug)
    }

    public func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage {
        let json = try await client.get(
            WikiPageJSON.self, ["projects", projectSegment(project), "wikis", PathSegment.encode(title)])
        return GitLabMapping.wikiPage(json)
    }

    public func saveWikiPage(
        _ project: ProjectPath, mount: String, title: String, text: String, isNew: Bool
    )
        async throws -> String
    {
        isNew
            ? try await createWikiPage(project, title: title, text: text)
            : try await updateWikiPage(project, slug: title, text: text)
    }

    /// Creates a page (`POST …/wikis`); a `/` in the title makes sub-pages. Returns its slug.
    public func createWikiPage(_ project: ProjectPath, title: String, text: String) async throws -> String {
        try await client.write(
            WikiPageJSON.self, "POST", ["projects", projectSegment(project), "wikis"],
            json: ["title": title, "content": text, "format": "markdown"]
        ).slug
    }

    /// Replaces a page's text (`PUT …/wikis/:slug`); returns the slug it has afterwards.
    public func updateWikiPage(_ project: ProjectPath, slug: String, text: String) async throws -> String {
        try await client.write(
            WikiPageJSON.self, "PUT", ["projects", projectSegment(project), "wikis", PathSegment.encode(slug)],
            json: ["content": text]
        ).slug
    }
}
