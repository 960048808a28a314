import DemoForge
import Foundation
import TestSupport
import Testing

/// Numbered links, OSC 8 hyperlinks and OSC 52 copies as the real binary writes them in tmux,
/// recorded with `pipe-pane`, and `|` handing a page to a command.
@Suite(.serialized)
struct LeavingTheTerminalTests {
    static let home = "p/anvil-demo/wiki/Home/"

    /// A private directory with a config holding `config`, and the environment that uses it.
    private static func setUp(config: String) throws -> (directory: String, environment: [String: String]) {
        let directory = NSTemporaryDirectory() + "anvil-e2e-links-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)
        return (directory, ["XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/none"])
    }

    private static func command(_ directory: String, _ address: String = home) -> String {
        "\(AnvilBinary.path) --demo --config \(directory)/config.toml \(address)"
    }

    @Test func followLinkThreeAndSeeHyperlinksAndClipboardCopies() async throws {
        try await offPool {
            let (directory, environment) = try Self.setUp(config: "osc8 = true\n")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let tmux = try TmuxSession(command: Self.command(directory), environment: environment)
            defer { tmux.stop() }
            try tmux.waitFor("[FAQ & Tips (v2)] [3]")
            let recording = directory + "/screen.bytes"
            try tmux.record(to: URL(fileURLWithPath: recording))
            try tmux.send("C-l")
            let link = "\u{1B}]8;;https://demo.anvil.test/p/anvil-demo/wiki/Getting%20Started/\u{1B}\\"
            let drawn = TmuxSession.recorded(URL(fileURLWithPath: recording)) { $0.contains(link) }
            #expect(drawn.contains(link + "[Getting Started]\u{1B}]8;;\u{1B}\\"), "the link's text inside OSC 8")
            #expect(drawn.contains("\u{1B}]8;;https://demo.anvil.test/u/ingrid/profile/\u{1B}\\@ingrid"))

            try tmux.send("y")
            let url = "https://demo.anvil.test/p/anvil-demo/wiki/Home/"
            let copy = "\u{1B}]52;c;" + Data(url.utf8).base64EncodedString() + "\u{1B}\\"
            let copied = TmuxSession.recorded(URL(fileURLWithPath: recording)) { $0.contains(copy) }
            #expect(copied.contains(copy), "y copies with OSC 52")
            let wrapped = "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;" + Data(url.utf8).base64EncodedString()
            #expect(copied.contains(wrapped), "and again through tmux's passthrough, as it runs in tmux")
            try tmux.waitFor("Copied " + url)

            try tmux.send("f")
            try tmux.waitFor("Follow link number:")
            try tmux.send("3")
            try tmux.send("Enter")
            let screen = try tmux.waitFor {
                $0.components(separatedBy: "\n").first?.contains("› FAQ & Tips (v2)") == true
            }
            #expect(screen.components(separatedBy: "\n").first?.contains("› FAQ & Tips (v2)") == true, "\(screen)")
            try tmux.stopRecording()
            try tmux.send("Q")
        }
    }

    @Test func noHyperlinksUnlessAskedAndNoCopiesWhenTurnedOff() async throws {
        try await offPool {
            let (directory, environment) = try Self.setUp(config: "osc52 = false\n")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let tmux = try TmuxSession(command: Self.command(directory), environment: environment)
            defer { tmux.stop() }
            try tmux.waitFor("[FAQ & Tips (v2)] [3]")
            let recording = directory + "/screen.bytes"
            try tmux.record(to: URL(fileURLWithPath: recording))
            try tmux.send("C-l")
            try tmux.send("y")
            try tmux.waitFor("copying is off")
            try tmux.send("Tab")
            try tmux.waitForStableScreen()
            let bytes = TmuxSession.recorded(URL(fileURLWithPath: recording)) { $0.contains("copying is off") }
            #expect(bytes.contains("Getting Started"), "the recording has the frame")
            #expect(!bytes.contains("\u{1B}]8;"), "TERM=tmux-256color without osc8 = true gets no OSC 8")
            #expect(!bytes.contains("\u{1B}]52;"), "osc52 = false copies nothing")
            try tmux.stopRecording()
            try tmux.send("Q")
        }
    }

