import ForgeModel

/// Chooses the view for a route. Routes inside a tool need the project's tools to know which
/// view fits; until the project is known, a resolving view loads it first.
enum ViewFactory {
    /// The view for `route`, and a status note when it shows something nearby instead.
    static func view(for route: Route, session: ForgeSession) -> (ScreenView, String?) {
        switch route {
        case .project(let path): return (ProjectView(session: session, path: path), nil)
        case .userProfile(let name): return (ProfileView(session: session, username: name), nil)
        case .group(let path): return (GroupView(session: session, path: path), nil)
        default: break
        }
        // Thread URLs say by their shape what they are: open them at once, so the first screen
        // needs one request; the tool's label shows once the project is known.
        if session.refined(route) == nil {
            switch route {
            case .topic(let project, let mount, let forum, let thread):
                let tool = Tool(kind: .discussion, mountPoint: mount, label: mount)
                return (
                    ThreadView(
                        session: session, project: project, tool: tool, kind: .forumTopic(forum: forum), thread: thread),
                    nil
                )
            case .discussionThread(let project, let mount, let thread):
                let tool = Tool(kind: .other("unknown"), mountPoint: mount, label: mount)
                return (
                    ThreadView(session: session, project: project, tool: tool, kind: .toolThread, thread: thread), nil
                )
            case .threadPost(let project, let mount, let thread, let post):
                let tool = Tool(kind: .other("unknown"), mountPoint: mount, label: mount)
                let view = ThreadView(session: session, project: project, tool: tool, kind: .toolThread, thread: thread)
                view.focus = post
                return (view, nil)
            case .topicPost(let project, let mount, let forum, let thread, let post):
                let tool = Tool(kind: .discussion, mountPoint: mount, label: mount)
                let view = ThreadView(
                    session: session, project: project, tool: tool, kind: .forumTopic(forum: forum), thread: thread)
                view.focus = post
                return (view, nil)
            default: break
            }
        }
        guard let routeProject = route.project else { return (StartView(session: session, recent: []), nil) }
        guard let exact = session.refined(route) else {
            return (ResolveView(session: session, route: route, project: routeProject), nil)
        }
        let project = exact.project ?? routeProject
        guard let tool = session.tool(of: exact) else {
            return (
                ProjectView(session: session, path: project),
                "No tool is mounted at '\(exact.mount ?? "")' in \(project)"
            )
        }
        switch (exact, tool.kind) {
        case (.tool, .wiki):
            return (WikiIndexView(session: session, project: project, tool: tool), nil)
        case (.wikiPage(_, _, let title), .wiki):
            return (WikiPageView(session: session, project: project, tool: tool, title: title), nil)
        case (.tool, .link):
            return (LinkView(session: session, project: project, tool: tool), nil)
        case (.tool, .blog):
            return (BlogView(session: session, project: project, tool: tool), nil)
        case (.blogPost(_, _, let path), .blog):
            return (BlogPostView(session: session, project: project, tool: tool, path: path), nil)
        case (.tool, .tickets):
            return (TicketListView(session: session, project: project, tool: tool), nil)
        case (.ticketSearch(_, _, let query), .tickets):
            return (TicketListView(session: session, project: project, tool: tool, query: query), nil)
        case (.ticket(_, _, let number), .tickets):
            return (TicketView(session: session, project: project, tool: tool, number: number), nil)
        case (.ticketComment(_, _, let number, let post), .tickets):
            return (CommentLocatorView(session: session, project: project, tool: tool, number: number, post: post), nil)
        case (.tool, .discussion):
            return (ForumListView(session: session, project: project, tool: tool), nil)
        case (.forum(_, _, let forum), .discussion):
            return (TopicListView(session: session, project: project, tool: tool, forum: forum), nil)
        case (.topic(_, _, let forum, let thread), .discussion):
            return (
                ThreadView(
                    session: session, project: project, tool: tool, kind: .forumTopic(forum: forum), thread: thread),
                nil
            )
        case (.discussionThread(_, _, let thread), _):
            return (ThreadView(session: session, project: project, tool: tool, kind: .toolThread, thread: thread), nil)
        case (.threadPost(_, _, let thread, let post), _):
            let view = ThreadView(session: session, project: project, tool: tool, kind: .toolThread, thread: thread)
            view.focus = post
            return (view, nil)
        case (.topicPost(_, _, let forum, let thread, let post), .discussion):
            let view = ThreadView(
                session: session, project: project, tool: tool, kind: .forumTopic(forum: forum), thread: thread)
            view.focus = post
            return (view, nil)
        case (.tool, .other(let name)) where name.lowercased() == "profile":
            // A user project's profile tool: the forge says whose profile its address shows.
            if case .userProfile(let user)? = try? session.forge.route(for: tool.webURL) {
                return (ProfileView(session: session, username: user), nil)
            }
            return (ToolInfoView(session: session, project: project, tool: tool), nil)
        case (.tool, .other(let name)) where name.lowercased() == "admin" && session.forge.projectAdministration != nil:
            // The forge lists its admin tool to admins; the panel still asks before offering anything.
            return (AdminView(session: session, path: project), nil)
        case (.tool, _):
            return (ToolInfoView(session: session, project: project, tool: tool), nil)
        default:
            return (ToolInfoView(session: session, project: project, tool: tool), unavailableNote(for: tool))
        }
    }

