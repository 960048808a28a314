import Foundation
import TestSupport
import Testing

/// Runs the real `anvil` binary in tmux on the demo forge, as a user would.
@Suite(.serialized)
struct DemoWalkTests {
    static let environment = [
        "XDG_STATE_HOME": NSTemporaryDirectory() + "anvil-e2e-state", "XDG_CONFIG_HOME": "/nonexistent",
    ]

    @Test func walkProjectWikiPageAndBack() async throws {
        try await offPool {
            let tmux = try TmuxSession(command: "\(AnvilBinary.path) --demo", environment: Self.environment)
            defer { tmux.stop() }

            var screen = try tmux.waitFor("Tools")
            let lines = screen.components(separatedBy: "\n")
            #expect(lines.first?.hasPrefix("demo › ") == true, "breadcrumb: \(lines.first ?? "")")
            #expect(screen.contains("Developers"))

            try tmux.send("/")
            try tmux.type("Wiki")
            try tmux.send("Enter")
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("› Wiki") && $0.contains("Home") }
            #expect(screen.contains("Getting Started"))

            try tmux.send("/")
            try tmux.type("Home")
            try tmux.send("Enter")
            try tmux.send("Enter")
            screen = try tmux.waitFor { $0.contains("› Home") && $0.contains("Last edit") }
            #expect(screen.contains("Welcome"))

            try tmux.send("q")
            screen = try tmux.waitFor { !$0.contains("› Home") && $0.contains("› Wiki") }
            #expect(screen.components(separatedBy: "\n").first.map(TitleLine.breadcrumb)?.hasSuffix("› Wiki") == true)

            try tmux.send("q")
            screen = try tmux.waitFor("Tools")
            #expect(!screen.contains("› Wiki"))

            try tmux.send("Q")
            let after = try tmux.waitFor(timeout: 10) { !$0.contains("Tools") }
            #expect(!after.contains("Tools"), "the screen is restored after quitting")
        }
    }

    @Test func searchHighlightsAndMovesBetweenMatches() async throws {
        try await offPool {
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo p/anvil-demo/wiki/", environment: Self.environment)
            defer { tmux.stop() }
            // The title line names the wiki while its page list is still loading ("Loading the page
            // list…" matches /e as well): wait for the pages.
            try tmux.waitFor { $0.contains("› Wiki") && $0.contains("Getting Started") }
            try tmux.send("/")
            try tmux.type("e")
            try tmux.send("Enter")
            let screen = try tmux.waitFor("matching line")
            #expect(screen.contains("/e: "))
            #expect(screen.contains("(1 of "), "\(screen)")
            try tmux.send("n")
            let next = try tmux.waitFor("(2 of ")
            #expect(next.contains("(2 of "), "n moved to the second match: \(next)")
            try tmux.send("/")
            try tmux.type("zzzz-no-such-text")
            try tmux.send("Enter")
            #expect(try tmux.waitFor("Pattern not found").contains("zzzz-no-such-text"))
        }
    }

    @Test func resizeReflowsWhileIdle() async throws {
        try await offPool { try Self.resizeReflows() }
    }

    /// A separate function: as a closure body this test trips the compiler's sendability pass.
    static func resizeReflows() throws {
        let tmux = try TmuxSession(
            command: "\(AnvilBinary.path) --demo", width: 100, height: 30, environment: Self.environment)
        defer { tmux.stop() }
        try tmux.waitFor("Tools")
        try tmux.waitForStableScreen()
        let before = try tmux.capture().components(separatedBy: "\n")
        #expect(before.contains { $0.count > 60 }, "some line uses the full 100 columns")

        try tmux.resize(width: 60, height: 20)
        let narrow = try tmux.waitFor { screen in
            let lines = screen.components(separatedBy: "\n")
            return lines.first?.hasPrefix("demo ›") == true && lines.allSatisfy { $0.count <= 60 }
                && screen.contains("Tools")
        }
        let narrowLines = narrow.components(separatedBy: "\n")
        #expect(narrowLines.first?.hasPrefix("demo ›") == true, "\(narrow)")
        #expect(narrowLines.allSatisfy { $0.count <= 60 })

        try tmux.resize(width: 120, height: 40)
        let wide = try tmux.waitFor {
            $0.components(separatedBy: "\n").first?.hasPrefix("demo ›") == true && $0.contains("Developers")
        }
        #expect(wide.components(separatedBy: "\n").first?.hasPrefix("demo ›") == true, "\(wide)")
        #expect(wide.contains("Developers"))
    }

    /// A one-line scroll moves one region that reaches the bottom line: the region is set once and
    /// kept, then each scroll is a line feed and the new line, with no clearing and no rewrite of
    /// the title.
    @Test func aOneLineScrollWritesAboutOneLine() async throws {
        try await offPool {
            let recording = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-scroll-\(UUID().uuidString).bytes")
            defer { try? FileManager.default.removeItem(at: recording) }
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo 'p/anvil-demo/wiki/Field Manual/'", width: 100, height: 30,
                environment: Self.environment)
            defer { tmux.stop() }
            try tmux.waitFor("Chapter 1:")
            let before = try tmux.waitForStableScreen()
            try tmux.record(to: recording)
            let scrolls = 20
            for _ in 0..<scrolls { try tmux.send("C-e") }
            let after = try tmux.waitFor { $0 != before }
            try tmux.waitForStableScreen()
            try tmux.stopRecording()
            let lines = after.components(separatedBy: "\n")
            #expect(lines.first?.hasPrefix("demo › ") == true, "the title stays")
            let bytes = Data(TmuxSession.recorded(recording).utf8)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!bytes.isEmpty)
            let regions = try text.matches(of: Regex("\u{1B}\\[[0-9]*;[0-9]*r")).count
            #expect(regions <= 1, "the scroll region is set at most once, not \(regions) times")
            #expect(!text.contains("\u{1B}[2J") && !text.contains("\u{1B}[J"), "no clearing")
            #expect(!text.contains("demo ›"), "the title is not rewritten")
            #expect(bytes.count <= scrolls * 100, "\(bytes.count) bytes for \(scrolls) one-line scrolls")
        }
    }

    @Test func hostileServerTextNeverReachesTheTerminal() async throws {
        try await offPool {
            let recording = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-escapes-\(UUID().uuidString).bytes")
            defer { try? FileManager.default.removeItem(at: recording) }
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo --theme mono", environment: Self.environment)
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            try tmux.waitForStableScreen()
            try tmux.record(to: recording)
            try tmux.send(":")
            try tmux.type("open p/anvil-demo/wiki/Terminal Escapes/")
            try tmux.send("Enter")
            // The title line names the page before its text arrives: wait for the text.
            let screen = try tmux.waitFor { $0.contains("› Terminal Escapes") && $0.contains("␛") }
            try tmux.waitForStableScreen()
            try tmux.stopRecording()
            #expect(screen.contains("␛"), "escape characters are shown, not obeyed")
            let bytes = Data(TmuxSession.recorded(recording).utf8)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!bytes.isEmpty)
            #expect(!text.contains("\u{1B}[2J"), "no clear screen")
            #expect(!text.contains("\u{1B}]0;"), "no window title")
            #expect(!text.contains("\u{1B}]2;"), "no window title")
            #expect(!text.contains("\u{1B}[31m"), "no colour change")
            #expect(!text.contains("\u{9B}"), "no 8-bit CSI")
            #expect(!text.contains("\u{202E}"), "no bidi override")
            #expect(!text.contains("\u{07}"), "no bell")
        }
    }
}