    @Test func dumpHasNoEscapeSequences() async throws {
        try await offPool {
            let (directory, environment) = try Self.setUp(config: "osc8 = true\n")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let result = try AnvilBinary.run(
                ["dump", "--demo", "--config", directory + "/config.toml", Self.home, "--width", "80"],
                environment: environment.merging(["TERM": "xterm-kitty"]) { _, new in new })
            #expect(result.status == 0)
            #expect(
                result.stdout.contains("[FAQ & Tips (v2)] [3] answers"), "dump numbers the links as the screen does")
            #expect(!result.stdout.contains("\u{1B}"), "no escape sequence at all in dump")
        }
    }

    @Test func pipeHandsThePageToACommandWithoutTheToken() async throws {
        try await offPool {
            let (directory, environment) = try Self.setUp(config: "")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var withToken = environment
            withToken["ANVIL_TOKEN"] = "s3cr3t-t0k3n-value"
            let tmux = try TmuxSession(command: Self.command(directory), environment: withToken)
            defer { tmux.stop() }
            try tmux.waitFor("[FAQ & Tips (v2)] [3]")
            let out = directory + "/piped.txt"
            try tmux.send("|")
            try tmux.waitFor("Pipe page Home to:")
            try tmux.type("(env; echo ---; cat) > \(out)")
            try tmux.send("Enter")
            try tmux.waitFor("Press Enter to return to Anvil")
            try tmux.send("Enter")
            try tmux.waitFor("Piped page Home")
            let piped = try String(contentsOfFile: out, encoding: .utf8)
            #expect(piped.contains("---\n# Welcome to Anvil Demo\n"), "the page's text on standard input")
            #expect(!piped.contains("s3cr3t-t0k3n-value"), "the command does not inherit ANVIL_TOKEN")
            #expect(piped.contains("XDG_STATE_HOME="), "the rest of the environment is there")

            try tmux.send(":")
            try tmux.type("save \(directory)/saved.md")
            try tmux.send("Enter")
            try tmux.waitFor("Saved page Home")
            #expect(try String(contentsOfFile: directory + "/saved.md", encoding: .utf8).hasPrefix("# Welcome"))
            try tmux.send("Q")
        }
    }

    @Test func withoutABrowserTheFullAddressIsShownAndKeptInTheMessages() async throws {
        try await offPool {
            let (directory, environment) = try Self.setUp(config: "")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var noBrowser = environment
            // As over SSH: no $BROWSER and no display.
            for name in ["BROWSER", "DISPLAY", "WAYLAND_DISPLAY"] { noBrowser[name] = "" }
            let tmux = try TmuxSession(command: Self.command(directory), width: 120, environment: noBrowser)
            defer { tmux.stop() }
            try tmux.waitFor("[FAQ & Tips (v2)] [3]")
            try tmux.send("o")
            let url = "https://demo.anvil.test/p/anvil-demo/wiki/Home/"
            let screen = try tmux.waitFor(url)
            #expect(screen.contains(url + " — no browser here (no $BROWSER and no display)"), "\(screen)")
            try tmux.send("P")
            let messages = try tmux.waitFor("› messages")
            #expect(messages.contains(url), "the message log keeps the address")
            try tmux.send("Q")

            var failing = environment
            failing["BROWSER"] = "false"
            let other = try TmuxSession(command: Self.command(directory), width: 120, environment: failing)
            defer { other.stop() }
            try other.waitFor("[FAQ & Tips (v2)] [3]")
            try other.send("o")
            let failed = try other.waitFor("browser command failed")
            #expect(failed.contains(url + " — the browser command failed (status 1)"), "\(failed)")
            try other.send("Q")
        }
    }
}

/// https with the system's trusted certificates: a forge whose certificate is trusted (here through
/// `SSL_CERT_FILE`) is reached; the same forge untrusted is refused with a clear line.
struct TrustedCertificateTests {
    @Test func aTrustedCertificateConnectsAndAnUntrustedOneIsRefused() async throws {
        try await offPool {
            let server = try TLSServer()
            defer { server.stop() }
            let url = "https://127.0.0.1:\(server.port)/p/test/"
            let untrusted = try AnvilBinary.run(["dump", url], environment: ["SSL_CERT_FILE": "/dev/null"])
            #expect(untrusted.status != 0)
            #expect(untrusted.stderr.contains("not trusted"), "\(untrusted.stderr)")
            // Trusted, the connection is made: what fails then is the page (openssl's status page is no forge).
            let trusted = try AnvilBinary.run(
                ["dump", url], environment: ["SSL_CERT_FILE": server.directory + "/cert.pem"])
            #expect(trusted.status != 0)
            #expect(
                !trusted.stderr.contains("not trusted") && !trusted.stderr.lowercased().contains("secure"),
                "\(trusted.stderr)")
            #expect(!trusted.stderr.isEmpty)
        }
    }

    /// OpenSSL is loaded for the first secure connection, not at start: a forge over plain HTTP
    /// never maps it. The dynamic loader's own report (`LD_DEBUG=files`) names every library it loads.
    @Test func openSSLIsLoadedForASecureConnectionOnly() async throws {
        try await offPool {
            let forge = DemoForge()
            let plainServer = DemoServer(forge: forge)
            try plainServer.start()
            defer { plainServer.stop() }
            forge.useBaseURL(plainServer.baseURL)
            let plain = try AnvilBinary.run(
                ["dump", plainServer.baseURL.absoluteString + "/p/\(DemoNames.mainProject)/"],
                environment: ["LD_DEBUG": "files"])
            #expect(plain.status == 0, "\(plain.stderr.suffix(500))")
            #expect(plain.stderr.contains("file=libsqlite3"), "the loader's report is missing")
            #expect(!plain.stderr.contains("libssl"), "\(plain.stderr.suffix(500))")

            let secureServer = try TLSServer()
            defer { secureServer.stop() }
            let secure = try AnvilBinary.run(
                ["dump", "https://127.0.0.1:\(secureServer.port)/p/test/"],
                environment: ["SSL_CERT_FILE": secureServer.directory + "/cert.pem", "LD_DEBUG": "files"])
            #expect(secure.stderr.contains("file=libssl"), "\(secure.stderr.suffix(500))")
            #expect(!secure.stderr.contains("not trusted"), "\(secure.stderr.suffix(500))")
        }
    }
}
