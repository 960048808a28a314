import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// The first view without a URL: recent places, and how to open a project.
final class StartView: ScreenView {
    /// Recent places: the address, the name it was shown under and the unread posts when known.
    private let recent: [Place]
    /// The user's projects, on forges that can list them (nil: not asked or not loaded yet).
    private var projects: [Project]?

    init(session: ForgeSession, recent: [Place]) {
        self.recent = recent
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { ["start"] }

    override func start(_ app: App) {
        guard let lister = session.forge.projectListing else { return }
        app.load(for: self, essential: false) { .projects(try await lister.myProjects(page: 0, limit: 50)) }
    }

    override func receive(_ payload: Payload, app: App) {
        if case .projects(let page) = payload { projects = page.items }
    }

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

    /// An address as people read it: without the scheme, percent escapes decoded.
    static func readable(_ address: String) -> String {
        var text = address.removingPercentEncoding ?? address
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        return text
    }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        b.heading("Anvil on \(session.displayName)")
        b.blank()
        b.rows.append(Row("  Open a project or URL…", .link, target: .note(StartView.promptMarker)))
        b.blank()
        if let projects, !projects.isEmpty {
            b.heading("Your projects")
            for project in projects {
                b.columns(
                    [(project.name, .normal, 28), (project.path.description, .muted, 0)],
                    target: .route(.project(project.path)))
            }
            b.blank()
        }
        b.heading("Recent places")
        if recent.isEmpty { b.rows.append(Row("  (none yet)", .muted)) }
        let shown = recent.filter { (try? session.resolve($0.address)) != nil }
        // Names as wide as the longest (up to three fifths of the screen); an unread column only
        // when some place has unread posts.
        let longest = shown.compactMap { $0.name.map(DisplayWidth.of) }.max() ?? 0
        let nameWidth = min(max(20, width * 3 / 5), longest + 3)
        let unreadWidth = shown.contains { ($0.unread ?? 0) > 0 } ? 12 : 0
        for place in shown {
            let readable = Self.readable(place.address)
            guard let name = place.name else {
                b.columns([(readable, .normal, 0)], target: .address(place.address))
                continue
            }
            let unread = place.unread ?? 0
            var columns: [(String, Role, Int)] = [(name, unread > 0 ? .unread : .normal, nameWidth)]
            if unreadWidth > 0 { columns.append((unread > 0 ? "\(unread) unread" : "", .unread, unreadWidth)) }
            columns.append((readable, .muted, 0))
            b.columns(columns, target: .address(place.address))
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
        let keyTexts = Dictionary(
            uniqueKeysWithValues: Action.allCases.map { action in
                let keys = keymap.keys(for: action).joined(separator: " ")
                return (action, keys.isEmpty ? "(unbound)" : keys)
            })
        let keyWidth = min(20, (keyTexts.values.map { DisplayWidth.of($0) }.max() ?? 8) + 2)
        let nameWidth = (Action.allCases.map { $0.rawValue.count }.max() ?? 10) + 3
        for (scope, title) in scopes {
            b.heading(title)
            for action in Action.allCases where action.scope == scope {
                b.rows.append(
                    contentsOf: Self.entry(
                        [(keyTexts[action] ?? "", .key, keyWidth), (":" + action.rawValue, .muted, nameWidth)],
                        summary: action.summary, width: width))
            }
            b.blank()
        }
        b.heading("Commands")
        let usageWidth = (Commands.builtIn.map { $0.usage.count }.max() ?? 10) + 3
        for command in Commands.builtIn {
            b.rows.append(
                contentsOf: Self.entry(
                    [(":" + command.usage, .key, usageWidth)], summary: command.summary, width: width))
        }
        b.rows.append(Row("  Every action above is also a command, e.g. :reload.", .muted))
        return b.rows
    }

    /// One entry: columns cut to their widths (never running into each other), then the summary
    /// wrapped under itself; on a narrow screen the summary goes on the lines below.
    static func entry(_ columns: [(String, Role, Int)], summary: String, width: Int) -> [Row] {
        var spans = [StyledSpan("  ")]
        for (text, role, columnWidth) in columns {
            spans.append(StyledSpan(DisplayWidth.pad(text, to: columnWidth - 1) + " ", role))
        }
        let used = 2 + columns.reduce(0) { $0 + $1.2 }
        if width - used < 20 {
            let indent = [StyledSpan("      ")]
            let head = Row(StyledLine(spans).truncated(to: width))
            let body = Wrapper.wrap(StyledLine(summary), width: width, firstIndent: indent, restIndent: indent)
            return [head] + body.map { Row($0) }
        }
        let wrapped = Wrapper.wrap(
            StyledLine(summary), width: width, firstIndent: spans,
            restIndent: [StyledSpan(String(repeating: " ", count: used))])
        return wrapped.map { Row($0) }
    }
}
