import ForgeModel
import TerminalUI
import Text

/// A link tool: where it points; Enter and `o` open the target in the browser, `e` changes it
/// (the forge allows that to project admins only).
final class LinkView: ToolView {
    private(set) var target: String??
    /// The address being saved; offered again at the next `e` when the forge refused it.
    private var typed: String?
    private var saving = false

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    override func start(_ app: App) {
        guard let forge = session.forge.linkReading else {
            loadError = .unsupported("This forge has no link tools")
            return
        }
        let (project, mount) = (self.project, tool.mountPoint)
        app.load(for: self) { .linkTarget(try await forge.linkTarget(project, mount: mount)) }
    }

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .linkTarget(let url):
            target = .some(url)
            if let url, WebAddress.checked(url) != nil { app.note("Press Enter or o to open \(url)") }
        case .linkSaved(let url):
            saving = false
            typed = nil
            target = .some(url)
            app.note("The link points to \(url ?? "nothing") now")
        default: break
        }
    }

    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .edit else { return false }
        guard let writer = session.forge.linkWriting else {
            app.note("This forge's links cannot be changed from Anvil")
            return true
        }
        let current: String? = (target ?? nil).flatMap { WebAddress.checked($0) }
        let (project, mount) = (self.project, tool.mountPoint)
        app.ask("New target of \(toolLabel): ", initial: typed ?? current ?? "") { [weak self] value in
            guard let self else { return }
            let url = value.trimmedOfSpaces
            guard !url.isEmpty, url != current else { return app.note("Nothing changed") }
            self.typed = url
            self.saving = true
            app.note("Saving the link…")
            app.load(for: self, cancellable: false) {
                .linkSaved(try await writer.setLinkTarget(project, mount: mount, url: url))
            }
        }
        return true
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard saving, app.deliveringWrite else { return }
        saving = false
        if target != nil { loadError = nil }
        let reason: String
        switch error {
        case .forbidden, .unauthorized: reason = "only the project's admins may change it (\(error.message))"
        case .http(400, _), .validation: reason = "the forge refused this address"
        default: reason = error.message
        }
        app.note("Not changed: \(reason); e offers your address again", error: true)
    }

    override func buildRows(width: Int) -> [Row] {
        guard let target else { return stateRows(what: "the link") ?? [] }
        var b = RowBuilder(width: width)
        b.heading(tool.label)
        guard let url = target else {
            b.rows.append(Row("  This link has no target yet.", .muted))
            return b.rows
        }
        if let checked = WebAddress.checked(url) {
            b.field("Points to", checked, role: .link, target: .browser(checked))
        } else {
            b.field("Points to", url, role: .muted)
            b.rows.append(Row("  Not a web address; Anvil will not open it.", .muted))
        }
        return b.rows
    }

    override var webURL: String? {
        if case .some(.some(let url)) = target, let checked = WebAddress.checked(url) { return checked }
        return super.webURL
    }
}
