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
