import Allura
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// A search that claims ten million tickets: the list is capped, its placeholders cost little,
/// and `dump` prints what arrived and a line saying how much did not, not a line per placeholder.
@Suite struct HugeClaimTests {
    @Test func aSearchClaimingTenMillionTickets() async throws {
        try await onUIThread {
            var search = try #require(
                try JSONSerialization.jsonObject(with: Fixtures.allura("tickets-search-status-open.json"))
                    as? [String: Any])
            search["count"] = 10_000_000
            let body = String(decoding: try JSONSerialization.data(withJSONObject: search), as: UTF8.self)
            let (server, session) = try fakeAlluraSession(["/rest/p/test/bugs/search/": .json(body)])
            defer { server.stop() }
            let route = Route.ticketSearch(
                ProjectPath(neighborhood: "p", name: "test"), mount: "bugs", query: "status:open")

            let text = try Dump.render(route, session: session, width: 100)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count < 30, "\(lines.count) lines")
            #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces) == "…" })
            #expect(text.contains("up to 99,99") || text.contains("up to 9999"), "\(lines.suffix(2))")

            let app = App(device: HeadlessTerminal(width: 100, height: 24), mailbox: Mailbox())
            app.open(route, session: session)
            #expect(app.settle(seconds: 60))
            let title = app.render().text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(
                title.range(of: #"1/≤(9999\d|100000)$"#, options: .regularExpression) != nil,
                "capped, shown as a bound: \(title)")
        }
    }
}
