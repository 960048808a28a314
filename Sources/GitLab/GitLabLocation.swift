import Foundation
import HTTP

/// A place on a GitLab instance, as a pasted web or API URL names it (gitlab-rest.md §10).
public enum GitLabLocation: Hashable, Sendable {
    /// The instance itself: the start view.
    case instance
    /// A project, or, for a path without `/-/`, a project or a group (ask the server which).
    case project(GitLabProjectRef)
    /// The issue list, with the filters a web URL's query carried.
    case issues(GitLabProjectRef, GitLabIssueFilter)
    /// One issue, and the note a `#note_N` fragment selects.
    case issue(GitLabProjectRef, iid: Int, note: Int?)
    /// The wiki's page list.
    case wikiPages(GitLabProjectRef)
    /// One wiki page by slug (`home` for the wiki's front page).
    case wikiPage(GitLabProjectRef, slug: String)
    /// A milestone by its per-project number, as web URLs show it.
    case milestone(GitLabProjectRef, iid: Int)
    /// A user's profile (`/users/NAME`, or `/NAME` when it is a user rather than a group).
    case user(username: String)
    /// A group (`/groups/PATH`).
    case group(path: String)
    /// A part of a project Anvil does not show (merge requests, code, pipelines): the project,
    /// with the web address to hand to the browser.
    case elsewhere(GitLabProjectRef, webURL: URL)
}

/// A project as a URL names it: by full path (`acme/tools/anvil-demo`) or, in API URLs, maybe
/// by numeric id.
public enum GitLabProjectRef: Hashable, Sendable {
    case path(String)
    case id(Int)

    /// The `:id` path segment: the number, or the full path encoded as one segment (`/` → `%2F`).
    public var apiSegment: String {
        switch self {
        case .path(let path): return PathSegment.encode(path)
        case .id(let id): return String(id)
        }
    }
}

/// Filters of an issue list (the web list's query, mapped to the API's parameters).
public struct GitLabIssueFilter: Hashable, Sendable {
    /// `opened`, `closed` or `all`.
    public var state: String = "opened"
    public var labels: [String] = []
    public var assignee: String?
    public var author: String?
    public var milestone: String?
    public var search: String?
    /// `created_at`, `updated_at`, `priority`, `due_date`, `title`, `popularity`, …
    public var orderBy: String?
    /// `asc` or `desc`.
    public var sort: String?

    public init() {}

    /// Reads the web list's query (`state`, `label_name[]`, `assignee_username`, `milestone_title`,
    /// `search`, `sort=updated_desc`).
    init(webQuery items: [(String, String)]) {
        for (name, value) in items {
            switch name {
            case "state" where ["opened", "closed", "all"].contains(value): state = value
            case "label_name[]", "label_name": labels.append(value)
            case "assignee_username", "assignee_username[]": assignee = value
            case "author_username": author = value
            case "milestone_title": milestone = value
            case "search": search = value
            case "sort": (orderBy, sort) = Self.webSort(value)
            default: break
            }
        }
    }

    /// The API's query items for this filter (without paging).
    public var apiQuery: [URLQueryItem] {
        var items = [URLQueryItem(name: "state", value: state)]
        if !labels.isEmpty { items.append(URLQueryItem(name: "labels", value: labels.joined(separator: ","))) }
        if let assignee { items.append(URLQueryItem(name: "assignee_username", value: assignee)) }
        if let author { items.append(URLQueryItem(name: "author_username", value: author)) }
        if let milestone { items.append(URLQueryItem(name: "milestone", value: milestone)) }
        if let search { items.append(URLQueryItem(name: "search", value: search)) }
        if let orderBy { items.append(URLQueryItem(name: "order_by", value: orderBy)) }
        if let sort { items.append(URLQueryItem(name: "sort", value: sort)) }
        return items
    }

    /// The web list's query for this filter, the inverse of `init(webQuery:)`.
    var webQuery: [(String, String)] {
        var items: [(String, String)] = []
        if state != "opened" { items.append(("state", state)) }
        for label in labels { items.append(("label_name[]", label)) }
        if let assignee { items.append(("assignee_username", assignee)) }
        if let author { items.append(("author_username", author)) }
        if let milestone { items.append(("milestone_title", milestone)) }
        if let search { items.append(("search", search)) }
        if let orderBy, let web = Self.webSortName(orderBy: orderBy, sort: sort) { items.append(("sort", web)) }
        return items
    }

    /// Web sort names (`created_date`, `updated_desc`, `due_date`, `title_asc`, …) to `order_by`
    /// and `sort`.
    static func webSort(_ value: String) -> (String?, String?) {
        let fields: [(String, String)] = [
            ("created_date", "created_at"), ("created", "created_at"), ("updated", "updated_at"),
            ("due_date", "due_date"), ("priority", "priority"), ("popularity", "popularity"),
            ("title", "title"), ("milestone_due", "milestone_due"), ("label_priority", "label_priority"),
        ]
        var name = value
        var direction: String?
        for suffix in ["_asc", "_desc"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            direction = String(suffix.dropFirst())
        }
        guard let field = fields.first(where: { $0.0 == name })?.1 else { return (nil, nil) }
        if direction == nil { direction = field == "created_at" || field == "updated_at" ? "desc" : "asc" }
        return (field, direction)
    }

    static func webSortName(orderBy: String, sort: String?) -> String? {
        let names: [String: String] = [
            "created_at": "created", "updated_at": "updated", "due_date": "due_date", "priority": "priority",
            "popularity": "popularity", "title": "title", "milestone_due": "milestone_due",
            "label_priority": "label_priority",
        ]
        guard let name = names[orderBy] else { return nil }
        return name + "_" + (sort ?? "desc")
    }
}
