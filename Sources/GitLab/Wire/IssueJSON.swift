import Foundation

/// An issue (schema `issue.json`), as lists, `GET`, `POST` and `PUT` return it.
struct IssueJSON: Decodable, Hashable, Sendable {
    let id: Int
    let iid: Int
    let projectID: Int
    let title: String
    let description: String?
    /// `opened` or `closed`.
    let state: String
    let createdAt: String
    let updatedAt: String
    let closedAt: String?
    let closedBy: UserJSON?
    let labels: [LabelName]
    let milestone: MilestoneJSON?
    let assignees: [UserJSON]
    let author: UserJSON
    let userNotesCount: Int
    let upvotes: Int
    let downvotes: Int
    let dueDate: String?
    let confidential: Bool
    let discussionLocked: Bool?
    let webURL: String
    let references: ReferencesJSON?
    let timeStats: TimeStatsJSON?
    let taskCompletionStatus: TaskCompletionJSON?
    let issueType: String?
    let movedToID: Int?

    enum CodingKeys: String, CodingKey {
        case id, iid, title, description, state, labels, milestone, assignees, author, upvotes, downvotes
        case confidential, references
        case projectID = "project_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case closedAt = "closed_at"
        case closedBy = "closed_by"
        case userNotesCount = "user_notes_count"
        case dueDate = "due_date"
        case discussionLocked = "discussion_locked"
        case webURL = "web_url"
        case timeStats = "time_stats"
        case taskCompletionStatus = "task_completion_status"
        case issueType = "issue_type"
        case movedToID = "moved_to_id"
    }
}

/// A label on an issue: a plain name, or with `with_labels_details=true` an object whose name is
/// what matters here (colours come from the label list).
struct LabelName: Decodable, Hashable, Sendable {
    let name: String
    let color: String?

    init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self.name = name
            self.color = nil
            return
        }
        let object = try LabelJSON(from: decoder)
        name = object.name
        color = object.color
    }
}

/// `references`: the short (`#42`), relative and full (`group/project#42`) forms.
struct ReferencesJSON: Decodable, Hashable, Sendable {
    let short: String
    let relative: String
    let full: String
}

/// Time tracking in seconds.
struct TimeStatsJSON: Decodable, Hashable, Sendable {
    let timeEstimate: Int
    let totalTimeSpent: Int
    let humanTimeEstimate: String?
    let humanTotalTimeSpent: String?

    enum CodingKeys: String, CodingKey {
        case timeEstimate = "time_estimate"
        case totalTimeSpent = "total_time_spent"
        case humanTimeEstimate = "human_time_estimate"
        case humanTotalTimeSpent = "human_total_time_spent"
    }
}

/// Markdown task list items in the description.
struct TaskCompletionJSON: Decodable, Hashable, Sendable {
    let count: Int
    let completedCount: Int

    enum CodingKeys: String, CodingKey {
        case count
        case completedCount = "completed_count"
    }
}

/// A milestone (schema `milestone.json`); `id` is global, `iid` is the number in web URLs.
struct MilestoneJSON: Decodable, Hashable, Sendable {
    let id: Int
    let iid: Int
    let projectID: Int?
    let groupID: Int?
    let title: String
    let description: String?
    /// `active` or `closed`.
    let state: String
    let dueDate: String?
    let startDate: String?
    let expired: Bool?
    let webURL: String?

    enum CodingKeys: String, CodingKey {
        case id, iid, title, description, state, expired
        case projectID = "project_id"
        case groupID = "group_id"
        case dueDate = "due_date"
        case startDate = "start_date"
        case webURL = "web_url"
    }
}

/// A label as `GET /projects/:id/labels` lists it (schema `labels/project_label.json`).
struct LabelJSON: Decodable, Hashable, Sendable {
    let id: Int
    let name: String
    let color: String
    let textColor: String?
    let description: String?
    let priority: Int?
    let isProjectLabel: Bool?
    let openIssuesCount: Int?

    enum CodingKeys: String, CodingKey {
        case id, name, color, description, priority
        case textColor = "text_color"
        case isProjectLabel = "is_project_label"
        case openIssuesCount = "open_issues_count"
    }
}
