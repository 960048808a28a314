import Foundation

/// One forge the user can open: its base URL and where its token comes from.
///
/// Its `description`, `debugDescription` and mirror never show `tokenCommand` (a command line can
/// hold a secret, `echo abc123`), only whether it is set.
public struct ForgeConfig: Hashable, Sendable {
    /// The name of its `[forges.NAME]` table, `sourceforge` for the built-in one, or the host
    /// for an ad-hoc forge.
    public let name: String
    /// The base URL, `http` or `https`, with a host.
    public let url: URL
    /// A shell command that prints the token, run through `/bin/sh -c`.
    public let tokenCommand: String?
    /// A file holding the token (`~` allowed); must have mode 0600 or 0400.
    public let tokenFile: String?
    /// The user's name on this forge, when the user gave it.
    public let username: String?
    /// Its kind (`kind = …`), when the config says; otherwise it is recognised from the URL.
    public let kind: String?
    /// Its auth mode (`auth = …`), when the config says; otherwise the kind's default.
    public let auth: String?

    /// A forge; the config loader has already checked that `url` is http(s) with a host.
    public init(
        name: String, url: URL, tokenCommand: String? = nil, tokenFile: String? = nil, username: String? = nil,
        kind: String? = nil, auth: String? = nil
    ) {
        self.name = name
        self.url = url
        self.tokenCommand = tokenCommand
        self.tokenFile = tokenFile
        self.username = username
        self.kind = kind
        self.auth = auth
    }

    /// The forge used when the config names none.
    public static let sourceForge = ForgeConfig(
        name: "sourceforge",
        // The literal always parses; the fallback only keeps force unwraps out.
        url: URL(string: "https://sourceforge.net") ?? URL(fileURLWithPath: "/"))

    /// Whether the config says where to find a token (the environment may still supply one).
    public var hasConfiguredCredentials: Bool { tokenCommand != nil || tokenFile != nil }

    /// Whether `other` is served by this forge: same scheme, host and port, and inside its path.
    public func serves(_ other: URL) -> Bool {
        guard let mine = ForgeOrigin(url), let theirs = ForgeOrigin(other), mine == theirs else { return false }
        let base = url.path.hasSuffix("/") ? url.path : url.path + "/"
        let path = other.path.hasSuffix("/") ? other.path : other.path + "/"
        return path.hasPrefix(base)
    }
}

extension ForgeConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["name: \(name)", "url: \(url.absoluteString)"]
        if tokenCommand != nil { parts.append("tokenCommand: <redacted>") }
        if let tokenFile { parts.append("tokenFile: \(tokenFile)") }
        if let username { parts.append("username: \(username)") }
        if let kind { parts.append("kind: \(kind)") }
        if let auth { parts.append("auth: \(auth)") }
        return "ForgeConfig(" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name, "url": url.absoluteString,
                "tokenCommand": tokenCommand == nil ? "nil" : "<redacted>",
                "tokenFile": tokenFile ?? "nil", "username": username ?? "nil", "kind": kind ?? "nil",
                "auth": auth ?? "nil",
            ], displayStyle: .struct)
    }
}

/// Scheme, host and port of a URL, with the default port filled in and the host lower-cased:
/// what decides whether a URL belongs to a forge.
struct ForgeOrigin: Hashable, Sendable {
    let scheme: String
    let host: String
    let port: Int

    init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        let defaultPort: Int
        switch scheme {
        case "https": defaultPort = 443
        case "http": defaultPort = 80
        default: return nil
        }
        self.scheme = scheme
        self.host = host
        self.port = url.port ?? defaultPort
    }
}
