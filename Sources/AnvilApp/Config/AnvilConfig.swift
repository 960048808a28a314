import Foundation
import TerminalUI

/// A tracker's open and closed statuses, as the user states them.
public struct TrackerStatuses: Hashable, Sendable {
    public let open: [String]
    public let closed: [String]
    public init(open: [String], closed: [String]) {
        self.open = open
        self.closed = closed
    }
}

/// The user's configuration: forges, default forge, theme, key bindings and saved searches.
///
/// Loaded from `$XDG_CONFIG_HOME/anvil/config.toml` or from the file given with `--config`.
public struct AnvilConfig: Sendable {
    /// The file this was read from; nil when the default file does not exist.
    public let file: String?
    /// Every forge by name: the configured ones, plus the built-in `sourceforge` unless a
    /// configured forge already serves sourceforge.net.
    public let forges: [String: ForgeConfig]
    /// The forge `anvil` opens without a URL.
    public let defaultForge: ForgeConfig
    /// The theme's name (`themes/NAME.theme`).
    public let theme: String
    /// Draw trees with ASCII characters instead of box-drawing ones.
    public let ascii: Bool
    /// How lists mark the selected row.
    public let cursor: CursorStyle
    /// The default key bindings with the config's `[keys]` applied.
    public let keymap: Keymap
    /// The user's named ticket searches, in the order they are written.
    public let searches: [NamedSearch]
    /// Per tracker (`p/project/mount`), which statuses are open and which closed: the forge's API
    /// does not say, so this overrides what Anvil works out.
    public let trackerStatuses: [String: TrackerStatuses]
    /// The largest answer accepted from a forge (`max_response_mb`, default 32 MB).
    public internal(set) var maximumResponseBytes = 32 << 20
    /// The most the response cache keeps (`cache_mb`, default 200 MB); 0 keeps nothing.
    public internal(set) var cacheBytes = 200 << 20
    /// OSC 8 hyperlinks (`osc8`): true or false as written; nil (not written) leaves it to
    /// `HyperlinkSupport` to tell from the terminal.
    public internal(set) var osc8: Bool?
    /// `y` and `Y` copy with OSC 52 (`osc52`, default true).
    public internal(set) var osc52 = true

    /// The configuration without a file: SourceForge, default theme, default keys.
    public static let empty = AnvilConfig(
        file: nil, configuredForges: [:], defaultForgeName: nil, theme: nil, ascii: nil, cursor: nil, keymap: Keymap(),
        searches: [],
        trackerStatuses: [:])

    /// Builds a configuration; `defaultForgeName` must name one of `configuredForges`, or be nil
    /// for the forge serving sourceforge.net.
    init(
        file: String?, configuredForges: [String: ForgeConfig], defaultForgeName: String?, theme: String?,
        ascii: Bool?, cursor: CursorStyle? = nil, keymap: Keymap, searches: [NamedSearch],
        trackerStatuses: [String: TrackerStatuses] = [:]
    ) {
        var forges = configuredForges
        if forges[ForgeConfig.sourceForge.name] == nil,
            !forges.values.contains(where: { $0.serves(ForgeConfig.sourceForge.url) })
        {
            forges[ForgeConfig.sourceForge.name] = ForgeConfig.sourceForge
        }
        self.file = file
        self.forges = forges
        self.defaultForge =
            defaultForgeName.flatMap { forges[$0] }
            ?? Self.bestForge(serving: ForgeConfig.sourceForge.url, in: forges)
            ?? ForgeConfig.sourceForge
        self.theme = theme ?? "default"
        self.ascii = ascii ?? false
        self.cursor = cursor ?? .arrow
        self.keymap = keymap
        self.searches = searches
        self.trackerStatuses = trackerStatuses
    }

    /// Reads the config.
    ///
    /// - Parameters:
    ///   - path: the `--config` argument; nil for the default file, whose absence is not an error.
    ///   - environment: the process environment (`XDG_CONFIG_HOME`, `HOME`).
    ///   - kinds: the kinds of forge and their auth modes, to check `kind` and `auth` against;
    ///     nil leaves them unchecked.
    /// - Throws: `ConfigError` naming the file, line and key for anything wrong in the file.
    public static func load(
        path: String?, environment: [String: String], kinds: ForgeKinds? = nil
    ) throws(ConfigError) -> AnvilConfig {
        let file: String
        if let path {
            file = AnvilPaths.expandingTilde(path, environment: environment)
        } else {
            file = AnvilPaths(environment: environment).configFile
            if !FileManager.default.fileExists(atPath: file) { return .empty }
        }
        let text = try ConfigFileReader.read(file)
        return try parse(text, file: file, kinds: kinds)
    }

    /// Parses config text; `file` is only used in error messages and `file`.
    public static func parse(_ text: String, file: String, kinds: ForgeKinds? = nil) throws(ConfigError) -> AnvilConfig
    {
        try ConfigDecoder(text: text, file: file, kinds: kinds).decode()
    }

    /// The forge called `name` (a `[forges.NAME]` table, or `sourceforge`).
    public func forge(named name: String) -> ForgeConfig? { forges[name] }

    /// The forge that serves `url` (same scheme, host and port), so that its token is used;
    /// otherwise an anonymous forge rooted at that URL's host. Nil for a URL that is not
    /// http(s) or has no host.
    public func forge(forURL url: URL) -> ForgeConfig? {
        if let configured = Self.bestForge(serving: url, in: forges) { return configured }
        guard let origin = ForgeOrigin(url), var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return nil }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        components.path = "/"
        guard let root = components.url else { return nil }
        return ForgeConfig(name: origin.host, url: root)
    }

    /// Of the forges serving `url`, the one with the longest base path (then the first by name).
    private static func bestForge(serving url: URL, in forges: [String: ForgeConfig]) -> ForgeConfig? {
        forges.values.filter { $0.serves(url) }.min { a, b in
            a.url.path.count != b.url.path.count ? a.url.path.count > b.url.path.count : a.name < b.name
        }
    }
}

extension AnvilConfig: CustomStringConvertible {
    public var description: String {
        let names = forges.keys.sorted().joined(separator: ", ")
        return
            "AnvilConfig(file: \(file ?? "none"), forges: [\(names)], default: \(defaultForge.name), theme: \(theme))"
    }
}

/// The kinds of forge a config may name and the auth modes of each, as the backends declare them
/// (the app itself names no backend).
public struct ForgeKinds: Sendable {
    /// Auth modes by kind name, the default mode first.
    public let authModes: [String: [String]]
    /// The kind a URL certainly is from its shape, if any.
    public let recognise: @Sendable (URL) -> String?

    public init(authModes: [String: [String]], recognise: @escaping @Sendable (URL) -> String?) {
        self.authModes = authModes
        self.recognise = recognise
    }
}

/// A ticket search the user named in `[searches]`.
public struct NamedSearch: Hashable, Sendable {
    public let name: String
    /// The query in Allura's search syntax; `$USER` is left for the caller to substitute.
    public let query: String

    /// A search called `name` running `query`.
    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }
}

/// Reads a config file as UTF-8 text, with errors that name the file.
enum ConfigFileReader {
    static func read(_ file: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ConfigError(file: file, problem: "no such file")
        }
        if isDirectory.boolValue { throw ConfigError(file: file, problem: "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: file, problem: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, problem: "is not UTF-8 text")
        }
        return text
    }
}
