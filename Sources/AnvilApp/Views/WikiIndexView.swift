import ForgeModel
import TerminalUI
import Text

/// A wiki's page titles, sorted; Enter opens a page.
final class WikiIndexView: ToolView {
    private(set) var titles: [String]?

    init(session: ForgeSession, project: ProjectPath, tool: Tool) {
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var route: Route? { .tool(project, mount: tool.mountPoint) }

    override func start(_ app: App) {
        guard let forge = session.forge as? any WikiReading else {
            loadError = .unsupported("This forge has no wiki support")
            return
        }
        let (project, mount) = (self.project, tool.mountPoint)
        app.load(for: self) { .wikiTitles(try await forge.wikiTitles(project, mount: mount)) }
    }

    override func receive(_ payload: Payload, app: App) {
        guard case .wikiTitles(let titles) = payload else { return }
        self.titles = titles.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    override func buildRows(width: Int) -> [Row] {
        guard let titles else { return stateRows(what: "the page list") ?? [] }
        var b = RowBuilder(width: width)
        if titles.isEmpty { b.rows.append(Row("  This wiki has no pages.", .muted)) }
        for title in titles {
            b.columns(
                [(title, .normal, 0)],
                target: .route(.wikiPage(project, mount: tool.mountPoint, title: title)))
        }
        return b.rows
    }
}
