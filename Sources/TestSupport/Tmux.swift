import Foundation

/// Runs a command in a private tmux server at a pinned size, for end-to-end tests: type keys,
/// read the screen, record every byte the program writes.
public final class TmuxSession {
    public let socket: String
    public let width: Int
    public let height: Int
    private var stopped = false

    /// Starts `command` (run by `sh -c`) in a detached session with `LANG=C.UTF-8` and
    /// `TERM=tmux-256color`, plus `environment`.
    public init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        self.socket = "anvil-test-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        var env = ["LANG": "C.UTF-8", "TERM": "tmux-256color", "XDG_CACHE_HOME": AnvilBinary.freshCacheHome()]
        env.merge(environment) { _, new in new }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        try tmux([
            "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
            // Test runners may export NO_COLOR for their own output; the program under test
            // gets it only when a test asks for it.
            "env -u NO_COLOR \(exports) \(command); sleep 30",
        ])
        try tmux(["set-option", "-g", "status", "off"])
    }

    deinit { stop() }

    /// Types keys, as tmux `send-keys` names them (`j`, `Enter`, `Escape`, `C-z`, or text with `-l`).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Types text literally.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// The visible screen as text.
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"])
    }

    /// The visible screen with its colour and attribute escapes, as tmux renders them.
    public func captureWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "0"])
    }

    /// Waits until the screen satisfies `condition` on two captures 100 ms apart (so a frame
    /// caught half drawn does not count); returns the last screen either way. A wait that runs out
    /// says so on stderr, with the caller's place, so a slow test shows which wait it spent.
    @discardableResult
    public func waitFor(
        timeout: Double = 15, file: StaticString = #fileID, line: UInt = #line, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while Date() < deadline {
            if condition(screen) {
                Thread.sleep(forTimeInterval: 0.1)
                let again = try capture()
                if condition(again) { return again }
                screen = again
                continue
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        FileHandle.standardError.write(Data("tmux wait at \(file):\(line) ran out after \(timeout) s\n".utf8))
        return screen
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(
        _ text: String, timeout: Double = 15, file: StaticString = #fileID, line: UInt = #line
    ) throws -> String {
        try waitFor(timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Waits until the screen stops changing for `quiet` seconds.
    @discardableResult
    public func waitForStableScreen(quiet: Double = 0.3, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try capture()
        var since = Date()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let now = try capture()
            if now != last {
                last = now
                since = Date()
            } else if Date().timeIntervalSince(since) >= quiet {
                break
            }
        }
        return last
    }

    /// Starts appending every byte the program writes to `file`.
    public func record(to file: URL) throws {
        try tmux(["pipe-pane", "-o", "-t", "0", "cat >> \(Self.quote(file.path))"])
    }

    /// Stops recording.
    public func stopRecording() throws {
        try tmux(["pipe-pane", "-t", "0"])
    }

    /// What a recording holds once `done` holds, or after `timeout` seconds. The program's bytes
    /// reach the file through tmux and a `cat` of their own, later than the screen shows them, and
    /// a key that leaves the screen as it was gives no sign on screen that it was handled.
    public static func recorded(
        _ file: URL, timeout: Double = 10, until done: (String) -> Bool = { !$0.isEmpty }
    ) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline {
            text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
            if done(text) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return text
    }

    /// Changes the window size, as a user resizing the terminal.
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// Whether the program in the pane is still running (not in the trailing `sleep`).
    public func paneCommand() throws -> String {
        try tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Spawn.run(["tmux", "-u", "-L", socket] + arguments)
        guard result.status == 0 || arguments.first == "kill-server" else {
            throw TmuxError(arguments: arguments, status: result.status)
        }
        return result.output
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

public struct TmuxError: Error, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public var description: String { "tmux \(arguments.joined(separator: " ")) failed with \(status)" }
}

/// Where the built `anvil` binary is.
public enum AnvilBinary {
    /// `$ANVIL_BINARY`, or `.build/debug/anvil` in the package.
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["ANVIL_BINARY"], !explicit.isEmpty { return explicit }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/anvil").path
    }

    /// A new, empty cache folder for one run, so that no run reads another's answers (or the
    /// user's); a test that wants a cache kept between runs passes `XDG_CACHE_HOME` itself.
    public static func freshCacheHome() -> String {
        freshFolder("cache")
    }

    /// The path of a new folder (made by whoever writes there first) inside this test process's
    /// own temporary folder, which goes when the process exits.
    public static func freshFolder(_ label: String) -> String {
        scratch + "/" + label + "-" + UUID().uuidString
    }

    private static let scratch: String = {
        atexit { try? FileManager.default.removeItem(atPath: AnvilBinary.scratchPath) }
        return scratchPath
    }()

    private static var scratchPath: String { NSTemporaryDirectory() + "anvil-tests-\(getpid())" }

    /// Runs anvil with `arguments` and returns its exit status, stdout and stderr.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["XDG_CACHE_HOME"] = freshCacheHome()
        env.merge(environment) { _, new in new }
        let result = try Spawn.run([path] + arguments, environment: env)
        return (result.status, result.output, result.errors)
    }
}
