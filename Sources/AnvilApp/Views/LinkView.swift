import ForgeModel
import TerminalUI
import Text

/// A link tool: where it points; Enter opens the target in the browser.
final class LinkView: ToolView {
    private(set) var target: String??

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    override func start(_ app: App) {
        guard let forge = session.forge as? any LinkReading else {
            loadError = .unsupported("This forge has no link tools")
            return
        }
        let (project, mount) = (self.project, tool.mountPoint)
        app.load(for: self) { .linkTarget(try await forge.linkTarget(project, mount: mount)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard case .linkTarget(let url) = payload else { return }
        target = .some(url)
        if let url, WebAddress.checked(url) != nil { app.note("Press Enter or o to open \(url)") }
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
