import Foundation

/// An artifact (tuleap-rest.md §6.4), as `GET /artifacts/{id}` and the lists send it. `values`
/// is null in lists without `values=all`.
struct ArtifactJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let xref: String?
    let tracker: TrackerRefJSON
    let project: ProjectRefJSON?
    let submittedByUser: UserJSON?
    let submittedOn: String?
    let lastModifiedDate: String?
    let htmlURL: String?
    let title: String?
    let status: String
    let isOpen: Bool
    let assignees: [UserJSON]
    let values: [ValueJSON]?
    let valuesByField: [String: ValueJSON]?

    enum CodingKeys: String, CodingKey {
        case id, uri, xref, tracker, project, title, status, assignees, values
        case submittedByUser = "submitted_by_user"
        case submittedOn = "submitted_on"
        case lastModifiedDate = "last_modified_date"
        case htmlURL = "html_url"
        case isOpen = "is_open"
        case valuesByField = "values_by_field"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        tracker = try c.decode(TrackerRefJSON.self, forKey: .tracker)
        uri = c.lenient(String.self, .uri)
        xref = c.lenient(String.self, .xref)
        project = c.lenient(ProjectRefJSON.self, .project)
        submittedByUser = c.lenient(UserJSON.self, .submittedByUser)
        submittedOn = c.lenient(String.self, .submittedOn)
        lastModifiedDate = c.lenient(String.self, .lastModifiedDate)
        htmlURL = c.lenient(String.self, .htmlURL)
        title = c.lenient(String.self, .title)
        status = c.lenient(String.self, .status) ?? ""
        isOpen = c.lenient(Bool.self, .isOpen) ?? false
        assignees = c.lenient([UserJSON].self, .assignees) ?? []
        values = try c.decodeIfPresent([ValueJSON].self, forKey: .values)
        valuesByField = c.lenient([String: ValueJSON].self, .valuesByField)
    }

    /// The value of field `id`, looked up by id (never by position).
    func value(_ id: Int?) -> ValueJSON? {
        guard let id else { return nil }
        return values?.first { $0.fieldID == id }
    }
}

/// A tracker as an artifact embeds it.
struct TrackerRefJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let label: String?
    let colorName: String?
    enum CodingKeys: String, CodingKey {
        case id, uri, label
        case colorName = "color_name"
    }
}

/// One field value of an artifact or changeset (§5.3): which keys it has depends on `type`.
struct ValueJSON: Decodable, Hashable, Sendable {
    let fieldID: Int
    let type: String?
    let label: String?
    /// Strings, texts, numbers, dates, users (`subby`), cross references, computed values.
    let value: JSONValue?
    /// Bound values of a list field.
    let values: [BindValueJSON]?
    let bindValueIDs: [FlexibleID]?
    /// Open lists (`tbl`).
    let bindValueObjects: [BindValueJSON]?
    /// Texts: `text` or `html`; Markdown says `html` and adds `commonmark`.
    let format: String?
    let commonmark: String?
    let isTimeDisplayed: Bool?
    let links: [LinkJSON]?
    let reverseLinks: [LinkJSON]?
    let fileDescriptions: [FileJSON]?
    let grantedGroups: [String]?
    let manualValue: Double?
    let isAutocomputed: Bool?

    enum CodingKeys: String, CodingKey {
        case type, label, value, values, format, commonmark, links
        case fieldID = "field_id"
        case bindValueIDs = "bind_value_ids"
        case bindValueObjects = "bind_value_objects"
        case isTimeDisplayed = "is_time_displayed"
        case reverseLinks = "reverse_links"
        case fileDescriptions = "file_descriptions"
        case grantedGroups = "granted_groups"
        case manualValue = "manual_value"
        case isAutocomputed = "is_autocomputed"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fieldID = try c.decode(Int.self, forKey: .fieldID)
        type = c.lenient(String.self, .type)
        label = c.lenient(String.self, .label)
        value = c.lenient(JSONValue.self, .value)
        values = c.lenient([BindValueJSON].self, .values)
        bindValueIDs = c.lenient([FlexibleID].self, .bindValueIDs)
        bindValueObjects = c.lenient([BindValueJSON].self, .bindValueObjects)
        format = c.lenient(String.self, .format)
        commonmark = c.lenient(String.self, .commonmark)
        isTimeDisplayed = c.lenient(Bool.self, .isTimeDisplayed)
        links = c.lenient([LinkJSON].self, .links)
        reverseLinks = c.lenient([LinkJSON].self, .reverseLinks)
        fileDescriptions = c.lenient([FileJSON].self, .fileDescriptions)
        grantedGroups = c.lenient([String].self, .grantedGroups)
        manualValue = c.lenient(Double.self, .manualValue)
        isAutocomputed = c.lenient(Bool.self, .isAutocomputed)
    }
}

/// A bound value inside an artifact value: static `{id, label}`, a user (its `id` the bind value
/// id; `null` for the None placeholder), a user group `{id: "102_3", label}`, an open-list value.
struct BindValueJSON: Decodable, Hashable, Sendable {
    let id: FlexibleID?
    let label: String?
    let username: String?
    let displayName: String?
    let isAnonymous: Bool?

    enum CodingKeys: String, CodingKey {
        case id, label, username
        case displayName = "display_name"
        case isAnonymous = "is_anonymous"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenient(FlexibleID.self, .id)
        label = c.lenient(String.self, .label)
        username = c.lenient(String.self, .username)
        displayName = c.lenient(String.self, .displayName)
        isAnonymous = c.lenient(Bool.self, .isAnonymous)
    }

    /// Whether this is "None" (id 100, or the anonymous-user placeholder of user lists).
    var isNone: Bool { id == nil || id == .int(100) || isAnonymous == true }

    /// What a user sees and types: the username of a user, else the label.
    var name: String { username ?? label ?? displayName ?? "?" }
}

/// An artifact link.
struct LinkJSON: Decodable, Hashable, Sendable {
    let id: Int
    let type: String?
    let trackerLabel: String?

    enum CodingKeys: String, CodingKey { case id, type, tracker }
    enum TrackerKeys: String, CodingKey { case label }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        type = c.lenient(String.self, .type)
        trackerLabel = (try? c.nestedContainer(keyedBy: TrackerKeys.self, forKey: .tracker))
            .flatMap { $0.lenient(String.self, .label) }
    }
}

/// An attached file.
struct FileJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let size: Int?
    let type: String?
    let htmlURL: String?
    enum CodingKeys: String, CodingKey {
        case id, name, size, type
        case htmlURL = "html_url"
    }
}
