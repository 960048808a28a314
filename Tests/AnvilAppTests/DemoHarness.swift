import Allura
import DemoForge
import ForgeModel
import Foundation
import GitLab
import TerminalUI
import TestSupport
import Testing
import Tuleap

@testable import AnvilApp

/// Runs `body` on a thread of its own. The app's UI side blocks while it waits for loads, and
/// those loads run on Swift's cooperative threads: blocking one of those (as a test body would)
/// can starve them on a small machine.
func onUIThread(_ body: @escaping @Sendable () throws -> Void) async throws {
    try await offPool(body)
}

/// Waits for an async call from a UI-side thread.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) { lock.withLock { result = r } }
    func get() throws -> T {
        guard let r = lock.withLock({ result }) else { throw CancellationError() }
        return try r.get()
    }
}

/// The app on the in-process demo forge, driven by key events on a headless terminal.
final class DemoHarness {
    let forge: DemoForge
    let allura: AlluraForge
    let session: ForgeSession
    let device: HeadlessTerminal
    let app: App
    static let now = Date(timeIntervalSince1970: 1_794_000_000)  // 2026-11-06

    /// The app on the Allura demo, or on `session` (another forge's demo) when one is given.
    init(
        width: Int = 80, height: Int = 24, forge: DemoForge = DemoForge(), options: AppOptions = AppOptions(),
        session: ForgeSession? = nil
    ) throws {
        self.forge = forge
        let base = DemoForge.defaultBaseURL
        allura = try AlluraForge(
            baseURL: base, token: DemoNames.demoToken, transport: DemoTransport(forge: forge), displayName: "demo")
        self.session = session ?? ForgeSession(forge: allura, baseURL: base)
        device = HeadlessTerminal(width: width, height: height)
        var options = options
        options.now = { DemoHarness.now }
        app = App(device: device, mailbox: Mailbox(), options: options)
    }

    static let mainProject = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)

    /// The app on the in-process GitLab demo (`gitlab` is that demo, to check writes).
    static func gitlab(
        width: Int = 80, height: Int = 24, demo gitlab: GitLabDemoForge, options: AppOptions = AppOptions()
    ) throws -> DemoHarness {
        let base = GitLabDemoForge.defaultBaseURL
        let forge = try GitLabForge(
            baseURL: base, token: GitLabDemoNames.demoToken, transport: DemoTransport(forge: gitlab),
            displayName: "gitlab")
        return try DemoHarness(
            width: width, height: height, options: options, session: ForgeSession(forge: forge, baseURL: base))
    }

    /// The app on the in-process Tuleap demo (`tuleap` is that demo, to check writes).
    static func tuleap(
        width: Int = 80, height: Int = 24, demo tuleap: TuleapDemoForge, options: AppOptions = AppOptions()
    ) throws -> DemoHarness {
        let base = TuleapDemoForge.defaultBaseURL
        let forge = try TuleapForge(
            baseURL: base, secret: TuleapDemoNames.demoKey, transport: DemoTransport(forge: tuleap),
            displayName: "tuleap")
        return try DemoHarness(
            width: width, height: height, options: options, session: ForgeSession(forge: forge, baseURL: base))
    }

    /// Opens a URL or path as `anvil URL` would, and waits for its loads.
    func open(_ address: String) throws {
        let (_, route) = try session.parse(address)
        app.open(route, session: session)
        settle()
    }

    /// Lets loads finish, long texts' background renderings included (a frame starts those).
    func settle() {
        while app.loadsInFlight > 0 { _ = app.settle(seconds: 20) }
        guard let view = app.top else { return }
        _ = view.rows(width: app.device.width)
        guard view.documents.isWaiting else { return }
        view.documents.startWanted(for: view, app: app)
        while app.loadsInFlight > 0 { _ = app.settle(seconds: 20) }
    }

    /// Presses keys one by one, letting loads finish after each.
    func press(_ keys: Key...) {
        for key in keys {
            app.handle(.key(key))
            settle()
        }
    }

    /// Types text into the open prompt and submits it.
    func submit(_ prompt: Character, _ text: String) {
        press(.char(prompt))
        for c in text { app.handle(.key(.char(c))) }
        press(.enter)
    }

    /// The screen as it is drawn now.
    var canvas: Canvas {
        let canvas = app.render()
        device.present(canvas)
        return canvas
    }

    var screen: String { canvas.text }

    var lines: [String] { screen.components(separatedBy: "\n") }

    /// The breadcrumb of the title line (the line without the position at its right end).
    var title: String { TitleLine.breadcrumb(lines[0]) }

    /// The text of the row under the cursor, without the arrow that marks it.
    var cursorLine: String? {
        let c = canvas
        return cursorRow(in: c).map { y in
            let text = c.rowText(y)
            return c[0, y].role == .pointer ? " " + text.dropFirst() : text
        }
    }

    /// The screen row the cursor is on.
    var cursorRow: Int? { cursorRow(in: canvas) }

    /// The row marked by the arrow in its margin or drawn in the cursor's colours.
    private func cursorRow(in c: Canvas) -> Int? {
        (1..<c.height).first { y in c[0, y].role == .pointer || (0..<c.width).contains { c[$0, y].role == .cursor } }
    }

    /// Every row of the top view at the terminal width, as text.
    var allRows: [String] { (app.top?.rows(width: device.width) ?? []).map(\.line.text) }

    var status: String { lines.last ?? "" }

    /// Moves the cursor to the first selectable row whose text contains `text`.
    /// Records an issue when no row within 200 moves has it, rather than giving up silently.
    func moveCursor(to text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<200 {
            if cursorLine?.contains(text) == true { return }
            press(.char("j"))
        }
        Issue.record("no row under the cursor has \"\(text)\" after 200 moves", sourceLocation: sourceLocation)
    }
}
