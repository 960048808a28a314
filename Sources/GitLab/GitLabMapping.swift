import ForgeModel
import Foundation
import HTTP

/// GitLab's wire types turned into the forge-neutral model.
enum GitLabMapping {
    /// The project reference of a full path (`acme/tools/anvil-demo`): GitLab has no
    /// neighborhoods, so the whole path is the name.
    static func projectPath(_ fullPath: String) -> ProjectPath { ProjectPath(neighborhood: "", name: fullPath) }

    /// The mount keys of GitLab's two tools: one issue tracker and one wiki per project.
    static let issuesMount = "issues"
    static let wikiMount = "wiki"

    static func group(_ json: GroupJSON) -> ProjectGroup {
        ProjectGroup(
            path: json.fullPath, name: json.name, description: json.description ?? "",
            visibility: json.visibility ?? "", webURL: json.webURL ?? "")
    }

    static func project(_ json: ProjectJSON) -> Project {
        var tools: [Tool] = []
        if json.issuesEnabled ?? (json.issuesAccessLevel.map { $0 != "disabled" } ?? false) {
            tools.append(
                Tool(kind: .tickets, mountPoint: issuesMount, label: "Issues", webURL: json.webURL + "/-/issues"))
        }
        if json.wikiEnabled ?? (json.wikiAccessLevel.map { $0 != "disabled" } ?? false) {
            tools.append(Tool(kind: .wiki, mountPoint: wikiMount, label: "Wiki", webURL: json.webURL + "/-/wikis"))
        }
        var labels = json.topics ?? []
        if let visibility = json.visibility { labels.insert(visibility, at: 0) }
        var summary = ["★ \(json.starCount)"]
        if let forks = json.forksCount { summary.append("forks \(forks)") }
        if let open = json.openIssuesCount { summary.append("\(open) open issues") }
        if let branch = json.defaultBranch { summary.append("default branch \(branch)") }
        return Project(
            path: projectPath(json.pathWithNamespace), shortname: json.path, name: json.name, webURL: json.webURL,
            isPrivate: json.visibility == "private", summary: summary.joined(separator: " · "),
            shortDescription: json.description ?? "", creationDate: String(json.createdAt.prefix(10)),
            status: json.archived == true ? "archived" : "active", labels: labels, tools: tools)
    }

    static func ticket(_ json: IssueJSON) -> Ticket {
        var fields: [String: FieldValue] = [
            "Reference": .text(json.references?.full ?? "#\(json.iid)"),
            "Confidential": .bool(json.confidential),
        ]
        if json.assignees.count > 1 {
            fields["Assignees"] = .text(json.assignees.map(\.username).joined(separator: ", "))
        }
        if let due = json.dueDate { fields["Due date"] = .text(due) }
        if let stats = json.timeStats {
            if let estimate = stats.humanTimeEstimate { fields["Time estimate"] = .text(estimate) }
            if let spent = stats.humanTotalTimeSpent { fields["Time spent"] = .text(spent) }
        }
        if let tasks = json.taskCompletionStatus, tasks.count > 0 {
            fields["Tasks"] = .text("\(tasks.completedCount) of \(tasks.count) done")
        }
        if let type = json.issueType, type != "issue" { fields["Type"] = .text(type) }
        if let closedBy = json.closedBy { fields["Closed by"] = .text(closedBy.username) }
        return Ticket(
            number: json.iid, summary: json.title, description: json.description ?? "", status: json.state,
            reporter: json.author.username, assignee: json.assignees.first?.username,
            labels: json.labels.map(\.name), milestone: json.milestone?.title, customFields: fields,
            isPrivate: json.confidential, discussionDisabled: json.discussionLocked ?? false,
            created: WireTimestamp.parse(json.createdAt), modified: WireTimestamp.parse(json.updatedAt),
            modifiedStamp: json.updatedAt, votesUp: json.upvotes, votesDown: json.downvotes,
            threadID: String(json.iid))
    }

    /// The issue fields beyond the built-in ones, keyed as `ticket(_:)` keys them. Anvil writes
    /// the due date and the confidential flag; the others are facts GitLab computes or that
    /// have their own keys (assignees).
    static let issueFields: [FieldSpec] = [
        FieldSpec(key: "Due date", name: "Due date", kind: .date),
        FieldSpec(key: "Confidential", name: "Confidential", kind: .flag),
        FieldSpec(key: "Assignees", name: "Assignees", kind: .user, isWritable: false),
        FieldSpec(key: "Time estimate", name: "Time estimate", isWritable: false),
        FieldSpec(key: "Time spent", name: "Time spent", isWritable: false),
        FieldSpec(key: "Tasks", name: "Tasks", isWritable: false),
        FieldSpec(key: "Type", name: "Type", isWritable: false),
        FieldSpec(key: "Closed by", name: "Closed by", kind: .user, isWritable: false),
    ]

    /// The posts of discussions as a depth-1 tree: a discussion's first note is the root, with the
    /// discussion's id as its id (what a reply is sent to); the other notes reply to it, with their
    /// note ids. System notes are change-log posts.
    static func posts(_ discussions: [DiscussionJSON]) -> [Post] {
        discussions.flatMap { discussion in
            discussion.notes.enumerated().map { index, note in
                index == 0
                    ? post(note, id: discussion.id, ancestors: [])
                    : post(note, id: String(note.id), ancestors: [discussion.id])
            }
        }
    }

    static func post(_ note: NoteJSON, id: String, ancestors: [String]) -> Post {
        let created = WireTimestamp.parse(note.createdAt)
        let updated = WireTimestamp.parse(note.updatedAt)
        return Post(
            id: id, ancestors: ancestors, text: note.body, author: note.author.username, timestamp: created,
            lastEdited: updated.flatMap { updated in created.map { updated > $0 ? updated : nil } ?? nil },
            isMeta: note.system, anchor: "note_" + String(note.id))
    }

    static func milestone(_ json: MilestoneJSON) -> Milestone {
        Milestone(
            name: json.title, dueDate: json.dueDate ?? "", description: json.description ?? "",
            isComplete: json.state == "closed")
    }

    static func wikiPage(_ json: WikiPageJSON) -> WikiPage {
        let text = json.content ?? ""
        guard json.format == "markdown" else {
            // Other formats are shown as their source, in a code block that names the format.
            return WikiPage(title: displayTitle(json), text: "*\(json.format)*\n\n```\n" + text + "\n```\n")
        }
        return WikiPage(title: displayTitle(json), text: text)
    }

    /// GitLab's title is the slug's last part with `-` as spaces; `home` shows as "Home".
    static func displayTitle(_ json: WikiPageJSON) -> String {
        json.slug == "home" ? "Home" : json.title
    }

    static func profile(_ json: UserJSON) -> UserProfile {
        UserProfile(
            username: json.username, name: json.name, joined: json.createdAt.flatMap(WireTimestamp.parse),
            city: json.location.flatMap { $0.isEmpty ? nil : $0 }, webpages: json.webURL.map { [$0] } ?? [])
    }

    /// Totals from paging headers: exact when counted, unknown otherwise.
    static func total(_ paging: GitLabPaging, itemsOnPage: Int) -> Total {
        if let total = paging.total { return .exact(total) }
        if !paging.hasNext, let page = paging.page, let perPage = paging.perPage {
            return .exact((page - 1) * perPage + itemsOnPage)
        }
        return .unknown
    }
}
