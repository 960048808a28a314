import Foundation

/// A place on a Tuleap server, as a pasted web or API URL names it (tuleap-rest.md §1.2).
/// Artifact and tracker ids are global to the server, so they stand alone.
public enum TuleapLocation: Hashable, Sendable {
    /// The server itself: the start view.
    case server
    /// A project by short name (`/projects/NAME`).
    case project(shortname: String)
    /// A project by numeric id (`/api/projects/N`, `?group_id=N`).
    case projectID(Int)
    /// A tracker's artifact list (`/plugins/tracker/?tracker=N`).
    case tracker(Int)
    /// One artifact (`/plugins/tracker/?aid=N`, `/api/artifacts/N`, `/goto?key=…&val=N`).
    case artifact(Int)
    /// A PhpWiki page of a project (`/wiki/?group_id=N&pagename=P`); nil page: the page list.
    case wiki(projectID: Int, page: String?)
    /// A user (`/users/NAME`).
    case user(username: String)
}
