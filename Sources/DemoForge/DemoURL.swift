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
        let encoded = encodedParts(of: url).path
        let parts = encoded.split(separator: "/", omittingEmptySubsequences: true).map { part in
            guard part.utf8.contains(UInt8(ascii: "%")) else { return String(part) }
            return String(part).removingPercentEncoding ?? String(part)
        }
        return (parts, encoded.hasSuffix("/") && encoded.count > 1)
    }

    /// The raw query string of a request URL.
    static func query(of url: URL) -> String? {
        encodedParts(of: url).query.map(String.init)
    }

    /// The raw (still encoded) path of a request URL.
    static func rawPath(of url: URL) -> String {
        let path = encodedParts(of: url).path
        return path.isEmpty ? "/" : String(path)
    }

    /// The still-encoded path and query of `url`, as `URLComponents` gives them, read off the
    /// text of an absolute address (`scheme://authority/path?query#fragment`) without it.
    static func encodedParts(of url: URL) -> (path: Substring, query: Substring?) {
        let text = url.absoluteString
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), text[colon...].hasPrefix("://") else {
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            return ((components?.percentEncodedPath ?? url.path)[...], components?.percentEncodedQuery?[...])
        }
        let afterScheme = bytes.index(colon, offsetBy: 3)
        let pathStart =
            bytes[afterScheme...].firstIndex {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            } ?? bytes.endIndex
        let fragment = bytes[pathStart...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        let question = bytes[pathStart..<fragment].firstIndex(of: UInt8(ascii: "?"))
        let path = text[pathStart..<(question ?? fragment)]
        let query = question.map { text[bytes.index(after: $0)..<fragment] }
        return (path, query)
    }
}
