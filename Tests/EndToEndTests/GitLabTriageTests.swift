import DemoForge
import Foundation
import TestSupport
import Testing

/// The real binary against `demo-server --kind gitlab` on loopback: list the issues, filter by a
/// label, open an issue, reply to a discussion in the editor, close the issue with a comment, undo.
struct GitLabTriageTests {
    @Test func filterOpenReplyCloseWithACommentAndUndo() async throws {
        try await offPool {
            let forge = GitLabDemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-gitlab-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try "default_forge = \"lab\"\n[forges.lab]\nurl = \"\(server.baseURL.absoluteString)\"\nkind = \"gitlab\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            // The editor writes the reply, whatever the file held.
            // It runs through sh, not as a program: a child another test forks meanwhile may hold the new
            // file open for writing, and executing it would then fail (ETXTBSY, status 126).
            let editor = home.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nprintf 'Reply from the terminal\\n' > \"$1\"\n".write(
                to: editor, atomically: true, encoding: .utf8)

            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --config \(config.path) \(GitLabDemoNames.mainProject)/-/issues",
                width: 120, height: 30,
                environment: [
                    "ANVIL_TOKEN": GitLabDemoNames.demoToken, "XDG_STATE_HOME": home.path,
                    "VISUAL": "sh " + editor.path,
                ])
            defer { tmux.stop() }
            try tmux.waitFor("Summary")

            // Filter by a label, in GitLab's own syntax.
            try tmux.send(":")
            try tmux.type("search ~bug")
            try tmux.send("Enter")
            func issueRows(_ screen: String) -> [String] {
                screen.components(separatedBy: "\n").filter {
                    $0.dropFirst(2).hasPrefix("#") && $0.dropFirst(3).first?.isNumber == true
                }
            }
            var screen = try tmux.waitFor(timeout: 20) { $0.contains("search: ~bug") && !issueRows($0).isEmpty }
            screen = try tmux.waitForStableScreen()
            let numbers = issueRows(screen).compactMap { Int($0.dropFirst(3).prefix { $0.isNumber }) }
            #expect(!numbers.isEmpty && numbers.allSatisfy { forge.issue(iid: $0)?.labels.contains("bug") == true })
            #expect(numbers.allSatisfy { forge.issue(iid: $0)?.state == "opened" })
            let iid = try #require(numbers.first)
            let before = try #require(forge.issue(iid: iid))

            // Open it, then its discussions, and reply to the first one.
            // The list shows "#iid" too: wait for the issue's own screen (its title line and its fields),
            // or the keys below land on the list and open another issue.
            try tmux.send("Enter")
            try tmux.waitFor { $0.hasTitle("#\(iid)") && $0.contains("Reference ") }
            _ = try tmux.waitForStableScreen()
            try tmux.send("G", "Enter")
            try tmux.waitFor { $0.hasTitle("#\(iid)") && !$0.contains("Reference ") && $0.contains("● ") }
            _ = try tmux.waitForStableScreen()
            try tmux.send("g", "R")
            // The forge has the reply before Anvil has its answer ("Posted"); leaving sooner drops
            // that answer, and the issue would not be read again for the reply's new time.
            try tmux.waitFor(timeout: 20) { screen in
                screen.contains("Posted") && (forge.issue(iid: iid)?.notes.count ?? 0) > before.notes.count
            }
            let replied = try #require(forge.issue(iid: iid))
            #expect(
                replied.notes.contains {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines) == "Reply from the terminal"
                }, "\(replied.notes)\n\((try? tmux.capture()) ?? "")")
            #expect(
                replied.discussionCount == before.discussionCount, "a reply joins a discussion, it does not start one")

            // Back to the issue: close it with a comment.
            // (The issue is shown where it was left, at its end: its fields are scrolled away.)
            // Back there, the issue is read again (the reply changed it); "s" before that answer
            // would write against the older copy, a conflict.
            try tmux.send("q")
            try tmux.waitFor { $0.hasTitle("#\(iid)") && !$0.contains("● ") && !$0.contains("⟳ loading") }
            try tmux.send("s")
            try tmux.waitFor("Status")
            try tmux.type("closed")
            try tmux.send("Enter")
            try tmux.waitFor("Comment")
            try tmux.type("Closed from the terminal")
            try tmux.send("Enter")
            try tmux.waitFor(timeout: 20) { _ in forge.issue(iid: iid)?.state == "closed" }
            // Anvil keeps the undo step once the forge answered, after the forge has the comment:
            // wait for its message, or "u" finds nothing to undo.
            try tmux.waitFor(timeout: 20) { screen in
                screen.contains("#\(iid) closed") && forge.issue(iid: iid)?.notes.last == "Closed from the terminal"
            }
            let closed = try #require(forge.issue(iid: iid))
            #expect(
                closed.labels == before.labels && closed.title == before.title && closed.assignees == before.assignees)

            // Undo reopens it.
            try tmux.send("u")
            try tmux.waitFor(timeout: 20) { _ in forge.issue(iid: iid)?.state == "opened" }
            let puts = forge.requestLog.filter { $0.method == "PUT" }
            #expect(puts.count == 2, "\(puts)")
            #expect(
                puts.allSatisfy { ($0.body ?? "").contains("state_event") && !($0.body ?? "").contains("\"labels\"") })
        }
    }
}

extension String {
    /// Whether the screen's first line (the title line) ends its breadcrumb with `crumb`.
    fileprivate func hasTitle(_ crumb: String) -> Bool {
        let title = prefix { $0 != "\n" }
        return title.contains("› \(crumb) ")
    }
}
