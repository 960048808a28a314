import AnvilApp
import Foundation
import TerminalUI
import Testing

/// A fresh directory under the system temp directory, removed when the value goes away.
/// Tests build their `HOME` and XDG directories in it, never touching the real home.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = (NSTemporaryDirectory() as NSString).standardizingPath
        path = base + "/anvil-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `name` (creating folders) with `mode`, and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o644) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// An environment whose `HOME` is inside this directory and with no XDG variables.
    var environment: [String: String] { ["HOME": path + "/home", "PATH": "/usr/bin:/bin"] }
}

/// Runs `body` and returns the `ConfigError` it threw; nil when it threw nothing or another error.
func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ConfigError
    }
}

let fullConfig = """
    default_forge = "sf"          # name of a [forges.NAME] table
    theme = "light"
    ascii = true
    cursor = "bar"
    [forges.sf]
    url = "https://sourceforge.net"
    token_command = "pass show sf"
    token_file = "~/.config/anvil/sf.token"
    username = "mara"
    [forges.work]
    url = "https://forge.example.org"
    [keys]
    move-down = ["j", "Down", "C-n"]
    quit = "C-q"
    [searches]
    "my open" = "assigned_to:$USER AND !status:closed"
    all = "*:*"

    """

@Suite("Loading the config")
struct ConfigLoadingTests {
    @Test("every setting of a full config is read")
    func fullConfigIsRead() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("config.toml", fullConfig)
        let config = try AnvilConfig.load(path: file, environment: directory.environment)

        #expect(config.file == file)
        #expect(config.theme == "light")
        #expect(config.ascii)
        #expect(config.cursor == .bar)
        #expect(config.defaultForge.name == "sf")
        let sf = try #require(config.forge(named: "sf"))
        #expect(sf.url.absoluteString == "https://sourceforge.net")
        #expect(sf.tokenCommand == "pass show sf")
        #expect(sf.tokenFile == "~/.config/anvil/sf.token")
        #expect(sf.username == "mara")
        let work = try #require(config.forge(named: "work"))
        #expect(work.url.host == "forge.example.org")
        #expect(work.tokenCommand == nil && work.tokenFile == nil && work.username == nil)
        // sf already serves sourceforge.net, so the built-in forge is not added beside it.
        #expect(config.forge(named: "sourceforge") == nil)
        #expect(Set(config.forges.keys) == ["sf", "work"])

        #expect(config.keymap.action(for: .ctrl("n")) == .moveDown)
        #expect(config.keymap.action(for: .char("j")) == .moveDown)
        #expect(config.keymap.action(for: .down) == .moveDown)
        #expect(config.keymap.action(for: .ctrl("q")) == .quit)
        #expect(config.keymap.action(for: .char("Q")) == nil, "rebinding replaces the default keys")
        #expect(config.keymap.action(for: .char("k")) == .moveUp, "other actions keep their defaults")

