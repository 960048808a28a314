import ForgeModel
import Text

/// A list the forge serves page by page. Rows that are not loaded yet are placeholders; pages are
/// fetched when the cursor comes near them, and the last page can be fetched directly when the
/// total is known.
struct PagedList<Item: Sendable> {
    /// The page size: what the view asked for until the server says it used a smaller one.
    private(set) var limit: Int
    private(set) var pages: [Int: [Item]] = [:]
    private(set) var requested: Set<Int> = []
    /// What the forge said about the total; nil before the first page.
    private(set) var total: Total?
    /// Set when a page came back short or empty: nothing exists after it.
    private(set) var endPage: Int?

    init(limit: Int) {
        self.limit = max(1, min(500, limit))
    }

    /// Rows to show: every known item plus placeholders for items known to exist.
    var count: Int {
        if let endPage {
            return endPage * limit + (pages[endPage]?.count ?? 0)
        }
        switch total {
        case .exact(let n), .atMost(let n): return max(n, loadedExtent)
        case .unknown, nil: return loadedExtent
        }
    }

    /// Whether more items may exist beyond `count` (a thread without a total).
    var mayHaveMore: Bool {
        guard endPage == nil else { return false }
        if case .unknown = total { return true }
        return total == nil
    }

    /// How sure `count` is: exact once the forge gave an exact total or every page arrived, an
    /// upper bound while a forge's "at most" total is not confirmed, a floor without a total.
    var countForm: CountForm {
        if mayHaveMore { return .atLeast }
        if case .atMost? = total, !isComplete { return .atMost }
        return .exact
    }

    /// Items loaded so far.
    var loadedCount: Int { pages.values.reduce(0) { $0 + $1.count } }

    /// Whether every page has arrived.
    var isComplete: Bool { !mayHaveMore && (0..<pageCount).allSatisfy { pages[$0] != nil } }

    /// Pages the list spans, as far as it knows.
    var pageCount: Int { count == 0 ? (total == nil ? 1 : 0) : (count + limit - 1) / limit }

    private var loadedExtent: Int {
        guard let last = pages.keys.max() else { return 0 }
        return last * limit + (pages[last]?.count ?? 0)
    }

    /// Walks every position in order: the items of pages that arrived (a page may be short), and
    /// nil for each position of a page that has not.
    func forEachSlot(_ body: (_ index: Int, _ item: Item?) -> Void) {
        for page in 0..<pageCount {
            let start = page * limit
            if let items = pages[page] {
                for (offset, item) in items.enumerated() { body(start + offset, item) }
            } else {
                for offset in 0..<max(0, min(limit, count - start)) { body(start + offset, nil) }
            }
        }
    }

    /// The row a list draws for a position whose page has not arrived: one shared value, so a
    /// long list of them costs a few bytes each (100,000 take 2.4 MB).
    static var placeholderRow: Row { PlaceholderRow.shared }

    /// How much of the list is not loaded (`150 tickets not loaded`); nil when all of it is.
    func notLoadedSummary(noun: String) -> String? {
        guard total != nil, !isComplete else { return nil }
        let missing = count - loadedCount
        if missing <= 0 { return "more \(noun)s may follow" }
        let upTo = countForm == .atMost ? "up to " : ""
        return "\(upTo)\(missing) \(noun)\(missing == 1 ? "" : "s") not loaded"
    }

    /// Whether `page` has arrived.
    func isPageLoaded(_ page: Int) -> Bool { pages[page] != nil }

    /// The items of a page that arrived (it may be shorter than `limit`).
    func items(ofPage page: Int) -> [Item]? { pages[page] }

    /// The item at `index`, or nil while its page is not loaded.
    func item(at index: Int) -> Item? {
        let page = index / limit
        guard let items = pages[page] else { return nil }
        let offset = index - page * limit
        return offset < items.count ? items[offset] : nil
    }

    /// Pages to fetch so that `index` and the rows around it are loaded ahead of time.
    mutating func pagesToFetch(near index: Int, ahead: Int? = nil) -> [Int] {
        let margin = ahead ?? limit / 2
        var wanted: [Int] = []
        let first = max(0, (index - margin) / limit)
        var last = (index + margin) / limit
        if !mayHaveMore { last = min(last, max(0, pageCount - 1)) }
        if total == nil { last = 0 }
        guard first <= last else { return [] }
        for page in first...last where pages[page] == nil && !requested.contains(page) {
            if let endPage, page > endPage { continue }
            wanted.append(page)
        }
        requested.formUnion(wanted)
        return wanted
    }

    /// The last page, when the total says where it is.
    mutating func lastPageToFetch() -> Int? {
        guard !mayHaveMore, pageCount > 0 else { return nil }
        let last = pageCount - 1
        guard pages[last] == nil, !requested.contains(last) else { return nil }
        requested.insert(last)
        return last
    }

    /// Every page not loaded or requested yet (for "load everything").
    mutating func remainingPages() -> [Int] {
        if mayHaveMore {
            let next = (pages.keys.max() ?? -1) + 1
            guard !requested.contains(next) else { return [] }
            requested.insert(next)
            return [next]
        }
        let missing = (0..<pageCount).filter { pages[$0] == nil && !requested.contains($0) }
        requested.formUnion(missing)
        return missing
    }

    /// Stores a page that arrived. `page` and `limit` are the values the server used: a server
    /// that clamps the page size (GitLab serves at most 100) answers the first page with a smaller
    /// limit, and the list counts in that size from then on.
    mutating func receive(page: Int, items: [Item], total: Total, limit served: Int? = nil) {
        if let served, served >= 1, served < limit, pages.isEmpty, page == 0 {
            limit = served
            requested = []
        }
        requested.remove(page)
        pages[page] = items
        self.total = total
        switch total {
        case .unknown:
            if items.count < limit { endPage = page }
        case .exact:
            if items.isEmpty || (items.count < limit && (page + 1) * limit >= count) { endPage = page }
        case .atMost(let bound):
            // The forge counted items the caller may not see (Tuleap): a page can come back empty
            // with more after it, so only a page that reaches the bound ends the list.
            if items.count < limit && (page + 1) * limit >= max(bound, count) { endPage = page }
        }
    }

    /// Replaces loaded items in place (fresh copies after a write).
    mutating func update(_ transform: (Item) -> Item) {
        for (page, items) in pages { pages[page] = items.map(transform) }
    }

    /// Pages asked for whose requests were cancelled may be asked for again.
    mutating func forgetRequests() { requested = [] }

    /// A failed page may be asked for again.
    mutating func failed(page: Int) { requested.remove(page) }

    /// Forgets everything (reload).
    mutating func reset() {
        pages = [:]
        requested = []
        total = nil
        endPage = nil
    }
}

/// The one placeholder row every paged list shares.
private enum PlaceholderRow {
    static let shared: Row = {
        var row = Row(StyledLine("  …", .placeholder), selectable: true)
        row.onScreenOnly = true
        return row
    }()
}
