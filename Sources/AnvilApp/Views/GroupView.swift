import ForgeModel
import TerminalUI
import Text

/// A group of projects: what it is, its subgroups and its projects (Enter opens one). Projects
/// load page by page as the cursor nears them.
final class GroupView: ScreenView {
    let path: String
    private var group: ProjectGroup?
    private var subgroups: Page<ProjectGroup>?
    private var projects = PagedList<Project>(limit: 50)
    /// The row of the first project, from the last build: cursor rows map to list positions.
    private var projectsStart = 0

    init(session: ForgeSession, path: String, group: ProjectGroup? = nil) {
        self.path = path
        self.group = group
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { [group?.name ?? path] }
    override var route: Route? { .group(path: path) }

    override func start(_ app: App) {
        guard let forge = session.forge.groupReading else {
            loadError = .unsupported("This forge has no groups of projects")
            return
        }
        projects.reset()
        let path = self.path
        if group == nil { app.load(for: self) { .group(try await forge.group(path)) } }
        app.load(for: self, essential: false) { .subgroups(try await forge.subgroups(path, page: 0, limit: 100)) }
        fetch(projects.pagesToFetch(near: 0), app: app)
    }

    override func cursorMoved(_ app: App) {
        fetch(projects.pagesToFetch(near: max(0, scroll.cursor - projectsStart)), app: app)
    }

    private func fetch(_ pages: [Int], app: App) {
        guard let forge = session.forge.groupReading else { return }
        let (path, limit) = (self.path, projects.limit)
        for page in pages {
            app.load(for: self) { .groupProjects(try await forge.groupProjects(path, page: page, limit: limit)) }
        }
    }

    override func loadingStopped(_ app: App) { projects.forgetRequests() }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .group(let group): self.group = group
        case .subgroups(let page): subgroups = page
        case .groupProjects(let page):
            projects.receive(page: page.page, items: page.items, total: page.total, limit: page.limit)
        default: break
        }
    }

    override func buildRows(width: Int) -> [Row] {
        guard let group else { return stateRows(what: "group " + path) ?? [] }
        var b = RowBuilder(width: width)
        b.heading(group.name + (group.visibility == "private" ? "  [private]" : ""))
        if !group.description.isEmpty { b.paragraph(group.description) }
        b.field("Path", group.path)
        if !group.visibility.isEmpty { b.field("Visibility", group.visibility) }
        if let subgroups, !subgroups.items.isEmpty {
            b.blank()
            b.heading("Subgroups")
            for sub in subgroups.items {
                b.columns(
                    [(sub.name, .strong, 28), (sub.path, .muted, 0)], target: .route(.group(path: sub.path)))
            }
            if subgroups.total != .exact(subgroups.items.count), subgroups.items.count >= subgroups.limit {
                b.rows.append(Row("  (more subgroups: o opens the group in the browser)", .muted))
            }
        }
        b.blank()
        b.heading("Projects")
        projectsStart = b.rows.count
        if projects.count == 0 {
            b.rows.append(Row(pendingLoads > 0 ? "  Loading…" : "  (no projects you can see)", .muted))
        }
        projects.forEachSlot { _, project in
            guard let project else { return b.rows.append(PagedList<Project>.placeholderRow) }
            b.columns(
                [(project.name, .normal, 28), (project.path.description, .muted, 0)],
                target: .route(.project(project.path)))
        }
        return b.rows
    }

    override var countForm: CountForm { projects.countForm }

    override var webURL: String? {
        group.flatMap { WebAddress.checked($0.webURL) } ?? super.webURL
    }
}

/// A path that names no project or user may name a group of projects (GitLab's `/acme/tools`
/// and `/acme` are projects, users or groups): after a 404 the view asks for the group once,
/// and the group opens in the view's place when there is one.
struct GroupFallback {
    private var asked = false

    mutating func reset() { asked = false }

    /// Asks for the group at `path` after `error`, once; the original error stands when there is
    /// no group either.
    mutating func ask(after error: ForgeError, path: String, for view: ScreenView, app: App) {
        guard case .notFound = error, !asked, let forge = view.session.forge.groupReading else { return }
        asked = true
        app.load(for: view) {
            do {
                return .group(try await forge.group(path))
            } catch ForgeError.notFound {
                throw error
            }
        }
    }

    /// Puts the group's view in place of `view` when `payload` is the group; false otherwise.
    static func open(_ payload: Payload, instead view: ScreenView, app: App) -> Bool {
        guard case .group(let group) = payload else { return false }
        view.loadError = nil
        app.replace(
            view, with: GroupView(session: view.session, path: group.path, group: group),
            note: "\(Sanitizer.clean(group.path)) is a group of projects")
        return true
    }
}
