import Allura
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// Reads a view started end when the user leaves, reloads or presses Esc, so a forge that never
/// answers cannot use up the connections every other page needs.
@Suite struct CancellationTests {
    @Test("reload and Esc cancel a silent page's reads, and other pages of the forge still load")
    func silentPagesDoNotStarve() async throws {
        try await onUIThread {
            let base = Box<URL>()
            let server = try FaultServer { request in
                switch request.path {
                case FakeAllura.projectPath: return base.value.map(FakeAllura.project) ?? .reset
                case "/rest/p/test/wiki/Silent/": return .silent
                case "/rest/p/test/wiki/Home/": return .json(#"{"title": "Home", "text": "Welcome home"}"#)
                default: return FakeAllura.errorPage(404, reason: "No")
                }
            }
            base.value = server.baseURL
            defer { server.stop() }
            let forge = try AlluraForge(
                baseURL: server.baseURL, token: nil, transport: SocketTransport(timeout: 60, deadline: 60))
            let session = ForgeSession(forge: forge, baseURL: server.baseURL)
            let app = App(device: HeadlessTerminal(width: 80, height: 24), mailbox: Mailbox())
            let project = ProjectPath(neighborhood: "p", name: "test")
            app.open(.project(project), session: session)
            #expect(app.settle(seconds: 60))

            app.open(.wikiPage(project, mount: "wiki", title: "Silent"), session: session)
            _ = app.settle(seconds: 0.5)
            for _ in 0..<5 {
                app.perform(.reload)
                _ = app.settle(seconds: 0.2)
            }
            #expect(app.loadsInFlight == 1, "each reload cancels the read before")
            app.handle(.key(.escape))
            #expect(app.loadsInFlight == 0)
            #expect(app.message?.text.hasPrefix("Stopped loading") == true)

            let started = Date()
            app.open(.wikiPage(project, mount: "wiki", title: "Home"), session: session)
            #expect(app.settle(seconds: 60))
            #expect(Date().timeIntervalSince(started) < 30, "uncancelled reads would hold the connections for 60 s")
            #expect(app.render().text.contains("Welcome home"))
        }
    }
}
