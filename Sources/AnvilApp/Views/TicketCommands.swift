import ForgeModel
import Foundation
import Store
import TerminalUI

/// `:search`, `:sort`, `:ticket` and `:searches`, which act on the tracker the top view belongs to.
enum TicketCommands {
    static func run(_ name: String, _ argument: String, app: App) {
        guard let top = app.top, let (project, tool) = tracker(of: top) else {
            return app.note("Open a tracker first (:\(name) works in ticket lists and tickets)", error: true)
        }
        let session = top.session
        switch name {
        case "search":
            guard !argument.isEmpty else { return app.note("Usage: :search QUERY", error: true) }
            app.push(TicketListView(session: session, project: project, tool: tool, query: argument))
        case "ticket":
            guard let number = Int(argument.trimming(scalarsIn: "# ")), number > 0 else {
                return app.note("Usage: :ticket N", error: true)
            }
            app.push(TicketView(session: session, project: project, tool: tool, number: number))
        case "sort":
            let words = argument.split(separator: " ").map { String($0).lowercased() }
            let fields = session.forge.traits.sortFields
            guard let field = words.first, fields.contains(field) else {
                return app.note("Usage: :sort \(fields.joined(separator: "|")) [asc|desc]", error: true)
            }
            let descending = words.dropFirst().first == "desc"
            let query = (top as? TicketListView)?.query.raw
            app.push(
                TicketListView(
                    session: session, project: project, tool: tool, query: query,
                    sort: TicketQuery.Sort(field: field, descending: descending)))
        case "set":
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                return app.note("Usage: :set FIELD VALUE (e.g. :set priority high)", error: true)
            }
            let triage = (top as? TicketListView)?.triage ?? (top as? TicketView)?.triage
            let current = (top as? TicketListView)?.currentTicket ?? (top as? TicketView)?.ticket
            let known = (top as? TicketListView)?.loadedTickets ?? current.map { [$0] } ?? []
            guard let triage, let targets = triage.targets(current: current, known: known, app: app) else { return }
            // A field is named as the forge keys it or as it is shown (`priority`, `Found in`).
            if parts[0].lowercased() == "milestone" {
                return triage.confirmAndRun(.setMilestone(parts[1]), on: targets, comment: "", view: top, app: app)
            }
            let fields = triage.fieldSpecs(seen: known)
            guard let (field, value) = fieldAndValue(argument, fields: fields) else {
                let names = (fields.map { $0.name.lowercased() } + ["milestone"]).sorted()
                return app.note(
                    "This tracker has no field \(parts[0]); its fields: \(names.joined(separator: ", "))", error: true)
            }
            switch field.value(parsing: value) {
            case .success(let value):
                triage.confirmAndRun(.setField(field.key, value), on: targets, comment: "", view: top, app: app)
            case .failure(let rejection):
                app.note(rejection.message, error: true)
            }
        case "results":
            let triage = (top as? TicketListView)?.triage ?? (top as? TicketView)?.triage
            guard let triage, let outcome = triage.lastOutcome else { return app.note("No triage action yet") }
            app.push(
                TriageResultsView(session: session, project: project, tool: tool, outcome: outcome, triage: triage))
        case "searches" where !argument.isEmpty:
            keepSearch(argument, top: top, app: app)
        case "searches":
            let saved =
                (top as? TicketListView)?.triage.tracker.savedSearches ?? (top as? TicketView)?.triage.tracker
                .savedSearches
                ?? []
            app.push(
                SavedSearchesView(
                    session: session, project: project, tool: tool, forge: saved, mine: mySearches(app)))
        default: break
        }
    }

    /// The user's searches: those in the config, then those saved with `:searches save`.
    static func mySearches(_ app: App) -> [SavedSearch] {
        let stored = (app.options.state?.searches() ?? []).map { SavedSearch(name: $0.name, query: $0.query) }
        return app.options.namedSearches + stored
    }

    /// `:searches save NAME` keeps the search of the list on screen under NAME (in the state
    /// database, for every tracker); `:searches forget NAME` drops it.
    static func keepSearch(_ argument: String, top: ScreenView, app: App) {
        let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.count == 2 ? words[1].trimmedOfSpaces : ""
        guard let state = app.options.state, ["save", "forget"].contains(words[0]), !name.isEmpty else {
            return app.note("Usage: :searches [save NAME | forget NAME]", error: true)
        }
        if words[0] == "forget" {
            let forgotten = state.forgetSearch(named: name)
            return app.note(forgotten ? "Forgot the search \(name)" : "No saved search is named \(name)")
        }
        guard let list = top as? TicketListView, let query = list.query.raw, !query.isEmpty else {
            return app.note("Search first (:search QUERY), then save it from the results", error: true)
        }
        state.saveSearch(StoredSearch(name: name, query: query))
        app.note("Saved the search \(name): \(query) (:searches lists it)")
    }

    /// The field `:set` names and the value after it. A field is named by key or by name, and a
    /// name may have spaces (`:set found in 2.0`): the longest name that fits wins.
    static func fieldAndValue(_ argument: String, fields: [FieldSpec]) -> (FieldSpec, String)? {
        let text = argument.trimmedOfSpaces
        var best: (FieldSpec, String, Int)?
        for field in fields {
            for label in [field.key, field.name] {
                let prefix = label.lowercased() + " "
                guard text.lowercased().hasPrefix(prefix), label.count > (best?.2 ?? 0) else { continue }
                best = (field, String(text.dropFirst(prefix.count)), label.count)
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// The project and tracker of a ticket view.
    static func tracker(of view: ScreenView) -> (ProjectPath, Tool)? {
        if let list = view as? TicketListView { return (list.project, list.tool) }
        if let ticket = view as? TicketView { return (ticket.project, ticket.tool) }
        if let saved = view as? SavedSearchesView { return (saved.project, saved.tool) }
        return nil
    }
}

/// The tracker's saved searches and the user's own: Enter runs one.
final class SavedSearchesView: ToolView {
    let forgeSearches: [SavedSearch]
    let mine: [SavedSearch]

    init(session: ForgeSession, project: ProjectPath, tool: Tool, forge: [SavedSearch], mine: [SavedSearch]) {
        self.forgeSearches = forge
        self.mine = mine
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    override var itemCrumbs: [String] { ["searches"] }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        for (title, searches) in [
            ("Saved on the tracker", forgeSearches), ("Yours (config [searches], :searches save NAME)", mine),
        ] {
            b.heading(title)
            if searches.isEmpty { b.rows.append(Row("  (none)", .muted)) }
            for search in searches {
                b.columns(
                    [(search.name, .normal, 24), (search.query, .code, 0)],
                    target: .route(.ticketSearch(project, mount: tool.mountPoint, query: search.query)))
            }
            b.blank()
        }
        return b.rows
    }
}
