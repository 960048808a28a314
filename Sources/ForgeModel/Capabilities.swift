/// A forge backend. What it can do is the set of capability protocols it adopts; views ask for
/// a capability (`forge as? WikiReading`), never for a particular forge.
public protocol Forge: Sendable {
    /// Shown first in the breadcrumb, e.g. `forge.example.org`.
    var displayName: String { get }
    /// The web URL of a route, for `o` (open in browser).
    func webURL(for route: Route) -> String
}

public protocol ProjectReading: Forge {
    func project(_ path: ProjectPath) async throws -> Project
}

public protocol WikiReading: Forge {
    /// Every page title, in server order.
    func wikiTitles(_ project: ProjectPath, mount: String) async throws -> [String]
    func wikiPage(_ project: ProjectPath, mount: String, title: String) async throws -> WikiPage
}

public protocol ProfileReading: Forge {
    func profile(username: String) async throws -> UserProfile
}

public protocol LinkReading: Forge {
    /// The link tool's target, or nil when it is unset.
    func linkTarget(_ project: ProjectPath, mount: String) async throws -> String?
}
