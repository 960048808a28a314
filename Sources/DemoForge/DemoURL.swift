import Foundation
import HTTP

/// URL helpers for the demo forge.
enum DemoURL {
    /// Percent-encodes one path segment, letting only RFC 3986 unreserved characters through.
    static func encodeSegment(_ segment: String) -> String { PathSegment.encode(segment) }

    /// `scheme://host[:port]` plus any path prefix of `base`, without a trailing slash.
    static func root(_ base: URL) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The decoded path segments of a request URL (each percent-decoded once), and whether the
    /// path ended with a slash.
    static func segments(of url: URL) -> (segments: [String], trailingSlash: Bool) {
        let encoded = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let parts = encoded.split(separator: "/", omittingEmptySubsequences: true).map { part in
            String(part).removingPercentEncoding ?? String(part)
        }
        return (parts, encoded.hasSuffix("/") && encoded.count > 1)
    }

    /// The raw query string of a request URL.
    static func query(of url: URL) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery
    }

    /// The raw (still encoded) path of a request URL.
    static func rawPath(of url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        return path.isEmpty ? "/" : path
    }
}