    /// What to say when an address inside a tool leads to a view Anvil does not have.
    static func unavailableNote(for tool: Tool) -> String {
        "Anvil cannot show this part of \(tool.label) (\(tool.kind.name)); o opens it in the browser"
    }
}

/// Loads a project to learn its tools, then replaces itself with the view the route needs.
final class ResolveView: ScreenView {
    let target: Route
    /// The project whose tools decide the view.
    let project: ProjectPath

    init(session: ForgeSession, route: Route, project: ProjectPath) {
        self.target = route
        self.project = project
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { [project.description] }
    override var route: Route? { nil }

    override func start(_ app: App) {
        guard let forge = session.forge.projectReading else {
            loadError = .unsupported("This forge cannot list a project's tools")
            return
        }
        let path = project
        app.load(for: self) { .project(try await forge.project(path)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard case .project(let project) = payload else { return }
        session.remember(project)
        let (view, note) = ViewFactory.view(for: target, session: session)
        app.replace(self, with: view, note: note)
    }

    override func buildRows(width: Int) -> [Row] {
        stateRows(what: project.description) ?? []
    }
}

/// Opens a ticket at one of its comments (`…/bugs/42/#a1b2`): loads the ticket to learn its
/// comment thread, then leaves the ticket in its place with the thread above it, the comment
/// selected (`q` goes back to the ticket).
final class CommentLocatorView: ToolView {
    let number: Int
    let post: String

    init(session: ForgeSession, project: ProjectPath, tool: Tool, number: Int, post: String) {
        self.number = number
        self.post = post
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] { ["#\(number)"] }
    override var route: Route? { nil }

    override func start(_ app: App) {
        guard let forge = session.forge.ticketReading else {
            loadError = .unsupported("This forge cannot read tickets")
            return
        }
        let (project, mount, number) = (self.project, tool.mountPoint, self.number)
        app.load(for: self) { .ticket(try await forge.ticket(project, mount: mount, number: number)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard case .ticket(let ticket) = payload else { return }
        let ticketView = TicketView(session: session, project: project, tool: tool, number: number)
        app.replace(self, with: ticketView)
        guard let thread = ticket.threadID else { return app.note("Ticket #\(number) has no comments") }
        let comments = ThreadView(session: session, project: project, tool: tool, kind: .toolThread, thread: thread)
        comments.focus = post
        app.push(comments)
    }

    override func buildRows(width: Int) -> [Row] { stateRows(what: "ticket #\(number)") ?? [] }
}
