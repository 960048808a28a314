import ForgeModel
import Foundation
import HTTP

/// Project administration (§4.5, §12): every call needs `admin` on the project.
extension AlluraForge: ProjectAdministration {
    /// The token's user, by the who-am-I heuristic of §4.4 (the personal project's profile
    /// tool); nil without a token or when the forge does not say.
    public func tokenUsername() async throws -> String? {
        guard isAuthenticated else { return nil }
        if let known = knownUsername.withLock({ $0 }) { return known }
        let json: AlluraAuthToolsJSON = try await get(["auth", "tools", "profile"])
        var name = json.tools.first?.projectName
        for tool in json.tools {
            let segments = URLParts(tool.url ?? "").segments
            if segments.count >= 3, segments[segments.count - 3] == "u", segments.last == "profile" {
                name = segments[segments.count - 2]
                break
            }
        }
        knownUsername.withLock { $0 = name }
        return name
    }

    /// Asks `has_access` for the token's own user and `admin`: the server answers only callers
    /// who administer the project, so a 401 or 403 means no as surely as `false` does.
    public func administers(_ project: ProjectPath) async throws -> Bool {
        guard isAuthenticated, let me = try await tokenUsername() else { return false }
        do {
            return try await hasAccess(project, user: me, permission: "admin")
        } catch ForgeError.unauthorized, ForgeError.forbidden {
            return false
        }
    }

    /// Allura exports the data of wikis, trackers, forums, blogs and links.
    public func canExport(_ tool: Tool) -> Bool {
        switch tool.kind {
        case .wiki, .tickets, .discussion, .blog, .link: return true
        default: return false
        }
    }

    public var permissionNames: [String] {
        [
            "read", "post", "unmoderated_post", "create", "edit", "update", "write", "moderate", "delete",
            "save_searches", "configure", "admin",
        ]
    }

    /// `GET …/has_access?user=&perm=`, an action URL without a trailing slash.
    public func hasAccess(_ project: ProjectPath, user: String, permission: String) async throws -> Bool {
        let url = try restURL(
            project.segments + ["has_access"],
            query: [URLQueryItem(name: "user", value: user), URLQueryItem(name: "perm", value: permission)],
            trailingSlash: false)
        return try decode(AlluraHasAccessJSON.self, from: try await getResponse(url).body).result
    }

    /// `POST …/admin/export`. A 503 means another export is running, a 400 that no tool was
    /// chosen or one cannot be exported, a 404 that the forge has exports turned off.
    public func startExport(_ project: ProjectPath, mounts: [String], sendEmail: Bool) async throws -> String {
        let fields = [
            ("tools", mounts.joined(separator: ",")), ("send_email", sendEmail ? "true" : "false"),
            ("with_attachments", "false"),
        ]
        do {
            let response = try await postForm(project.segments + ["admin", "export"], fields: fields)
            let json = try decode(AlluraExportJSON.self, from: response.body)
            return json.filename ?? ""
        } catch ForgeError.server(503, _) {
            throw ForgeError.server(status: 503, detail: "another export of this project is running; try again later")
        } catch ForgeError.http(400, _) {
            throw ForgeError.validation(["no tool was chosen, or one of them cannot be exported"])
        } catch ForgeError.notFound {
            throw ForgeError.unsupported("This forge has exports turned off")
        }
    }

    public func exportRunning(_ project: ProjectPath) async throws -> Bool {
        let json: AlluraExportJSON = try await get(project.segments + ["admin", "export_status"])
        return json.status == "busy"
    }

    public func installableTools(_ project: ProjectPath) async throws -> [InstallableTool] {
        let json: AlluraInstallableToolsJSON = try await get(project.segments + ["admin", "installable_tools"])
        return json.tools.map {
            InstallableTool(
                kind: $0.name, label: $0.toolLabel ?? $0.name,
                defaultMountPoint: $0.defaults?.defaultMountPoint ?? $0.name,
                defaultMountLabel: $0.defaults?.defaultMountLabel ?? $0.toolLabel ?? $0.name)
        }
    }

    /// `POST …/admin/install_tool`: always 200, with `success` saying whether it worked.
    public func installTool(
        _ project: ProjectPath, kind: String, mountPoint: String, label: String, order: ToolOrder
    ) async throws -> String {
        let response = try await postForm(
            project.segments + ["admin", "install_tool"],
            fields: [("tool", kind), ("mount_point", mountPoint), ("mount_label", label), ("order", order.rawValue)])
        let json = try decode(AlluraInstallToolJSON.self, from: response.body)
        guard json.success else { throw ForgeError.validation([json.info ?? "the forge refused the tool"]) }
        return json.info ?? "Installed"
    }
}
