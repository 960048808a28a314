/// The GitLab demo's data in GitLab's JSON shapes (gitlab-rest.md §5–§9), with absolute URLs
/// built from the forge's base URL.
struct GitLabDemoJSON {
    let data: GitLabDemoData
    /// `scheme://host[:port]`, no trailing slash.
    let root: String

    func user(_ user: GitLabDemoData.User) -> DemoJSON {
        .object([
            "id": .int(user.id), "username": .string(user.username), "name": .string(user.name),
            "state": .string(user.state), "avatar_url": .string(root + "/uploads/user/avatar/\(user.id)/avatar.png"),
            "web_url": .string(root + "/" + user.username),
        ])
    }

    func user(id: Int) -> DemoJSON { data.user(id: id).map(user) ?? .null }

    /// `GET /user` and `GET /users/:id`: the basic keys plus the profile.
    func profile(_ user: GitLabDemoData.User) -> DemoJSON {
        guard case .object(var fields) = self.user(user) else { return .null }
        fields["bio"] = .string(user.bio)
        fields["location"] = .string(user.location)
        fields["created_at"] = .string(DemoTime.iso8601(DemoTime.now - 900 * DemoTime.day))
        fields["locked"] = .bool(false)
        return .object(fields)
    }

    func member(_ user: GitLabDemoData.User, level: Int) -> DemoJSON {
        guard case .object(var fields) = self.user(user) else { return .null }
        fields["access_level"] = .int(level)
        fields["expires_at"] = .null
        return .object(fields)
    }

    func projectWeb(_ project: GitLabDemoData.Project) -> String { root + "/" + project.pathWithNamespace }

    /// The simple shape (`simple=true`, anonymous callers), schema `project.json` plus `visibility`.
    func simpleProject(_ project: GitLabDemoData.Project) -> DemoJSON {
        let web = projectWeb(project)
        let authority = root.split(separator: "/").dropFirst().first.map(String.init) ?? "localhost"
        let host = authority.split(separator: ":").first.map(String.init) ?? authority
        return .object([
            "id": .int(project.id), "name": .string(project.name),
            "name_with_namespace": .string(project.nameWithNamespace), "description": .optional(project.description),
            "path": .string(project.path), "path_with_namespace": .string(project.pathWithNamespace),
            "created_at": .string(DemoTime.iso8601(project.createdAt)),
            "default_branch": .optional(project.defaultBranch),
            "tag_list": .array(project.topics.map(DemoJSON.string)),
            "topics": .array(project.topics.map(DemoJSON.string)),
            "ssh_url_to_repo": .string("git@\(host):\(project.pathWithNamespace).git"),
            "http_url_to_repo": .string(web + ".git"), "web_url": .string(web),
            "readme_url": .string(web + "/-/blob/main/README.md"), "avatar_url": .null,
            "star_count": .int(project.starCount), "forks_count": .int(project.forksCount),
            "last_activity_at": .string(DemoTime.iso8601(project.lastActivityAt)), "namespace": namespace(project),
            "visibility": .string(project.visibility),
        ])
    }

    /// The full shape of `GET /projects/:id`: the simple keys plus tools, counts and permissions.
    func fullProject(_ project: GitLabDemoData.Project, caller: Int?) -> DemoJSON {
        guard case .object(var fields) = simpleProject(project) else { return .null }
        let issuesOn = project.issuesAccess != "disabled"
        fields["issues_enabled"] = .bool(issuesOn)
        fields["wiki_enabled"] = .bool(project.wikiAccess != "disabled")
        fields["issues_access_level"] = .string(project.issuesAccess)
        fields["wiki_access_level"] = .string(project.wikiAccess)
        if issuesOn {
            fields["open_issues_count"] = .int(project.issues.filter { $0.state == "opened" }.count)
        }
        fields["archived"] = .bool(false)
        fields["description_html"] = .string(project.description ?? "")
        fields["updated_at"] = .string(DemoTime.iso8601(project.lastActivityAt))
        if let caller {
            let level = project.members[caller]
            fields["permissions"] = .object([
                "project_access": level.map { .object(["access_level": .int($0), "notification_level": .int(3)]) }
                    ?? .null,
                "group_access": .null,
            ])
        }
        return .object(fields)
    }

