import ForgeModel
import Foundation
import HTTP

/// `has_access` and `…/admin/…` (§4.5, §12): only the project's admins may call them.
extension ForgeState {
    /// Tool types the demo can export, as Allura's exportable tools.
    static let exportableTools: Set<String> = ["wiki", "tickets", "discussion", "blog", "link"]
    /// How many status calls an export stays busy for.
    static let exportPolls = 2

    /// The project's admins: its first developer other than the default demo token's user and,
    /// in the main project only, that user too (so the demo shows the admin panel there and nowhere else);
    /// a user project's owner.
    func admins(of project: DemoProject) -> Set<String> {
        if project.isUserProject { return [project.shortname] }
        let demoUser = DemoNames.tokenUser
        var admins = Set(project.developers.first { $0 != demoUser }.map { [$0] } ?? [])
        if project.shortname == DemoNames.mainProject { admins.insert(demoUser) }
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
                $0.trimmedOfSpaces
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
        case (_, let rest) where rest.count >= 2 && rest[1] == "webhooks":
            guard project.tools.contains(where: { $0.mountPoint == rest[0] && $0.isRepository }) else {
                return DemoResponses.errorPage(404)
            }
            return webhooks(key: project.toolKey(rest[0]), path: Array(rest.dropFirst(2)), context: context)
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

/// A repository tool's push webhook.
struct DemoWebhook: Sendable {
    var id: String
    var hookURL: String
    var secret: String
    var modDate: Int64
}

extension ForgeState {
    static let maximumWebhooks = 3

    func webhookJSON(_ hook: DemoWebhook, key: String) -> DemoJSON {
        .object([
            "_id": .string(hook.id), "url": .string(rest("/" + key + "/webhooks/repo-push/" + hook.id)),
            "type": .string("repo-push"), "hook_url": .string(hook.hookURL),
            "mod_date": .string(DemoTime.timestamp(hook.modDate)),
        ])
    }

    /// A public http(s) address: no loopback or private host.
    static func isPublicHookURL(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host?.lowercased(), host.contains(".")
        else { return false }
        let privatePrefixes = ["127.", "10.", "192.168.", "169.254.", "0."]
        return host != "localhost" && !privatePrefixes.contains { host.hasPrefix($0) }
    }

    mutating func webhooks(key: String, path: [String], context: RequestContext) -> HTTPResponse {
        var hooks = webhooks[key] ?? []
        let limits: DemoJSON = .object([
            "repo-push": .object(["max": .int(Self.maximumWebhooks), "used": .int(hooks.count)])
        ])
        func error(_ detail: DemoJSON, withLimits: Bool = false) -> HTTPResponse {
            var body: [String: DemoJSON] = ["result": .string("error"), "error": detail]
            if withLimits { body["limits"] = .object(["max": .int(Self.maximumWebhooks), "used": .int(hooks.count)]) }
            var response = DemoResponses.json(.object(body))
            response.status = 400
            return response
        }
        switch (context.method, path) {
        case ("GET", []):
            return DemoResponses.json(
                .object(["webhooks": .array(hooks.map { webhookJSON($0, key: key) }), "limits": limits]))
        case ("POST", ["repo-push"]):
            guard hooks.count < Self.maximumWebhooks else {
                return error(
                    .string(
                        "You have exceeded the maximum number of webhooks you are allowed to create for this project/app"
                    ), withLimits: true)
            }
            guard let url = context.form["url"], Self.isPublicHookURL(url) else {
                return error(.object(["url": .string("Please enter a valid URL.")]))
            }
            let secret = context.form["secret"].flatMap { $0.isEmpty ? nil : $0 } ?? rng.hex(20)
            let hook = DemoWebhook(id: rng.hex(24), hookURL: url, secret: secret, modDate: tick())
            hooks.append(hook)
            webhooks[key] = hooks
            var response = DemoResponses.json(webhookJSON(hook, key: key))
            response.status = 201
            return response
        case (let method, let rest) where rest.count == 2 && rest[0] == "repo-push":
            let id = rest[1]
            guard let index = hooks.firstIndex(where: { $0.id == id }) else { return DemoResponses.errorPage(404) }
            switch method {
            case "GET": return DemoResponses.json(webhookJSON(hooks[index], key: key))
            case "DELETE":
                hooks.remove(at: index)
                webhooks[key] = hooks
                return DemoResponses.json(.object(["result": .string("ok")]))
            case "POST":
                if let url = context.form["url"], !url.isEmpty {
                    guard Self.isPublicHookURL(url) else {
                        return error(.object(["url": .string("Please enter a valid URL.")]))
                    }
                    hooks[index].hookURL = url
                }
                if let secret = context.form["secret"], !secret.isEmpty { hooks[index].secret = secret }
                hooks[index].modDate = tick()
                webhooks[key] = hooks
                return DemoResponses.json(webhookJSON(hooks[index], key: key))
            default: return DemoResponses.errorPage(405)
            }
        default:
            return DemoResponses.errorPage(404)
        }
    }
}
