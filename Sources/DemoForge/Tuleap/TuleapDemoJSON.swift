import Foundation

/// The Tuleap demo's objects as Tuleap writes them (tuleap-rest.md §4–§7): relative `uri`s, web
/// `html_url`s, ISO dates with the server's `+01:00` offset, `[]` for empty PHP objects.
struct TuleapDemoJSON {
    let data: TuleapDemoData
    /// `https://host`, for absolute URLs (avatars, cross references).
    let root: String

    /// `2026-03-02T10:00:00+01:00`: the server's local time.
    static func iso(_ ms: Int64) -> String {
        String(DemoTime.iso8601(ms + DemoTime.hour).prefix(19)) + "+01:00"
    }

    func user(_ id: Int, full: Bool = false) -> [String: Any] {
        guard let user = data.user(id) else { return anonymous() }
        var json: [String: Any] = [
            "id": user.id, "uri": "users/\(user.id)", "user_url": "/users/\(user.username)",
            "real_name": user.realName, "display_name": "\(user.realName) (\(user.username))",
            "username": user.username, "ldap_id": NSNull(), "avatar_url": root + "/users/\(user.username)/avatar.png",
            "is_anonymous": false, "has_avatar": false,
        ]
        if full {
            json["email"] = "\(user.username)@demo.anvil.test"
            json["status"] = "A"
        }
        return json
    }

    /// The placeholder a user-bound list set to None reads back as.
    func anonymous() -> [String: Any] {
        [
            "id": NSNull(), "uri": NSNull(), "user_url": NSNull(), "real_name": NSNull(),
            "display_name": "Anonymous user", "username": NSNull(), "ldap_id": NSNull(),
            "avatar_url": root + "/themes/common/images/avatar_default.png", "is_anonymous": true, "has_avatar": false,
            "email": NSNull(), "status": NSNull(),
        ]
    }

    func projectRef(_ project: TuleapDemoProject) -> [String: Any] {
        ["id": project.id, "uri": "projects/\(project.id)", "label": project.label, "icon": project.icon]
    }

    func project(_ project: TuleapDemoProject) -> [String: Any] {
        let resources = ["trackers", "project_services", "user_groups", "phpwiki", "heartbeats", "labels"].map {
            ["type": $0, "uri": "projects/\(project.id)/\($0)"]
        }
        return [
            "id": project.id, "uri": "projects/\(project.id)",
            "label": project.icon.isEmpty ? project.label : project.icon + " " + project.label,
            "label_without_icon": project.label, "shortname": project.shortname, "status": "active",
            "access": "public", "is_template": false, "is_member_of": true, "description": project.description,
            "icon": project.icon, "additional_fields": [] as [Any], "resources": resources,
            "additional_informations": [] as [Any],
        ]
    }

    func services(_ project: TuleapDemoProject) -> [[String: Any]] {
        [("summary", true), ("plugin_tracker", true), ("wiki", project.hasWiki), ("plugin_git", false)].enumerated()
            .map { index, pair in
                [
                    "id": project.id * 10 + index, "uri": "project_services/\(project.id * 10 + index)",
                    "service_url": pair.0 == "wiki"
                        ? "/wiki/?group_id=\(project.id)" : "/projects/\(project.shortname)",
                    "name": pair.0, "label": pair.0, "is_enabled": pair.1, "icon": "", "is_custom": false,
                ]
            }
    }

    func trackerRef(_ tracker: TuleapDemoTracker) -> [String: Any] {
        var json: [String: Any] = [
            "id": tracker.id, "uri": "trackers/\(tracker.id)", "label": tracker.label, "color_name": tracker.colorName,
            "cannot_create_reasons": NSNull(),
        ]
        if let project = data.project(tracker.projectID) { json["project"] = projectRef(project) }
        return json
    }

    func tracker(_ tracker: TuleapDemoTracker) -> [String: Any] {
        var json = trackerRef(tracker)
        json["html_url"] = "/plugins/tracker/?tracker=\(tracker.id)"
        json["description"] = "The \(tracker.label.lowercased()) of the demo"
        json["item_name"] = tracker.itemName
        json["fields"] = tracker.fields.map(field)
        json["structure"] = tracker.fields.map { ["id": $0.id, "content": NSNull()] }
        json["semantics"] = [
            "title": ["field_id": tracker.titleField], "description": ["field_id": tracker.descriptionField],
            "status": ["field_id": tracker.statusField, "value_ids": tracker.openValues],
            "contributor": ["field_id": tracker.contributorField],
        ]
        let transitions = (tracker.transitions ?? []).enumerated().map { index, pair -> [String: Any] in
            ["id": 400 + index, "from_id": pair.from.map { $0 as Any } ?? NSNull(), "to_id": pair.to]
        }
        json["workflow"] = [
            "field_id": tracker.statusField, "is_used": tracker.transitions == nil ? "0" : "1", "is_legacy": false,
            "is_advanced": false, "rules": ["dates": [] as [Any], "lists": [] as [Any]], "transitions": transitions,
        ]
        json["resources"] = [["type": "reports", "uri": "trackers/\(tracker.id)/tracker_reports"]]
        json["notifications"] = ["enabled": true]
        json["parent"] = NSNull()
        return json
    }

