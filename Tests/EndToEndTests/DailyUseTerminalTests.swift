import Foundation
import TestSupport
import Testing

/// The real binary in tmux: redraw on C-l, a failing editor, a search counted and wrapped.
@Suite(.serialized)
struct DailyUseTerminalTests {
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "XDG_STATE_HOME": AnvilBinary.freshFolder("state"),
            "XDG_CONFIG_HOME": "/nonexistent",
        ]
        env.merge(extra) { _, new in new }
        return env
    }

    @Test func controlLWritesTheWholeScreenAgain() async throws {
        try await offPool {
            let recording = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-redraw-\(UUID().uuidString).bytes")
            defer { try? FileManager.default.removeItem(at: recording) }
            let tmux = try TmuxSession(command: "\(AnvilBinary.path) --demo", environment: Self.environment())
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            let before = try tmux.waitForStableScreen()
            try tmux.record(to: recording)
            try tmux.send("C-l")
            let text = TmuxSession.recorded(recording) { $0.contains("demo ›") && $0.contains("Developers") }
            let after = try tmux.waitForStableScreen()
            try tmux.stopRecording()
            #expect(after == before)
            #expect(text.contains("demo ›"), "the title is written again")
            #expect(text.contains("Developers"), "and the rest of the screen")
        }
    }

    @Test func anEditorExitingWithAFailureIsReported() async throws {
        try await offPool {
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo 'p/anvil-demo/wiki/Home/'",
                environment: Self.environment(["EDITOR": "false", "VISUAL": ""]))
            defer { tmux.stop() }
            try tmux.waitFor("Last edit")
            try tmux.send("c")
            let screen = try tmux.waitFor("exited with status 1")
            #expect(screen.contains("draft is kept"))
        }
    }

    @Test func searchCountsMatchesAndSaysWhenItWraps() async throws {
        try await offPool {
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo p/anvil-demo/wiki/", environment: Self.environment())
            defer { tmux.stop() }
            // The title line names the wiki while its page list is still loading: wait for the
            // pages, or the search runs over the loading line.
            try tmux.waitFor { $0.contains("› Wiki") && $0.contains("Getting Started") }
            try tmux.send("/")
            try tmux.type("^ *(Home|Getting Started)$")
            try tmux.send("Enter")
            var screen = try tmux.waitFor("matching lines")
            #expect(screen.contains("2 matching lines (1 of 2)"), "\(screen)")
            try tmux.send("n")
            screen = try tmux.waitFor("(2 of 2)")
            try tmux.send("n")
            screen = try tmux.waitFor("wrapped to the top")
            #expect(screen.contains("(1 of 2; wrapped to the top)"))
        }
    }

    @Test func escapeCancelsAPromptAtOnce() async throws {
        try await offPool {
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo p/anvil-demo/bugs/12/", environment: Self.environment())
            defer { tmux.stop() }
            try tmux.waitFor("Status")
            try tmux.send("s")
            try tmux.waitFor("Status of #12")
            try tmux.type("clo")
            try tmux.send("Escape")
            let screen = try tmux.waitFor(timeout: 2) { !$0.contains("Status of #12") }
            #expect(!screen.contains("Status of #12"), "\(screen)")
            #expect(screen.contains("Cancelled"))
        }
    }
}
