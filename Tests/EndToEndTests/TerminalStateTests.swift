import Foundation
import TestSupport
import Testing

/// What Anvil leaves the terminal in: restored after quitting, interrupting and suspending;
/// colours only when wanted.
@Suite(.serialized)
struct TerminalStateTests {
    static let environment = [
        "XDG_STATE_HOME": NSTemporaryDirectory() + "anvil-e2e-state", "XDG_CONFIG_HOME": "/nonexistent", "PS1": "$ ",
    ]

    /// Runs anvil and then prints the terminal modes, so the test can see what anvil left behind.
    private func session() throws -> TmuxSession {
        try TmuxSession(
            command:
                "\(AnvilBinary.path) --demo; echo exit=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo",
            environment: Self.environment)
    }

    /// Whether the shell printed anvil's exit status and then `stty`'s line for each of `modes`
    /// (`icanon` or `-icanon`): the modes come from another command, after the status.
    static func ended(_ screen: String, showing modes: [String]) -> Bool {
        let lines = screen.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return screen.contains("exit=")
            && modes.allSatisfy { mode in lines.contains { $0 == mode || $0 == "-" + mode } }
    }

    @Test("An unusable TERM is named in one line, the screen untouched")
    func anUnusableTerminalTypeIsNamed() async throws {
        try await offPool {
            for (term, message) in [
                ("anvil-no-such-terminal", "anvil: unknown terminal type 'anvil-no-such-terminal' (TERM)"),
                ("", "anvil: TERM is not set"),
            ] {
                var environment = Self.environment
                environment["TERM"] = term
                let tmux = try TmuxSession(
                    command: "\(AnvilBinary.path) --demo; echo exit=$?", environment: environment)
                defer { tmux.stop() }
                let screen = try tmux.waitFor("exit=")
                #expect(screen.contains(message), "\(screen)")
                #expect(screen.contains("exit=1"), "\(screen)")
                #expect(!screen.contains("Tools"), "nothing was drawn")
            }
        }
    }

    @Test("LINES and COLUMNS size the screen, though the first request went out before curses read them")
    func linesAndColumnsSizeTheScreen() async throws {
        try await offPool {
            var environment = Self.environment
            environment["LINES"] = "12"
            environment["COLUMNS"] = "50"
            let tmux = try TmuxSession(command: "\(AnvilBinary.path) --demo", environment: environment)
            defer { tmux.stop() }
            let screen = try tmux.waitFor("Tools")
            let lines = screen.components(separatedBy: "\n")
            let title = try #require(lines.first)
            #expect(title.hasPrefix("demo › Anvil Demo"), "\(screen)")
            #expect(title.trimmingCharacters(in: .whitespaces).count <= 50, "the title ends at column 50: \(title)")
            #expect(lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).count <= 50 }, "\(screen)")
            #expect(lines.dropFirst(12).allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(screen)")
        }
    }

    @Test func interruptQuitsAndRestoresTheTerminal() async throws {
        try await offPool {
            let tmux = try session()
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            try tmux.send("C-c")
            let screen = try tmux.waitFor { Self.ended($0, showing: ["icanon", "echo"]) }
            #expect(screen.contains("exit=130"), "128 + SIGINT")
            #expect(screen.contains("\nicanon") && !screen.contains("-icanon"), "\(screen)")
            #expect(screen.contains("\necho") && !screen.contains("-echo"))
            #expect(!screen.contains("Tools"), "the alternate screen is gone")
        }
    }

