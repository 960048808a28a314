import ForgeModel
import TerminalUI
import Text

/// A project: what it is, who works on it, and its tools (Enter opens one).
final class ProjectView: ScreenView {
    let path: ProjectPath
    private(set) var project: Project?
    private var placeCursorOnTools = false
    /// Whether the forge said the token's user administers the project (nil: not asked or no answer).
    private var administers: Bool?
    /// The row that opens the administration, when shown.
    private var adminRow: Int?

    init(session: ForgeSession, path: ProjectPath) {
        self.path = path
        self.project = session.knownProject(path)
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { [project?.name ?? path.description] }
    override var route: Route? { .project(path) }

    override func start(_ app: App) {
        guard let forge = session.forge.projectReading else {
            loadError = .unsupported("This forge cannot show projects")
            return
        }
        let path = self.path
        groupFallback.reset()
        app.load(for: self) { .project(try await forge.project(path)) }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        if project == nil { groupFallback.ask(after: error, path: path.name, for: self, app: app) }
    }

    private var groupFallback = GroupFallback()

    override func receive(_ payload: Payload, app: App) {
        if GroupFallback.open(payload, instead: self, app: app) { return }
        if case .administers(let yes) = payload {
            administers = yes
            return
        }
        guard case .project(let project) = payload else { return }
        if administers == nil, let admin = session.forge.projectAdministration {
            let path = self.path
            app.load(for: self, essential: false) { .administers(try await admin.administers(path)) }
        }
        let first = self.project == nil
        self.project = project
        session.remember(project)
        if first { placeCursorOnTools = true }
    }

    override func buildRows(width: Int) -> [Row] {
        guard let project else { return stateRows(what: path.description) ?? [] }
        var b = RowBuilder(width: width)
        b.heading(project.name + (project.isPrivate ? "  [private]" : ""))
        if !project.summary.isEmpty { b.paragraph(project.summary, role: .emphasis) }
        if !project.shortDescription.isEmpty {
            b.blank()
            b.paragraph(project.shortDescription)
        }
        b.blank()
        b.heading("Tools")
        let toolsStart = b.rows.count
        let labelWidth = min(30, max(8, project.tools.map { DisplayWidth.of(Sanitizer.clean($0.label)) }.max() ?? 8))
        for tool in project.tools {
            let target: Navigation = .route(.tool(project.path, mount: tool.mountPoint))
            b.columns(
                [(tool.label, .normal, labelWidth), (tool.kind.name, .label, 12), (tool.mountPoint, .muted, 0)],
                target: target)
        }
        if project.tools.isEmpty { b.rows.append(Row("  (no tools you can see)", .muted)) }
        adminRow = nil
        if administers == true {
            adminRow = b.rows.count
            b.columns(
                [("Administration", .normal, labelWidth), ("export, install a tool, permissions", .muted, 0)],
                target: .note("Administration"))
        }
        b.blank()
        b.field(
            "Status",
            project.status == "moved" && !project.movedToURL.isEmpty
                ? "moved to \(project.movedToURL)" : project.status)
        b.field("Created", project.creationDate, role: .date)
        if let homepage = WebAddress.checked(project.externalHomepage) {
            b.field("Homepage", homepage, role: .link, target: .browser(homepage))
        }
        b.field("Labels", project.labels.joined(separator: ", "), role: .label)
        for category in project.categories where !category.names.isEmpty {
            b.field(ProjectView.categoryTitle(category.group), category.names.joined(separator: ", "))
        }
        for network in project.socialNetworks {
            if let url = WebAddress.checked(network.accountURL) {
                b.field(network.network, url, role: .link, target: .browser(url))
            }
        }
        if !project.developers.isEmpty {
            b.blank()
            b.heading("Developers")
            for developer in project.developers {
                b.columns(
                    [(developer.name, .author, 30), ("@" + developer.username, .muted, 0)],
                    target: .route(.userProfile(username: developer.username)))
            }
        }
        if placeCursorOnTools, toolsStart < b.rows.count {
            placeCursorOnTools = false
            let rows = b.rows
            scroll.select(toolsStart, rowCount: rows.count, height: Int.max / 2) { rows[$0].selectable }
        }
        return b.rows
    }

    /// Enter on the administration row opens it.
    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .open, let adminRow, scroll.cursor == adminRow else { return false }
        app.push(AdminView(session: session, path: path))
        return true
    }

    /// A readable name for a trove category group.
    static func categoryTitle(_ group: String) -> String {
        let known = [
            "developmentstatus": "Maturity", "os": "OS", "translation": "Translations", "audience": "Audience",
            "environment": "Environment", "language": "Language", "license": "License", "topic": "Topic",
            "database": "Database",
        ]
        return known[group.lowercased()] ?? group.capitalized
    }

    override var webURL: String? {
        project.map { $0.webURL.isEmpty ? session.forge.webURL(for: .project(path)) : $0.webURL }
            ?? super.webURL
    }
}

/// Addresses from a server, checked before they are offered to a browser.
enum WebAddress {
    /// The address if it is an http(s) URL without control characters; nil otherwise.
    static func checked(_ address: String) -> String? {
        let clean = address.trimmedOfSpaces
        guard !clean.isEmpty, clean == Sanitizer.clean(clean) else { return nil }
        let lower = clean.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return clean
    }
}
