import ArgumentParser
import Testing

@testable import anvil

/// The fast reading of plain command lines agrees with ArgumentParser on every line it accepts,
/// and leaves every other line to it.
struct QuickBrowseTests {
    @Test(arguments: [
        [], ["p/anvil-demo/wiki/"], ["--demo"], ["--demo", "gitlab"], ["--demo=tuleap", "p/x/"],
        ["--config", "/tmp/a b.toml", "https://sourceforge.net/p/x/bugs/"], ["--config=/c.toml"],
        ["--theme", "light", "--offline", "u/alice/"], ["--theme=mono", "--no-cache"],
        ["https://gitlab.com/g/p/-/issues/7", "--offline"], ["--demo", "dump"],
    ])
    func agreesWithArgumentParser(_ line: [String]) throws {
        let arguments = ArgumentOrder.normalise(line)
        guard let quick = QuickBrowse(arguments) else {
            // Lines with a command go to ArgumentParser; the rest must be read here.
            #expect(line.contains("dump"), "\(line) was not read quickly")
            return
        }
        let parsed = try #require(try AnvilCommand.parseAsRoot(arguments) as? Browse, "\(line)")
        let fast = quick.command
        #expect(fast.url == parsed.url && fast.theme == parsed.theme, "\(line)")
        #expect(fast.common.demo == parsed.common.demo && fast.common.demoKindName == parsed.common.demoKindName)
        #expect(fast.common.config == parsed.common.config && fast.common.offline == parsed.common.offline)
        #expect(fast.common.noCache == parsed.common.noCache && fast.common.demoLatency == parsed.common.demoLatency)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--version"], ["help"], ["dump", "p/x/"], ["sync", "p/x/"], ["themes"],
        ["--demo-latency", "100", "--demo"], ["--demo", "--demo"], ["a", "b"], ["--theme"], ["--config", "--demo"],
        ["--frobnicate"], ["--demo=nonsense"], ["browse", "p/x/"],
    ])
    func leavesEverythingElseToArgumentParser(_ line: [String]) {
        #expect(QuickBrowse(ArgumentOrder.normalise(line)) == nil, "\(line)")
    }
}
