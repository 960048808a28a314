import ForgeModel
import Foundation
import HTTP

/// Issues, notes and discussions of the GitLab demo (gitlab-rest.md §6, §7).
extension GitLabDemoState {
    mutating func issueRoute(_ request: GitLabDemoRequest, project index: Int, rest: [String]) -> HTTPResponse {
        guard let first = rest.first else {
            switch request.method {
            case "GET": return issueList(request, project: data.projects[index])
            case "POST": return createIssue(request, project: index)
            default: return Self.noRoute()
            }
        }
        guard let iid = Int(first),
            let issueIndex = data.projects[index].issues.firstIndex(where: { $0.iid == iid }),
            canSee(data.projects[index].issues[issueIndex], in: data.projects[index], caller: request.caller)
        else { return Self.message("404 Not found", status: 404) }
        let below = Array(rest.dropFirst())
        switch (request.method, below.first) {
        case ("GET", nil):
            let project = data.projects[index]
            return Self.json(json.issue(project.issues[issueIndex], project: project, single: true))
        case ("PUT", nil):
            return editIssue(request, project: index, issue: issueIndex)
        case (_, "notes"), (_, "discussions"):
            guard request.caller != nil else { return Self.unauthorized() }
            return below.first == "notes"
                ? noteRoute(request, project: index, issue: issueIndex, rest: Array(below.dropFirst()))
                : discussionRoute(request, project: index, issue: issueIndex, rest: Array(below.dropFirst()))
        default:
            return Self.noRoute()
        }
    }

    /// Confidential issues are seen by reporters and above, the author and the assignees.
    func canSee(_ issue: GitLabDemoData.Issue, in project: GitLabDemoData.Project, caller: Int?) -> Bool {
        guard issue.confidential else { return true }
        guard let caller else { return false }
        return (project.members[caller] ?? 0) >= 20 || issue.authorID == caller || issue.assigneeIDs.contains(caller)
    }

    func issueList(_ request: GitLabDemoRequest, project: GitLabDemoData.Project) -> HTTPResponse {
        let state = request.string("state") ?? "all"
        guard ["opened", "closed", "all"].contains(state) else {
            return Self.error("state does not have a valid value")
        }
        var issues = project.issues.filter { canSee($0, in: project, caller: request.caller) }
        if state != "all" { issues = issues.filter { $0.state == state } }
        let labels = request["labels"]?.list ?? []
        if labels == ["None"] {
            issues = issues.filter { $0.labels.isEmpty }
        } else if labels == ["Any"] {
            issues = issues.filter { !$0.labels.isEmpty }
        } else if !labels.isEmpty {
            let wanted = Set(labels.map { $0.lowercased() })
            issues = issues.filter { wanted.isSubset(of: Set($0.labels.map { $0.lowercased() })) }
        }
        if let milestone = request.string("milestone") {
            switch milestone {
            case "None": issues = issues.filter { $0.milestoneID == nil }
            case "Any": issues = issues.filter { $0.milestoneID != nil }
            default:
                let ids = Set(project.milestones.filter { $0.title == milestone }.map(\.id))
                issues = issues.filter { $0.milestoneID.map(ids.contains) ?? false }
            }
        }
        if let name = request.string("assignee_username") {
            let id = data.user(named: name)?.id
            issues = issues.filter { issue in id.map { issue.assigneeIDs.contains($0) } ?? false }
        }
        if let assignee = request.string("assignee_id") {
            switch assignee {
            case "None": issues = issues.filter { $0.assigneeIDs.isEmpty }
            case "Any": issues = issues.filter { !$0.assigneeIDs.isEmpty }
            default: issues = issues.filter { issue in Int(assignee).map { issue.assigneeIDs.contains($0) } ?? false }
            }
        }
        if let name = request.string("author_username") {
            let id = data.user(named: name)?.id
            issues = issues.filter { $0.authorID == id }
        }
        if let search = request.string("search")?.lowercased(), !search.isEmpty {
            let fields = request.string("in") ?? "title,description"
            issues = issues.filter { issue in
                (fields.contains("title") && issue.title.lowercased().contains(search))
                    || (fields.contains("description") && (issue.description ?? "").lowercased().contains(search))
            }
        }
        let iids = request["iids"]?.list.compactMap { Int($0) } ?? []
        if !iids.isEmpty { issues = issues.filter { iids.contains($0.iid) } }
        let order = request.string("order_by") ?? "created_at"
        let ascending = request.string("sort") == "asc"
        issues.sort { a, b in
            func key(_ issue: GitLabDemoData.Issue) -> (String, Int64) {
                switch order {
                case "updated_at": return ("", issue.updatedAt)
                case "title": return (issue.title.lowercased(), 0)
                case "due_date": return (issue.dueDate ?? (ascending ? "9999" : "0000"), 0)
                case "popularity": return ("", Int64(issue.upvotes))
                case "priority": return ("", Int64(issue.labels.contains("priority::high") ? 0 : 1))
                default: return ("", issue.createdAt)
                }
            }
            let (ka, kb) = (key(a), key(b))
            if ka != kb { return ascending ? ka < kb : ka > kb }
            return ascending ? a.iid < b.iid : a.iid > b.iid
        }
        return page(issues.map { json.issue($0, project: project) }, request)
    }

