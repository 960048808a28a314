import Foundation
import TestSupport
import Testing

/// The command line as a new user meets it: help, option order, and dumps of part of a list.
struct DailyUseCommandLineTests {
    /// A ticket list row (`  #12   open ...`), not the header.
    static func isTicketRow(_ line: String) -> Bool {
        line.hasPrefix("  #") && line.dropFirst(3).first?.isNumber == true
    }

    @Test func helpShowsTheDemoFlagAndTheURLArgument() async throws {
        try await offPool {
            let result = try AnvilBinary.run(["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("--demo"), "\(result.stdout)")
            #expect(result.stdout.contains("<url>"))
            #expect(result.stdout.contains("anvil dump"))
        }
    }

    @Test func sharedOptionsMayComeBeforeTheCommand() async throws {
        try await offPool {
            let before = try AnvilBinary.run(["--demo", "dump", "--width", "80", "p/anvil-demo/"])
            #expect(before.status == 0, "\(before.stderr)")
            let after = try AnvilBinary.run(["dump", "--demo", "--width", "80", "p/anvil-demo/"])
            #expect(before.stdout == after.stdout)
            #expect(before.stdout.hasPrefix("demo › "))
        }
    }

    @Test func aDumpOfPartOfAListSaysHowMuchMoreThereIs() async throws {
        try await offPool {
            let list = try AnvilBinary.run(["dump", "--demo", "--width", "100", "p/anvil-demo/bugs/"])
            #expect(list.status == 0, "\(list.stderr)")
            let lines = list.stdout.split(separator: "\n").map(String.init)
            #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces) == "…" }, "no placeholder rows")
            #expect(
                lines.last == "(up to 150 tickets not loaded: anvil dump --all prints everything)",
                "\(lines.last ?? "")")
            #expect(lines.filter(Self.isTicketRow).count == 50)

            let all = try AnvilBinary.run(["dump", "--demo", "--all", "--width", "100", "p/anvil-demo/bugs/"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(all.stdout.split(separator: "\n").map(String.init).filter(Self.isTicketRow).count == 200)
            #expect(!all.stdout.contains("not loaded"))

            let thread = try AnvilBinary.run([
                "dump", "--demo", "--width", "100", "p/anvil-demo/discussion/general/thread/b16a7d2000/",
            ])
            #expect(thread.status == 0, "\(thread.stderr)")
            #expect(!thread.stdout.contains("move down"), "no interactive hints in a dump")
            #expect(thread.stdout.hasSuffix("(1900 posts not loaded: anvil dump --all prints everything)\n"))
        }
    }
}
