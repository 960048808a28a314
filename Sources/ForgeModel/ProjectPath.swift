/// Where a project lives on a forge, as its backend names it: a neighborhood (Allura's `p`, `u`
/// or a custom one; empty for forges without neighborhoods, such as GitLab) and the path inside
/// it (`nimbus`, `nimbus/plugins`, a username, or GitLab's full path `acme/tools/anvil-demo`).
/// Views treat it as an opaque reference with a display path (`description`).
public struct ProjectPath: Hashable, Sendable, CustomStringConvertible {
    public var neighborhood: String
    public var name: String

    public init(neighborhood: String, name: String) {
        self.neighborhood = neighborhood
        self.name = name
    }

    /// The path segments below the forge root, for example `["p", "nimbus", "plugins"]`.
    public var segments: [String] {
        (neighborhood.isEmpty ? [] : [neighborhood]) + name.split(separator: "/").map(String.init)
    }

    /// `p/nimbus` or `acme/tools/anvil-demo`, as a user would type it.
    public var description: String { neighborhood.isEmpty ? name : "\(neighborhood)/\(name)" }
}
