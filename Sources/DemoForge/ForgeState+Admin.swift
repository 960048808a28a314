import Foundation
import HTTP

/// `has_access` and `…/admin/…` (§4.5, §12): only the project's admins may call them.
extension ForgeState {
    /// Tool types the demo can export, as Allura's exportable tools.
    static let exportableTools: Set<String> = ["wiki", "tickets", "discussion", "blog", "link"]
    /// How many status calls an export stays busy for.
    static let exportPolls = 2

    /// The project's admins: its first developer other than the demo token's user and, in the
    /// main project only, that user too (so the demo shows the admin panel there and nowhere else);
    /// a user project's owner.
    func admins(of project: DemoProject) -> Set<String> {
        if project.isUserProject { return [project.shortname] }
        var admins = Set(project.developers.first { $0 != tokenUser }.map { [$0] } ?? [])
        if project.shortname == DemoNames.mainProject { admins.insert(tokenUser) }
        return admins
    }

    /// What a user may do in a project by the default roles of §2.3.
    func permissions(of user: String, in project: DemoProject) -> Set<String> {
        guard data.users[user] != nil else { return [] }
        var granted: Set<String> = ["read", "post", "unmoderated_post", "create"]
        if project.developers.contains(user) {
            granted.formUnion(["edit", "update", "write", "moderate", "delete", "save_searches"])
        }
        if admins(of: project).contains(user) { granted.formUnion(["configure", "admin"]) }
        return granted
    }

    mutating func administration(project: DemoProject, path: [String], context: RequestContext) -> HTTPResponse {
        guard let user = context.user else { return context.unauthorized() }
        guard admins(of: project).contains(user) else { return DemoResponses.errorPage(403) }
        if path == ["has_access"] {
            guard context.method == "GET", let name = context.query["user"], let perm = context.query["perm"] else {
                return DemoResponses.errorPage(404)
            }
            return DemoResponses.json(.object(["result": .bool(permissions(of: name, in: project).contains(perm))]))
        }
        switch (context.method, Array(path.dropFirst())) {
        case ("POST", ["export"]):
            let mounts = (context.form["tools"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let exportable = mounts.allSatisfy { mount in
                project.tools.contains { $0.mountPoint == mount && Self.exportableTools.contains($0.name) }
            }
            guard !mounts.isEmpty, exportable else { return DemoResponses.generic(400, accept: context.accept) }
            guard (runningExports[project.key] ?? 0) == 0 else { return DemoResponses.errorPage(503) }
            runningExports[project.key] = Self.exportPolls
            let stamp = DemoTime.timestamp(tick()).filter(\.isNumber).prefix(14)
            return DemoResponses.json(
                .object([
                    "status": .string("in progress"),
                    "filename": .string("\(project.shortname)-backup-\(stamp.prefix(8))-\(stamp.dropFirst(8)).zip"),
                ]))
        case ("GET", ["export"]):
            return context.notAllowed()
        case ("GET", ["export_status"]):
            let remaining = runningExports[project.key] ?? 0
            runningExports[project.key] = max(0, remaining - 1)
            return DemoResponses.json(.object(["status": .string(remaining > 0 ? "busy" : "ready")]))
        case ("GET", ["installable_tools"]):
            let kinds: [(String, String, String)] = [
                ("wiki", "Wiki", "wiki"), ("tickets", "Tickets", "tickets"), ("discussion", "Discussion", "discussion"),
                ("blog", "Blog", "blog"), ("link", "External Link", "link"),
            ]
            return DemoResponses.json(
                .object([
                    "tools": .array(
                        kinds.map { kind in
                            .object([
                                "name": .string(kind.0), "tool_label": .string(kind.1),
                                "description": .string(""), "icons": .object([:]),
                                "defaults": .object([
                                    "default_mount_label": .string(kind.1), "default_mount_point": .string(kind.2),
                                    "default_options": .object([:]),
                                ]),
                            ])
                        })
                ]))
        case ("POST", ["install_tool"]):
            return installTool(project: project, form: context.form)
        default:
            return DemoResponses.errorPage(404)
        }
    }

    private mutating func installTool(project: DemoProject, form: FormFields) -> HTTPResponse {
        func answer(_ success: Bool, _ info: String) -> HTTPResponse {
            DemoResponses.json(.object(["success": .bool(success), "info": .string(info)]))
        }
        guard let kind = form["tool"], let mount = form["mount_point"], let label = form["mount_label"],
            !kind.isEmpty, !mount.isEmpty, !label.isEmpty
        else { return answer(false, "All arguments required.") }
        guard Self.exportableTools.contains(kind) else {
            return answer(false, "Incorrect tool name, or limit is reached.")
        }
        guard mount.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), mount.first?.isLetter == true else {
            return answer(false, "Mount point \"\(mount)\" is invalid")
        }
        guard !project.tools.contains(where: { $0.mountPoint == mount }) else {
            return answer(false, "Mount point already exists.")
        }
        var changed = project
        let tool = DemoTool(name: kind, mountPoint: mount, mountLabel: label, hasREST: true)
        switch form["order"] ?? "last" {
        case "first": changed.tools.insert(tool, at: 0)
        case "alpha_tool":
            changed.tools.append(tool)
            changed.tools.sort { $0.mountLabel.lowercased() < $1.mountLabel.lowercased() }
        default: changed.tools.append(tool)
        }
        data.projects[project.key] = changed
        return answer(true, "Tool \(kind) with mount_point \(mount) and mount_label \(label) was created.")
    }
}
