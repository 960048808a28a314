import Foundation
import TestSupport
import Testing

/// `anvil` against a forge that lies, fails and attacks: it must not crash, hang, leak the token
/// or print what the server sent without sanitising it.
@Suite(.serialized)
struct HostileForgeTests {
    /// A forge serving the test project, with `route` deciding every other answer.
    static func forge(_ route: @escaping @Sendable (FaultServer.Request) -> FaultServer.Fault?) throws -> FaultServer {
        let base = Box<URL>()
        let server = try FaultServer { request in
            if let answer = route(request) { return answer }
            if request.path == FakeAllura.projectPath, let url = base.value { return FakeAllura.project(base: url) }
            if request.path == "/rest/p/test/bugs/" {
                let text = (try? Fixtures.allura("tickets-page0-limit10.json")).map {
                    String(decoding: $0, as: UTF8.self)
                }
                return .json(text ?? "{}")
            }
            return FakeAllura.errorPage(404, reason: "No such thing")
        }
        base.value = server.baseURL
        return server
    }

    static let isolated = ["XDG_CONFIG_HOME": "/nonexistent", "XDG_STATE_HOME": "/nonexistent", "ANVIL_TOKEN": ""]

    static func dump(
        _ server: FaultServer, _ path: String, all: Bool = false, environment: [String: String] = [:]
    )
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        var arguments = ["dump", server.baseURL.absoluteString + path]
        if all { arguments.append("--all") }
        return try AnvilBinary.run(arguments, environment: isolated.merging(environment) { _, new in new })
    }

    // MARK: Failures stay failures (items 14 and 3)

    @Test("a ticket the server refuses or breaks is a failure: non-zero exit and one line on stderr")
    func failedTicketLoadsFail() async throws {
        try await offPool {
            let faults: [(String, FaultServer.Fault)] = [
                ("401", FakeAllura.errorPage(401, reason: "Login required")),
                ("404", FakeAllura.errorPage(404, reason: "Not found")),
                ("500", FakeAllura.errorPage(500, reason: "Internal error")),
                ("reset", .reset),
                (
                    "truncated",
                    .truncated(status: 200, body: #"{"ticket": {"ticket_num": 42, "summary": "x"}}"#, bytes: 20)
                ),
                ("wrong type", .json(#"{"ticket": {"ticket_num": "forty-two"}}"#)),
            ]
            for (name, fault) in faults {
                let server = try Self.forge { $0.path == "/rest/p/test/bugs/42/" ? fault : nil }
                for _ in 0..<3 {
                    let result = try Self.dump(server, "/p/test/bugs/42/")
                    #expect(result.status != 0, "\(name): exit 0 with stdout \(result.stdout)")
                    let lines = result.stderr.split(separator: "\n")
                    #expect(lines.count == 1 && lines.first?.hasPrefix("anvil: ") == true, "\(name): \(result.stderr)")
                    #expect(!result.stderr.contains("<"))
                }
                server.stop()
            }
        }
    }

    @Test("a ticket that loads is shown and exits 0 when only the tracker's metadata failed")
    func optionalLoadFailureIsNotFatal() async throws {
        try await offPool {
            let ticket = (try? Fixtures.allura("ticket-nested-comments.json")).map {
                String(decoding: $0, as: UTF8.self)
            }
            let server = try Self.forge { request in
                switch request.path {
                case "/rest/p/test/bugs/31/": return .json(ticket ?? "{}")
                case "/rest/p/test/bugs/": return FakeAllura.errorPage(403, reason: "Listing is not allowed")
                default: return nil
                }
            }
            defer { server.stop() }
            for _ in 0..<3 {
                let result = try Self.dump(server, "/p/test/bugs/31/")
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("Ticket with many comments"))
            }
        }
    }

    @Test("server text on stderr loses bidi controls and escapes")
    func stderrIsSanitised() async throws {
        try await offPool {
            let hostile = "Denied \u{202E}txt.exe\u{2066}\u{2069}\u{200F} \u{1B}[31mred\u{1B}]0;title\u{07}"
            let server = try Self.forge { request in
                switch request.path {
                case "/rest/p/test/bugs/42/": return FakeAllura.errorPage(500, reason: hostile)
                case "/rest/p/test/bugs/43/": return .redirect("/p/\u{202E}evil\u{1B}[2J/")
                default: return nil
                }
            }
            defer { server.stop() }
            for path in ["/p/test/bugs/42/", "/p/test/bugs/43/"] {
                let result = try Self.dump(server, path)
                #expect(result.status != 0)
                for scalar in result.stderr.unicodeScalars {
                    let v = scalar.value
                    let bad =
                        v < 0x20 && v != 0x0A || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                        || (0x2066...0x2069).contains(v) || v == 0x200F || v == 0x200E
                    #expect(!bad, "U+\(String(v, radix: 16)) on stderr for \(path): \(result.stderr)")
                }
            }
        }
    }

    @Test("config keys and theme names from the user's files are sanitised on stderr")
    func configEchoesAreSanitised() async throws {
        try await offPool {
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("config.toml")
            try "\"key\u{1B}[2J\u{202E}\" = 1\n".write(to: file, atomically: true, encoding: .utf8)
            let config = try AnvilBinary.run(["dump", "--config", file.path, "p/x/"], environment: Self.isolated)
            #expect(config.status != 0)
            #expect(!config.stderr.contains("\u{1B}") && !config.stderr.contains("\u{202E}"), "\(config.stderr)")
            let theme = try AnvilBinary.run(["--demo", "--theme", "x\u{1B}[2J\u{202E}"], environment: Self.isolated)
            #expect(theme.status != 0)
            #expect(!theme.stderr.contains("\u{1B}") && !theme.stderr.contains("\u{202E}"), "\(theme.stderr)")
        }
    }

    // MARK: Numbers the server chose (items 5 and 6)

    @Test("a topic claiming 2^63-1 or 10^12 posts and echoing page 2^62 dumps what it has, in a few requests")
    func hostileTopicNumbers() async throws {
        try await offPool {
            for count in [Int.max, 1_000_000_000_000] {
                let server = try Self.forge { request in
                    guard request.path == "/rest/p/test/discussion/general/thread/t1/" else { return nil }
                    return FakeAllura.topic(posts: 3, count: count, page: 1 << 62, limit: 25)
                }
                defer { server.stop() }
                let started = Date()
                let result = try Self.dump(server, "/p/test/discussion/general/thread/t1/", all: true)
                #expect(result.status == 0, "count \(count): status \(result.status), \(result.stderr)")
                #expect(result.stdout.contains("post 2"))
                #expect(server.requests.count < 20, "\(server.requests.count) requests")
                #expect(Date().timeIntervalSince(started) < 20)
            }
        }
    }

    @Test("a thread that answers every page with the same full page ends after it repeats itself")
    func repeatingThreadEnds() async throws {
        try await offPool {
            let server = try Self.forge { request in
                guard request.path == "/rest/p/test/bugs/_discuss/thread/t1/" else { return nil }
                let posts = (0..<100).map { index in
                    #"{"slug": "s\#(index)", "text": "post \#(index)", "subject": "", "author": "a", "#
                        + #""timestamp": "2026-09-06 09:00:00", "attachments": []}"#
                }
                let thread =
                    #"{"_id": "t1", "discussion_id": "d", "subject": "T", "posts": [\#(posts.joined(separator: ","))]}"#
                return .json(#"{"thread": \#(thread)}"#)
            }
            defer { server.stop() }
            let result = try Self.dump(server, "/p/test/bugs/_discuss/thread/t1/", all: true)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(server.requests.count < 12, "\(server.requests.count) requests")
        }
    }

    @Test("a ticket search or forum list with hostile count, page and limit does not trap")
    func hostileListNumbers() async throws {
        try await offPool {
            let search = #"{"tickets": [], "count": 9223372036854775807, "page": 4611686018427387904, "limit": 25}"#
            let forums = #"{"forums": [], "count": 9223372036854775807, "page": 4611686018427387904, "limit": 0}"#
            let server = try Self.forge { request in
                switch request.path {
                case "/rest/p/test/bugs/search/": return .json(search)
                case "/rest/p/test/discussion/": return .json(forums)
                default: return nil
                }
            }
            defer { server.stop() }
            let started = Date()
            let searched = try Self.dump(server, "/p/test/bugs/search/?q=status%3Aopen")
            #expect(searched.status == 0 || searched.status == 1, "status \(searched.status): \(searched.stderr)")
            let listed = try Self.dump(server, "/p/test/discussion/")
            #expect(listed.status == 0 || listed.status == 1, "status \(listed.status): \(listed.stderr)")
            #expect(server.requests.count < 40, "\(server.requests.count) requests")
            #expect(Date().timeIntervalSince(started) < 30)
        }
    }

    // MARK: Tokens (item 1)

    @Test("programs Anvil starts (here the browser) do not inherit ANVIL_TOKEN")
    func browserDoesNotInheritTheToken() async throws {
        try await offPool {
            let file = NSTemporaryDirectory() + "anvil-env-\(UUID().uuidString)"
            defer { unlink(file) }
            let session = try TmuxSession(
                command: "\(AnvilBinary.path) --demo",
                environment: Self.isolated.merging([
                    "ANVIL_TOKEN": "inherited-secret", "BROWSER": "env > \(file); true",
                ]) {
                    _, new in new
                })
            defer { session.stop() }
            _ = try session.waitFor("Tools")
            try session.send("o")
            _ = try session.waitFor("Opened")
            let environment = try String(contentsOfFile: file, encoding: .utf8)
            #expect(environment.contains("BROWSER="), "the browser ran")
            #expect(!environment.contains("inherited-secret"))
            #expect(!environment.contains("ANVIL_TOKEN"))
        }
    }

    @Test("ANVIL_TOKEN goes to the forge opened at start and to no other origin, which the title names")
    func tokenBoundToStartOrigin() async throws {
        try await offPool {
            let home = try Self.forge { _ in nil }
            let other = try Self.forge { _ in nil }
            defer {
                home.stop()
                other.stop()
            }
            let secret = "bound-token-0123"
            let session = try TmuxSession(
                command: "\(AnvilBinary.path) \(home.baseURL.absoluteString)/p/test/",
                environment: Self.isolated.merging(["ANVIL_TOKEN": secret]) { _, new in new })
            defer { session.stop() }
            // The title line names each forge's project before its answer: wait for the project
            // itself, so that each forge has had its request.
            _ = try session.waitFor("Tools")
            try session.send(":")
            try session.type("open \(other.baseURL.absoluteString)/p/test/")
            try session.send("Enter")
            let screen = try session.waitFor { $0.contains("(no token)") && $0.contains("Tools") }
            #expect(!screen.contains(secret))
            #expect(!home.requests.isEmpty && home.requests.allSatisfy { $0.head.contains("Bearer \(secret)") })
            #expect(!other.requests.isEmpty)
            #expect(other.requests.allSatisfy { !$0.head.lowercased().contains("authorization") })
        }
    }
}
