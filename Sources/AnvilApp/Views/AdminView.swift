import ForgeModel
import Foundation
import TerminalUI
import Text

/// A project's administration: bulk export, installing a tool and checking a user's permission.
/// Nothing of it is offered before the forge said the token's user administers the project.
final class AdminView: ScreenView {
    /// What a row of the panel does.
    enum Job: CaseIterable {
        case export, install, permission

        var label: String {
            switch self {
            case .export: return "Export tools…  (choose tools; the forge writes an archive on the server)"
            case .install: return "Install a tool…  (kind, mount point, label, order)"
            case .permission: return "Check a permission…  (whether a user holds a permission here)"
            }
        }
    }

    let path: ProjectPath
    /// The forge's answer to "may the token's user administer this project"; nil until it came.
    private(set) var allowed: Bool?
    private var installable: [InstallableTool] = []
    /// What was done here, newest last, as shown under the panel.
    private(set) var log: [String] = []
    /// Row → the task it starts.
    private var taskRows: [Int: Job] = [:]
    /// Row → the repository tool whose webhooks it opens.
    private var webhookRows: [Int: Tool] = [:]
    /// How long to wait between two questions about a running export.
    var pollInterval: Duration = .seconds(2)
    private var exporting = false
    /// An install was sent: the project is read again after its answer.
    private var installing = false

