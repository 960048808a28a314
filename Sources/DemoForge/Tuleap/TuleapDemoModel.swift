import Foundation

/// A user of the Tuleap demo.
struct TuleapDemoUser: Sendable, Hashable {
    let id: Int
    let username: String
    let realName: String
}

/// A field definition of a demo tracker.
struct TuleapDemoField: Sendable, Hashable {
    let id: Int
    let name: String
    let label: String
    /// Tuleap's type name: `string`, `text`, `sb`, `msb`, `int`, `float`, `date`, `aid`, …
    let type: String
    /// Static list values (id, label); user-bound lists use the demo users.
    var values: [(id: Int, label: String)] = []
    var boundToUsers = false
    var required = false

    static func == (a: TuleapDemoField, b: TuleapDemoField) -> Bool { a.id == b.id }
    func hash(into hasher: inout Hasher) { hasher.combine(id) }

    var isReadOnly: Bool { ["aid", "subby", "subon", "lud", "luby", "cross", "priority"].contains(type) }
}

/// A demo tracker: its fields, the roles they play, and a workflow on the status field.
struct TuleapDemoTracker: Sendable {
    let id: Int
    let projectID: Int
    let label: String
    let itemName: String
    let colorName: String
    let fields: [TuleapDemoField]
    let titleField: Int
    let descriptionField: Int
    let statusField: Int
    let openValues: [Int]
    let contributorField: Int
    /// `from → to` status transitions, or nil without a workflow in use.
    let transitions: [(from: Int?, to: Int)]?

    func field(_ id: Int) -> TuleapDemoField? { fields.first { $0.id == id } }
    func field(named name: String) -> TuleapDemoField? { fields.first { $0.name == name } }
}

/// A stored field value.
enum TuleapDemoValue: Sendable, Hashable {
    case string(String)
    /// A text and its format: `text`, `html` or `commonmark`.
    case text(String, format: String)
    case int(Int?)
    case float(Double?)
    case date(String?)
    /// Bind value ids of a list field (user ids for user-bound lists); empty is None.
    case list([Int])
    case links([Int])
    case files([(name: String, size: Int)])
    case computed(Double?)
    case tags([String])

    static func == (a: TuleapDemoValue, b: TuleapDemoValue) -> Bool { "\(a)" == "\(b)" }
    func hash(into hasher: inout Hasher) { hasher.combine("\(self)") }
}

/// One changeset: who, when, a comment and the values after it.
struct TuleapDemoChangeset: Sendable {
    let id: Int
    let by: Int
    let on: Int64
    let comment: String
    /// `text`, `html` or `commonmark`.
    let format: String
    let values: [Int: TuleapDemoValue]
}

/// A demo artifact.
struct TuleapDemoArtifact: Sendable {
    let id: Int
    let trackerID: Int
    let submittedBy: Int
    let submittedOn: Int64
    var lastModified: Int64
    var lastUpdateBy: Int
    var isPrivate: Bool
    var values: [Int: TuleapDemoValue]
    var changesets: [TuleapDemoChangeset]
}

/// A PhpWiki page.
struct TuleapDemoWikiPage: Sendable {
    let id: Int
    let projectID: Int
    let name: String
    let content: String
    let html: String
}

/// A demo project.
struct TuleapDemoProject: Sendable {
    let id: Int
    let shortname: String
    let label: String
    let icon: String
    let description: String
    let hasWiki: Bool
}

/// Everything the demo serves.
struct TuleapDemoData: Sendable {
    var users: [TuleapDemoUser]
    var projects: [TuleapDemoProject]
    var trackers: [TuleapDemoTracker]
    var artifacts: [Int: TuleapDemoArtifact]
    var wiki: [TuleapDemoWikiPage]
    var nextChangeset: Int

    func user(_ id: Int) -> TuleapDemoUser? { users.first { $0.id == id } }
    func tracker(_ id: Int) -> TuleapDemoTracker? { trackers.first { $0.id == id } }
    func project(_ id: Int) -> TuleapDemoProject? { projects.first { $0.id == id } }
}
