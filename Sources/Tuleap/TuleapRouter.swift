import ForgeModel
import Foundation
import HTTP

/// Reads pasted Tuleap web and API URLs into locations and writes locations back as web URLs
/// (tuleap-rest.md §1). Query strings are parsed, never matched as text: parameters come in any
/// order. A base with a path prefix (`https://host/tuleap`) is stripped first.
public enum TuleapRouter {
    /// The location `input` names on the server at `base`; a path without scheme and host is
    /// read relative to `base`. Throws `ForgeError.invalidURL` for another host or a path that
    /// names nothing Anvil shows.
    public static func parse(_ input: String, base: URL) throws(ForgeError) -> TuleapLocation {
        let text = input.trimmedOfWhitespace
        guard !text.isEmpty, text.count <= 8192 else { throw ForgeError.invalidURL("an empty or oversized address") }
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
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
        var segments = rest.split(separator: "/").map { PathSegment.decode(String($0)) }
        let root = base.path.split(separator: "/").map(String.init)
        if !root.isEmpty, segments.starts(with: root) { segments.removeFirst(root.count) }
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { throw ForgeError.invalidURL(oneLine(text)) }
        let items = queryItems(query)
        let location: TuleapLocation?
        if segments.first == "api" {
            var api = Array(segments.dropFirst())
            if api.first == "v1" { api.removeFirst() }
            location = apiLocation(api)
        } else {
            location = webLocation(segments, query: items)
        }
        guard let location else { throw ForgeError.invalidURL(oneLine(text)) }
        return location
    }

    /// The web page of `location` on the server at `base`, for `o` and `y`.
    public static func webURL(for location: TuleapLocation, base: URL) -> URL? {
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        func query(_ pairs: [(String, String)]) -> String {
            pairs.map { PathSegment.encode($0.0) + "=" + PathSegment.encode($0.1) }.joined(separator: "&")
        }
        switch location {
        case .server: return URL(string: root + "/")
        case .project(let name): return URL(string: root + "/projects/" + PathSegment.encode(name) + "/")
        case .projectID(let id): return URL(string: root + "/plugins/tracker/?" + query([("group_id", String(id))]))
        case .tracker(let id): return URL(string: root + "/plugins/tracker/?" + query([("tracker", String(id))]))
        case .artifact(let id): return URL(string: root + "/plugins/tracker/?" + query([("aid", String(id))]))
        case .wiki(let project, let page):
            var pairs = [("group_id", String(project))]
            if let page { pairs.append(("pagename", page)) }
            return URL(string: root + "/wiki/?" + query(pairs))
        case .user(let name): return URL(string: root + "/users/" + PathSegment.encode(name))
        }
    }

    /// `projects/N[/…]`, `trackers/N[/…]`, `artifacts/N[/…]`.
    static func apiLocation(_ segments: [String]) -> TuleapLocation? {
        guard let kind = segments.first else { return .server }
        guard segments.count >= 2, let id = positive(segments[1]) else { return nil }
        switch kind {
        case "projects":
            if segments.dropFirst(2).first == "phpwiki" { return .wiki(projectID: id, page: nil) }
            return .projectID(id)
        case "trackers": return .tracker(id)
        case "artifacts": return .artifact(id)
        default: return nil
        }
    }

    static func webLocation(_ segments: [String], query: [(String, String)]) -> TuleapLocation? {
        func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        guard let first = segments.first else { return .server }
        switch first {
        case "projects":
            guard segments.count >= 2, !segments[1].isEmpty else { return nil }
            return .project(shortname: segments[1])
        case "plugins":
            guard segments.count >= 2, segments[1] == "tracker" else { return nil }
            if let aid = value("aid").flatMap(positive) { return .artifact(aid) }
            if let tracker = value("tracker").flatMap(positive) { return .tracker(tracker) }
            if let group = value("group_id").flatMap(positive) { return .projectID(group) }
            return nil
        case "goto", "goto.php":
            guard let id = value("val").flatMap(positive) else { return nil }
            return .artifact(id)
        case "wiki":
            guard let group = value("group_id").flatMap(positive) else { return nil }
            let page = value("pagename").flatMap { $0.isEmpty ? nil : $0 }
            return .wiki(projectID: group, page: page)
        case "users":
            guard segments.count >= 2 else { return nil }
            return .user(username: segments[1])
        default:
            return nil
        }
    }

    static func positive(_ text: String) -> Int? {
        guard text.count <= 12, text.allSatisfy(\.isASCII), let value = Int(text), value > 0 else { return nil }
        return value
    }

    /// Query items in order, `+` read as a space and values percent-decoded.
    static func queryItems(_ query: String) -> [(String, String)] {
        query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty else { return nil }
            func decode(_ s: Substring) -> String { PathSegment.decode(s.replacingOccurrences(of: "+", with: " ")) }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func oneLine(_ text: String) -> String { HTMLText.oneLine(text, limit: 200) }
}
