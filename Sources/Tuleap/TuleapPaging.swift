import ForgeModel
import Foundation
import HTTP

/// What a paged Tuleap answer says (tuleap-rest.md §3.4): `X-PAGINATION-SIZE` is an upper bound
/// on the collection (counted before permissions), so pages may be short or empty before the end;
/// `X-PAGINATION-LIMIT-MAX` is the largest `limit` the route takes. Values are checked into a
/// sane range, so a broken server cannot make Anvil loop.
public struct TuleapPaging: Hashable, Sendable {
    public var size: Int?
    public var limit: Int?
    public var limitMax: Int?
    public var offset: Int?

    static let ceiling = 100_000_000

    public init(_ response: HTTPResponse) {
        size = Self.number(response.header("X-PAGINATION-SIZE"))
        limit = Self.number(response.header("X-PAGINATION-LIMIT")).flatMap { $0 >= 1 ? $0 : nil }
        limitMax = Self.number(response.header("X-PAGINATION-LIMIT-MAX")).flatMap { $0 >= 1 ? $0 : nil }
        offset = Self.number(response.header("X-PAGINATION-OFFSET"))
    }

    /// Whether items may exist past `offset + limit`: the loop goes on while the next offset is
    /// below the size, whatever this page held.
    public func hasMore(after offset: Int, limit: Int) -> Bool {
        guard let size else { return false }
        return offset + limit < size
    }

    static func number(_ text: String?) -> Int? {
        guard let text = text?.trimmedOfSpaces, !text.isEmpty, text.count <= 12,
            let value = Int(text), value >= 0, value <= ceiling
        else { return nil }
        return value
    }
}
