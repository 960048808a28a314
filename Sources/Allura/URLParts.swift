import ForgeModel
import Foundation
import HTTP

/// An absolute or relative URL taken apart by hand, so that raw non-ASCII characters (which
/// Allura puts in blog URLs and `Location` headers) never make parsing fail.
struct URLParts: Hashable {
    /// `https://host:port`, or nil for a relative reference.
    var origin: String?
    /// Path segments, percent-decoded, without empty segments.
    var segments: [String]
    /// The raw query string without `?`, or nil.
    var query: String?
    /// What follows `#`, percent-decoded, or nil.
    var fragment: String?

    init(_ text: String) {
        var rest = Substring(text.trimmedOfWhitespace)
        if let hash = rest.firstIndex(of: "#") {
            fragment = PathSegment.decode(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let scheme = rest.range(of: "://"), !rest[..<scheme.lowerBound].contains("/") {
            let authorityStart = scheme.upperBound
            let authorityEnd = rest[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            // String pieces only: adding a Substring to a String is the generic, unspecialised append.
            origin = rest[..<scheme.lowerBound].lowercased() + "://" + String(rest[authorityStart..<authorityEnd])
            rest = rest[authorityEnd...]
        } else {
            origin = nil
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        } else {
            query = nil
        }
        segments = rest.split(separator: "/").map { PathSegment.decode(String($0)) }
    }

    /// The decoded value of query parameter `name` (`+` read as a space), or nil.
    func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PathSegment.decode(parts[0].replacingOccurrences(of: "+", with: " "))
            guard key == name else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            return PathSegment.decode(value.replacingOccurrences(of: "+", with: " "))
        }
        return nil
    }

    /// The path segments below `base`: the base URL's own path prefix and a leading `rest`
    /// are removed.
    func segments(below base: URL) -> [String] {
        var result = segments
        let prefix = base.path.split(separator: "/").map { PathSegment.decode(String($0)) }
        if !prefix.isEmpty, result.starts(with: prefix) { result.removeFirst(prefix.count) }
        if result.first == "rest" { result.removeFirst() }
        return result
    }
}

extension URL {
    /// `scheme://host[:port]` of this URL.
    var origin: String {
        var text =
            "\(scheme ?? "https")://\(host.map { $0.contains(":") && !$0.hasPrefix("[") ? "[\($0)]" : $0 } ?? "")"
        if let port { text += ":\(port)" }
        return text
    }
}
