import ForgeModel
import TerminalUI
import Text

/// `anvil dump`: renders a view once, as plain text, in the layout it has on screen.
public enum Dump {
    /// The breadcrumb line and every row of the view for `route`, at `width` columns.
    /// Throws the load failure when the view could not show anything.
    public static func render(
        _ route: Route, session: ForgeSession, width: Int, options: AppOptions = AppOptions(), timeout: Double = 60
    ) throws -> String {
        guard let (app, view) = try loaded(route, session: session, width: width, options: options, timeout: timeout)
        else { return "" }
        // Long texts render in the background: wait for them as for pages.
        for _ in 0..<4 where view.documents.isWaiting {
            view.documents.startWanted(for: view, app: app)
            guard app.settle(seconds: timeout) else { throw ForgeError.timeout }
            _ = view.rows(width: width)
        }
        let rows = view.rows(width: width).filter { !$0.onScreenOnly }
        var canvas = Canvas(width: width, height: rows.count + 1)
        canvas.draw(DisplayWidth.truncate(ScreenRenderer.breadcrumb(of: view), to: width), x: 0, y: 0)
        for (index, row) in rows.enumerated() {
            canvas.draw(row.line.truncated(to: width), x: 0, y: index + 1, maxWidth: width)
        }
        var text = canvas.text + "\n"
        if let rest = view.notLoadedSummary {
            text += DisplayWidth.truncate("(\(rest): anvil dump --all prints everything)", to: width) + "\n"
        }
        if let note = app.message, note.isError { text += "(\(note.text))\n" }
        // What came from the cache says so, as the title line does on screen.
        if let copy = view.localCopy { text += "(\(copy.text(now: view.now())))\n" }
        return text
    }

    /// The view of `route` with what it loads (everything, with `options.loadEverything`), its rows'
    /// details and long texts included; nil when no view opened.
    static func loaded(
        _ route: Route, session: ForgeSession, width: Int, options: AppOptions, timeout: Double
    ) throws -> (App, ScreenView)? {
        let device = HeadlessTerminal(width: width, height: 24)
        let app = App(device: device, mailbox: Mailbox(), options: options)
        app.open(route, session: session)
        // A resolving view replaces itself and starts new loads: settle until quiet.
        while app.loadsInFlight > 0 {
            guard app.settle(seconds: timeout) else { throw ForgeError.timeout }
        }
        guard let view = app.top else { return nil }
        if let error = view.loadError { throw error }
        if options.loadEverything { try loadEverything(view, app: app, timeout: timeout) }
        view.loadDetails(rows: 0..<view.rows(width: width).count, app: app)
        guard app.settle(seconds: timeout) else { throw ForgeError.timeout }
        return (app, view)
    }

    /// Loads page after page until the view has everything (or stops making progress).
    private static func loadEverything(_ view: ScreenView, app: App, timeout: Double) throws {
        var last: String?
        while let rest = view.notLoadedSummary, rest != last, view.loadEverything(app) {
            last = rest
            guard app.settle(seconds: timeout) else { throw ForgeError.timeout }
        }
    }
}
