import ForgeModel
import Store
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

    /// The draft of a new page being saved, deleted once the forge took it.
    private var saving: DraftKey?

    override func receive(_ payload: Payload, app: App) {
        if case .wikiSaved(let title) = payload {
            if let saving { app.options.state?.deleteDraft(saving) }
            saving = nil
            app.open(.wikiPage(project, mount: tool.mountPoint, title: title), session: session)
            return
        }
        guard case .wikiTitles(let titles) = payload else { return }
        self.titles = titles.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// `C` asks for the new page's title (spaces, `&`, parentheses and any letters are fine; a `/`
    /// makes a sub-page where the forge has them), then takes its text from the editor.
    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .create else { return false }
        app.ask("Title of the new page: ") { [weak self] value in
            guard let self else { return }
            let title = value.trimmingCharacters(in: .whitespaces)
            guard !title.isEmpty else { return app.note("A page needs a title") }
            self.saving = WikiWriter.write(title: title, text: "", isNew: true, view: self, app: app) ?? self.saving
        }
        return true
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard saving != nil else { return }
        saving = nil
        loadError = nil
        app.note("Not created, the draft is kept (C to try again): \(error.message)", error: true)
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
