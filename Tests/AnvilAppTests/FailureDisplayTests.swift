import Allura
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// A load that failed stays failed on screen when another load of the same view succeeds.
@Suite struct FailureDisplayTests {
    @Test("a failed ticket or search shows its error, never a blank ticket or 'No tickets match'")
    func failuresStayOnScreen() async throws {
        try await onUIThread {
            let base = Box<URL>()
            let server = try FaultServer { request in
                switch request.path {
                case FakeAllura.projectPath: return base.value.map(FakeAllura.project) ?? .reset
                case "/rest/p/test/bugs/":
                    let text = (try? Fixtures.allura("tickets-page0-limit10.json")).map {
                        String(decoding: $0, as: UTF8.self)
                    }
                    return .json(text ?? "{}")
                case "/rest/p/test/bugs/7/": return FakeAllura.errorPage(404, reason: "No such ticket")
                case "/rest/p/test/bugs/search/": return FakeAllura.errorPage(500, reason: "Search is down")
                default: return FakeAllura.errorPage(404, reason: "No")
                }
            }
            base.value = server.baseURL
            defer { server.stop() }
            let forge = try AlluraForge(
                baseURL: server.baseURL, token: nil, transport: SocketTransport(timeout: 10, deadline: 10))
            let session = ForgeSession(forge: forge, baseURL: server.baseURL)
            let project = ProjectPath(neighborhood: "p", name: "test")
            for route in [
                Route.ticket(project, mount: "bugs", number: 7),
                .ticketSearch(project, mount: "bugs", query: "status:open"),
            ] {
                for _ in 0..<3 {
                    let app = App(device: HeadlessTerminal(width: 100, height: 24), mailbox: Mailbox())
                    app.open(.project(project), session: session)
                    #expect(app.settle(seconds: 60))
                    app.open(route, session: session)
                    #expect(app.settle(seconds: 60))
                    let screen = app.render().text
                    #expect(app.top?.loadError != nil, "\(route)")
                    #expect(screen.contains("Press r to try again"), "\(route): \(screen)")
                    #expect(!screen.contains("No tickets match"))
                }
            }
        }
    }
}