    func namespace(_ project: GitLabDemoData.Project) -> DemoJSON {
        let group = data.groups.first { $0.id == project.namespaceID && project.namespaceKind == "group" }
        return .object([
            "id": .int(project.namespaceID), "name": .string(group?.name ?? project.namespaceName),
            "path": .string(group?.path ?? project.namespacePath), "kind": .string(project.namespaceKind),
            "full_path": .string(project.namespacePath), "parent_id": group?.parentID.map(DemoJSON.int) ?? .null,
            "avatar_url": .null,
            "web_url": .string(root + "/" + (group == nil ? "" : "groups/") + project.namespacePath),
        ])
    }

    func milestone(_ milestone: GitLabDemoData.Milestone, project: GitLabDemoData.Project) -> DemoJSON {
        .object([
            "id": .int(milestone.id), "iid": .int(milestone.iid), "project_id": .int(project.id),
            "title": .string(milestone.title), "description": .string(milestone.description),
            "state": .string(milestone.state), "created_at": .string(DemoTime.iso8601(milestone.createdAt)),
            "updated_at": .string(DemoTime.iso8601(milestone.createdAt)),
            "start_date": .optional(milestone.startDate), "due_date": .optional(milestone.dueDate),
            "expired": .bool(milestone.dueDate.map { $0 < DemoTime.date(DemoTime.now) } ?? false),
            "web_url": .string(projectWeb(project) + "/-/milestones/\(milestone.iid)"),
        ])
    }

    func label(_ label: GitLabDemoData.Label, project: GitLabDemoData.Project, counts: Bool) -> DemoJSON {
        var fields: [String: DemoJSON] = [
            "id": .int(label.id), "name": .string(label.name), "color": .string(label.color),
            "text_color": .string("#FFFFFF"), "description": .optional(label.description),
            "description_html": .string(label.description ?? ""), "subscribed": .bool(false),
            "priority": label.priority.map(DemoJSON.int) ?? .null, "is_project_label": .bool(true),
        ]
        if counts {
            let holders = project.issues.filter { $0.labels.contains(label.name) }
            fields["open_issues_count"] = .int(holders.filter { $0.state == "opened" }.count)
            fields["closed_issues_count"] = .int(holders.filter { $0.state == "closed" }.count)
            fields["open_merge_requests_count"] = .int(0)
        }
        return .object(fields)
    }