    func field(_ field: TuleapDemoField) -> [String: Any] {
        var values: Any = NSNull()
        var binding: [String: Any] = ["type": NSNull(), "list": [] as [Any]]
        if field.boundToUsers {
            values = data.users.map { user -> [String: Any] in
                [
                    "id": user.id, "label": user.username,
                    "user_reference": [
                        "id": user.id, "uri": "users/\(user.id)", "real_name": user.realName, "username": user.username,
                    ],
                ]
            }
            binding = ["type": "users", "list": [["id": "102_3", "label": "project_members"]]]
        } else if ["sb", "msb", "rb", "cb", "tbl"].contains(field.type) {
            values = field.values.map { ["id": $0.id, "label": $0.label, "is_hidden": false, "value_color": ""] }
            binding = ["type": "static", "list": [] as [Any]]
        }
        var json: [String: Any] = [
            "field_id": field.id, "name": field.name, "label": field.label, "type": field.type,
            "required": field.required, "values": values, "bindings": binding,
            "permissions": field.isReadOnly ? ["read"] : ["read", "update", "create"],
            "specific_properties": [] as [Any], "label_decorators": [] as [Any], "has_notifications": false,
            "is_used": true, "collapsed": false, "default_value": NSNull(),
        ]
        if field.type == "date" { json["is_time_displayed"] = false }
        return json
    }

    func artifactRef(_ artifact: TuleapDemoArtifact) -> [String: Any] {
        ["id": artifact.id, "uri": "artifacts/\(artifact.id)"]
    }

    /// An artifact; `values` only when asked (`values=all` in lists, always for one artifact).
    func artifact(_ artifact: TuleapDemoArtifact, withValues: Bool) -> [String: Any] {
        guard let tracker = data.tracker(artifact.trackerID), let project = data.project(tracker.projectID) else {
            return [:]
        }
        let status = statusLabel(artifact, tracker: tracker)
        var color: Any = NSNull()
        if !status.isEmpty { color = ["value": status, "color": "fiesta-red"] }
        let assignees: [[String: Any]]
        if case .list(let ids)? = artifact.values[tracker.contributorField] {
            assignees = ids.filter { $0 != 100 }.map { user($0) }
        } else {
            assignees = []
        }
        var json: [String: Any] = [
            "id": artifact.id, "uri": "artifacts/\(artifact.id)", "xref": "\(tracker.itemName) #\(artifact.id)",
            "tracker": trackerRef(tracker), "project": projectRef(project), "submitted_by": artifact.submittedBy,
            "submitted_by_user": user(artifact.submittedBy), "submitted_on": Self.iso(artifact.submittedOn),
            "html_url": "/plugins/tracker/?aid=\(artifact.id)", "changesets_uri": "artifacts/\(artifact.id)/changesets",
            "values_by_field": NSNull(), "last_update_by": artifact.lastUpdateBy,
            "last_update_by_user": user(artifact.lastUpdateBy), "last_modified_date": Self.iso(artifact.lastModified),
            "status": status, "full_status": color, "is_open": isOpen(artifact, tracker: tracker),
            "title": titleText(artifact, tracker: tracker), "assignees": assignees,
        ]
        json["values"] =
            withValues
            ? values(artifact.values, artifact: artifact, tracker: tracker) as Any : NSNull()
        return json
    }

    func titleText(_ artifact: TuleapDemoArtifact, tracker: TuleapDemoTracker) -> String {
        if case .string(let text)? = artifact.values[tracker.titleField] { return text }
        return ""
    }

    func statusLabel(_ artifact: TuleapDemoArtifact, tracker: TuleapDemoTracker) -> String {
        guard case .list(let ids)? = artifact.values[tracker.statusField], let id = ids.first,
            let label = tracker.field(tracker.statusField)?.values.first(where: { $0.id == id })?.label
        else { return "" }
        return label
    }

    func isOpen(_ artifact: TuleapDemoArtifact, tracker: TuleapDemoTracker) -> Bool {
        guard case .list(let ids)? = artifact.values[tracker.statusField], let id = ids.first else { return false }
        return tracker.openValues.contains(id)
    }

