import ForgeModel
import Foundation
import HTTP

/// How sure a backend is, from a URL's shape alone, that the URL is one of its forges.
public enum Recognition: Int, Comparable, Sendable {
    case not
    case possibly
    case certainly

    public static func < (a: Recognition, b: Recognition) -> Bool { a.rawValue < b.rawValue }
}

/// What a backend needs to build its `Forge`.
public struct ForgeRecipe: Sendable {
    /// The forge's web root.
    public var baseURL: URL
    /// The token, or nil for anonymous access.
    public var token: String?
    /// The auth mode from the config (`auth = …`); nil for the backend's default.
    public var auth: String?
    /// The config's `username`, for auth modes that log in with a user name and password.
    public var username: String?
    public var transport: any Transport
    /// The title line's name; nil for the host.
    public var displayName: String?
    /// Told what the forge is waiting for (a rate limit's seconds left), to show on the status line.
    public var notice: (@Sendable (String) -> Void)?

    public init(baseURL: URL, token: String?, auth: String? = nil, transport: any Transport, displayName: String? = nil)
    {
        self.baseURL = baseURL
        self.token = token
        self.auth = auth
        self.transport = transport
        self.displayName = displayName
    }
}

/// One kind of forge Anvil can (or knows it cannot yet) browse: how to recognise it and how to
/// build it. The registry holds one per backend; nothing else names a backend.
public protocol BackendKind: Sendable {
    /// The config's `kind = "…"`.
    var name: String { get }
    /// The values `auth = "…"` may take, the default first.
    var authModes: [String] { get }
    /// What the URL's shape says about its kind.
    func recognise(_ url: URL) -> Recognition
    /// The one request that tells, for an ambiguous URL, whether `base` serves this kind of forge.
    var probe: BackendProbe? { get }
    /// The forge described by `recipe`.
    func makeForge(_ recipe: ForgeRecipe) throws -> any Forge
}

/// An anonymous `GET` whose answer tells whether a server is of a kind.
public struct BackendProbe: Sendable {
    /// The path under the base URL, with its query.
    public let path: String
    /// Whether a successful answer's JSON is of the expected shape.
    public let accepts: @Sendable (Any) -> Bool

    public init(path: String, accepts: @escaping @Sendable (Any) -> Bool) {
        self.path = path
        self.accepts = accepts
    }

    /// Whether the server at `base` answers the probe as expected; any failure is a no.
    public func matches(base: URL, transport: any Transport) async -> Bool {
        let root = base.absoluteString.hasSuffix("/") ? base.absoluteString : base.absoluteString + "/"
        guard let url = URL(string: root + path) else { return false }
        let request = HTTPRequest(url: url, headers: ["Accept": "application/json"])
        guard let response = try? await transport.send(request), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        else { return false }
        return accepts(json)
    }
}

/// Path segments of a URL, without empty ones.
extension URL {
    var pathSegments: [String] { path.split(separator: "/").map(String.init) }

    /// Whether the host is `domain` or one of its subdomains.
    func isOn(_ domain: String) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == domain || host.hasSuffix("." + domain)
    }
}
