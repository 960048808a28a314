import DemoForge
import Foundation
import TestSupport
import Testing

/// The GitLab demo in process, and a GitLab server of unknown kind found by one remembered probe.
@Suite(.serialized) struct GitLabLaunchTests {
    static let environment = [
        "XDG_STATE_HOME": NSTemporaryDirectory() + "anvil-e2e-state", "XDG_CONFIG_HOME": "/nonexistent",
    ]

    @Test func demoGitLabOpensTheMainProjectWithItsTools() async throws {
        try await offPool {
            let tmux = try TmuxSession(command: "\(AnvilBinary.path) --demo gitlab", environment: Self.environment)
            defer { tmux.stop() }
            let screen = try tmux.waitFor("Tools")
            let lines = screen.components(separatedBy: "\n")
            #expect(lines.first?.hasPrefix("demo › Anvil Demo") == true, "breadcrumb: \(lines.first ?? "")")
            #expect(screen.contains("Issues"))
            #expect(screen.contains("Wiki"))
            #expect(screen.contains("default branch main"), "the GitLab demo, not Allura's")
            try tmux.send("Q")
        }
    }

    @Test(arguments: [
        ["dump", "--demo", "gitlab", "acme/tools/anvil-demo"],
        ["--demo", "gitlab", "dump", "acme/tools/anvil-demo"],
        ["dump", "--demo=gitlab", "https://gitlab.demo.anvil.test/acme/tools/anvil-demo"],
    ])
    func dumpOfTheGitLabDemoProject(_ arguments: [String]) async throws {
        try await offPool {
            let result = try AnvilBinary.run(arguments, environment: Self.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("demo › Anvil Demo\n"))
            #expect(result.stdout.contains("Issues"))
            #expect(result.stdout.contains("Wiki"))
            #expect(result.stdout.contains("default branch main"), "the GitLab demo, not Allura's")
        }
    }

    @Test func demoWithoutAKindIsStillAllura() async throws {
        try await offPool {
            let bare = try AnvilBinary.run(["dump", "--demo", "p/anvil-demo/"], environment: Self.environment)
            let named = try AnvilBinary.run(
                ["--demo", "allura", "dump", "p/anvil-demo/"], environment: Self.environment)
            #expect(bare.status == 0 && named.status == 0)
            #expect(bare.stdout == named.stdout)
            #expect(bare.stdout.contains("A forge that only exists to be browsed"))
        }
    }

    @Test func anUnknownDemoKindIsRefused() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["--demo=svn", "dump", "x"], environment: Self.environment)
            #expect(result.status != 0)
            #expect(result.stderr.contains("there is no svn demo yet"))
        }
    }

    @Test func aTuleapAddressIsOpenedAsTuleap() async throws {
        try await offPool {
            // Nothing listens on port 1: the Tuleap backend tries, and says it cannot reach it.
            let result = try AnvilBinary.run(
                ["dump", "http://127.0.0.1:1/projects/acme/"], environment: Self.environment)
            #expect(result.status == 1)
            #expect(!result.stderr.contains("not supported"))
            #expect(result.stderr.contains("Cannot reach"))
        }
    }

    @Test func anAmbiguousServerIsProbedOnceAndRemembered() async throws {
        try await offPool {
            let forge = GitLabDemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let state = NSTemporaryDirectory() + "anvil-probe-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: state) }
            let environment = ["XDG_STATE_HOME": state, "XDG_CONFIG_HOME": "/nonexistent"]
            let address = server.baseURL.absoluteString + "/" + GitLabDemoNames.mainProject

            let first = try AnvilBinary.run(["dump", address], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Anvil Demo"))
            let probes = forge.requestLog.filter {
                $0.path == "/api/v4/projects" && $0.query?.contains("per_page=1") == true
            }
            #expect(probes.count == 1)
            let remembered = try String(contentsOfFile: state + "/anvil/forge-kinds", encoding: .utf8)
            #expect(remembered.contains(" gitlab\n"))

            forge.resetLog()
            let second = try AnvilBinary.run(["dump", address], environment: environment)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout == first.stdout)
            #expect(
                !forge.requestLog.contains { $0.path == "/api/v4/projects" && $0.query?.contains("per_page=1") == true }
            )
        }
    }
}

/// `:open` of another forge's address makes its session through the same registry.
@Suite struct OpenOtherKindTests {
    @Test func openingAGitLabAddressFromTheAlluraDemoShowsTheIssue() async throws {
        try await offPool {
            let forge = GitLabDemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let state = NSTemporaryDirectory() + "anvil-open-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: state) }
            let tmux = try TmuxSession(
                command: "\(AnvilBinary.path) --demo", width: 100, height: 30,
                environment: ["XDG_STATE_HOME": state, "XDG_CONFIG_HOME": "/nonexistent"])
            defer { tmux.stop() }
            try tmux.waitFor("Tools")
            try tmux.send(":")
            try tmux.type("open \(server.baseURL.absoluteString)/\(GitLabDemoNames.mainProject)/-/issues/7")
            try tmux.send("Enter")
            // The title line names the issue before the issue arrives: wait for its fields too.
            let screen = try tmux.waitFor { $0.contains("Issues › #7") && $0.contains("Milestone") }
            #expect(screen.contains("Milestone"))
            #expect(forge.requestLog.contains { $0.path.hasSuffix("/issues/7") })
        }
    }
}

/// A configured forge's `kind` and `auth` decide its backend and how its token is sent.
@Suite struct ConfiguredKindTests {
    private func home() throws -> URL {
        let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "anvil-kind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    @Test func configuredGitLabWithOAuthOpensAPrivateProjectWithoutProbing() async throws {
        try await offPool {
            let forge = GitLabDemoForge()
            let server = DemoServer(forge: forge)
            try server.start()
            defer { server.stop() }
            forge.useBaseURL(server.baseURL)
            let home = try home()
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try """
            default_forge = "lab"
            [forges.lab]
            url = "\(server.baseURL.absoluteString)"
            kind = "gitlab"
            auth = "oauth"
            """.write(to: config, atomically: true, encoding: .utf8)
            let result = try AnvilBinary.run(
                ["dump", "--config", config.path, GitLabDemoNames.personalProject],
                environment: ["ANVIL_TOKEN": GitLabDemoNames.demoToken, "XDG_STATE_HOME": home.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("dotfiles"))
            #expect(
                !result.stdout.contains(GitLabDemoNames.demoToken) && !result.stderr.contains(GitLabDemoNames.demoToken)
            )
            #expect(!forge.requestLog.contains { $0.path == "/api/v4/projects" || $0.path == "/rest/" })
        }
    }

    @Test func anAuthModeAlluraLacksIsAConfigError() async throws {
        try await offPool {
            let home = try home()
            defer { try? FileManager.default.removeItem(at: home) }
            let config = home.appendingPathComponent("config.toml")
            try "[forges.sf]\nurl = \"https://sourceforge.net\"\nauth = \"oauth\"\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let result = try AnvilBinary.run(
                ["dump", "--config", config.path, "p/x/"], environment: ["XDG_STATE_HOME": home.path])
            #expect(result.status == 2)
            #expect(
                result.stderr
                    == "anvil: \(config.path):3: forges.sf.auth: 'oauth' is not an auth mode of allura forges (expected 'token')\n"
            )
        }
    }
}
