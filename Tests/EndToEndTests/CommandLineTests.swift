import Foundation
import TestSupport
import Testing

/// The command line contract: dump, exit statuses, clear one-line errors.
struct CommandLineTests {
    @Test func dumpPrintsTheProjectViewAsPlainText() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["dump", "--demo", "--width", "80", "p/anvil-demo/"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\n")
            #expect(lines.first?.hasPrefix("demo › ") == true)
            #expect(result.stdout.contains("Tools"))
            #expect(lines.allSatisfy { $0.count <= 80 })
            #expect(!result.stdout.contains("\u{1B}"), "no escape sequences in a dump")
        }
    }

    @Test func dumpOfAWebAndARestURLIsTheSame() async throws {
        try await offPool {
            let web = try AnvilBinary.run(["dump", "--demo", "https://demo.anvil.test/p/anvil-demo/wiki/Home/"])
            let rest = try AnvilBinary.run(["dump", "--demo", "https://demo.anvil.test/rest/p/anvil-demo/wiki/Home/"])
            #expect(web.status == 0, "stderr: \(web.stderr)")
            #expect(web.stdout == rest.stdout)
            #expect(web.stdout.contains("› Home"))
        }
    }

    @Test func unknownProjectFailsWithOneLine() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["dump", "--demo", "p/no-such-project/"])
            #expect(result.status != 0)
            let errorLines = result.stderr.split(separator: "\n")
            #expect(errorLines.count == 1)
            #expect(result.stderr.contains("404"))
            #expect(!result.stderr.contains("<"), "no HTML in messages")
        }
    }

    @Test func malformedConfigNamesFileAndLineAndExitsWithTwo() async throws {
        try await offPool {
            let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("config.toml")
            try "theme = \"default\"\n[forges.work]\nurl = 42\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try AnvilBinary.run(["dump", "--config", file.path, "p/x/"])
            #expect(result.status == 2)
            #expect(result.stderr.contains(file.path + ":3"))
            #expect(result.stderr.contains("url"))
        }
    }

    @Test func tokenIsRefusedOverPlainHTTPAndNeverPrinted() async throws {
        try await offPool {
            let secret = "s3cr3t-t0ken-value"
            let result = try AnvilBinary.run(
                ["dump", "http://forge.example.org/p/x/"],
                environment: ["ANVIL_TOKEN": secret, "XDG_CONFIG_HOME": "/nonexistent"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("plain http"))
            #expect(!result.stderr.contains(secret))
            #expect(!result.stdout.contains(secret))
        }
    }

    @Test func badURLIsAClearError() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["dump", "--demo", "ftp://nowhere/"])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("anvil: "))
        }
    }
}

/// Themes from the command line and the user's theme folder.
struct ThemeCommandLineTests {
    @Test func aBadThemeLineIsReportedWithFileAndLine() async throws {
        try await offPool {
            let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "anvil-theme-\(UUID().uuidString)")
            let themes = home.appendingPathComponent("anvil/themes")
            try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let file = themes.appendingPathComponent("broken.theme")
            try "# a theme\ncolor title bold-ish default\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try AnvilBinary.run(
                ["--demo", "--theme", "broken"], environment: ["XDG_CONFIG_HOME": home.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("broken.theme:2"), "\(result.stderr)")
            let unknown = try AnvilBinary.run(
                ["--demo", "--theme", "no-such-theme"], environment: ["XDG_CONFIG_HOME": home.path])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("high-contrast"), "the error lists the themes there are: \(unknown.stderr)")
        }
    }

    @Test func withoutATerminalAnvilSaysSo() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["--demo"])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("anvil: "))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }
}

/// `dump` of ticket views prints what the screen shows.
struct TicketDumpTests {
    @Test func dumpOfATicketListAndATicket() async throws {
        try await offPool {
            let list = try AnvilBinary.run(["dump", "--demo", "--width", "120", "p/anvil-demo/bugs/"])
            #expect(list.status == 0, "\(list.stderr)")
            let lines = list.stdout.components(separatedBy: "\n")
            #expect(lines[0] == "demo › Anvil Demo › Tickets")
            #expect(lines[1].contains("Status") && lines[1].contains("Summary"))
            #expect(lines[2].hasPrefix("  #200"))
            let ticket = try AnvilBinary.run(["dump", "--demo", "https://demo.anvil.test/p/anvil-demo/bugs/12/"])
            #expect(ticket.status == 0, "\(ticket.stderr)")
            #expect(ticket.stdout.hasPrefix("demo › Anvil Demo › Tickets › #12"))
            #expect(ticket.stdout.contains("Status"))
        }
    }
}
