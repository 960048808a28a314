import DemoForge
import Foundation
import TestSupport
import Testing

/// The cache from the command line: `sync` fetches a tracker for reading offline, `--offline`
/// reads it without a forge, and a stopped forge falls back to the cache in the interactive UI.
struct OfflineTests {
    @Test("on a terminal, sync shows its views, pages, bytes and rate on one line")
    func syncShowsItsProgressOnATerminal() async throws {
        try await offPool {
            let server = DemoServer(forge: DemoForge())
            try server.start()
            defer { server.stop() }
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let url = server.baseURL.absoluteString + "/p/\(DemoNames.mainProject)/wiki/"
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) sync --depth 1 \(url); echo exit=$?; sleep 60", width: 120, height: 10,
                environment: [
                    "ANVIL_TOKEN": DemoNames.demoToken, "XDG_STATE_HOME": home.path + "/state",
                    "XDG_CACHE_HOME": home.path + "/cache",
                ])
            defer { tmux.stop() }
            let screen = try tmux.waitFor("exit=")
            let line = try #require(screen.split(separator: "\n").first { $0.hasPrefix("synced ") }, "\(screen)")
            let shape = #/synced \d+ views, \d+ pages, [\d.]+ (KiB|MiB), [\d.]+ (KiB|MiB)/s/#
            #expect(line.wholeMatch(of: shape) != nil, "\(line)")
            #expect(screen.contains("exit=0"), "\(screen)")
        }
    }

    @Test func syncThenReadOfflineThenTheForgeStopsMidSession() async throws {
        try await offPool {
            let forge = DemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            var serverRunning = true
            defer { if serverRunning { server.stop() } }
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-offline-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try "default_forge = \"demo\"\n[forges.demo]\nurl = \"\(server.baseURL.absoluteString)\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            // The editor writes a comment of its own.
            // It runs through sh, not as a program: a child another test forks meanwhile may hold the new
            // file open for writing, and executing it would then fail (ETXTBSY, status 126).
            let editor = home.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nprintf 'Written while the forge was away.\\n' > \"$1\"\n".write(
                to: editor, atomically: true, encoding: .utf8)
            let environment = [
                "ANVIL_TOKEN": DemoNames.demoToken, "XDG_STATE_HOME": home.path + "/state",
                "XDG_CACHE_HOME": home.path + "/cache", "VISUAL": "sh " + editor.path,
            ]
            let tracker = "p/\(DemoNames.mainProject)/\(DemoNames.featureTracker)/"

            let sync = try AnvilBinary.run(
                ["sync", "--config", config.path, "--depth", "1", tracker], environment: environment)
            #expect(sync.status == 0, "\(sync.stderr)")
            #expect(sync.stdout.isEmpty && sync.stderr.isEmpty, "quiet when not on a terminal")
            #expect(FileManager.default.fileExists(atPath: home.path + "/cache/anvil/cache.sqlite"))
            let log = try? FileManager.default.attributesOfItem(atPath: home.path + "/cache/anvil/cache.sqlite-wal")
            #expect(
                (log?[.size] as? Int ?? 0) == 0, "when the sync is done, its write-ahead log is in the file")
            let requestsAfterSync = forge.requestLog.count

            let list = try AnvilBinary.run(
                ["dump", "--offline", "--config", config.path, "--width", "100", tracker], environment: environment)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains("#"), "\(list.stdout)")
            #expect(list.stdout.hasSuffix("(offline · cached just now)\n"), "a dump says it came from the cache")
            let firstTicket = try #require(
                list.stdout.split(separator: "\n").lazy.compactMap { Int($0.dropFirst(3).prefix { $0.isNumber }) }.first
            )
            let ticket = try AnvilBinary.run(
                ["dump", "--offline", "--config", config.path, "--width", "100", tracker + "\(firstTicket)/"],
                environment: environment)
            #expect(ticket.status == 0, "a ticket one link deep was synced: \(ticket.stderr)")
            #expect(forge.requestLog.count == requestsAfterSync, "--offline sent no request")
            let missing = try AnvilBinary.run(
                ["dump", "--offline", "--config", config.path, "p/\(DemoNames.secondProject)/wiki/"],
                environment: environment)
            #expect(missing.status != 0 && missing.stderr.contains("Not cached"), "\(missing.stderr)")

            // The forge stops mid-session: what was seen stays readable, marked offline.
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --config \(config.path) \(tracker)", width: 120, height: 30,
                environment: environment)
            defer { tmux.stop() }
            try tmux.waitFor("Summary")
            server.stop()
            serverRunning = false
            try tmux.send("Enter")
            let screen = try tmux.waitFor(timeout: 30) { $0.contains("offline · cached") }
            #expect(screen.contains("#\(firstTicket)"), "\(screen)")

            // A comment written now waits in the outbox. (`c` opens the ticket's comment thread, which
            // was not synced: its read fails as well, and either failure may be the one on the status line.)
            // Both must have arrived before leaving (nothing is loading): the send's failure, delivered to the
            // thread, is what marks the draft as waiting in the outbox.
            try tmux.send("c")
            try tmux.waitFor(timeout: 30) {
                ($0.contains("Not sent, draft kept") || $0.contains("Cannot reach the forge"))
                    && !$0.contains("⟳ loading")
            }
            try tmux.send("q")
            // The forge is back on the same address: the next answer says so and offers to send it.
            let again = DemoServer(forge: forge, port: server.port)
            try again.start()
            defer { again.stop() }
            let postsBefore = forge.requestLog.filter { $0.method == "POST" }.count
            try tmux.send("r")
            try tmux.waitFor(timeout: 30) { $0.contains("Back online: 1 text in the outbox could not be sent") }
            try tmux.send("y")
            try tmux.waitFor(timeout: 30) { $0.contains("Outbox: 1 sent") }
            #expect(forge.requestLog.filter { $0.method == "POST" }.count == postsBefore + 1, "posted once")
        }
    }

    @Test("a cache file that is not a database: the view shows from the forge and the status line says why")
    func anUnusableCacheIsNamedAndTheForgeIsReadWithoutIt() async throws {
        try await offPool {
            let server = DemoServer(forge: DemoForge())
            try server.start()
            defer { server.stop() }
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-badcache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent("cache/anvil"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let cacheFile = home.path + "/cache/anvil/cache.sqlite"
            try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: cacheFile))
            let config = home.appendingPathComponent("config.toml")
            try "default_forge = \"demo\"\n[forges.demo]\nurl = \"\(server.baseURL.absoluteString)\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let tracker = "p/\(DemoNames.mainProject)/\(DemoNames.featureTracker)/"
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --config \(config.path) \(tracker)", width: 120, height: 30,
                environment: [
                    "ANVIL_TOKEN": DemoNames.demoToken, "XDG_STATE_HOME": home.path + "/state",
                    "XDG_CACHE_HOME": home.path + "/cache",
                ])
            defer { tmux.stop() }
            // The warning stays on the status line while the tickets come from the forge.
            let screen = try tmux.waitFor { $0.contains("cannot open: file is not a") && $0.contains("Summary") }
            #expect(screen.contains(cacheFile), "the file is named: \(screen)")
            #expect(!screen.contains("cached"), "nothing is said to come from the cache: \(screen)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
            #expect(bytes == Data(repeating: 0x5A, count: 8_192), "the file is left for the user to look at")
        }
    }
}