    init(session: ForgeSession, path: ProjectPath) {
        self.path = path
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { [session.knownProject(path)?.name ?? path.description, "admin"] }

    override func start(_ app: App) {
        guard let forge = session.forge.projectAdministration else {
            loadError = .unsupported("This forge's projects cannot be administered from Anvil")
            return
        }
        let path = self.path
        app.load(for: self) { .administers(try await forge.administers(path)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard let forge = session.forge.projectAdministration else { return }
        switch payload {
        case .administers(let yes):
            allowed = yes
            let path = self.path
            if yes {
                app.load(for: self, essential: false) { .installableTools(try await forge.installableTools(path)) }
            }
        case .installableTools(let tools): installable = tools
        case .exportStarted(let file):
            record("Export started: \(file); waiting for the forge to finish it…", app: app)
            poll(file, app: app)
        case .exportFinished(let file):
            exporting = false
            record("Export finished: \(file) is on the server (it cannot be downloaded over the API)", app: app)
        case .adminAnswer(let text):
            record(text, app: app)
            if installing, let reader = session.forge.projectReading {
                // The project lists its new tool once it is read again.
                installing = false
                let path = self.path
                app.load(for: self, essential: false) { .project(try await reader.project(path)) }
            }
        case .project(let project):
            session.remember(project)
        default: break
        }
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        // Before the forge answered whether the token's user administers the project, the failure
        // is the view's (shown in its place); after, it is one task's.
        guard allowed != nil else { return }
        loadError = nil
        exporting = false
        installing = false
        record("Failed: \(error.message)", app: app, error: true)
    }

    private func record(_ text: String, app: App, error: Bool = false) {
        log.append(text)
        app.note(text, error: error)
    }

    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .open, allowed == true else { return false }
        if let tool = webhookRows[scroll.cursor] {
            app.push(WebhooksView(session: session, project: path, tool: tool))
            return true
        }
        guard let task = taskRows[scroll.cursor] else { return false }
        switch task {
        case .export: askExport(app)
        case .install: askInstall(app)
        case .permission: askPermission(app)
        }
        return true
    }

    // MARK: Tasks

    private func askExport(_ app: App) {
        guard let forge = session.forge.projectAdministration else { return }
        guard !exporting else { return app.note("An export started here is still running") }
        let mounts = (session.knownProject(path)?.tools ?? []).filter { forge.canExport($0) }.map {
            Sanitizer.clean($0.mountPoint)
        }
        app.ask(
            "Export which tools (mount points, comma-separated): ", initial: mounts.joined(separator: ","),
            choices: mounts
        ) {
            [weak self] value in
            guard let self else { return }
            let chosen = LabelList.parse(value)
            guard !chosen.isEmpty else { return app.note("No tool chosen: nothing exported") }
            let path = self.path
            self.exporting = true
            app.note("Starting the export of \(chosen.joined(separator: ", "))…")
            app.load(for: self, cancellable: false) {
                .exportStarted(try await forge.startExport(path, mounts: chosen, sendEmail: false))
            }
        }
    }

    /// Asks the forge until the export is done (for at most an hour); `Esc` stops asking.
    private func poll(_ file: String, app: App) {
        guard let forge = session.forge.projectAdministration else { return }
        let (path, interval) = (self.path, pollInterval)
        app.load(for: self) {
            for _ in 0..<1800 {
                try await Task.sleep(for: interval)
                if try await !forge.exportRunning(path) { return .exportFinished(file) }
            }
            throw ForgeError.timeout
        }
    }

    private func askInstall(_ app: App) {
        guard let forge = session.forge.projectAdministration else { return }
        let kinds = installable.map { Sanitizer.clean($0.kind) }
        app.ask("Kind of tool to install: ", choices: kinds) { [weak self] value in
            guard let self else { return }
            let kind = value.trimmedOfSpaces
            guard !kind.isEmpty else { return app.note("Nothing installed") }
            let defaults = self.installable.first { $0.kind == kind }
            app.ask("Mount point: ", initial: Sanitizer.clean(defaults?.defaultMountPoint ?? kind)) { mountValue in
                let mount = mountValue.trimmedOfSpaces
                app.ask("Label: ", initial: Sanitizer.clean(defaults?.defaultMountLabel ?? kind)) { labelValue in
                    let label = labelValue.trimmedOfSpaces
                    let orders = ToolOrder.allCases.map(\.rawValue)
                    app.ask("Place it (first, last, alpha_tool): ", initial: "last", choices: orders) { orderValue in
                        let order = ToolOrder(rawValue: orderValue.trimmedOfSpaces) ?? .last
                        let path = self.path
                        app.note("Installing \(kind) at \(mount)…")
                        app.load(for: self, cancellable: false) {
                            let info = try await forge.installTool(
                                path, kind: kind, mountPoint: mount, label: label, order: order)
                            return .adminAnswer(info)
                        }
                        self.installing = true
                    }
                }
            }
        }
    }

    private func askPermission(_ app: App) {
        guard let forge = session.forge.projectAdministration else { return }
        let users = (session.knownProject(path)?.developers ?? []).map { Sanitizer.clean($0.username) }
        app.ask("User: ", choices: users) { [weak self] userValue in
            guard let self else { return }
            let user = userValue.trimmedOfSpaces
            guard !user.isEmpty else { return app.note("No user given") }
            app.ask("Permission of \(user): ", choices: forge.permissionNames.map { Sanitizer.clean($0) }) {
                permissionValue in
                let permission = permissionValue.trimmedOfSpaces
                guard !permission.isEmpty else { return app.note("No permission given") }
                let path = self.path
                app.load(for: self) {
                    let yes = try await forge.hasAccess(path, user: user, permission: permission)
                    return .adminAnswer("\(user) \(yes ? "has" : "does not have") \(permission) in \(path)")
                }
            }
        }
    }

    // MARK: Rows

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        taskRows = [:]
        webhookRows = [:]
        b.heading("Administration of \(session.knownProject(path)?.name ?? path.description)")
        b.blank()
        switch allowed {
        case nil:
            if let state = stateRows(what: "whether you may administer \(path)") { b.rows.append(contentsOf: state) }
        case false?:
            b.paragraph(
                "The forge says your token cannot administer this project: nothing here is available.", role: .muted,
                indent: 2)
        case true?:
            for task in Job.allCases {
                taskRows[b.rows.count] = task
                b.rows.append(Row(StyledLine("  " + task.label).truncated(to: width), target: nil, selectable: true))
            }
            if let hooks = session.forge.webhookAdministration {
                for tool in session.knownProject(path)?.tools ?? [] where hooks.hasWebhooks(tool) {
                    webhookRows[b.rows.count] = tool
                    let text = "  Webhooks of \(Sanitizer.clean(tool.label)) (\(tool.kind.name))…"
                    b.rows.append(Row(StyledLine(text).truncated(to: width), target: nil, selectable: true))
                }
            }
        }
        if !log.isEmpty {
            b.blank()
            b.heading("Done here")
            for line in log { b.paragraph(line, indent: 2) }
        }
        return b.rows
    }
}
