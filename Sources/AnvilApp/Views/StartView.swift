import ForgeModel
import TerminalUI
import Text

/// The first view without a URL: recent places, and how to open a project.
final class StartView: ScreenView {
    private let recent: [String]

    init(session: ForgeSession, recent: [String]) {
        self.recent = recent
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { ["start"] }

    override func handle(_ action: Action, app: App) -> Bool {
        guard action == .open else { return false }
        let rows = self.rows(width: app.device.width)
        if rows.indices.contains(scroll.cursor), rows[scroll.cursor].target == .note(StartView.promptMarker) {
            app.beginCommand("open ")
            return true
        }
        return false
    }

    static let promptMarker = "Type a project name, a path like p/project, or a URL"

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        b.heading("Anvil on \(session.displayName)")
        b.blank()
        b.rows.append(Row("  Open a project or URL…", .link, target: .note(StartView.promptMarker)))
        b.blank()
        b.heading("Recent places")
        if recent.isEmpty { b.rows.append(Row("  (none yet)", .muted)) }
        for address in recent {
            if let route = try? session.parse(address).route {
                b.columns([(address, .normal, 0)], target: .route(route))
            }
        }
        b.blank()
        b.paragraph(
            "Press : and type `open URL` to open any project, wiki page or profile. Press ? for keys.", role: .muted,
            indent: 2)
        return b.rows
    }
}

/// The keys and commands, generated from the action table and the current bindings.
final class HelpView: ScreenView {
    private let keymap: TerminalUI.Keymap

    init(session: ForgeSession, keymap: TerminalUI.Keymap) {
        self.keymap = keymap
        super.init(session: session, mode: .pager)
    }

    override var crumbs: [String] { ["help"] }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        let scopes: [(Action.Scope, String)] = [
            (.general, "Keys"), (.thread, "In threads"), (.tickets, "In ticket lists"),
        ]
        for (scope, title) in scopes {
            b.heading(title)
            for action in Action.allCases where action.scope == scope {
                let keys = keymap.keys(for: action).joined(separator: " ")
                let keyText = DisplayWidth.pad(keys.isEmpty ? "(unbound)" : keys, to: 18)
                b.rows.append(
                    Row(
                        StyledLine([
                            StyledSpan("  "), StyledSpan(keyText, .key), StyledSpan(action.summary),
                            StyledSpan("  :\(action.rawValue)", .muted),
                        ])))
            }
            b.blank()
        }
        b.heading("Commands")
        for command in Commands.builtIn {
            b.rows.append(
                Row(
                    StyledLine([
                        StyledSpan("  "), StyledSpan(DisplayWidth.pad(":" + command.usage, to: 18), .key),
                        StyledSpan(command.summary),
                    ])))
        }
        b.rows.append(Row("  Every action above is also a command, e.g. :reload.", .muted))
        return b.rows
    }
}