    mutating func nextClock() -> Int64 {
        clock += 1000
        return clock
    }

    mutating func createIssue(_ request: GitLabDemoRequest, project index: Int) -> HTTPResponse {
        guard let caller = request.caller else { return Self.unauthorized() }
        guard let title = request.string("title") else { return Self.error("title is missing") }
        guard !title.trimmedOfSpaces.isEmpty else {
            return Self.json(.object(["message": .object(["title": .array([.string("can't be blank")])])]), status: 400)
        }
        let now = nextClock()
        let project = data.projects[index]
        let milestone = request.int("milestone_id").flatMap { id in project.milestones.first { $0.id == id }?.id }
        let issue = GitLabDemoData.Issue(
            id: data.nextIssueID, iid: (project.issues.map(\.iid).max() ?? 0) + 1, title: title,
            description: request.string("description"), state: "opened", createdAt: now, updatedAt: now,
            closedAt: nil, closedByID: nil, labels: (request["labels"]?.list ?? []).sorted(), milestoneID: milestone,
            assigneeIDs: Array((request["assignee_ids"]?.list.compactMap { Int($0) } ?? []).prefix(1)),
            authorID: caller, upvotes: 0, downvotes: 0, dueDate: request.string("due_date"),
            confidential: request["confidential"]?.bool ?? false, timeEstimate: 0, timeSpent: 0, discussions: [])
        data.nextIssueID += 1
        data.projects[index].issues.append(issue)
        return Self.json(json.issue(issue, project: data.projects[index], single: true), status: 201)
    }

    static let editableParameters = [
        "assignee_id", "assignee_ids", "confidential", "description", "discussion_locked", "due_date", "labels",
        "add_labels", "remove_labels", "milestone_id", "state_event", "title", "issue_type",
    ]

