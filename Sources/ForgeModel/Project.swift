import Foundation

/// A forge project with its tools.
public struct Project: Hashable, Sendable {
    public var path: ProjectPath
    public var shortname: String
    public var name: String
    public var webURL: String
    public var isPrivate: Bool
    public var summary: String
    public var shortDescription: String
    /// `YYYY-MM-DD` as the server sends it.
    public var creationDate: String
    public var externalHomepage: String
    /// `active`, `moved`, `abandoned`, `deleted`.
    public var status: String
    public var movedToURL: String
    public var labels: [String]
    public var categories: [Category]
    public var developers: [Developer]
    public var tools: [Tool]
    public var socialNetworks: [SocialNetwork]
    public var iconURL: String?

    public init(
        path: ProjectPath, shortname: String, name: String, webURL: String = "", isPrivate: Bool = false,
        summary: String = "", shortDescription: String = "", creationDate: String = "",
        externalHomepage: String = "", status: String = "active", movedToURL: String = "",
        labels: [String] = [], categories: [Category] = [], developers: [Developer] = [],
        tools: [Tool] = [], socialNetworks: [SocialNetwork] = [], iconURL: String? = nil
    ) {
        self.path = path
        self.shortname = shortname
        self.name = name
        self.webURL = webURL
        self.isPrivate = isPrivate
        self.summary = summary
        self.shortDescription = shortDescription
        self.creationDate = creationDate
        self.externalHomepage = externalHomepage
        self.status = status
        self.movedToURL = movedToURL
        self.labels = labels
        self.categories = categories
        self.developers = developers
        self.tools = tools
        self.socialNetworks = socialNetworks
        self.iconURL = iconURL
    }
}

/// A trove category group (`license`, `os`, ...) and the full names chosen in it.
public struct Category: Hashable, Sendable {
    public var group: String
    public var names: [String]
    public init(group: String, names: [String]) {
        self.group = group
        self.names = names
    }
}

/// A project member with the Developer role or above.
public struct Developer: Hashable, Sendable {
    public var username: String
    public var name: String
    public var webURL: String
    public init(username: String, name: String, webURL: String = "") {
        self.username = username
        self.name = name
        self.webURL = webURL
    }
}

public struct SocialNetwork: Hashable, Sendable {
    public var network: String
    public var accountURL: String
    public init(network: String, accountURL: String) {
        self.network = network
        self.accountURL = accountURL
    }
}

/// One tool mounted in a project. A project may mount several tools of one kind.
public struct Tool: Hashable, Sendable {
    public var kind: ToolKind
    public var mountPoint: String
    public var label: String
    public var webURL: String
    /// Absent for tools without a REST interface.
    public var apiURL: String?

    public init(kind: ToolKind, mountPoint: String, label: String, webURL: String = "", apiURL: String? = nil) {
        self.kind = kind
        self.mountPoint = mountPoint
        self.label = label
        self.webURL = webURL
        self.apiURL = apiURL
    }
}

/// What kind of tool a mount is, from the forge's tool type name. Unknown types are kept.
public enum ToolKind: Hashable, Sendable {
    case wiki, tickets, discussion, blog, link, activity
    case repository(String)
    case other(String)

    public init(name: String) {
        switch name.lowercased() {
        case "wiki": self = .wiki
        case "tickets": self = .tickets
        case "discussion": self = .discussion
        case "blog": self = .blog
        case "link": self = .link
        case "activity": self = .activity
        case "git", "svn", "hg": self = .repository(name.lowercased())
        default: self = .other(name)
        }
    }

    /// The forge's own name for the tool type.
    public var name: String {
        switch self {
        case .wiki: return "wiki"
        case .tickets: return "tickets"
        case .discussion: return "discussion"
        case .blog: return "blog"
        case .link: return "link"
        case .activity: return "activity"
        case .repository(let n), .other(let n): return n
        }
    }
}

/// A group of projects, which may hold groups of its own (GitLab's groups and subgroups).
public struct ProjectGroup: Hashable, Sendable {
    /// The full path, `acme/tools`.
    public var path: String
    public var name: String
    public var description: String
    /// `public`, `internal` or `private`.
    public var visibility: String
    public var webURL: String

    public init(path: String, name: String, description: String = "", visibility: String = "", webURL: String = "") {
        self.path = path
        self.name = name
        self.description = description
        self.visibility = visibility
        self.webURL = webURL
    }
}

/// Reading groups of projects: the group, its projects and its subgroups, page by page.
public protocol GroupReading: Forge {
    func group(_ path: String) async throws -> ProjectGroup
    /// The projects directly in the group, most recently active first.
    func groupProjects(_ path: String, page: Int, limit: Int) async throws -> Page<Project>
    /// The groups directly in the group, by name.
    func subgroups(_ path: String, page: Int, limit: Int) async throws -> Page<ProjectGroup>
}