    /// Field values in the tracker's order, each in the shape of its type.
    func values(
        _ stored: [Int: TuleapDemoValue], artifact: TuleapDemoArtifact, tracker: TuleapDemoTracker
    ) -> [[String: Any]] {
        tracker.fields.map { field in
            var json: [String: Any] = ["field_id": field.id, "type": field.type, "label": field.label]
            switch (field.type, stored[field.id]) {
            case ("string", .string(let text)?): json["value"] = text
            case ("text", .text(let text, let format)?):
                if format == "commonmark" {
                    json["value"] = TuleapDemoMarkdown.html(text)
                    json["format"] = "html"
                    json["commonmark"] = text
                } else {
                    json["value"] = text
                    json["format"] = format
                }
                json["post_processed_value"] = json["value"]
            case ("int", .int(let number)?): json["value"] = number.map { $0 as Any } ?? NSNull()
            case ("float", .float(let number)?): json["value"] = number.map { $0 as Any } ?? NSNull()
            case ("date", .date(let day)?):
                json["value"] = day.map { "\($0)T00:00:00+01:00" as Any } ?? NSNull()
                json["is_time_displayed"] = false
            case (_, .list(let ids)?):
                if field.boundToUsers {
                    json["values"] = ids.isEmpty ? [anonymous()] : ids.map { user($0, full: true) }
                    json["bind_value_ids"] = ids.isEmpty ? [100] : ids
                } else {
                    json["values"] = ids.compactMap { id in
                        field.values.first { $0.id == id }.map {
                            [
                                "id": $0.id, "label": $0.label, "color": NSNull(), "tlp_color": "fiesta-red",
                                "is_hidden": false,
                            ]
                        }
                    }
                    json["bind_value_ids"] = ids
                }
            case ("tbl", .tags(let tags)?):
                json["bind_value_objects"] = tags.enumerated().map {
                    ["id": "o\(300 + $0.offset)", "label": $0.element]
                }
                json["bind_value_ids"] = tags
                json["bind_type"] = "static"
            case ("art_link", .links(let ids)?):
                json["links"] = ids.compactMap { id in
                    data.artifacts[id].flatMap { linked in
                        data.tracker(linked.trackerID).map { t -> [String: Any] in
                            ["id": id, "uri": "artifacts/\(id)", "tracker": trackerRef(t), "type": NSNull()]
                        }
                    }
                }
                json["reverse_links"] = [] as [Any]
            case ("file", .files(let files)?):
                json["file_descriptions"] = files.enumerated().map { index, file -> [String: Any] in
                    let id = artifact.id * 10 + index
                    return [
                        "id": id, "submitted_by": artifact.submittedBy, "description": "", "name": file.name,
                        "size": file.size, "type": "text/plain",
                        "html_url": "/plugins/tracker/attachments/\(id)-\(file.name)", "html_preview_url": NSNull(),
                        "uri": "artifact_files/\(id)",
                    ]
                }
            case ("computed", .computed(let manual)?):
                json["is_autocomputed"] = manual == nil
                json["value"] = manual == nil ? Double(artifact.id % 5) as Any : NSNull()
                json["manual_value"] = manual.map { $0 as Any } ?? NSNull()
            case ("cross", _):
                json["value"] = [
                    [
                        "ref": "git #anvil/\(artifact.id)", "url": root + "/goto?key=git&val=\(artifact.id)",
                        "direction": "in",
                    ]
                ]
            case ("aid", _): json["value"] = artifact.id
            case ("subby", _): json["value"] = user(artifact.submittedBy, full: true)
            case ("subon", _): json["value"] = Self.iso(artifact.submittedOn)
            case ("lud", _): json["value"] = Self.iso(artifact.lastModified)
            default: return [:]
            }
            return json
        }.filter { !$0.isEmpty }
    }

    func changeset(_ changeset: TuleapDemoChangeset, artifact: TuleapDemoArtifact, withValues: Bool) -> [String: Any] {
        var comment: [String: Any] = [
            "body": changeset.comment, "post_processed_body": changeset.comment, "format": changeset.format,
            "ugroups": NSNull(),
        ]
        if changeset.format == "commonmark" {
            comment["body"] = TuleapDemoMarkdown.html(changeset.comment)
            comment["post_processed_body"] = comment["body"]
            comment["format"] = "html"
            comment["commonmark"] = changeset.comment
        }
        let tracker = data.tracker(artifact.trackerID)
        return [
            "id": changeset.id, "submitted_by": changeset.by, "submitted_by_details": user(changeset.by),
            "submitted_on": Self.iso(changeset.on), "email": NSNull(), "last_comment": comment,
            "last_modified_by": user(changeset.by), "last_modified_date": Self.iso(changeset.on),
            "values": withValues && tracker != nil
                ? values(changeset.values, artifact: artifact, tracker: tracker!) : [] as [Any],
        ]
    }

    static func encode(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
