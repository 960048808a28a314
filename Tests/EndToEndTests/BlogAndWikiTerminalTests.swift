import DemoForge
import Foundation
import TestSupport
import Testing

/// The real binary against `demo-server` (Allura) on loopback: the blog list, a post and its
/// comments; then a wiki page written in a scripted editor and read back.
struct BlogAndWikiTerminalTests {
    @Test func readTheBlogThenWriteAWikiPageAndReadItBack() async throws {
        try await offPool {
            let forge = DemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-blog-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try
                "default_forge = \"demo\"\n[forges.demo]\nurl = \"\(server.baseURL.absoluteString)\"\nkind = \"allura\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            // The editor replaces the template with labels and a text of its own.
            // It runs through sh, not as a program: a child another test forks meanwhile may hold the new
            // file open for writing, and executing it would then fail (ETXTBSY, status 126).
            let editor = home.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nprintf 'Labels: e2e, notes\\n---\\nWritten in **tmux**.\\n' > \"$1\"\n".write(
                to: editor, atomically: true, encoding: .utf8)

            let posts = forge.data.blogPosts()
            let index = try #require(posts.firstIndex { $0.title.hasPrefix("Ça marche") })
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --config \(config.path) p/\(DemoNames.mainProject)/blog/",
                environment: [
                    "ANVIL_TOKEN": DemoNames.demoToken, "XDG_STATE_HOME": home.path, "VISUAL": "sh " + editor.path,
                ])
            defer { tmux.stop() }

            // The list: titles with their authors and the draft's state, once the posts on screen
            // arrived (each row's details come on their own, so the wait is for both rows).
            func row(_ screen: String, _ post: Int) -> String? {
                screen.components(separatedBy: "\n").first { $0.contains(posts[post].title) }
            }
            let draft = try #require(posts.firstIndex { $0.state == "draft" })
            var screen = try tmux.waitFor {
                row($0, 0)?.contains(posts[0].author) == true && row($0, draft)?.contains("draft") == true
            }
            #expect(row(screen, 0)?.contains(posts[0].author) == true, "\(screen)")
            #expect(row(screen, draft)?.contains("draft") == true, "\(screen)")
            for _ in 0..<index { try tmux.send("j") }
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("Author") && $0.contains("Comments") }
            #expect(screen.contains(posts[index].title))
            #expect(screen.contains("State        published"))
            // Its comment thread.
            try tmux.send("G")
            try tmux.waitFor("Open the comment thread")
            try tmux.send("Enter")
            screen = try tmux.waitFor { !$0.contains("Open the comment thread") && $0.contains("discussion") }
            #expect(screen.components(separatedBy: "\n")[0].contains("Blog"))

            // A new wiki page with an odd title, written in the editor, then shown.
            try tmux.send(":")
            try tmux.type("open p/\(DemoNames.mainProject)/wiki/")
            try tmux.send("Enter")
            try tmux.waitFor("› Wiki")
            try tmux.send("C")
            try tmux.waitFor("Title of the new page")
            let title = "E2E & Notes (ü)"
            try tmux.type(title)
            try tmux.send("Enter")
            screen = try tmux.waitFor(timeout: 20) { $0.contains("Written in tmux.") }
            #expect(screen.contains("e2e, notes"))
            #expect(screen.components(separatedBy: "\n")[0].contains(title))
            let stored = try #require(forge.data.wikiPage(title: title))
            #expect(stored.text == "Written in **tmux**.\n" && stored.labels == ["e2e", "notes"])
            // Read back from the forge: reload shows the same.
            try tmux.send("r")
            screen = try tmux.waitFor("Written in tmux.")
            #expect(screen.contains("Labels e2e, notes"))
        }
    }
}
