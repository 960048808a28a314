import Foundation
import TestSupport
import Testing

/// The 2,000-post demo thread in the real binary: open, scroll, collapse, jump to the end, back.
struct ThreadWalkTests {
    @Test func openScrollCollapseJumpToEndAndBack() async throws {
        try await offPool {
            let state = NSTemporaryDirectory() + "anvil-e2e-thread-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: state) }
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo p/anvil-demo/discussion/general/",
                environment: ["XDG_STATE_HOME": state, "XDG_CONFIG_HOME": "/nonexistent"])
            defer { tmux.stop() }
            try tmux.waitFor("Subject")
            try tmux.send("/")
            try tmux.type("Roadmap to 2.0")
            try tmux.send("Enter")
            try tmux.send("Enter")
            var screen = try tmux.waitFor { $0.contains("› Roadmap to 2.0") && $0.contains("noor") }
            #expect(screen.contains("├─"), "tree glyphs")
            #expect(screen.contains("●"), "new posts are marked")

            let opened = try tmux.waitForStableScreen()
            let startPosition = opened.components(separatedBy: "\n").first.flatMap(TitleLine.position)
            #expect(startPosition == "1/2000", "\(opened.components(separatedBy: "\n").first ?? "")")
            for _ in 0..<5 { try tmux.send("j") }
            screen = try tmux.waitFor { $0.components(separatedBy: "\n").first.flatMap(TitleLine.position) == "6/2000" }
            #expect(screen.contains("› Roadmap to 2.0"))
            #expect(
                screen.components(separatedBy: "\n").first.flatMap(TitleLine.position) == "6/2000",
                "five moves down land on the sixth post")
            #expect(screen != opened, "the cursor moved on screen")

            try tmux.send("g")
            try tmux.send("z")
            screen = try tmux.waitFor("hidden)")
            #expect(screen.contains("▸"))

            try tmux.send("G")
            screen = try tmux.waitFor { $0.contains("Post 2004") }
            #expect(screen.contains("posts not loaded yet"))

            try tmux.send("q")
            screen = try tmux.waitFor { $0.contains("Subject") && !$0.contains("› Roadmap") }
            #expect(
                screen.components(separatedBy: "\n").first.map(TitleLine.breadcrumb)?.hasSuffix("› General Discussion")
                    == true)
            try tmux.send("Q")
        }
    }

    @Test func dumpAllPrintsEveryPostOfTheThread() async throws {
        try await offPool {
            let result = try AnvilBinary.run([
                "dump", "--demo", "--all", "--width", "100", "p/anvil-demo/discussion/general/thread/b16a7d2000/",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let headers = result.stdout.components(separatedBy: "\n").filter { $0.contains(" ago (") }
            #expect(headers.count == 2000)
            #expect(!result.stdout.contains("not loaded yet"))
            #expect(result.stdout.components(separatedBy: "\n").allSatisfy { $0.count <= 100 })
        }
    }
}
