import AnvilApp
import Foundation
import Testing

/// Where tokens come from, in which order, and that they never leak into messages.
@Suite("Credentials")
struct CredentialResolverTests {
    let forgeURL = URL(string: "https://sourceforge.net") ?? URL(fileURLWithPath: "/")

    func forge(command: String? = nil, file: String? = nil) -> ForgeConfig {
        ForgeConfig(name: "sf", url: forgeURL, tokenCommand: command, tokenFile: file)
    }

    func tokenError(
        _ forge: ForgeConfig, _ environment: [String: String], timeout: Duration = .seconds(10)
    ) throws -> ConfigError {
        try #require(
            configError {
                _ = try CredentialResolver.token(
                    for: forge, environment: environment, isStartForge: true, commandTimeout: timeout)
            })
    }

    // MARK: Order

    @Test("no configured source and no ANVIL_TOKEN means anonymous")
    func noSource() throws {
        #expect(
            try CredentialResolver.token(for: forge(), environment: ["HOME": "/nonexistent"], isStartForge: true) == nil
        )
    }

    @Test("ANVIL_TOKEN wins over token_command and token_file")
    func environmentFirst() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("t", "from-file\n", mode: 0o600)
        var environment = directory.environment
        environment["ANVIL_TOKEN"] = " from-env\n"
        let token = try CredentialResolver.token(
            for: forge(command: "echo from-command", file: file), environment: environment, isStartForge: true)
        #expect(token == "from-env")
    }

    @Test("a blank ANVIL_TOKEN counts as unset")
    func blankEnvironmentIgnored() throws {
        var environment = try TemporaryDirectory().environment
        environment["ANVIL_TOKEN"] = "  "
        #expect(
            try CredentialResolver.token(
                for: forge(command: "echo from-command"), environment: environment, isStartForge: true)
                == "from-command")
    }

    @Test("token_command wins over token_file, and a failing command does not fall through to it")
    func commandBeforeFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("t", "from-file\n", mode: 0o600)
        let environment = directory.environment
        #expect(
            try CredentialResolver.token(
                for: forge(command: "echo from-command", file: file), environment: environment, isStartForge: true)
                == "from-command")
        #expect(
            try CredentialResolver.token(for: forge(file: file), environment: environment, isStartForge: true)
                == "from-file")
        let error = try tokenError(forge(command: "exit 1", file: file), environment)
        #expect(error.message.contains("token_command"))
    }

    // MARK: token_command

    @Test("token_command's output is trimmed; it runs in the given environment")
    func commandSuccess() throws {
        var environment = try TemporaryDirectory().environment
        environment["SOME_VARIABLE"] = "abc123"
        let token = try CredentialResolver.token(
            for: forge(command: "printf '  %s\\n\\n' \"$SOME_VARIABLE\""), environment: environment, isStartForge: true)
        #expect(token == "abc123")
    }

    @Test("a failing token_command names the forge and the status, never its output")
    func commandFailureLeaksNothing() throws {
        let environment = try TemporaryDirectory().environment
        let error = try tokenError(
            forge(command: "echo SECRET-OUT; echo SECRET-ERR >&2; exit 3"), environment)
        #expect(error.message == "forge 'sf': token_command failed with exit status 3 (run it in a shell to see why)")
        #expect(!error.message.contains("SECRET"))
        #expect(!String(describing: error).contains("SECRET"))
        #expect(!String(reflecting: error).contains("SECRET"))
    }

    @Test("empty output, several lines or spaces in the token are errors that show none of it")
    func commandBadOutput() throws {
        let environment = try TemporaryDirectory().environment
        let empty = try tokenError(forge(command: "printf '\\n  \\n'"), environment)
        #expect(empty.message == "forge 'sf': token_command printed nothing")

        let lines = try tokenError(forge(command: "printf 'SECRET1\\nSECRET2\\n'"), environment)
        #expect(lines.message.hasPrefix("forge 'sf': token_command gave more than one line"))
        #expect(!lines.message.contains("SECRET"))

        let spaced = try tokenError(forge(command: "echo 'SECRET WITH SPACES'"), environment)
        #expect(spaced.message.contains("spaces"))
        #expect(!spaced.message.contains("SECRET"))
    }

    @Test("token_command reads /dev/null, so a command waiting for input ends at once")
    func commandStdinIsDevNull() throws {
        let environment = try TemporaryDirectory().environment
        let clock = ContinuousClock()
        let start = clock.now
        let error = try tokenError(forge(command: "cat"), environment, timeout: .seconds(5))
        #expect(error.message == "forge 'sf': token_command printed nothing")
        #expect(clock.now - start < .seconds(4))
    }

    @Test("a token_command that runs too long is killed, with everything it started")
    func commandTimeout() throws {
        let environment = try TemporaryDirectory().environment
        let clock = ContinuousClock()
        let start = clock.now
        let error = try tokenError(
            forge(command: "echo SECRET-PARTIAL; sleep 30 & sleep 30"), environment, timeout: .milliseconds(300))
        #expect(error.message == "forge 'sf': token_command did not finish within 0.3 seconds")
        #expect(!error.message.contains("SECRET"))
        #expect(clock.now - start < .seconds(5))
    }

    // MARK: token_file

    @Test("token_file with mode 0600 or 0400 is read and trimmed, with ~ expanded")
    func privateFileAccepted() throws {
        let directory = try TemporaryDirectory()
        try directory.write("home/.config/anvil/sf.token", "  file-token-600\n", mode: 0o600)
        let environment = directory.environment
        #expect(
            try CredentialResolver.token(
                for: forge(file: "~/.config/anvil/sf.token"), environment: environment, isStartForge: true)
                == "file-token-600")
        let readOnly = try directory.write("ro.token", "file-token-400", mode: 0o400)
        #expect(
            try CredentialResolver.token(for: forge(file: readOnly), environment: environment, isStartForge: true)
                == "file-token-400")
    }

    @Test("token_file readable by others (0644, 0640) is refused with a clear message and no contents")
    func openFileRefused() throws {
        let directory = try TemporaryDirectory()
        for mode in [0o644, 0o640, 0o700] {
            let file = try directory.write("open-\(mode).token", "SECRET-IN-FILE\n", mode: mode)
            let error = try tokenError(forge(file: file), directory.environment)
            let octal = "0" + String(mode, radix: 8)
            #expect(
                error.message.hasPrefix("forge 'sf': token_file \(file) has mode \(octal); it must be 0600 or 0400"))
            #expect(error.message.contains("chmod 600"))
            #expect(!error.message.contains("SECRET"))
        }
    }

    @Test("a missing token_file or a directory is an error naming the path")
    func unusableFile() throws {
        let directory = try TemporaryDirectory()
        let missing = try tokenError(forge(file: directory.path + "/none"), directory.environment)
        #expect(missing.message == "forge 'sf': token_file \(directory.path)/none does not exist")
        let folder = try tokenError(forge(file: directory.path), directory.environment)
        #expect(folder.message == "forge 'sf': token_file \(directory.path) is not a regular file")
        let empty = try directory.write("empty.token", "\n", mode: 0o600)
        #expect(try tokenError(forge(file: empty), directory.environment).message.contains("empty token"))
    }

    // MARK: Transport

    @Test("a token goes over https, or plain http only to a loopback host")
    func transportGuard() throws {
        func check(_ url: String, hasToken: Bool = true) throws -> ConfigError? {
            let url = try #require(URL(string: url))
            return configError { try CredentialResolver.checkTransport(url: url, hasToken: hasToken) }
        }
        #expect(try check("https://sourceforge.net/rest/p/x") == nil)
        for loopback in [
            "http://127.0.0.1:8080/rest/", "http://127.8.9.10/", "http://localhost/", "http://LOCALHOST:80/",
            "http://[::1]:8080/",
        ] {
            #expect(try check(loopback) == nil, "\(loopback)")
        }
        #expect(try check("http://example.org/", hasToken: false) == nil)

        let refused = try #require(try check("http://forge.example.org/rest/p/x"))
        #expect(refused.message == "Refusing to send the token over plain http to forge.example.org: use https")
        for outside in ["http://128.0.0.1/", "http://localhost.example.org/", "http://10.0.0.1/", "http://[::2]/"] {
            #expect(try check(outside) != nil, "\(outside)")
        }
    }

    // MARK: Redaction

    @Test("a forge's description, debug description and mirror never show its token command")
    func forgeRedacted() throws {
        let secret = ForgeConfig(
            name: "sf", url: forgeURL, tokenCommand: "echo SECRET-TOKEN-123", tokenFile: "~/sf.token", username: "mara")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [String(describing: secret), String(reflecting: secret), "\(secret)", dumped, "\([secret])"] {
            #expect(!text.contains("SECRET"), "\(text)")
            #expect(text.contains("sf"))
        }
        #expect(String(describing: secret).contains("redacted"))

        let config = try AnvilConfig.parse(
            "[forges.sf]\nurl = \"https://sourceforge.net\"\ntoken_command = \"echo SECRET-TOKEN-123\"\n",
            file: "c.toml")
        var dumpedConfig = ""
        dump(config, to: &dumpedConfig)
        #expect(!String(describing: config).contains("SECRET"))
        #expect(!String(reflecting: config).contains("SECRET"))
        #expect(!dumpedConfig.contains("SECRET"))
    }

    @Test("an unusable ANVIL_TOKEN is refused without being shown")
    func badEnvironmentToken() throws {
        let error = try tokenError(forge(), ["ANVIL_TOKEN": "SECRET PART\n"])
        #expect(error.message.hasPrefix("ANVIL_TOKEN gave a token containing spaces"))
        #expect(!error.message.contains("SECRET"))
    }

    // MARK: Binding

    @Test("ANVIL_TOKEN goes only to the forge opened at start; another forge gets none and is told")
    func environmentTokenBoundToStartForge() throws {
        let environment = ["HOME": "/nonexistent", "ANVIL_TOKEN": "env-token"]
        let other = ForgeConfig(name: "elsewhere", url: URL(fileURLWithPath: "/"))
        #expect(try CredentialResolver.token(for: forge(), environment: environment, isStartForge: true) == "env-token")
        #expect(try CredentialResolver.token(for: other, environment: environment, isStartForge: false) == nil)
        #expect(
            CredentialResolver.withholdsEnvironmentToken(from: other, environment: environment, isStartForge: false))
        #expect(
            !CredentialResolver.withholdsEnvironmentToken(from: forge(), environment: environment, isStartForge: true))
        #expect(
            !CredentialResolver.withholdsEnvironmentToken(from: other, environment: ["HOME": "/"], isStartForge: false))
    }

    @Test("a configured forge keeps its own token when ANVIL_TOKEN belongs to another")
    func configuredTokenStaysWithItsForge() throws {
        let environment = ["HOME": "/nonexistent", "ANVIL_TOKEN": "env-token"]
        let token = try CredentialResolver.token(
            for: forge(command: "echo own-token"), environment: environment, isStartForge: false)
        #expect(token == "own-token")
    }

    @Test("programs Anvil starts do not inherit ANVIL_TOKEN")
    func childrenLoseEnvironmentToken() throws {
        let child = CredentialResolver.childEnvironment(["ANVIL_TOKEN": "env-token", "PATH": "/bin"])
        #expect(child == ["PATH": "/bin"])
        let environment = ["HOME": "/nonexistent", "ANVIL_TOKEN": "env-token"]
        let token = try CredentialResolver.token(
            for: forge(command: "echo \"seen-${ANVIL_TOKEN:-none}\""), environment: environment, isStartForge: false)
        #expect(token == "seen-none")
    }

    @Test("a token_command leaving a detached child behind returns what it printed, at once")
    func commandWithDetachedChild() throws {
        let environment = try TemporaryDirectory().environment
        let clock = ContinuousClock()
        let start = clock.now
        let token = try CredentialResolver.token(
            for: forge(command: "setsid sleep 20 & echo detached-token"), environment: environment,
            isStartForge: true, commandTimeout: .seconds(3))
        #expect(token == "detached-token")
        #expect(clock.now - start < .seconds(2))
    }
}
