import DemoForge
import Foundation
import TestSupport
import Testing

/// The real binary against the Tuleap demo served on loopback (what `demo-server --kind tuleap`
/// serves): open a tracker, search it in TQL, open an artifact, change its status with a comment,
/// then see the conflict when the artifact changed meanwhile.
struct TuleapTriageTests {
    @Test func searchOpenChangeStatusWithACommentAndSeeAConflict() async throws {
        try await offPool {
            let forge = TuleapDemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-tuleap-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try "default_forge = \"tl\"\n[forges.tl]\nurl = \"\(server.baseURL.absoluteString)\"\nkind = \"tuleap\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let tracker = server.baseURL.absoluteString + "/plugins/tracker/?tracker=\(TuleapDemoNames.bugTracker)"
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --config \(config.path) '\(tracker)'", width: 120, height: 30,
                environment: ["ANVIL_TOKEN": TuleapDemoNames.demoKey, "XDG_STATE_HOME": home.path])
            defer { tmux.stop() }
            try tmux.waitFor("Summary")

            // Search in Tuleap's own query language.
            try tmux.send(":")
            try tmux.type("search status = \"New\" AND severity = \"Major\"")
            try tmux.send("Enter")
            func rows(_ screen: String) -> [String] {
                screen.components(separatedBy: "\n").filter {
                    $0.dropFirst(2).hasPrefix("#") && $0.dropFirst(3).first?.isNumber == true
                }
            }
            var screen = try tmux.waitFor(timeout: 20) { $0.contains("search:") && !rows($0).isEmpty }
            screen = try tmux.waitForStableScreen()
            let numbers = rows(screen).compactMap { Int($0.dropFirst(3).prefix { $0.isNumber }) }
            #expect(!numbers.isEmpty && numbers.allSatisfy { forge.artifact($0)?.status == "New" })
            let id = try #require(numbers.first)

            // Open it and close it as Fixed, with a comment.
            // The list shows "#id" too: wait for the artifact's own title line, and for its fields
            // (the title line comes first; "s" before the artifact arrived finds nothing to change).
            try tmux.send("Enter")
            try tmux.waitFor {
                $0.prefix { $0 != "\n" }.contains("#\(id) ") && !$0.contains("search:") && $0.contains("Reference ")
            }
            _ = try tmux.waitForStableScreen()
            try tmux.send("s")
            try tmux.waitFor("Status")
            try tmux.type("Fixed")
            try tmux.send("Enter")
            try tmux.waitFor("Comment")
            try tmux.type("Fixed from the terminal")
            try tmux.send("Enter")
            try tmux.waitFor(timeout: 20) { _ in forge.artifact(id)?.status == "Fixed" }
            try tmux.waitFor(timeout: 20) { _ in forge.artifact(id)?.comments.last == "Fixed from the terminal" }
            let puts = forge.requestLog.filter { $0.method == "PUT" }
            #expect(puts.first?.ifMatch != nil, "the write is guarded by the artifact's Etag")

            // Someone else changes it meanwhile: the next change is a conflict, and nothing is written.
            forge.touch(artifact: id, comment: "someone else")
            try tmux.send("s")
            try tmux.waitFor("Status")
            try tmux.type("Won't fix")
            try tmux.send("Enter")
            try tmux.waitFor("Comment")
            try tmux.send("Enter")
            try tmux.waitFor(timeout: 20) { $0.contains("Write anyway?") }
            #expect(forge.artifact(id)?.status == "Fixed")
            try tmux.send("n")
        }
    }
}
