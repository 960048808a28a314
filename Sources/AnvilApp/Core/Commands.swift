import ForgeModel
import TerminalUI
import Text

/// The `:` commands: a few of their own, plus every action by its name.
enum Commands {
    /// Commands other than action names, with their one-line help.
    static let builtIn: [(name: String, usage: String, summary: String)] = [
        ("open", "open URL", "open a forge URL, a path like p/project/wiki, or a project by name"),
        ("theme", "theme NAME", "switch the colour theme"),
        ("search", "search QUERY", "search the tracker (status:open AND assigned_to:alice)"),
        ("sort", "sort FIELD [asc|desc]", "sort tickets by number, status, assignee, milestone, updated, created"),
        ("ticket", "ticket N", "open ticket N of this tracker"),
        (
            "searches", "searches [save|forget NAME]",
            "the tracker's saved searches and yours; save the one shown as NAME"
        ),
        ("results", "results", "what the last triage action did to each ticket"),
        ("set", "set FIELD VALUE", "set a custom field (:set priority high) on the ticket or the tagged ones"),
        (
            "outbox", "outbox [send]",
            "texts written that no forge has accepted yet: edit, send or discard them; send sends all"
        ),
        ("cache", "cache [clear [all]]", "what the cache holds per forge; clear this forge's part, or all"),
        ("link", "link N", "follow numbered link N, as f N does"),
        ("save", "save PATH", "write the text of the item under the cursor to a file (~ is your home)"),
        ("quit", "quit", "quit Anvil"),
        ("help", "help", "show keys and commands"),
    ]

    static func run(_ line: String, app: App) {
        let trimmed = line.trimmedOfSpaces
        guard !trimmed.isEmpty else { return }
        let name = String(trimmed.prefix { $0 != " " })
        let argument = trimmed.dropFirst(name.count).trimmedOfSpaces
        switch name {
        case "open", "o", "e": app.open(address: argument)
        case "theme":
            guard !argument.isEmpty else { return app.note("Usage: :theme NAME", error: true) }
            guard let apply = app.options.applyTheme else { return app.note("Themes cannot change here", error: true) }
            do {
                try apply(argument)
                app.note("Theme \(argument)")
            } catch {
                app.note(describe(error), error: true)
            }
        case "quit", "q", "qa", "q!": app.quit()
        case "search", "ticket", "sort", "searches", "set", "results": TicketCommands.run(name, argument, app: app)
        case "help": app.perform(.help)
        case "cache": cache(argument, app: app)
        case "outbox":
            guard let session = app.top?.session else { return }
            guard ["", "send"].contains(argument.lowercased()) else {
                return app.note("Usage: :outbox [send]", error: true)
            }
            let outbox = app.top as? OutboxView ?? OutboxView(session: session)
            if outbox !== app.top { app.push(outbox) }
            if argument.lowercased() == "send" { app.send(outbox.drafts.reversed()) }
        case "link": app.followLink(argument)
        case "save":
            guard let view = app.top else { return }
            ItemExport(app: app).save(view.itemText, to: argument)
        default:
            if let action = Action(rawValue: name) {
                app.perform(action)
            } else {
                app.note("Unknown command: \(name) (press ? for the list)", error: true)
            }
        }
    }

    /// Command names that start with `text`, for Tab.
    static func completions(for text: String, keymap: Keymap) -> [String] {
        guard !text.contains(" ") else { return [] }
        let names = builtIn.map(\.name) + Action.allCases.map(\.rawValue)
        return names.filter { $0.hasPrefix(text) }.sorted()
    }

    /// `:cache`: the cache's use per forge; `:cache clear` forgets this forge's answers,
    /// `:cache clear all` every forge's.
    static func cache(_ argument: String, app: App) {
        guard let cache = app.options.cache?() else {
            return app.note("No cache in this session (it could not be opened, or --no-cache)", error: true)
        }
        let forge = app.top?.session.baseURL.absoluteString
        switch argument.lowercased() {
        case "":
            let usage = cache.usage()
            guard !usage.isEmpty else { return app.note("The cache is empty") }
            let parts = usage.map { "\(Sanitizer.clean($0.forge)) \(ByteCount.describe($0.bytes)) (\($0.responses))" }
            let total = usage.reduce(0) { $0 + $1.bytes }
            app.note(
                "Cache: " + parts.joined(separator: ", ") + "; \(ByteCount.describe(total)) of "
                    + ByteCount.describe(cache.capacity))
        case "clear":
            cache.clear(forge: forge)
            app.note("Cleared what the cache held for \(forge.map { Sanitizer.clean($0) } ?? "this forge")")
        case "clear all":
            cache.clear()
            app.note("Cleared the cache")
        default:
            app.note("Usage: :cache [clear [all]]", error: true)
        }
    }

    private static func describe(_ error: Error) -> String {
        String(describing: error)
    }
}
