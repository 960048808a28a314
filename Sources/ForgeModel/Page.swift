/// How much a page of results knows about the size of the whole list.
public enum Total: Hashable, Sendable {
    case exact(Int)
    /// The forge counted items it may not show (private tickets, hidden forums).
    case atMost(Int)
    case unknown
}

/// One page of a paged list. `page` is 0-based and, like `limit`, the value the server used.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var limit: Int
    public var total: Total

    public init(items: [Item], page: Int, limit: Int, total: Total) {
        self.items = items
        self.page = page
        self.limit = limit
        self.total = total
    }
}

extension Page: Equatable where Item: Equatable {}
