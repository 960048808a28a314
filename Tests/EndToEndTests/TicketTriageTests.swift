import DemoForge
import Foundation
import TestSupport
import Testing

/// Triage in the real binary against the demo forge served over loopback HTTP: search, tag three
/// tickets, close them with a comment, check the forge's side, undo.
struct TicketTriageTests {
    @Test func searchTagCloseWithACommentAndUndo() async throws {
        try await offPool {
            let forge = DemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-triage-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try "default_forge = \"demo\"\n[forges.demo]\nurl = \"\(server.baseURL.absoluteString)\"\n"
                .write(to: config, atomically: true, encoding: .utf8)

            let tmux = try TmuxSession(
                command:
                    "\(AnvilBinary.path) --config \(config.path) p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/",
                width: 120, height: 30,
                environment: ["ANVIL_TOKEN": DemoNames.demoToken, "XDG_STATE_HOME": home.path])
            defer { tmux.stop() }
            try tmux.waitFor("Summary")
            try tmux.send(":")
            try tmux.type("search status:open")
            try tmux.send("Enter")
            func ticketRows(_ screen: String) -> [String] {
                // "  #12", or "▶ #12" on the cursor's row.
                screen.components(separatedBy: "\n").filter {
                    $0.dropFirst(2).hasPrefix("#") && $0.dropFirst(3).first?.isNumber == true
                }
            }
            try tmux.waitFor(timeout: 20) { $0.contains("search: status:open") && ticketRows($0).count >= 3 }
            var screen = try tmux.waitForStableScreen()
            let rows = ticketRows(screen)
            let numbers = rows.prefix(3).compactMap { Int($0.dropFirst(3).prefix { $0.isNumber }) }
            #expect(numbers.count == 3, "\(screen)")
            let before = numbers.compactMap { forge.ticket(number: $0) }

            try tmux.send("t", "t", "t")
            try tmux.waitFor("3 tagged")
            try tmux.send("\\;", "s")
            try tmux.waitFor("Status of 3 tickets")
            try tmux.type("closed")
            try tmux.send("Enter")
            try tmux.waitFor("Comment")
            try tmux.type("Closed in bulk from Anvil")
            try tmux.send("Enter")
            screen = try tmux.waitFor("Apply?")
            #expect(screen.contains("3 tickets: status open → closed"))
            try tmux.send("y")
            screen = try tmux.waitFor("3 tickets closed")

            for (old, number) in zip(before, numbers) {
                let now = try #require(forge.ticket(number: number))
                #expect(now.status == "closed")
                #expect(now.labels == old.labels)
                #expect(now.assignedTo == old.assignedTo)
                #expect(now.summary == old.summary)
                #expect(now.description == old.description)
                let posts = forge.requestLog.filter { $0.method == "POST" && $0.path.contains(now.threadID) }
                #expect(posts.count == 1, "one comment on #\(number)")
            }

            try tmux.send("u")
            try tmux.waitFor("3 tickets restored")
            for (old, number) in zip(before, numbers) {
                #expect(forge.ticket(number: number)?.status == old.status)
            }
            try tmux.send("Q")
        }
    }
}
