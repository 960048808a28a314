import Foundation
import FuzzTargets
import TestSupport
import Testing

/// Bounded fuzz runs of every target, seeded from the recorded Allura and Tuleap responses: a second or two
/// each here, as long as wanted with `make fuzz`.
@Suite struct SeededFuzzTests {
    static let extraSeeds: [String] = [
        "https://forge.example.org/p/nimbus/bugs/42/", "https://forge.example.org/rest/p/nimbus/wiki/Home%20Page/",
        "p/nimbus/discussion/general/thread/ae39ba4dde/", "https://forge.example.org/u/alice/profile/",
        "https://forge.example.org/p/nimbus/bugs/search/?q=status%3Aopen", "p/nimbus/blog/2026/09/launch/",
        "0a0b\n0a0b/9f00\n0a0b/9f00/1234\nffff/0000\n\n0a0b",
        "# Title\n\n[link](https://x.org) **b** `c`\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "\u{1B}[31mred\u{202E}txt\u{2066}",
        "https://forge.example.org/plugins/tracker/?aid=211&func=show", "/projects/guinea-pig/",
        "/goto?key=bug&val=12&group_id=3", "/wiki/index.php?group_id=101&pagename=With+Space", "/api/v1/trackers/82",
    ]

    static var seeds: [Data] {
        let directory = Fixtures.alluraDirectory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files = names.sorted().compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
        return files + extraSeeds.map { Data($0.utf8) }
    }

    /// The seeds of a target: Tuleap's targets start from Tuleap's fixtures.
    static func seeds(for name: String) -> [Data] {
        guard name.hasPrefix("tuleap") else { return seeds }
        let tuleap = ((try? Fixtures.tuleapFiles()) ?? []).compactMap { try? Fixtures.tuleap($0) }
        return tuleap + extraSeeds.map { Data($0.utf8) }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func boundedRun(target name: String) throws {
        let target = try #require(FuzzTargets.target(named: name))
        let seeds = Self.seeds(for: name)
        var fuzzer = SeededFuzzer(seed: 20_261_202, seeds: seeds)
        let report = fuzzer.run(target, iterations: 4_000, seconds: 1.5)
        #expect(report.executions > seeds.count, "\(name): only \(report.executions) executions")
        for failure in report.failures.prefix(3) {
            Issue.record("\(failure.problem) for input \(failure.input.base64EncodedString())")
        }
    }

    @Test("a wiki page or forum named like a tracker's search or a ticket comes back once its tool is known")
    func routesTheShapeLeavesOpenAreSettled() throws {
        for address in [
            "https://forge.example.org/p/nimbus/bugs/search//q=status",
            "https://forge.example.org/p/nimbus/wiki/123/x",
            "https://forge.example.org/p/nimbus/forum/search/x",
        ] {
            try FuzzTargets.router(Data(address.utf8))
        }
    }

    @Test("the same seed gives the same inputs")
    func deterministic() {
        var a = SeededFuzzer(seed: 7, seeds: Self.seeds)
        var b = SeededFuzzer(seed: 7, seeds: Self.seeds)
        #expect((0..<50).map { _ in a.mutant() } == (0..<50).map { _ in b.mutant() })
    }

    @Test("a broken property is reported with its input")
    func failuresAreReported() {
        var fuzzer = SeededFuzzer(seed: 1, seeds: [Data("abc".utf8)])
        let report = fuzzer.run({ if $0.count > 3 { throw CancellationError() } }, iterations: 200)
        #expect(!report.failures.isEmpty)
        #expect(report.failures.allSatisfy { $0.input.count > 3 })
    }
}
