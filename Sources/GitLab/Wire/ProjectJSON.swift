import Foundation

/// A project: the simple shape (`simple=true`, anonymous lists; schema `project.json`) or the full
/// one (`GET /projects/:id`). Keys only the full shape has are optional.
struct ProjectJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let nameWithNamespace: String
    let path: String
    let pathWithNamespace: String
    let description: String?
    let createdAt: String
    let lastActivityAt: String?
    let defaultBranch: String?
    let topics: [String]?
    let webURL: String
    let starCount: Int
    let forksCount: Int?
    let visibility: String?
    let namespace: NamespaceJSON
    let issuesEnabled: Bool?
    let wikiEnabled: Bool?
    let issuesAccessLevel: String?
    let wikiAccessLevel: String?
    /// Absent when issues are disabled; counts only what the caller may see.
    let openIssuesCount: Int?
    let archived: Bool?
    let permissions: PermissionsJSON?

    enum CodingKeys: String, CodingKey {
        case id, name, path, description, topics, visibility, namespace, archived, permissions
        case nameWithNamespace = "name_with_namespace"
        case pathWithNamespace = "path_with_namespace"
        case createdAt = "created_at"
        case lastActivityAt = "last_activity_at"
        case defaultBranch = "default_branch"
        case webURL = "web_url"
        case starCount = "star_count"
        case forksCount = "forks_count"
        case issuesEnabled = "issues_enabled"
        case wikiEnabled = "wiki_enabled"
        case issuesAccessLevel = "issues_access_level"
        case wikiAccessLevel = "wiki_access_level"
        case openIssuesCount = "open_issues_count"
    }
}

/// The group or user a project lives in.
struct NamespaceJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let path: String
    let kind: String
    let fullPath: String
    let parentID: Int?
    let webURL: String?

    enum CodingKeys: String, CodingKey {
        case id, name, path, kind
        case fullPath = "full_path"
        case parentID = "parent_id"
        case webURL = "web_url"
    }
}

/// The caller's access to a project; the effective level is the larger of the two.
struct PermissionsJSON: Decodable, Hashable, Sendable {
    struct Access: Decodable, Hashable, Sendable {
        let accessLevel: Int
        enum CodingKeys: String, CodingKey { case accessLevel = "access_level" }
    }
    let projectAccess: Access?
    let groupAccess: Access?

    enum CodingKeys: String, CodingKey {
        case projectAccess = "project_access"
        case groupAccess = "group_access"
    }

    /// The effective access level (0 when neither is set).
    var effectiveLevel: Int { max(projectAccess?.accessLevel ?? 0, groupAccess?.accessLevel ?? 0) }
}

/// A group (`GET /groups/:id`, `GET /groups/:id/subgroups`; gitlab-rest.md §5.4).
struct GroupJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let path: String
    let fullPath: String
    let description: String?
    let visibility: String?
    let webURL: String?

    enum CodingKeys: String, CodingKey {
        case id, name, path, description, visibility
        case fullPath = "full_path"
        case webURL = "web_url"
    }
}
