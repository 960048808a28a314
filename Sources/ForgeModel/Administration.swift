import Foundation

/// A kind of tool a project admin can install.
public struct InstallableTool: Hashable, Sendable {
    /// The tool type, as `Tool.kind.name` (`wiki`, `tickets`, …).
    public var kind: String
    public var label: String
    public var defaultMountPoint: String
    public var defaultMountLabel: String

    public init(kind: String, label: String, defaultMountPoint: String, defaultMountLabel: String) {
        self.kind = kind
        self.label = label
        self.defaultMountPoint = defaultMountPoint
        self.defaultMountLabel = defaultMountLabel
    }
}

/// Where a newly installed tool goes in the project's menu.
public enum ToolOrder: String, Hashable, Sendable, CaseIterable {
    case first, last
    case alphabetical = "alpha_tool"
}

/// Administering a project: every call needs the token's user to be an admin of it, which the
/// forge alone decides (views ask `administers` and show nothing of this before it said yes).
public protocol ProjectAdministration: Forge {
    /// Whether the token's user may administer `project`, as the forge answers it; false when it
    /// refuses to say (401, 403) or there is no token.
    func administers(_ project: ProjectPath) async throws -> Bool
    /// Whether the forge can export this tool's data.
    func canExport(_ tool: Tool) -> Bool
    /// The permission names `hasAccess` understands.
    var permissionNames: [String] { get }
    /// Whether `user` holds `permission` on the project.
    func hasAccess(_ project: ProjectPath, user: String, permission: String) async throws -> Bool
    /// Starts an export of the tools at `mounts`; returns the file the forge will write.
    func startExport(_ project: ProjectPath, mounts: [String], sendEmail: Bool) async throws -> String
    /// Whether an export of the project is still running.
    func exportRunning(_ project: ProjectPath) async throws -> Bool
    func installableTools(_ project: ProjectPath) async throws -> [InstallableTool]
    /// Installs a tool; returns the forge's confirmation. A refusal throws `ForgeError.validation`
    /// with the forge's reason.
    func installTool(
        _ project: ProjectPath, kind: String, mountPoint: String, label: String, order: ToolOrder
    ) async throws -> String
}

/// A webhook of a repository tool: where the forge posts on each push.
public struct Webhook: Hashable, Sendable {
    public var id: String
    /// The address the forge calls.
    public var hookURL: String
    /// The event, e.g. `repo-push`.
    public var kind: String
    public var modified: Date?

    public init(id: String, hookURL: String, kind: String, modified: Date? = nil) {
        self.id = id
        self.hookURL = hookURL
        self.kind = kind
        self.modified = modified
    }
}

/// The webhooks of a repository tool and how many more it may have.
public struct WebhookList: Hashable, Sendable {
    public var hooks: [Webhook]
    /// The most hooks the tool may have, and how many it has; nil when the forge does not say.
    public var maximum: Int?
    public var used: Int?

    public init(hooks: [Webhook], maximum: Int? = nil, used: Int? = nil) {
        self.hooks = hooks
        self.maximum = maximum
        self.used = used
    }
}

/// The webhooks of a project's repository tools (admins only).
public protocol WebhookAdministration: ProjectAdministration {
    /// Whether the tool can have webhooks.
    func hasWebhooks(_ tool: Tool) -> Bool
    func webhooks(_ project: ProjectPath, mount: String) async throws -> WebhookList
    /// Creates a push webhook; an empty `secret` lets the forge make one.
    func createWebhook(_ project: ProjectPath, mount: String, url: String, secret: String) async throws -> Webhook
    /// Changes a webhook's address and/or secret (nil leaves it as it is).
    func updateWebhook(
        _ project: ProjectPath, mount: String, id: String, url: String?, secret: String?
    ) async throws -> Webhook
    func deleteWebhook(_ project: ProjectPath, mount: String, id: String) async throws
}
