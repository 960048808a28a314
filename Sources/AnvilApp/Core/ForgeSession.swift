import Allura
import ForgeModel
import Foundation

/// One forge being browsed: the backend, how URLs map to routes on it, and what is already known
/// about its projects (their tools decide which view a URL opens).
public final class ForgeSession {
    public let forge: any Forge
    /// The forge's web root, e.g. `https://sourceforge.net`.
    public let baseURL: URL
    /// Whether a token the user gave (`ANVIL_TOKEN`) is kept from this forge because it belongs
    /// to another origin; the title line says so.
    public let withholdsToken: Bool
    private var projects: [ProjectPath: Project] = [:]

    public init(forge: any Forge, baseURL: URL, withholdsToken: Bool = false) {
        self.forge = forge
        self.baseURL = baseURL
        self.withholdsToken = withholdsToken
    }

    /// The forge's name for the title line, with "(no token)" when a token was withheld.
    public var displayName: String { withholdsToken ? forge.displayName + " (no token)" : forge.displayName }

    /// Parses a web or REST URL, or a forge-relative path like `p/proj/wiki/`.
    public func parse(_ input: String) throws -> (base: URL, route: Route) {
        try AlluraRouter.parse(input, defaultBase: baseURL)
    }

    /// Whether `base` is this forge.
    public func isSameForge(_ base: URL) -> Bool {
        base.host?.lowercased() == baseURL.host?.lowercased() && base.scheme == baseURL.scheme
            && base.port == baseURL.port
    }

    public func remember(_ project: Project) { projects[project.path] = project }

    public func knownProject(_ path: ProjectPath) -> Project? { projects[path] }

    /// A route made exact with the project's tools (a `discussion/general` guessed as a wiki page
    /// becomes a forum), or nil while the project is not known yet.
    public func refined(_ route: Route) -> Route? {
        guard route.mount != nil else { return route }
        guard let project = projects[route.project] else { return nil }
        return AlluraRouter.refine(route, tools: project.tools)
    }

    /// The tool a route lives in, when its project is known.
    public func tool(of route: Route) -> Tool? {
        guard let mount = route.mount, let project = projects[route.project] else { return nil }
        return project.tools.first { $0.mountPoint == mount }
    }
}
