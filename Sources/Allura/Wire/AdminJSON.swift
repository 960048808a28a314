/// `GET …/has_access?user=&perm=` (§4.5).
public struct AlluraHasAccessJSON: Decodable, Hashable, Sendable {
    public var result: Bool
}

/// `POST …/admin/export` and `GET …/admin/export_status` (§12.1).
public struct AlluraExportJSON: Decodable, Hashable, Sendable {
    /// `in progress`, `busy` or `ready`.
    public var status: String
    public var filename: String?
}

/// `GET …/admin/installable_tools` (§12.2).
public struct AlluraInstallableToolsJSON: Decodable, Hashable, Sendable {
    public var tools: [Tool]

    public struct Tool: Decodable, Hashable, Sendable {
        public var name: String
        public var toolLabel: String?
        public var defaults: Defaults?

        public struct Defaults: Decodable, Hashable, Sendable {
            public var defaultMountLabel: String?
            public var defaultMountPoint: String?

            enum CodingKeys: String, CodingKey {
                case defaultMountLabel = "default_mount_label"
                case defaultMountPoint = "default_mount_point"
            }
        }

        enum CodingKeys: String, CodingKey {
            case toolLabel = "tool_label"
            case name, defaults
        }
    }
}

/// `POST …/admin/install_tool` (§12.2): always 200; `success` says what happened.
public struct AlluraInstallToolJSON: Decodable, Hashable, Sendable {
    public var success: Bool
    public var info: String?
}

/// `GET /rest/auth/tools/{type}` (§4.4): the tools of that type where the token's user has a role.
public struct AlluraAuthToolsJSON: Decodable, Hashable, Sendable {
    public var tools: [AlluraToolJSON]
}

/// A webhook (§12.3); the secret is never returned.
public struct AlluraWebhookJSON: Decodable, Hashable, Sendable {
    public var id: String
    public var url: String?
    public var type: String?
    public var hookURL: String
    public var modDate: AlluraTimestamp?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case hookURL = "hook_url"
        case modDate = "mod_date"
        case url, type
    }
}

/// `GET …/admin/{repo}/webhooks` (§12.3).
public struct AlluraWebhookListJSON: Decodable, Hashable, Sendable {
    public var webhooks: [AlluraWebhookJSON]
    public var limits: [String: Limit]?

    public struct Limit: Decodable, Hashable, Sendable {
        public var max: Int?
        public var used: Int?
    }
}
