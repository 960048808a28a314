import ForgeModel
import Foundation

/// Where a forge's REST API lives (`https://host/gitlab/api/v4`), and its request URLs: the
/// path segments as given (already encoded), then the query with every name and value encoded.
public struct APIRoot: Hashable, Sendable {
    /// The forge's address without trailing slashes.
    public let base: URL
    /// `api/v4`, `api`.
    public let prefix: String

    public init(base: URL, prefix: String) {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        self.base = URL(string: root) ?? base
        self.prefix = prefix
    }

    /// `BASE/PREFIX/` + `path` + the query.
    /// - Throws: `ForgeError.invalidURL` when the result is not a URL.
    public func url(_ path: [String], query: [URLQueryItem] = []) throws(ForgeError) -> URL {
        var text = base.absoluteString + "/" + prefix + "/" + path.joined(separator: "/")
        if !query.isEmpty {
            text +=
                "?"
                + query.map { PathSegment.encode($0.name) + "=" + PathSegment.encode($0.value ?? "") }
                .joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw ForgeError.invalidURL(HTMLText.oneLine(text, limit: 120)) }
        return url
    }
}
