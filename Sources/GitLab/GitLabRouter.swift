import ForgeModel
import Foundation
import HTTP

/// Turns pasted GitLab web and API URLs into locations and locations into web URLs
/// (gitlab-rest.md §10). The instance's base URL may have a relative root (`https://host/gitlab`);
/// it is stripped before the path is read.
public enum GitLabRouter {
    /// The location `input` names on the instance at `base`. A path without scheme and host is read
    /// relative to `base`. Throws `ForgeError.invalidURL` for another host or a path that names
    /// nothing Anvil knows.
    public static func parse(_ input: String, base: URL) throws(ForgeError) -> GitLabLocation {
        let text = input.trimmedOfWhitespace
        guard !text.isEmpty, text.count <= 8192 else { throw ForgeError.invalidURL("an empty or oversized address") }
        var rest = Substring(text)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query = ""
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let scheme = rest.range(of: "://") {
            guard let url = URL(string: String(rest)), url.host?.lowercased() == base.host?.lowercased(),
                url.scheme == "https" || url.scheme == "http", url.port == base.port
            else { throw ForgeError.invalidURL(oneLine(text)) }
            let authorityEnd = rest[scheme.upperBound...].firstIndex(of: "/") ?? rest.endIndex
            rest = rest[authorityEnd...]
        }
        var raw = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let root = base.path.split(separator: "/").map(String.init)
        if !root.isEmpty, raw.starts(with: root) { raw.removeFirst(root.count) }
        if let last = raw.last, last.hasSuffix(".git") {
            raw[raw.count - 1] = String(last.dropLast(4))
        }
        if raw.count >= 2, raw[0] == "api", raw[1] == "v4" {
            guard let location = apiLocation(Array(raw.dropFirst(2))) else {
                throw ForgeError.invalidURL(oneLine(text))
            }
            return location
        }
        if raw.count >= 2, raw[0] == "api", raw[1] == "v3" {
            throw ForgeError.unsupported("GitLab's API v3 is gone since GitLab 11; use the v4 address")
        }
        let segments = raw.map { PathSegment.decode($0) }
        guard !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ForgeError.invalidURL(oneLine(text))
        }
        let location = webLocation(segments, query: queryItems(query), fragment: fragment, base: base)
        guard let location else { throw ForgeError.invalidURL(oneLine(text)) }
        return location
    }

    /// The web page of `location` on the instance at `base`, for `o` and `y`; nil for a project
    /// known only by its numeric id (its path is needed).
    public static func webURL(for location: GitLabLocation, base: URL) -> URL? {
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        func project(_ ref: GitLabProjectRef) -> String? {
            guard case .path(let path) = ref else { return nil }
            return root + "/" + path.split(separator: "/").map { PathSegment.encode(String($0)) }.joined(separator: "/")
        }
        switch location {
        case .instance:
            return URL(string: root + "/")
        case .project(let ref):
            return project(ref).flatMap { URL(string: $0) }
        case .issues(let ref, let filter):
            guard let page = project(ref) else { return nil }
            let query = filter.webQuery.map { PathSegment.encode($0.0) + "=" + PathSegment.encode($0.1) }
            return URL(string: page + "/-/issues" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        case .issue(let ref, let iid, let note):
            guard let page = project(ref) else { return nil }
            return URL(string: page + "/-/issues/\(iid)" + (note.map { "#note_\($0)" } ?? ""))
        case .wikiPages(let ref):
            return project(ref).flatMap { URL(string: $0 + "/-/wikis/pages") }
        case .wikiPage(let ref, let slug):
            guard let page = project(ref) else { return nil }
            let path = slug.split(separator: "/").map { PathSegment.encode(String($0)) }.joined(separator: "/")
            return URL(string: page + "/-/wikis/" + path)
        case .milestone(let ref, let iid):
            return project(ref).flatMap { URL(string: $0 + "/-/milestones/\(iid)") }
        case .user(let username):
            return URL(string: root + "/" + PathSegment.encode(username))
        case .group(let path):
            return URL(
                string: root + "/groups/"
                    + path.split(separator: "/").map { PathSegment.encode(String($0)) }.joined(separator: "/"))
        case .elsewhere(_, let url):
            return url
        }
    }

    // MARK: - API URLs

    /// `projects/:id[/issues[/:iid]|/wikis[/:slug]]`, `users/:id`, `groups/:id`. Segments are still
    /// percent-encoded, so an encoded `%2F` stays inside its segment.
    static func apiLocation(_ raw: [String]) -> GitLabLocation? {
        guard let kind = raw.first else { return .instance }
        switch kind {
        case "projects":
            guard raw.count >= 2 else { return nil }
            let decoded = PathSegment.decode(raw[1])
            guard !decoded.isEmpty else { return nil }
            let ref: GitLabProjectRef = decoded.allSatisfy(\.isNumber) ? .id(Int(decoded) ?? 0) : .path(decoded)
            if case .id(let id) = ref, id <= 0 { return nil }
            let below = raw.dropFirst(2).map { PathSegment.decode($0) }
            switch (below.first, below.count) {
            case (nil, _): return .project(ref)
            case ("issues", 1): return .issues(ref, GitLabIssueFilter())
            case ("issues", _):
                guard let iid = positive(below[1]) else { return nil }
                return .issue(ref, iid: iid, note: noteID(below.count >= 4 && below[2] == "notes" ? below[3] : nil))
            case ("wikis", 1): return .wikiPages(ref)
            case ("wikis", 2): return .wikiPage(ref, slug: below[1])
            case ("milestones", _): return .project(ref)
            default: return .project(ref)
            }
        case "groups":
            guard raw.count >= 2 else { return nil }
            return .group(path: PathSegment.decode(raw[1]))
        default:
            return nil
        }
    }

    // MARK: - Web URLs

    /// Routes that are not projects or groups, as their first segment.
    static let reserved: Set<String> = ["dashboard", "explore", "admin", "help", "search", "-", "api"]
    /// Project parts Anvil does not show; the browser opens them.
    static let elsewhereParts: Set<String> = [
        "merge_requests", "tree", "blob", "commit", "commits", "pipelines", "jobs", "branches", "tags",
        "releases", "environments", "snippets", "boards", "settings", "graphs", "network", "compare",
    ]

    static func webLocation(
        _ segments: [String], query: [(String, String)], fragment: String?, base: URL
    ) -> GitLabLocation? {
        guard let first = segments.first else { return .instance }
        if first == "users", segments.count >= 2 { return .user(username: segments[1]) }
        if first == "groups", segments.count >= 2 {
            let path = segments.dropFirst().prefix { $0 != "-" }
            return path.isEmpty ? nil : .group(path: path.joined(separator: "/"))
        }
        if reserved.contains(first) { return segments == ["dashboard", "projects"] ? .instance : nil }
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        let page = URL(string: root + "/" + segments.map(PathSegment.encode).joined(separator: "/"))
        if let dash = segments.firstIndex(of: "-") {
            guard dash >= 2 else { return dash == 1 ? .group(path: first) : nil }
            let ref = GitLabProjectRef.path(segments[..<dash].joined(separator: "/"))
            return projectPart(ref, Array(segments[(dash + 1)...]), query: query, fragment: fragment, page: page)
        }
        // Legacy URLs without `/-/`: the last `issues`/`wikis`/`milestones` that follows a project.
        for index in stride(from: segments.count - 1, through: 2, by: -1)
        where ["issues", "wikis", "milestones", "merge_requests"].contains(segments[index]) {
            let ref = GitLabProjectRef.path(segments[..<index].joined(separator: "/"))
            return projectPart(ref, Array(segments[index...]), query: query, fragment: fragment, page: page)
        }
        if segments.count == 1 { return .user(username: first) }
        return .project(.path(segments.joined(separator: "/")))
    }

    /// The view of `parts` (what follows `/-/`) inside project `ref`.
    static func projectPart(
        _ ref: GitLabProjectRef, _ parts: [String], query: [(String, String)], fragment: String?, page: URL?
    ) -> GitLabLocation? {
        guard let kind = parts.first else { return .project(ref) }
        switch kind {
        case "issues", "work_items":
            var rest = Array(parts.dropFirst())
            if rest.first == "incident" { rest.removeFirst() }
            guard let number = rest.first else { return .issues(ref, GitLabIssueFilter(webQuery: query)) }
            guard let iid = positive(number) else { return .issues(ref, GitLabIssueFilter(webQuery: query)) }
            let note = fragment.flatMap { $0.hasPrefix("note_") ? noteID(String($0.dropFirst(5))) : nil }
            return .issue(ref, iid: iid, note: note)
        case "wikis":
            var slug = Array(parts.dropFirst())
            if slug == ["pages"] { return .wikiPages(ref) }
            if let last = slug.last, ["edit", "history", "diff"].contains(last), slug.count > 1 { slug.removeLast() }
            return .wikiPage(ref, slug: slug.isEmpty ? "home" : slug.joined(separator: "/"))
        case "milestones":
            guard parts.count >= 2, let iid = positive(parts[1]) else { return .project(ref) }
            return .milestone(ref, iid: iid)
        default:
            if elsewhereParts.contains(kind), let page { return .elsewhere(ref, webURL: page) }
            return .project(ref)
        }
    }

    static func positive(_ text: String) -> Int? {
        guard text.count <= 12, text.allSatisfy(\.isASCII), let value = Int(text), value > 0 else { return nil }
        return value
    }

    static func noteID(_ text: String?) -> Int? { text.flatMap(positive) }

    /// Query items in order, `+` read as a space and values percent-decoded.
    static func queryItems(_ query: String) -> [(String, String)] {
        query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty else { return nil }
            func decode(_ s: Substring) -> String {
                PathSegment.decode(s.replacingOccurrences(of: "+", with: " "))
            }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func oneLine(_ text: String) -> String { HTMLText.oneLine(text, limit: 200) }
}