    @Test("SIGTERM and SIGHUP end Anvil with 128 + the signal, the terminal restored")
    func terminationSignalsGiveTheirStatus() async throws {
        try await offPool {
            for (name, number): (String, Int32) in [("TERM", 15), ("HUP", 1)] {
                let pidFile = NSTemporaryDirectory() + "anvil-pid-\(UUID().uuidString)"
                defer { unlink(pidFile) }
                let tmux = try TmuxSession(
                    command:
                        "sh -c 'echo $$ > \(pidFile); exec \(AnvilBinary.path) --demo'; echo exit=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon",
                    environment: Self.environment)
                defer { tmux.stop() }
                try tmux.waitFor("Tools")
                let text = try String(contentsOfFile: pidFile, encoding: .utf8)
                let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
                kill(pid, number)
                let screen = try tmux.waitFor { Self.ended($0, showing: ["icanon"]) }
                #expect(screen.contains("exit=\(128 + number)"), "SIG\(name): \(screen)")
                #expect(screen.contains("\nicanon") && !screen.contains("-icanon"))
            }
        }
    }

    @Test("Ctrl-\\ (SIGQUIT) restores the terminal at once and prints no backtrace over it")
    func quitSignalRestoresTheTerminalFirst() async throws {
        try await offPool {
            let tmux = try session()
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            let started = Date()
            try tmux.send("C-\\")
            let screen = try tmux.waitFor(timeout: 10) { Self.ended($0, showing: ["icanon", "echo"]) }
            #expect(Date().timeIntervalSince(started) < 5, "no 30 s wait for the backtracer")
            #expect(screen.contains("\nicanon") && !screen.contains("-icanon"), "\(screen)")
            #expect(!screen.contains("Tools"), "the alternate screen is gone")
            #expect(!screen.contains("Backtrace") && !screen.contains("Crash"))
        }
    }

    @Test func quitRestoresTheTerminal() async throws {
        try await offPool {
            let tmux = try session()
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            try tmux.send("Q")
            let screen = try tmux.waitFor { Self.ended($0, showing: ["icanon", "echo"]) }
            #expect(screen.contains("exit=0"))
            #expect(!screen.contains("-icanon") && !screen.contains("-echo"))
        }
    }

    @Test func suspendAndResumeRedrawTheScreen() async throws {
        try await offPool {
            let tmux = try TmuxSession(command: "bash --norc -i", environment: Self.environment)
            defer { tmux.stop() }
            try tmux.waitFor("$")
            try tmux.type("\(AnvilBinary.path) --demo")
            try tmux.send("Enter")
            try tmux.waitFor("Tools")
            try tmux.send("C-z")
            let suspended = try tmux.waitFor("Stopped")
            #expect(!suspended.contains("Tools"))
            try tmux.type("fg")
            try tmux.send("Enter")
            let resumed = try tmux.waitFor("Tools")
            #expect(resumed.components(separatedBy: "\n").first?.hasPrefix("demo ›") == true)
            try tmux.send("Q")
            try tmux.waitFor { !$0.contains("Tools") }
        }
    }

    /// Whether any SGR escape in `text` sets a foreground or background colour.
    static func setsColours(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let parameters = rest.prefix { $0.isNumber || $0 == ";" }
            rest = rest.dropFirst(parameters.count)
            guard rest.first == "m" else { continue }
            let codes = parameters.split(separator: ";").compactMap { Int($0) }
            if codes.contains(where: {
                (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0)
                    || (100...107).contains($0) || $0 == 38 || $0 == 48
            }) {
                return true
            }
        }
        return false
    }

    @Test func noColorDrawsWithAttributesOnly() async throws {
        try await offPool {
            let colour = try TmuxSession(command: "\(AnvilBinary.path) --demo", environment: Self.environment)
            defer { colour.stop() }
            try colour.waitFor("Tools")
            try colour.waitForStableScreen()
            let coloured = try colour.captureWithEscapes()
            #expect(Self.setsColours(coloured), "the default theme uses colours")

            var env = Self.environment
            env["NO_COLOR"] = "1"
            let plain = try TmuxSession(command: "\(AnvilBinary.path) --demo", environment: env)
            defer { plain.stop() }
            try plain.waitFor("Tools")
            try plain.waitForStableScreen()
            let screen = try plain.captureWithEscapes()
            #expect(!Self.setsColours(screen), "NO_COLOR: no colour escapes")
            #expect(screen.contains("▶"), "the cursor is still visible: the arrow needs no colour")
        }
    }
}