    func issue(_ issue: GitLabDemoData.Issue, project: GitLabDemoData.Project, single: Bool = false) -> DemoJSON {
        let web = projectWeb(project) + "/-/issues/\(issue.iid)"
        let api = root + "/api/v4/projects/\(project.id)"
        let tasks = (issue.description ?? "").components(separatedBy: "\n").filter { $0.hasPrefix("- [") }
        var fields: [String: DemoJSON] = [
            "id": .int(issue.id), "iid": .int(issue.iid), "project_id": .int(project.id), "title": .string(issue.title),
            "description": .optional(issue.description), "state": .string(issue.state),
            "created_at": .string(DemoTime.iso8601(issue.createdAt)),
            "updated_at": .string(DemoTime.iso8601(issue.updatedAt)),
            "closed_at": issue.closedAt.map { .string(DemoTime.iso8601($0)) } ?? .null,
            "closed_by": issue.closedByID.map { user(id: $0) } ?? .null,
            "labels": .array(issue.labels.map(DemoJSON.string)),
            "milestone": issue.milestoneID.flatMap { id in project.milestones.first { $0.id == id } }
                .map { milestone($0, project: project) } ?? .null,
            "assignees": .array(issue.assigneeIDs.map { user(id: $0) }),
            "assignee": issue.assigneeIDs.first.map { user(id: $0) } ?? .null,
            "author": user(id: issue.authorID), "type": .string("ISSUE"), "issue_type": .string("issue"),
            "user_notes_count": .int(issue.userNotesCount), "merge_requests_count": .int(0),
            "upvotes": .int(issue.upvotes), "downvotes": .int(issue.downvotes),
            "due_date": .optional(issue.dueDate), "confidential": .bool(issue.confidential),
            "discussion_locked": .bool(issue.discussionLocked), "web_url": .string(web),
            "references": .object([
                "short": .string("#\(issue.iid)"), "relative": .string("#\(issue.iid)"),
                "full": .string(project.pathWithNamespace + "#\(issue.iid)"),
            ]),
            "time_stats": .object([
                "time_estimate": .int(issue.timeEstimate), "total_time_spent": .int(issue.timeSpent),
                "human_time_estimate": issue.timeEstimate > 0 ? .string("\(issue.timeEstimate / 3600)h") : .null,
                "human_total_time_spent": .null,
            ]),
            "task_completion_status": .object([
                "count": .int(tasks.count), "completed_count": .int(tasks.filter { $0.hasPrefix("- [x]") }.count),
            ]),
            "has_tasks": .bool(!tasks.isEmpty), "severity": .string("UNKNOWN"), "moved_to_id": .null,
            "imported": .bool(false), "imported_from": .string("none"),
            "_links": .object([
                "self": .string(api + "/issues/\(issue.iid)"), "notes": .string(api + "/issues/\(issue.iid)/notes"),
                "award_emoji": .string(api + "/issues/\(issue.iid)/award_emoji"), "project": .string(api),
                "closed_as_duplicate_of": .null,
            ]),
        ]
        if !tasks.isEmpty {
            fields["task_status"] = .string(
                "\(tasks.filter { $0.hasPrefix("- [x]") }.count) of \(tasks.count) checklist items completed")
        }
        if single { fields["subscribed"] = .bool(false) }
        return .object(fields)
    }

    func note(
        _ note: GitLabDemoData.Note, in discussion: GitLabDemoData.Discussion, issue: GitLabDemoData.Issue,
        project: GitLabDemoData.Project
    ) -> DemoJSON {
        var fields: [String: DemoJSON] = [
            "id": .int(note.id), "type": discussion.individualNote ? .null : .string("DiscussionNote"),
            "body": .string(note.body), "attachment": .null, "author": user(id: note.authorID),
            "created_at": .string(DemoTime.iso8601(note.createdAt)),
            "updated_at": .string(DemoTime.iso8601(note.updatedAt)), "system": .bool(note.system),
            "noteable_id": .int(issue.id), "noteable_type": .string("Issue"), "noteable_iid": .int(issue.iid),
            "project_id": .int(project.id), "resolvable": .bool(false), "confidential": .bool(note.isInternal),
            "internal": .bool(note.isInternal), "imported": .bool(false), "imported_from": .string("none"),
            "commands_changes": .object([:]),
        ]
        if note.system { fields["type"] = .null }
        return .object(fields)
    }

    func discussion(
        _ discussion: GitLabDemoData.Discussion, issue: GitLabDemoData.Issue, project: GitLabDemoData.Project
    ) -> DemoJSON {
        .object([
            "id": .string(discussion.id), "individual_note": .bool(discussion.individualNote),
            "notes": .array(discussion.notes.map { note($0, in: discussion, issue: issue, project: project) }),
        ])
    }

    func wikiPage(_ page: GitLabDemoData.WikiPage, content: Bool) -> DemoJSON {
        var fields: [String: DemoJSON] = [
            "slug": .string(page.slug), "title": .string(page.title), "format": .string(page.format),
        ]
        if content {
            fields["content"] = .string(page.content)
            fields["encoding"] = .string("UTF-8")
        }
        return .object(fields)
    }
}
