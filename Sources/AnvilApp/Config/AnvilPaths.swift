import Foundation

/// Where Anvil keeps its files, following the XDG base directory rules.
///
/// A variable that is unset, empty or not an absolute path is ignored, as the XDG rules ask.
public struct AnvilPaths: Hashable, Sendable {
    /// `$XDG_CONFIG_HOME/anvil`, default `~/.config/anvil`.
    public let configDirectory: String
    /// `$XDG_CACHE_HOME/anvil`, default `~/.cache/anvil`.
    public let cacheDirectory: String
    /// `$XDG_STATE_HOME/anvil`, default `~/.local/state/anvil`: read marks, drafts, history, log.
    public let stateDirectory: String
    /// The home directory the defaults were derived from.
    public let homeDirectory: String

    /// The default config file, `configDirectory/config.toml`.
    public var configFile: String { configDirectory + "/config.toml" }

    public init(environment: [String: String]) {
        let home = Self.homeDirectory(environment: environment)
        func base(_ variable: String, default fallback: String) -> String {
            if var value = environment[variable], value.hasPrefix("/") {
                while value.utf8.last == UInt8(ascii: "/") { value.removeLast() }
                return value
            }
            return home + "/" + fallback
        }
        homeDirectory = home
        configDirectory = base("XDG_CONFIG_HOME", default: ".config") + "/anvil"
        cacheDirectory = base("XDG_CACHE_HOME", default: ".cache") + "/anvil"
        stateDirectory = base("XDG_STATE_HOME", default: ".local/state") + "/anvil"
    }

    /// `$HOME` from `environment`, else the account's home directory.
    static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    /// Expands a leading `~` or `~/` to the home directory; other paths are returned unchanged.
    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return homeDirectory(environment: environment) }
        if path.hasPrefix("~/") { return homeDirectory(environment: environment) + path.dropFirst() }
        return path
    }
}
