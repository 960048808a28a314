import ForgeModel
import Foundation
import HTTP

/// Issues as tickets: lists and searches with GitLab's filters, one issue, and triage writes that
/// send only what changed (`add_labels`/`remove_labels`, never the whole label set), after
/// checking `updated_at` against what the user saw.
extension GitLabForge {
    func issuesPath(_ project: ProjectPath) -> [String] { ["projects", projectSegment(project), "issues"] }

    /// The open issues, newest first.
    public func ticketList(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> TicketPage {
        try await issues(project, filter: GitLabIssueFilter(), page: page, limit: limit)
    }

    /// A search: the raw part in GitLab's filter syntax (`GitLabQuery`), the structured part
    /// added to it.
    public func searchTickets(
        _ project: ProjectPath, mount: String, query: TicketQuery, page: Int, limit: Int
    )
        async throws -> TicketPage
    {
        try await issues(project, filter: Self.filter(for: query), page: page, limit: limit)
    }

    /// GitLab's list filter for a neutral query.
    static func filter(for query: TicketQuery) -> GitLabIssueFilter {
        var filter = GitLabQuery.parse(query.raw ?? "")
        if let text = query.text { filter.search = [filter.search, text].compactMap { $0 }.joined(separator: " ") }
        switch query.state {
        case .open?: filter.state = "opened"
        case .closed?: filter.state = "closed"
        case .all?: filter.state = "all"
        case nil: break
        }
        if let assignee = query.assignee { filter.assignee = assignee }
        filter.labels += query.labels.filter { !filter.labels.contains($0) }
        if let milestone = query.milestone { filter.milestone = milestone }
        if let sort = query.sort, let field = sortFields.first(where: { $0.0 == sort.field })?.1 {
            filter.orderBy = field
            filter.sort = sort.descending ? "desc" : "asc"
        }
        return filter
    }

    /// Neutral sort names and GitLab's `order_by` values.
    static let sortFields: [(String, String)] = [
        ("created", "created_at"), ("updated", "updated_at"), ("priority", "priority"), ("due", "due_date"),
        ("summary", "title"), ("votes", "popularity"),
    ]

    func issues(_ project: ProjectPath, filter: GitLabIssueFilter, page: Int, limit: Int) async throws -> TicketPage {
        let (items, paging) = try await client.page(
            IssueJSON.self, issuesPath(project), query: filter.apiQuery, page: page + 1, perPage: limit)
        return TicketPage(
            tickets: items.map(GitLabMapping.ticket), isPartial: false, page: (paging.page ?? page + 1) - 1,
            limit: paging.perPage ?? min(limit, 100), total: GitLabMapping.total(paging, itemsOnPage: items.count))
    }

    /// One issue, with its first discussions embedded when the caller may read them (GitLab
    /// answers 401 to anonymous comment reads; the issue is shown without them).
    public func ticket(_ project: ProjectPath, mount: String, number: Int) async throws -> Ticket {
        async let issue = client.get(IssueJSON.self, issuesPath(project) + [String(number)])
        async let first = try? thread(project, issue: number, page: 0, limit: 20)
        var ticket = GitLabMapping.ticket(try await issue)
        if let page = await first {
            ticket.thread = DiscussionThread(
                id: String(number), subject: ticket.summary, posts: page.posts, page: 0, limit: page.limit)
        }
        return ticket
    }

    /// The project's milestones (active first), labels and members, for prompts.
    public func trackerInfo(_ project: ProjectPath, mount: String) async throws -> TrackerInfo {
        let hundred = [URLQueryItem(name: "per_page", value: "100")]
        async let milestones = client.get(
            [MilestoneJSON].self, ["projects", projectSegment(project), "milestones"], query: hundred)
        async let labels = client.get(
            [LabelJSON].self, ["projects", projectSegment(project), "labels"], query: hundred)
        async let members = client.get(
            [UserJSON].self, ["projects", projectSegment(project), "members", "all"], query: hundred)
        let sorted = try await milestones.sorted { ($0.state == "active" ? 0 : 1) < ($1.state == "active" ? 0 : 1) }
        return TrackerInfo(
            milestones: sorted.map(GitLabMapping.milestone), labels: try await labels.map(\.name),
            members: (try? await members.map(\.username)) ?? [], fields: GitLabMapping.issueFields)
    }

    // MARK: Writes

    public func updateTicket(
        _ project: ProjectPath, mount: String, number: Int, edit: TicketEdit, expectedStamp: String?
    ) async throws -> TicketWriteResult {
        guard !edit.isEmpty else { throw ForgeError.unsupported("Nothing to change on issue #\(number)") }
        let fresh = try await client.get(IssueJSON.self, issuesPath(project) + [String(number)])
        if let expectedStamp, expectedStamp != fresh.updatedAt {
            throw TicketConflict(current: GitLabMapping.ticket(fresh))
        }
        let body = try await updateBody(edit, project: project, current: GitLabMapping.ticket(fresh))
        guard !body.isEmpty else { return TicketWriteResult(ticket: GitLabMapping.ticket(fresh)) }
        let saved = GitLabMapping.ticket(
            try await client.write(IssueJSON.self, "PUT", issuesPath(project) + [String(number)], json: body))
        return TicketWriteResult(ticket: saved, ignored: Self.ignoredParts(of: edit, result: saved))
    }

    public func createTicket(_ project: ProjectPath, mount: String, edit: TicketEdit) async throws -> Ticket {
        guard let title = edit.summary, !title.trimmedOfWhitespace.isEmpty else {
            throw ForgeError.unsupported("A new issue needs a title")
        }
        var body: [String: Any] = ["title": title]
        if let description = edit.description { body["description"] = description }
        if !edit.labelsAdded.isEmpty { body["labels"] = edit.labelsAdded }
        if let assignee = edit.assignee, !assignee.isEmpty { body["assignee_ids"] = [try await userID(assignee)] }
        if let milestone = edit.milestone ?? nil {
            body["milestone_id"] = try await milestoneID(milestone, project: project)
        }
        if case .text(let due)? = edit.fields["Due date"] { body["due_date"] = due }
        if let confidential = edit.fields["Confidential"].flatMap(Self.flag) { body["confidential"] = confidential }
        return GitLabMapping.ticket(try await client.write(IssueJSON.self, "POST", issuesPath(project), json: body))
    }

    /// The PUT body for `edit`: only the parameters that change something.
    func updateBody(_ edit: TicketEdit, project: ProjectPath, current: Ticket) async throws -> [String: Any] {
        var body: [String: Any] = [:]
        if let title = edit.summary, title != current.summary { body["title"] = title }
        if let description = edit.description, description != current.description { body["description"] = description }
        if let status = edit.status, status != current.status {
            switch status.lowercased() {
            case "closed", "close": body["state_event"] = "close"
            case "opened", "open", "reopen", "reopened": body["state_event"] = "reopen"
            default: throw ForgeError.validation(["status: a GitLab issue is opened or closed, not \(status)"])
            }
        }
        if let assignee = edit.assignee, assignee != (current.assignee ?? "") {
            body["assignee_ids"] = assignee.isEmpty ? [] : [try await userID(assignee)]
        }
        let added = edit.labelsAdded.filter { !current.labels.contains($0) }
        let removed = edit.labelsRemoved.filter { current.labels.contains($0) }
        if !added.isEmpty { body["add_labels"] = added.joined(separator: ",") }
        if !removed.isEmpty { body["remove_labels"] = removed.joined(separator: ",") }
        if let milestone = edit.milestone, milestone != current.milestone {
            if let title = milestone {
                body["milestone_id"] = try await milestoneID(title, project: project)
            } else {
                body["milestone_id"] = 0
            }
        }
        for (name, value) in edit.fields {
            switch (name, value) {
            case ("Due date", .text(let date)): body["due_date"] = date
            case ("Due date", .empty): body["due_date"] = ""
            case ("Confidential", let value) where Self.flag(value) != nil: body["confidential"] = Self.flag(value)
            default: throw ForgeError.validation(["\(name): not a field Anvil can set on GitLab"])
            }
        }
        return body
    }

    /// A yes/no field as typed (`yes`, `no`, `true`, `false`) or stored.
    static func flag(_ value: FieldValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .text(let text):
            switch text.lowercased() {
            case "yes", "true", "y", "1": return true
            case "no", "false", "n", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A user's numeric id from their username.
    func userID(_ username: String) async throws -> Int {
        let name = username.hasPrefix("@") ? String(username.dropFirst()) : username
        let users = try await client.get(
            [UserJSON].self, ["users"], query: [URLQueryItem(name: "username", value: name)])
        guard let user = users.first else { throw ForgeError.validation(["assignee: no user named \(name)"]) }
        return user.id
    }

    /// A milestone's global id from its title.
    func milestoneID(_ title: String, project: ProjectPath) async throws -> Int {
        let found = try await client.get(
            [MilestoneJSON].self, ["projects", projectSegment(project), "milestones"],
            query: [URLQueryItem(name: "title", value: title)])
        guard let milestone = found.first else { throw ForgeError.validation(["milestone: no milestone \(title)"]) }
        return milestone.id
    }

    /// What the edit asked for that the issue does not show afterwards (GitLab drops assignees who
    /// cannot be assigned, silently).
    static func ignoredParts(of edit: TicketEdit, result: Ticket) -> [String] {
        var ignored: [String] = []
        if let assignee = edit.assignee, !assignee.isEmpty, result.assignee != assignee {
            ignored.append("assignee \(assignee)")
        }
        for label in edit.labelsAdded where !result.labels.contains(label) { ignored.append("label \(label)") }
        return ignored
    }
}