        #expect(
            config.searches == [
                NamedSearch(name: "my open", query: "assigned_to:$USER AND !status:closed"),
                NamedSearch(name: "all", query: "*:*"),
            ])
    }

    @Test("a missing default file gives the defaults")
    func missingDefaultFileGivesDefaults() throws {
        let directory = try TemporaryDirectory()
        var environment = directory.environment
        environment["XDG_CONFIG_HOME"] = directory.path + "/nothing-here"
        let config = try AnvilConfig.load(path: nil, environment: environment)

        #expect(config.file == nil)
        #expect(config.defaultForge == ForgeConfig.sourceForge)
        #expect(config.defaultForge.url.absoluteString == "https://sourceforge.net")
        #expect(config.forge(named: "sourceforge") == ForgeConfig.sourceForge)
        #expect(config.theme == "default")
        #expect(!config.ascii)
        #expect(config.cursor == .arrow)
        #expect(config.searches.isEmpty)
        for action in Action.allCases {
            #expect(config.keymap.keys(for: action) == Keymap().keys(for: action))
        }
    }

    @Test("the default file is found under XDG_CONFIG_HOME, else under ~/.config")
    func defaultFileLocation() throws {
        let directory = try TemporaryDirectory()
        let xdgFile = try directory.write("xdg/anvil/config.toml", "theme = \"from-xdg\"\n")
        try directory.write("home/.config/anvil/config.toml", "theme = \"from-home\"\n")

        var withXDG = directory.environment
        withXDG["XDG_CONFIG_HOME"] = directory.path + "/xdg"
        let fromXDG = try AnvilConfig.load(path: nil, environment: withXDG)
        #expect(fromXDG.theme == "from-xdg")
        #expect(fromXDG.file == xdgFile)

        let fromHome = try AnvilConfig.load(path: nil, environment: directory.environment)
        #expect(fromHome.theme == "from-home")
    }

    @Test("an explicit path may start with ~")
    func explicitPathExpandsTilde() throws {
        let directory = try TemporaryDirectory()
        try directory.write("home/my.toml", "ascii = true\n")
        let config = try AnvilConfig.load(path: "~/my.toml", environment: directory.environment)
        #expect(config.ascii)
    }

    @Test("without default_forge, the default is SourceForge even when other forges exist")
    func defaultForgeIsSourceForgeWhenUnnamed() throws {
        let config = try AnvilConfig.parse("[forges.work]\nurl = \"https://forge.example.org\"\n", file: "c.toml")
        #expect(config.defaultForge == ForgeConfig.sourceForge)
        #expect(Set(config.forges.keys) == ["work", "sourceforge"])
    }

    @Test("without default_forge, a configured forge for sourceforge.net is the default, with its token")
    func configuredSourceForgeIsDefault() throws {
        let text = "[forges.mine]\nurl = \"https://sourceforge.net/\"\ntoken_command = \"pass sf\"\n"
        let config = try AnvilConfig.parse(text, file: "c.toml")
        #expect(config.defaultForge.name == "mine")
        #expect(config.defaultForge.tokenCommand == "pass sf")
    }

    @Test("a URL maps to the configured forge with the same scheme, host and port")
    func forgeForURL() throws {
        let config = try AnvilConfig.parse(fullConfig, file: "c.toml")
        func forge(_ text: String) throws -> ForgeConfig? {
            config.forge(forURL: try #require(URL(string: text)))
        }
        #expect(try forge("https://sourceforge.net/p/anvil/tickets/4/")?.name == "sf")
        #expect(try forge("https://SourceForge.NET:443/rest/p/anvil")?.name == "sf")
        #expect(try forge("https://forge.example.org/p/x/")?.name == "work")

        // Anything else is an anonymous forge rooted at that host.
        let other = try #require(try forge("https://other.example.com/p/proj/wiki/Home/?x=1#top"))
        #expect(other.name == "other.example.com")
        #expect(other.url.absoluteString == "https://other.example.com/")
        #expect(other.tokenCommand == nil && other.tokenFile == nil)
        let plain = try #require(try forge("http://sourceforge.net/p/anvil"))
        #expect(plain.name == "sourceforge.net", "another scheme is another forge: no token over http")
        #expect(plain.tokenCommand == nil)
        #expect(
            try forge("https://forge.example.org:8443/p/x")?.url.absoluteString == "https://forge.example.org:8443/")
        #expect(try forge("ftp://sourceforge.net/") == nil)
    }

    @Test("a forge with a base path serves only URLs below it")
    func forgeWithBasePath() throws {
        let text = """
            [forges.root]
            url = "https://example.org"
            [forges.allura]
            url = "https://example.org/allura"
            """
        let config = try AnvilConfig.parse(text, file: "c.toml")
        #expect(config.forge(forURL: try #require(URL(string: "https://example.org/allura/p/x")))?.name == "allura")
        #expect(config.forge(forURL: try #require(URL(string: "https://example.org/alluraz/p/x")))?.name == "root")
    }

    @Test("[keys] takes one key name or a list, and an empty list unbinds")
    func keysForms() throws {
        let text = "[keys]\nhelp = \"F1\"\nreload = []\n"
        let config = try AnvilConfig.parse(text, file: "c.toml")
        #expect(config.keymap.action(for: .function(1)) == .help)
        #expect(config.keymap.action(for: .char("?")) == nil)
        #expect(config.keymap.action(for: .char("r")) == nil)
        #expect(config.keymap.keys(for: .reload).isEmpty)
    }

    @Test("paths follow XDG, with defaults under HOME")
    func paths() {
        let defaults = AnvilPaths(environment: ["HOME": "/home/u"])
        #expect(defaults.configDirectory == "/home/u/.config/anvil")
        #expect(defaults.configFile == "/home/u/.config/anvil/config.toml")
        #expect(defaults.cacheDirectory == "/home/u/.cache/anvil")
        #expect(defaults.stateDirectory == "/home/u/.local/state/anvil")

        let xdg = AnvilPaths(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg/", "XDG_CACHE_HOME": "/var/cache/u",
            "XDG_STATE_HOME": "/st",
        ])
        #expect(xdg.configDirectory == "/cfg/anvil")
        #expect(xdg.cacheDirectory == "/var/cache/u/anvil")
        #expect(xdg.stateDirectory == "/st/anvil")

        // Relative and empty values are invalid under the XDG rules and are ignored.
        let invalid = AnvilPaths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": ""])
        #expect(invalid.configDirectory == "/home/u/.config/anvil")
        #expect(invalid.cacheDirectory == "/home/u/.cache/anvil")

        // Trailing slashes go, however many; the root itself is "" + "/anvil".
        let slashes = AnvilPaths(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/st///", "XDG_CACHE_HOME": "/"])
        #expect(slashes.stateDirectory == "/st/anvil")
        #expect(slashes.cacheDirectory == "/anvil")
    }
}
