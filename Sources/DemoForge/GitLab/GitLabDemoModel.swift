/// The data of the GitLab-shaped demo forge: users, groups, projects, and for each project its
/// labels, milestones, members, issues with their discussions, and wiki pages. Plain values; the
/// JSON shapes are made in `GitLabDemoJSON`.
struct GitLabDemoData: Sendable {
    struct User: Sendable, Hashable {
        var id: Int
        var username: String
        var name: String
        var state = "active"
        var bio = ""
        var location = ""
    }

    struct Group: Sendable, Hashable {
        var id: Int
        var name: String
        var path: String
        var fullPath: String
        var parentID: Int?
    }

    struct Label: Sendable, Hashable {
        var id: Int
        var name: String
        var color: String
        var description: String?
        var priority: Int?
    }

    struct Milestone: Sendable, Hashable {
        var id: Int
        var iid: Int
        var title: String
        var description: String
        var state: String
        var dueDate: String?
        var startDate: String?
        var createdAt: Int64
    }

    struct Note: Sendable, Hashable {
        var id: Int
        var body: String
        var authorID: Int
        var createdAt: Int64
        var updatedAt: Int64
        var system = false
        var isInternal = false
    }

    struct Discussion: Sendable, Hashable {
        /// 40 hexadecimal digits.
        var id: String
        var individualNote: Bool
        var notes: [Note]
    }

    struct Issue: Sendable, Hashable {
        var id: Int
        var iid: Int
        var title: String
        var description: String?
        var state: String
        var createdAt: Int64
        var updatedAt: Int64
        var closedAt: Int64?
        var closedByID: Int?
        var labels: [String]
        var milestoneID: Int?
        var assigneeIDs: [Int]
        var authorID: Int
        var upvotes: Int
        var downvotes: Int
        var dueDate: String?
        var confidential: Bool
        var discussionLocked = false
        var timeEstimate: Int
        var timeSpent: Int
        var discussions: [Discussion]

        /// Comments written by people (system notes excluded), as `user_notes_count` counts them.
        var userNotesCount: Int { discussions.reduce(0) { $0 + $1.notes.filter { !$0.system }.count } }
    }

    struct WikiPage: Sendable, Hashable {
        var slug: String
        var title: String
        var format: String
        var content: String
    }

    struct Project: Sendable, Hashable {
        var id: Int
        var name: String
        var path: String
        var namespaceKind: String
        /// The group id, or the user id for a personal project.
        var namespaceID: Int
        var namespacePath: String
        var namespaceName: String
        var description: String?
        var visibility: String
        var createdAt: Int64
        var lastActivityAt: Int64
        var defaultBranch: String?
        var topics: [String]
        var starCount: Int
        var forksCount: Int
        var issuesAccess: String
        var wikiAccess: String
        var labels: [Label]
        var milestones: [Milestone]
        /// User id to access level (10 guest … 50 owner).
        var members: [Int: Int]
        var issues: [Issue]
        var wiki: [WikiPage]

        var pathWithNamespace: String { namespacePath + "/" + path }
        var nameWithNamespace: String {
            namespaceName.split(separator: "/").map { $0.trimmedOfSpaces }
                .joined(separator: " / ") + " / " + name
        }
    }

    var users: [User]
    var groups: [Group]
    var projects: [Project]
    /// The next id for notes, issues and labels created by writes.
    var nextNoteID: Int
    var nextIssueID: Int

    func user(id: Int) -> User? { users.first { $0.id == id } }
    func user(named name: String) -> User? { users.first { $0.username.lowercased() == name.lowercased() } }
}
