/// A place inside a forge that a view can show. Backends turn URLs into routes and back;
/// views only ever see routes.
public enum Route: Hashable, Sendable {
    case project(ProjectPath)
    /// A tool's top level: the wiki index, a ticket list, a forum list, a blog.
    case tool(ProjectPath, mount: String)
    case wikiPage(ProjectPath, mount: String, title: String)
    case ticket(ProjectPath, mount: String, number: Int)
    /// One comment of a ticket (Allura's `…/bugs/42/#a1b2`): its id or web anchor.
    case ticketComment(ProjectPath, mount: String, number: Int, post: String)
    case ticketSearch(ProjectPath, mount: String, query: String)
    case forum(ProjectPath, mount: String, forum: String)
    case topic(ProjectPath, mount: String, forum: String, thread: String)
    /// One post of a forum topic, selected when the topic opens (its slug, `a1b2/c3d4`).
    case topicPost(ProjectPath, mount: String, forum: String, thread: String, post: String)
    /// A comment thread of a wiki page, ticket or blog post (`_discuss/thread/{id}`).
    case discussionThread(ProjectPath, mount: String, thread: String)
    /// One post of a comment thread, selected when the thread opens: its id or its web anchor
    /// (GitLab's `note_123`).
    case threadPost(ProjectPath, mount: String, thread: String, post: String)
    /// A blog post by its path below the blog (`2025/02/announcing-nimbus`).
    case blogPost(ProjectPath, mount: String, path: String)
    case userProfile(username: String)
    /// A group of projects by its full path (GitLab's groups and subgroups, `acme/tools`).
    case group(path: String)

    /// The project this route belongs to; nil for a user's profile, which belongs to no project
    /// (whether a user has a personal project, and where, is the backend's business).
    public var project: ProjectPath? {
        switch self {
        case .project(let p), .tool(let p, _), .wikiPage(let p, _, _), .ticket(let p, _, _),
            .ticketComment(let p, _, _, _), .topicPost(let p, _, _, _, _),
            .ticketSearch(let p, _, _), .forum(let p, _, _), .topic(let p, _, _, _),
            .discussionThread(let p, _, _), .threadPost(let p, _, _, _), .blogPost(let p, _, _):
            return p
        case .userProfile, .group:
            return nil
        }
    }

    /// The mount point of the tool this route is inside, if any.
    public var mount: String? {
        switch self {
        case .project, .userProfile, .group: return nil
        case .tool(_, let m), .wikiPage(_, let m, _), .ticket(_, let m, _), .ticketSearch(_, let m, _),
            .ticketComment(_, let m, _, _), .topicPost(_, let m, _, _, _),
            .forum(_, let m, _), .topic(_, let m, _, _), .discussionThread(_, let m, _), .threadPost(_, let m, _, _),
            .blogPost(_, let m, _):
            return m
        }
    }
}
