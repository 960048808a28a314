/// `GET /rest/{nbhd}/{project}/` (§4.1). Only `shortname` is required.
public struct AlluraProjectJSON: Decodable, Hashable, Sendable {
    public var shortname: String
    public var name: String?
    public var id: String?
    /// Absolute web URL; the source of the project's path (§1.2).
    public var url: String?
    public var isPrivate: Bool?
    public var shortDescription: String?
    public var creationDate: String?
    public var summary: String?
    public var externalHomepage: String?
    public var videoURL: String?
    public var socialNetworks: [AlluraSocialNetworkJSON]?
    public var status: String?
    public var movedToURL: String?
    public var preferredSupportTool: String?
    public var preferredSupportURL: String?
    public var developers: [AlluraDeveloperJSON]?
    public var tools: [AlluraToolJSON]?
    public var labels: [String]?
    /// Group name (`license`, `os`, …) to the categories chosen in it.
    public var categories: [String: [AlluraCategoryJSON]]?
    public var iconURL: String?
    public var screenshots: [AlluraScreenshotJSON]?
    /// Present only on user projects.
    public var profileAPIURL: String?

    enum CodingKeys: String, CodingKey {
        case shortname, name, url, summary, status, developers, tools, labels, categories, screenshots
        case id = "_id"
        case isPrivate = "private"
        case shortDescription = "short_description"
        case creationDate = "creation_date"
        case externalHomepage = "external_homepage"
        case videoURL = "video_url"
        case socialNetworks = "socialnetworks"
        case movedToURL = "moved_to_url"
        case preferredSupportTool = "preferred_support_tool"
        case preferredSupportURL = "preferred_support_url"
        case iconURL = "icon_url"
        case profileAPIURL = "profile_api_url"
    }
}

/// `{socialnetwork, accounturl}` in projects and profiles.
public struct AlluraSocialNetworkJSON: Decodable, Hashable, Sendable {
    public var socialNetwork: String?
    public var accountURL: String?

    enum CodingKeys: String, CodingKey {
        case socialNetwork = "socialnetwork"
        case accountURL = "accounturl"
    }
}

/// A project member with the Developer role or above.
public struct AlluraDeveloperJSON: Decodable, Hashable, Sendable {
    public var username: String
    public var name: String?
    public var url: String?
}

/// A trove category: `{id, shortname, fullname, fullpath}`.
public struct AlluraCategoryJSON: Decodable, Hashable, Sendable {
    public var id: Int?
    public var shortname: String?
    public var fullname: String?
    public var fullpath: String?
}

/// A project screenshot.
public struct AlluraScreenshotJSON: Decodable, Hashable, Sendable {
    public var url: String?
    public var thumbnailURL: String?
    public var caption: String?

    enum CodingKeys: String, CodingKey {
        case url, caption
        case thumbnailURL = "thumbnail_url"
    }
}

/// One `tools[]` entry (§4.2). The label comes from `mount_label`, or `label` on older servers.
public struct AlluraToolJSON: Decodable, Hashable, Sendable {
    /// The tool type (`wiki`, `tickets`, …): identify tools by this.
    public var name: String
    public var mountPoint: String
    public var mountLabel: String?
    public var url: String?
    public var apiURL: String?
    /// Only in `/rest/auth/tools/…` results.
    public var projectName: String?
    /// `clone_url_*` keys of repository tools, by their full key.
    public var cloneURLs: [String: String]

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        func string(_ key: String) throws -> String? {
            try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: key))
        }
        name = try c.decode(String.self, forKey: AnyKey(stringValue: "name"))
        mountPoint = try c.decode(String.self, forKey: AnyKey(stringValue: "mount_point"))
        mountLabel = try string("mount_label") ?? string("label")
        url = try string("url")
        apiURL = try string("api_url")
        projectName = try string("project_name")
        var clones: [String: String] = [:]
        for key in c.allKeys where key.stringValue.hasPrefix("clone_url_") {
            if let value = try? c.decode(String.self, forKey: key) { clones[key.stringValue] = value }
        }
        cloneURLs = clones
    }
}

/// `GET /rest/auth/tools/{type}` (§4.4).
public struct AlluraToolListJSON: Decodable, Hashable, Sendable {
    public var tools: [AlluraToolJSON]
}

/// `GET …/{link}/` (§11): the target, or nil when unset.
public struct AlluraLinkJSON: Decodable, Hashable, Sendable {
    public var url: String?
}
