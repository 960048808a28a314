import ForgeModel
import Foundation
import HTTP

/// What an offset-paged GitLab answer says about its place in the collection (gitlab-rest.md §4):
/// the `x-*` headers and the `Link` header. Totals may be absent (more than 10,000 rows, or an
/// endpoint that never counts); a short page is not the end, only a missing next page is.
/// Every number is checked into a sane range, so a broken server cannot make Anvil loop or trap.
public struct GitLabPaging: Hashable, Sendable {
    /// The 1-based page this answer is.
    public var page: Int?
    /// The page size the server actually used (it clamps `per_page` to 100).
    public var perPage: Int?
    /// The next page number; nil on the last page.
    public var nextPage: Int?
    /// The total number of items, when the server counted them.
    public var total: Int?
    public var totalPages: Int?
    /// `Link` targets by relation (`next`, `prev`, `first`, `last`).
    public var links: [String: URL]

    /// The largest page number or total accepted from a server.
    static let limit = 100_000_000

    public init(_ response: HTTPResponse) {
        page = Self.number(response.header("x-page"), minimum: 1)
        perPage = Self.number(response.header("x-per-page"), minimum: 1).map { min($0, 100) }
        nextPage = Self.number(response.header("x-next-page"), minimum: 1)
        total = Self.number(response.header("x-total"), minimum: 0)
        totalPages = Self.number(response.header("x-total-pages"), minimum: 1)
        links = Self.parseLinks(response.header("Link") ?? "")
        if let current = page, let next = nextPage, next <= current { nextPage = nil }
    }

    /// Whether a page follows this one: a next page number or a `next` link.
    public var hasNext: Bool { nextPage != nil || links["next"] != nil }

    /// A header value as a number in `minimum…limit`; empty, malformed and out-of-range values
    /// are nil.
    static func number(_ text: String?, minimum: Int) -> Int? {
        guard let text = text?.trimmedOfSpaces, !text.isEmpty, text.count <= 12,
            let value = Int(text), value >= minimum, value <= limit
        else { return nil }
        return value
    }

    /// Parses `<url>; rel="next", <url>; rel="first"`. URLs are read between the angle brackets,
    /// so commas inside them do not split entries.
    static func parseLinks(_ header: String) -> [String: URL] {
        var result: [String: URL] = [:]
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let target = String(rest[rest.index(after: open)..<close])
            let afterTarget = rest[rest.index(after: close)...]
            let nextEntry = afterTarget.firstIndex(of: "<") ?? afterTarget.endIndex
            let parameters = afterTarget[..<nextEntry]
            if let relation = relation(in: parameters), let url = URL(string: target),
                url.scheme == "https" || url.scheme == "http"
            {
                for name in relation.split(separator: " ") { result[String(name).lowercased()] = url }
            }
            rest = afterTarget[nextEntry...]
        }
        return result
    }

    private static func relation(in parameters: Substring) -> String? {
        for part in parameters.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmedOfSpaces.lowercased() == "rel" else { continue }
            return pair[1].trimming(scalarsIn: " ,\"")
        }
        return nil
    }
}