    /// `PUT /projects/:id/issues/:iid`: only the parameters given change; title, description,
    /// assignee and confidentiality changes leave system notes, as GitLab's do.
    mutating func editIssue(_ request: GitLabDemoRequest, project index: Int, issue issueIndex: Int) -> HTTPResponse {
        guard let caller = request.caller else { return Self.unauthorized() }
        let level = data.projects[index].members[caller] ?? 0
        var issue = data.projects[index].issues[issueIndex]
        guard level >= 20 || issue.authorID == caller else { return Self.forbidden() }
        guard Self.editableParameters.contains(where: { request[$0] != nil }) else {
            return Self.error(
                Self.editableParameters.sorted().joined(separator: ", ")
                    + " are missing, at least one parameter must be provided")
        }
        var notes: [String] = []
        if let title = request.string("title") {
            guard !title.trimmedOfSpaces.isEmpty else {
                return Self.json(
                    .object(["message": .object(["title": .array([.string("can't be blank")])])]), status: 400)
            }
            if title != issue.title { notes.append("changed title from **{-\(issue.title)-}** to **{+\(title)+}**") }
            issue.title = title
        }
        if let description = request.string("description"), description != (issue.description ?? "") {
            issue.description = description
            notes.append("changed the description")
        }
        if let event = request.string("state_event") {
            switch event {
            case "close" where issue.state == "opened":
                issue.state = "closed"
                issue.closedByID = caller
            case "reopen" where issue.state == "closed":
                issue.state = "opened"
                issue.closedByID = nil
                issue.closedAt = nil
            case "close", "reopen": break
            default: return Self.error("state_event does not have a valid value")
            }
        }
        if let parameter = request["assignee_ids"] ?? request["assignee_id"] {
            let ids = Array(
                parameter.list.compactMap { Int($0) }.filter { $0 > 0 && data.user(id: $0) != nil }.prefix(1))
            let added = ids.filter { !issue.assigneeIDs.contains($0) }
            let removed = issue.assigneeIDs.filter { !ids.contains($0) }
            func names(_ ids: [Int]) -> String {
                ids.compactMap { data.user(id: $0).map { "@" + $0.username } }.joined(separator: ", ")
            }
            var parts: [String] = []
            if !added.isEmpty { parts.append("assigned to " + names(added)) }
            if !removed.isEmpty { parts.append("unassigned " + names(removed)) }
            if !parts.isEmpty { notes.append(parts.joined(separator: " and ")) }
            issue.assigneeIDs = ids
        }
        if let labels = request["labels"] { issue.labels = labels.list }
        if let add = request["add_labels"] { issue.labels += add.list.filter { !issue.labels.contains($0) } }
        if let remove = request["remove_labels"] {
            let gone = Set(remove.list)
            issue.labels.removeAll { gone.contains($0) }
        }
        issue.labels = Array(Set(issue.labels)).sorted()
        for name in issue.labels where !data.projects[index].labels.contains(where: { $0.name == name }) {
            let id = index * 1000 + data.projects[index].labels.count + 900
            data.projects[index].labels.append(
                GitLabDemoData.Label(id: id, name: name, color: "#6699cc", description: nil, priority: nil))
        }
        if let milestone = request["milestone_id"] {
            let id = milestone.text.flatMap { Int($0) }
            issue.milestoneID = id.flatMap { id in data.projects[index].milestones.first { $0.id == id }?.id }
        }
        if let due = request["due_date"] { issue.dueDate = due.text.flatMap { $0.isEmpty ? nil : $0 } }
        if let confidential = request["confidential"]?.bool, confidential != issue.confidential {
            issue.confidential = confidential
            notes.append(confidential ? "made the issue confidential" : "made the issue visible to everyone")
        }
        if let locked = request["discussion_locked"]?.bool { issue.discussionLocked = locked }
        let now = nextClock()
        if issue != data.projects[index].issues[issueIndex] { issue.updatedAt = now }
        if issue.state == "closed", issue.closedAt == nil { issue.closedAt = now }
        for text in notes {
            data.nextNoteID += 1
            let note = GitLabDemoData.Note(
                id: data.nextNoteID, body: text, authorID: caller, createdAt: now, updatedAt: now, system: true)
            issue.discussions.append(
                GitLabDemoData.Discussion(id: hexID(data.nextNoteID), individualNote: true, notes: [note]))
        }
        data.projects[index].issues[issueIndex] = issue
        return Self.json(json.issue(issue, project: data.projects[index], single: true))
    }

