import ForgeModel
import Foundation
import HTTP
import Text

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
    /// The newest copy of each ticket any view received, by tracker (`project/mount`) and number.
    private var tickets: [String: [Int: Ticket]] = [:]
    /// Threads the user wrote to since the artifacts they belong to were last read.
    public private(set) var threadsWrittenTo: Set<String> = []

    public init(forge: any Forge, baseURL: URL, withholdsToken: Bool = false) {
        self.forge = forge
        self.baseURL = baseURL
        self.withholdsToken = withholdsToken
    }

    /// The forge's name for the title line, with "(no token)" when a token was withheld.
    public var displayName: String { withholdsToken ? forge.displayName + " (no token)" : forge.displayName }

    /// Where an address leads: a route on this forge, or another forge's address.
    public enum Address: Hashable, Sendable {
        case route(Route)
        case otherForge(URL)
    }

    /// Reads a web or API address, or a path relative to this forge (`p/proj/wiki/`,
    /// `group/project/-/issues`). An address of another origin is not read here: its forge,
    /// which may be of another kind, reads it.
    public func resolve(_ input: String) throws -> Address {
        let text = input.trimmedOfWhitespace
        if Self.hasScheme(text) {
            guard let url = Self.absoluteURL(text) else {
                throw ForgeError.invalidURL(Sanitizer.clean(String(text.prefix(200))))
            }
            guard isSameForge(url) else { return .otherForge(url) }
        }
        return .route(try forge.route(for: text))
    }

    /// The address as a URL when it names a scheme and a host (`https://host/…`); nil for a
    /// path like `p/proj/wiki/`, or for a scheme without a host.
    public static func absoluteURL(_ address: String) -> URL? {
        let text = address.trimmedOfWhitespace
        guard hasScheme(text), let url = URL(string: text), let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// Whether `text` starts with `scheme://`.
    private static func hasScheme(_ text: String) -> Bool {
        SchemeSeparator.find(in: text.utf8[...]) != nil
    }

    /// The route of an address of this forge (see `resolve`); another forge's address throws.
    public func parse(_ input: String) throws -> (base: URL, route: Route) {
        switch try resolve(input) {
        case .route(let route): return (baseURL, route)
        case .otherForge(let origin):
            throw ForgeError.invalidURL("\(Sanitizer.clean(origin.absoluteString)) is another forge")
        }
    }

    /// Whether `base` is this forge.
    public func isSameForge(_ base: URL) -> Bool {
        base.host?.lowercased() == baseURL.host?.lowercased() && base.scheme == baseURL.scheme
            && base.port == baseURL.port
    }

    public func remember(_ project: Project) { projects[project.path] = project }

    public func knownProject(_ path: ProjectPath) -> Project? { projects[path] }

    /// Keeps fresh copies of tickets of tracker `mount`, so that every view acts on the newest one
    /// (a write from the ticket view must not look like someone else's change to the list).
    public func remember(tickets fresh: [Ticket], project: ProjectPath, mount: String) {
        let key = "\(project)/\(mount)"
        for ticket in fresh {
            if let known = tickets[key]?[ticket.number],
                (known.modified ?? .distantPast) > (ticket.modified ?? .distantPast)
            {
                continue
            }
            tickets[key, default: [:]][ticket.number] = ticket
            if let thread = ticket.threadID { threadsWrittenTo.remove(thread) }
        }
    }

    /// The newest copy of `ticket` this session has seen.
    public func newest(_ ticket: Ticket, project: ProjectPath, mount: String) -> Ticket {
        guard let known = tickets["\(project)/\(mount)"]?[ticket.number] else { return ticket }
        return (known.modified ?? .distantPast) >= (ticket.modified ?? .distantPast) ? known : ticket
    }

    /// The user posted to `thread`: whatever it belongs to changed on the forge.
    public func wroteTo(thread: String) { threadsWrittenTo.insert(thread) }

    /// A route made exact with the project's tools (a `discussion/general` guessed as a wiki page
    /// becomes a forum), or nil while the project is not known yet.
    public func refined(_ route: Route) -> Route? {
        guard route.mount != nil, let path = route.project else { return route }
        guard let project = projects[path] else { return nil }
        return forge.refine(route, tools: project.tools)
    }

    /// The tool a route lives in, when its project is known.
    public func tool(of route: Route) -> Tool? {
        guard let mount = route.mount, let path = route.project, let project = projects[path] else { return nil }
        return project.tools.first { $0.mountPoint == mount }
    }
}
