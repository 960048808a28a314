import ForgeModel
import Foundation
import HTTP

/// Turns Allura web and REST URLs into routes and routes into REST paths.
///
/// A URL alone does not say what kind of tool a mount point is, so `parse` decides by the shape
/// of the path below the mount (`p/proj/MOUNT/…`):
///
/// | shape | route |
/// |---|---|
/// | nothing | `.tool` |
/// | digits | `.ticket` (`.ticketComment` with a `#a1b2` anchor) |
/// | `search` (with `?q=`) | `.ticketSearch` |
/// | `_discuss/thread/ID` | `.discussionThread` (`.threadPost` with a post's slug after it, or as anchor) |
/// | `FORUM/thread/ID` | `.topic` (`.topicPost` with a post's slug after it, or as anchor) |
/// | `YYYY/MM/slug` | `.blogPost` |
/// | any other segment (and whatever follows it) | `.wikiPage` |
///
/// The last row is ambiguous: `p/proj/discussion/general/` is a forum, not a wiki page, and a
/// ticket number under a wiki is a page named "42". Call `refine(_:tools:)` once the project's
/// tools are known to settle it. Subprojects (`/p/proj/sub/`) look exactly like a mount point:
/// `parse` treats the second segment as a mount, and `refine` turns a mount that is not among the
/// project's tools into a subproject.
public enum AlluraRouter {
    /// Parses a web URL, a REST URL, or a path relative to `defaultBase` (`p/proj/…` or
    /// `/p/proj/…`). The returned base is the forge root (`https://host`, or `defaultBase` when
    /// the URL lies below it or is relative).
    public static func parse(_ input: String, defaultBase: URL?) throws -> (base: URL, route: Route) {
        let text = input.trimmedOfWhitespace
        let parts = URLParts(text)
        guard !text.isEmpty else { throw ForgeError.invalidURL("an empty address") }
        // Control characters (a line break, an escape) are never part of an address someone means.
        // (Unicode's category Cc, by value: its property lookup is the slow path.)
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw ForgeError.invalidURL("an address with control characters")
        }
        let base: URL
        if let origin = parts.origin {
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://"),
                let originURL = URL(string: origin), originURL.host != nil
            else { throw invalid(text) }
            if let defaultBase, defaultBase.origin == originURL.origin,
                parts.segments.starts(
                    with: defaultBase.path.split(separator: "/").map { PathSegment.decode(String($0)) })
            {
                base = defaultBase
            } else {
                base = originURL
            }
        } else {
            guard let defaultBase else { throw invalid(text) }
            base = defaultBase
        }
        let segments = parts.segments(below: base)
        guard let route = route(segments: segments, query: parts) else { throw invalid(text) }
        return (base, route)
    }

    /// `segments` joined by slashes. (Not `joined(separator:)`: the standard library's generic
    /// code looks up its witnesses at run time the first time, a tenth of a millisecond on the
    /// way to the first request.)
    private static func path(_ segments: ArraySlice<String>) -> String {
        var path = ""
        for index in segments.indices {
            if index != segments.startIndex { path += "/" }
            path += segments[index]
        }
        return path
    }

    private static func route(segments: [String], query: URLParts) -> Route? {
        guard segments.count >= 2, !segments.contains(where: { $0.isEmpty }) else { return nil }
        let neighborhood = segments[0]
        if neighborhood == "u", segments.count >= 3, segments[2] == "profile" {
            return .userProfile(username: segments[1])
        }
        let project = ProjectPath(neighborhood: neighborhood, name: segments[1])
        let rest = Array(segments.dropFirst(2))
        guard let mount = rest.first else { return .project(project) }
        let below = Array(rest.dropFirst())
        guard let first = below.first else { return .tool(project, mount: mount) }
        if below.count >= 3, first.count == 4, isDigits(first), below[1].count == 2, isDigits(below[1]) {
            return .blogPost(project, mount: mount, path: path(below[0...2]))
        }
        if isDigits(first), let number = Int(first) {
            if below.count == 1, let post = postSlug(query.fragment) {
                return .ticketComment(project, mount: mount, number: number, post: post)
            }
            return .ticket(project, mount: mount, number: number)
        }
        // A post of a thread: its slug as path segments after the thread (`ID/a1b2/c3d4/`), or as
        // the page's anchor (`ID/#a1b2`).
        let post = postSlug(path(below.dropFirst(3))) ?? postSlug(query.fragment)
        if first == "_discuss" {
            if below.count >= 3, below[1] == "thread" {
                if let post { return .threadPost(project, mount: mount, thread: below[2], post: post) }
                return .discussionThread(project, mount: mount, thread: below[2])
            }
            return .tool(project, mount: mount)
        }
        if below.count >= 3, below[1] == "thread" {
            if let post { return .topicPost(project, mount: mount, forum: first, thread: below[2], post: post) }
            return .topic(project, mount: mount, forum: first, thread: below[2])
        }
        if first == "search", below.count == 1 {
            return .ticketSearch(project, mount: mount, query: query.queryValue("q") ?? "")
        }
        return .wikiPage(project, mount: mount, title: first)
    }

    /// Settles the shape-based guesses of `parse` with the project's tool list: a "wiki page"
    /// under a forum tool is a forum, a "ticket" under a wiki is a page named by the number, a
    /// mount that is not a tool is a subproject, and so on. Routes that fit stay unchanged.
    public static func refine(_ route: Route, tools: [Tool]) -> Route {
        guard let mount = route.mount, let project = route.project else { return route }
        guard let tool = tools.first(where: { $0.mountPoint == mount }) else {
            // Not a tool of this project: the segment names a subproject.
            let sub = ProjectPath(neighborhood: project.neighborhood, name: project.name + "/" + mount)
            switch route {
            case .tool: return .project(sub)
            case .wikiPage(_, _, let title): return .tool(sub, mount: title)
            default: return route
            }
        }
        switch (tool.kind, route) {
        case (.wiki, .ticket(_, _, let number)):
            return .wikiPage(project, mount: mount, title: String(number))
        case (.wiki, .ticketSearch):
            return .wikiPage(project, mount: mount, title: "search")
        case (.wiki, .topic(_, _, let forum, _)):
            return .wikiPage(project, mount: mount, title: forum)
        case (.discussion, .wikiPage(_, _, let title)):
            return .forum(project, mount: mount, forum: title)
        case (.discussion, .ticket(_, _, let number)):
            return .forum(project, mount: mount, forum: String(number))
        case (.discussion, .ticketSearch):
            return .forum(project, mount: mount, forum: "search")
        case (.tickets, .wikiPage), (.tickets, .topic), (.tickets, .blogPost),
            (.blog, .wikiPage), (.blog, .ticket), (.blog, .ticketSearch), (.blog, .topic),
            (.link, .wikiPage), (.link, .ticket):
            return .tool(project, mount: mount)
        default:
            return route
        }
    }

    /// The REST path segments of a route, unencoded, below `/rest/`. A ticket search's query
    /// is not part of the path: see `restQuery(for:)`.
    public static func restPath(for route: Route) -> [String] {
        webPath(for: route)
    }

    /// The query items a route needs (only a ticket search has one).
    public static func restQuery(for route: Route) -> [URLQueryItem] {
        if case .ticketSearch(_, _, let query) = route { return [URLQueryItem(name: "q", value: query)] }
        return []
    }

    /// The web path segments of a route (the REST path without `rest`).
    public static func webPath(for route: Route) -> [String] {
        switch route {
        case .project(let p):
            return p.segments
        case .tool(let p, let mount):
            return p.segments + [mount]
        case .wikiPage(let p, let mount, let title):
            return p.segments + [mount, title]
        case .ticket(let p, let mount, let number), .ticketComment(let p, let mount, let number, _):
            return p.segments + [mount, String(number)]
        case .ticketSearch(let p, let mount, _):
            return p.segments + [mount, "search"]
        case .forum(let p, let mount, let forum):
            return p.segments + [mount, forum]
        case .topic(let p, let mount, let forum, let thread):
            return p.segments + [mount, forum, "thread", thread]
        case .topicPost(let p, let mount, let forum, let thread, let post):
            return p.segments + [mount, forum, "thread", thread] + post.split(separator: "/").map(String.init)
        case .discussionThread(let p, let mount, let thread):
            return p.segments + [mount, "_discuss", "thread", thread]
        case .threadPost(let p, let mount, let thread, let post):
            return p.segments + [mount, "_discuss", "thread", thread] + post.split(separator: "/").map(String.init)
        case .blogPost(let p, let mount, let path):
            return p.segments + [mount] + path.split(separator: "/").map(String.init)
        case .userProfile(let username):
            return ["u", username, "profile"]
        case .group(let path):
            // Allura's nearest thing to a group is a neighborhood (`p`).
            return path.split(separator: "/").map(String.init)
        }
    }

    /// `a1b2` or `a1b2/c3d4`: a post's slug (4 hex digits a level), as a URL may carry it.
    static func postSlug(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        let isSlug = levels.allSatisfy { level in
            level.count == 4 && level.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
        return isSlug ? text : nil
    }

    private static func isDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The error for input that is not a forge URL; the message shows no query string.
    private static func invalid(_ text: String) -> ForgeError {
        let shown = text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? text
        return .invalidURL(HTMLText.oneLine(shown, limit: 120))
    }
}
