import Foundation

/// A project (tuleap-rest.md §4.2). Older servers lack `description`, `icon` and
/// `label_without_icon`; `additional_informations` (`[]` or an object) is not read.
struct ProjectJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let label: String
    let labelWithoutIcon: String?
    let shortname: String
    let status: String?
    let access: String?
    let isMemberOf: Bool?
    let description: String?
    let icon: String?
    let resources: [ResourceJSON]?

    enum CodingKeys: String, CodingKey {
        case id, uri, label, shortname, status, access, description, icon, resources
        case labelWithoutIcon = "label_without_icon"
        case isMemberOf = "is_member_of"
    }

    /// The name without the emoji icon.
    var name: String { labelWithoutIcon ?? label }
}

/// `{type, uri}` of a project's or tracker's resources.
struct ResourceJSON: Decodable, Hashable, Sendable {
    let type: String
    let uri: String
}

/// A project as other objects embed it: `{id, uri, label, icon}`.
struct ProjectRefJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let label: String?
    let icon: String?
}

/// One service of a project (§4.3): `plugin_tracker`, `wiki`, …
struct ProjectServiceJSON: Decodable, Hashable, Sendable {
    let id: Int?
    let name: String
    let label: String?
    let isEnabled: Bool
    let serviceURL: String?

    enum CodingKeys: String, CodingKey {
        case id, name, label
        case isEnabled = "is_enabled"
        case serviceURL = "service_url"
    }
}
