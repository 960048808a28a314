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
        guard let forge = session.forge.wikiReading else {
            loadError = .unsupported("This forge has no wiki support")
            return
        }
        let (project, mount) = (self.project, tool.mountPoint)
        app.load(for: self) { .wikiTitles(try await forge.wikiTitles(project, mount: mount)) }
    }

    /// The new page being saved, whose draft is deleted once the forge took it.
    private var saving: WikiWrite?

    override func receive(_ payload: Payload, app: App) {
        switch payload {
        case .wikiSaved(let title):
            if let saving { app.options.state?.deleteDraft(saving.key) }
            saving = nil
            start(app)
            app.open(.wikiPage(project, mount: tool.mountPoint, title: title), session: session)
        case .wikiConflict(let current):
            guard app.deliveringWrite, let write = saving else { return }
            saving = nil
            WikiWriter.conflict(current, write: write, app: app) { [weak self] in
                guard let self else { return }
                self.saving = write
                WikiWriter.send(write, checking: false, view: self, app: app)
            }
        case .wikiTitles(let titles):
            self.titles = titles.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        default: break
        }
    }

    /// `C` asks for the new page's title (spaces, `&`, parentheses and any letters are fine; a `/`
    /// makes a sub-page where the forge has them), then takes its text from the editor.
    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .create else { return false }
        app.ask("Title of the new page: ") { [weak self] value in
            guard let self else { return }
            let title = value.trimmedOfSpaces
            guard !title.isEmpty else { return app.note("A page needs a title") }
            self.saving = WikiWriter.write(title: title, page: nil, view: self, app: app) ?? self.saving
        }
        return true
    }

    override func sendDraft(_ draft: Draft, app: App) -> DraftSendStart {
        let prefix = "\(project)/\(tool.mountPoint)/"
        guard draft.key.kind == .wikiNew, draft.key.target.hasPrefix(prefix) else {
            return super.sendDraft(draft, app: app)
        }
        let title = String(draft.key.target.dropFirst(prefix.count))
        saving = WikiWriter.write(title: title, page: nil, view: self, app: app) ?? saving
        return .started
    }

    override func loadFailed(_ error: ForgeError, app: App) {
        guard app.deliveringWrite, let write = saving else { return }
        saving = nil
        if titles != nil { loadError = nil }
        WikiWriter.failed(error, write: write, app: app)
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
