import AnvilApp
import ArgumentParser
import Foundation
import TerminalUI

/// `anvil`: browse a forge in the terminal.
struct AnvilCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anvil",
        abstract: "A terminal browser for software forges (Apache Allura, SourceForge, GitLab, Tuleap).",
        usage: """
            anvil [--demo [allura|gitlab|tuleap]] [--config <path>] [--theme <name>] [<url>]
              anvil dump [--demo [allura|gitlab|tuleap]] [--config <path>] [--width <n>] [--all] <url>
              anvil demo-server [--kind allura|gitlab|tuleap] [--port <port>] [--latency <ms>]
              anvil themes
              anvil --version
            """,
        discussion: """
            <url> is any Allura, GitLab or Tuleap web or API address (https://sourceforge.net/p/PROJECT/bugs/42/, \
            https://gitlab.com/GROUP/PROJECT/-/issues/7, https://HOST/plugins/tracker/?aid=12), or a path like p/PROJECT/wiki/ on the default forge; \
            without one, the start view opens.

            --demo [KIND]        a demo forge, allura (default), gitlab or tuleap: no network
            --config <path>      read this config file instead of the usual one
            --theme <name>       default, light, mono, high-contrast, or your own
            --demo-latency <ms>  with --demo: delay requests, to watch pages load

            --demo and --config may come before the command: anvil --demo gitlab dump URL.
            'anvil help dump' lists every option of a command.
            """,
        version: AnvilVersion.description,
        subcommands: [Browse.self, DumpCommand.self, SyncCommand.self, DemoServerCommand.self, ThemesCommand.self],
        defaultSubcommand: Browse.self)
}

/// The release and the commit the binary was built from, as `anvil --version` prints them.
enum AnvilVersion {
    /// The release number; the commit (from `git describe` at build time) tells builds apart.
    static let release = "0.1.0"
    static let description = "anvil \(release) (\(buildCommit))"
}

/// Theme names for shell completion: every theme the standard places hold.
@Sendable func availableThemeNames(_ arguments: [String], _ index: Int, _ prefix: String) -> [String] {
    ThemeLoader(environment: ProcessEnvironment.variables()).available().filter { $0.hasPrefix(prefix) }
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: "Use the embedded demo forge: no network, no configuration.")
    var demo = false

    @Option(name: .long, help: "Read this config file instead of $XDG_CONFIG_HOME/anvil/config.toml.")
    var config: String?

    @Flag(name: .long, help: "Read only what is cached: no request reaches a forge.")
    var offline = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor keep answers in $XDG_CACHE_HOME/anvil.")
    var noCache = false

    @Option(
        name: .customLong("demo-kind"),
        help: ArgumentHelp("Which demo forge --demo opens (written --demo KIND).", visibility: .hidden))
    var demoKindName: String?

    /// The demo `--demo KIND` asks for; nil for the default.
    var demoKind: DemoKind? { demoKindName.flatMap(DemoKind.init(rawValue:)) }

    @Option(name: .long, help: "With --demo: delay every request by this many milliseconds, to watch loading.")
    var demoLatency: Int = 0

    func validate() throws {
        guard (0...60000).contains(demoLatency) else { throw ValidationError("--demo-latency must be 0...60000") }
        if let demoKindName, demoKind == nil {
            let kinds = DemoKind.allCases.map(\.rawValue).joined(separator: " or ")
            throw ValidationError("there is no \(demoKindName) demo yet; --demo takes \(kinds)")
        }
    }
}

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse", abstract: "Open a forge URL (the default command).")

    @OptionGroup var common: CommonOptions

    @Option(
        name: .long, help: "Colour theme (default, light, mono, high-contrast, or your own).",
        completion: .custom(availableThemeNames))
    var theme: String?

    @Argument(help: "A forge web or REST URL, or a path like p/project/wiki/ on the default forge.")
    var url: String?

    func run() throws {
        let status = try Launcher(common: common).browse(url: url, theme: theme)
        if status != 0 { throw ExitCode(status) }
    }
}

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Print a view once as plain text and exit.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Width in columns.")
    var width: Int = 80

    @Flag(name: .long, help: "Load every page of a list or thread.")
    var all = false

    @Argument(help: "A forge web or REST URL, or a path like p/project/wiki/.")
    var url: String

    func validate() throws {
        guard (20...1000).contains(width) else { throw ValidationError("--width must be between 20 and 1000") }
    }

    func run() throws {
        let text = try Launcher(common: common).dump(url: url, width: width, all: all)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Fetch a project, tool or thread into the cache for reading offline.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How many links deep to follow from the view (0: the view alone).")
    var depth: Int = 1

    @Argument(help: "A forge web or REST URL, or a path like p/project/bugs/.")
    var url: String

    func validate() throws {
        guard (0...5).contains(depth) else { throw ValidationError("--depth must be between 0 and 5") }
    }

    func run() throws {
        try Launcher(common: common).sync(url: url, depth: depth)
    }
}

struct DemoServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server", abstract: "Serve the demo forge over HTTP on 127.0.0.1 (for tests).")

    @Option(name: .long, help: "Which forge's API to serve: allura, gitlab or tuleap.")
    var kind: DemoKind = .allura

    @Option(name: .long, help: "Port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 0

    @Option(name: .long, help: "Delay added to every request, in milliseconds.")
    var latency: Int = 0

    @Option(name: .long, help: "Seed of the generated data.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard (0...60000).contains(latency) else { throw ValidationError("--latency must be 0...60000") }
    }

    func run() throws {
        try Launcher.serveDemo(kind: kind, port: port, latencyMilliseconds: latency, seed: seed)
    }
}

/// The demo forges `demo-server` can serve.
enum DemoKind: String, ExpressibleByArgument, CaseIterable {
    case allura
    case gitlab
    case tuleap
}

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "List the themes --theme can name, and the file each comes from.")

    func run() throws {
        let loader = ThemeLoader(environment: ProcessEnvironment.variables())
        var lines = ""
        for name in loader.available() {
            lines += name + "\t" + (loader.file(of: name) ?? "(built in)") + "\n"
        }
        FileHandle.standardOutput.write(Data(lines.utf8))
    }
}