    /// A deterministic 40-hex discussion id for a note id.
    func hexID(_ seed: Int) -> String {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9)
        return rng.hex(40)
    }

    // MARK: - Notes

    mutating func noteRoute(
        _ request: GitLabDemoRequest, project index: Int, issue issueIndex: Int, rest: [String]
    ) -> HTTPResponse {
        let project = data.projects[index]
        let issue = project.issues[issueIndex]
        switch (request.method, rest.first) {
        case ("GET", nil):
            var pairs = issue.discussions.flatMap { discussion in discussion.notes.map { (discussion, $0) } }
            pairs.sort { $0.1.createdAt != $1.1.createdAt ? $0.1.createdAt < $1.1.createdAt : $0.1.id < $1.1.id }
            if request.string("sort") != "asc" { pairs.reverse() }
            return page(pairs.map { json.note($0.1, in: $0.0, issue: issue, project: project) }, request)
        case ("GET", let id?):
            for discussion in issue.discussions {
                if let note = discussion.notes.first(where: { String($0.id) == id }) {
                    return Self.json(json.note(note, in: discussion, issue: issue, project: project))
                }
            }
            return Self.message("404 Note Not Found", status: 404)
        case ("POST", nil):
            return addNote(request, project: index, issue: issueIndex, discussion: nil)
        default:
            return Self.noRoute()
        }
    }

    mutating func discussionRoute(
        _ request: GitLabDemoRequest, project index: Int, issue issueIndex: Int, rest: [String]
    ) -> HTTPResponse {
        let project = data.projects[index]
        let issue = project.issues[issueIndex]
        guard let id = rest.first else {
            switch request.method {
            case "GET":
                return page(issue.discussions.map { json.discussion($0, issue: issue, project: project) }, request)
            case "POST": return addNote(request, project: index, issue: issueIndex, discussion: nil, thread: true)
            default: return Self.noRoute()
            }
        }
        guard let discussionIndex = issue.discussions.firstIndex(where: { $0.id == id }) else {
            return Self.message("404 Discussion Not Found", status: 404)
        }
        switch (request.method, rest.dropFirst().first) {
        case ("GET", nil):
            return Self.json(json.discussion(issue.discussions[discussionIndex], issue: issue, project: project))
        case ("POST", "notes"):
            guard !issue.discussions[discussionIndex].notes.contains(where: \.system) else { return Self.forbidden() }
            return addNote(request, project: index, issue: issueIndex, discussion: discussionIndex)
        default:
            return Self.noRoute()
        }
    }

    /// Adds a note: a new individual note, a new thread (`thread`), or a reply to discussion
    /// `discussion` (which turns an individual note into a thread).
    mutating func addNote(
        _ request: GitLabDemoRequest, project index: Int, issue issueIndex: Int, discussion: Int?, thread: Bool = false
    ) -> HTTPResponse {
        guard let caller = request.caller else { return Self.unauthorized() }
        var issue = data.projects[index].issues[issueIndex]
        if issue.discussionLocked, data.projects[index].members[caller] == nil { return Self.forbidden() }
        guard let body = request.string("body") else { return Self.error("body is missing") }
        guard !body.trimmedOfWhitespace.isEmpty else {
            return Self.message("400 Bad request - Note {:note=>[\"can't be blank\"]}", status: 400)
        }
        let now = nextClock()
        data.nextNoteID += 1
        let note = GitLabDemoData.Note(
            id: data.nextNoteID, body: body, authorID: caller, createdAt: now, updatedAt: now,
            isInternal: request["internal"]?.bool ?? false)
        let target: Int
        if let discussion {
            issue.discussions[discussion].notes.append(note)
            issue.discussions[discussion].individualNote = false
            target = discussion
        } else {
            issue.discussions.append(
                GitLabDemoData.Discussion(id: hexID(note.id), individualNote: !thread, notes: [note]))
            target = issue.discussions.count - 1
        }
        issue.updatedAt = now
        data.projects[index].issues[issueIndex] = issue
        return Self.json(
            json.note(note, in: issue.discussions[target], issue: issue, project: data.projects[index]), status: 201)
    }
}
