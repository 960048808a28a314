/// Where a project lives on a forge: its neighborhood (`p`, `u`, or a custom one) and its
/// path inside it (`nimbus`, `nimbus/plugins`, or a username for personal projects).
public struct ProjectPath: Hashable, Sendable, CustomStringConvertible {
    public var neighborhood: String
    public var name: String

    public init(neighborhood: String, name: String) {
        self.neighborhood = neighborhood
        self.name = name
    }

    /// The path segments below the forge root, for example `["p", "nimbus", "plugins"]`.
    public var segments: [String] {
        [neighborhood] + name.split(separator: "/").map(String.init)
    }

    /// `p/nimbus`, as a user would type it.
    public var description: String { "\(neighborhood)/\(name)" }
}
