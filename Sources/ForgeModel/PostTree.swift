import Foundation

/// The reply tree of a thread, built from pages of posts that arrive in any order.
///
/// Posts come from the server in timestamp order, page by page; nesting exists only in the slug
/// (`a1b2/c3d4` replies to `a1b2`). ``insert(_:serverOffset:)`` takes one page at a time, in any
/// order: a reply whose parent is not known yet hangs under a placeholder for that parent, and the
/// placeholder is filled in if the parent arrives later (it may never: deleted and moderated posts
/// are not sent).
///
/// Siblings are ordered by timestamp, ties by server order (or arrival order, see
/// ``insert(_:serverOffset:)``), so a depth-first traversal reproduces the web UI's threaded order.
/// A placeholder sorts as early as its earliest known descendant, since a parent is always older
/// than its replies.
///
/// Insertion is O(depth + log siblings) per post plus the array insertion; a slug → node index keeps
/// look-ups constant. ``rows(collapsed:)`` is one linear pass.
public struct PostTree: Sendable {
    /// The deepest level shown, or nil for no limit. 0 shows every post at top level (a flat
    /// thread); 1 shows replies to replies next to the reply they answer. Posts deeper than the limit
    /// are shown at the limit, among the descendants of their ancestor one level above it, in
    /// timestamp order.
    public let maximumDepth: Int?
    /// The deepest level a post is shown at, whatever the forge allows: a slug nested deeper (a
    /// hostile one may nest thousands of levels) is shown under its ancestor at this depth, so
    /// building and drawing the tree stay linear in the number of posts.
    public static let deepestNesting = 64
    /// `maximumDepth`, bounded by `deepestNesting`.
    private let nestingLimit: Int

    /// What one ``PostTree/insert(_:serverOffset:)`` changed.
    public struct Change: Hashable, Sendable {
        /// Slugs of the posts that joined the tree (new or filling a placeholder), in page order.
        public var addedSlugs: [String] = []
        /// Posts skipped because the same post (slug, author, timestamp, text) was already there.
        public var skippedDuplicates = 0
        /// Posts kept although another post already had their slug.
        public var keptDuplicates = 0
        /// Slugs of missing parents that got a placeholder.
        public var placeholdersCreated: [String] = []
        /// Slugs of placeholders whose post arrived. Such a row keeps its id but may move up among its
        /// siblings (the post is older than the replies that placed the placeholder).
        public var placeholdersFilled: [String] = []
        /// Row ids that did not exist before: new posts, kept duplicates and new placeholders.
        public var newRowIDs: Set<Int> = []

        /// Whether nothing changed (every post was a duplicate, or the page was empty).
        public var isEmpty: Bool { addedSlugs.isEmpty && placeholdersCreated.isEmpty }

        /// The indices in `rows` (computed after the insert) of rows that are new. Rows hidden in
        /// collapsed subtrees are not counted since they are not in `rows`.
        public func insertedRowIndices(in rows: [ThreadRow]) -> [Int] {
            guard !newRowIDs.isEmpty else { return [] }
            return rows.indices.filter { newRowIDs.contains(rows[$0].id) }
        }

        /// How many new rows sit before `index` in `rows` (computed after the insert): how far a
        /// view scrolls its top line down to keep the rows it showed in place.
        public func insertedRowCount(before index: Int, in rows: [ThreadRow]) -> Int {
            guard !newRowIDs.isEmpty else { return 0 }
            var n = 0
            for i in rows.indices where i < index && newRowIDs.contains(rows[i].id) { n += 1 }
            return n
        }
    }

    /// Where a node sorts among its siblings: timestamp, then server (or arrival) order.
    struct SortKey: Comparable, Sendable {
        var time: Double
        var sequence: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            a.time != b.time ? a.time < b.time : a.sequence < b.sequence
        }
    }

    struct Node: Sendable {
        var slug: String
        /// nil for a placeholder.
        var post: Post?
        /// The node this one is shown under; nil at top level.
        var parent: Int?
        /// Shown children in sibling order.
        var children: [Int] = []
        var key: SortKey
        /// Depth shown (capped by the maximum depth).
        var depth: Int
        /// The slug has more levels than shown: its real parent is not `parent`.
        var isFlattened: Bool
        /// Posts below this node, at every level.
        var descendantPosts = 0
    }

    private var nodes: [Node] = []
    private var roots: [Int] = []
    /// Slug → the node that holds that slug's children (the first post with the slug, or its
    /// placeholder).
    private var index: [String: Int] = [:]
    /// Further posts with an already known slug, in arrival order.
    private var duplicates: [String: [Int]] = [:]
    /// Post nodes in server (or arrival) order.
    private var chronological: [Int] = []
    private var nextSequence = 0

    /// An empty tree. `maximumDepth` is the forge's nesting limit (nil: unbounded, as in Allura).
    public init(maximumDepth: Int? = nil) {
        self.maximumDepth = maximumDepth.map { Swift.max($0, 0) }
        self.nestingLimit = Swift.min(self.maximumDepth ?? Self.deepestNesting, Self.deepestNesting)
    }

    /// Posts in the tree, duplicates that were kept included; placeholders are not posts.
    public private(set) var postCount = 0

    /// Parents that are shown as placeholders because their post has not arrived.
    public private(set) var placeholderCount = 0

    /// Whether a post with this slug is in the tree (a placeholder does not count).
    public func contains(slug: String) -> Bool {
        guard let id = index[slug] else { return false }
        return nodes[id].post != nil
    }

    /// The post with this slug (the first one to arrive if several share it), or nil if it has not
    /// arrived.
    public func post(slug: String) -> Post? {
        index[slug].flatMap { nodes[$0].post }
    }

    /// Adds one page of posts.
    ///
    /// - Parameters:
    ///   - posts: the page, in server order.
    ///   - serverOffset: the position of the page's first post in the whole thread
    ///     (`page * limit`). With it, ties between equal timestamps and ``chronologicalRows()``
    ///     follow the server's order however the pages arrive. Without it, posts count as arriving
    ///     after everything inserted so far. Do not mix both styles in one tree.
    /// - Returns: what changed, so a view can keep the rows under the cursor in place.
    @discardableResult
    public mutating func insert(_ posts: [Post], serverOffset: Int? = nil) -> Change {
        var change = Change()
        let base = serverOffset ?? nextSequence
        for (i, post) in posts.enumerated() {
            insert(post, sequence: base + i, change: &change)
        }
        nextSequence = Swift.max(nextSequence, base + posts.count)
        return change
    }

    private mutating func insert(_ post: Post, sequence: Int, change: inout Change) {
        let key = SortKey(time: Self.time(of: post), sequence: sequence)
        if let existing = index[post.slug] {
            if nodes[existing].post != nil {
                // A slug seen before: the same post again (overlapping pages), or a different post.
                let others = duplicates[post.slug] ?? []
                let same = ([existing] + others).contains { id in
                    nodes[id].post.map { Self.isSamePost($0, post) } ?? false
                }
                if same {
                    change.skippedDuplicates += 1
                    return
                }
                let id = addNode(slug: post.slug, post: post, key: key, under: nodes[existing].parent)
                duplicates[post.slug, default: []].append(id)
                change.keptDuplicates += 1
                change.newRowIDs.insert(id)
                didAddPost(id, sequence: sequence, change: &change)
            } else {
                // The missing parent arrived.
                nodes[existing].post = post
                placeholderCount -= 1
                change.placeholdersFilled.append(post.slug)
                reposition(existing, to: key)
                if let p = nodes[existing].parent { lowerPlaceholderKeys(from: p, to: key) }
                didAddPost(existing, sequence: sequence, change: &change)
            }
            return
        }
        let parent = displayParentSlug(of: post.slug).map { ensureNode(slug: $0, key: key, change: &change) }
        let id = addNode(slug: post.slug, post: post, key: key, under: parent)
        index[post.slug] = id
        change.newRowIDs.insert(id)
        didAddPost(id, sequence: sequence, change: &change)
    }

    /// Counts a post that joined the tree as `id`.
    private mutating func didAddPost(_ id: Int, sequence: Int, change: inout Change) {
        postCount += 1
        change.addedSlugs.append(nodes[id].slug)
        var ancestor = nodes[id].parent
        while let a = ancestor {
            nodes[a].descendantPosts += 1
            ancestor = nodes[a].parent
        }
        // Server order: pages usually arrive in order, so this is mostly an append.
        let at = upperBound(in: chronological, sequence: sequence)
        chronological.insert(id, at: at)
    }

    /// The node for `slug`, creating placeholders for it and its missing ancestors. `key` is that of
    /// the descendant being inserted.
    private mutating func ensureNode(slug: String, key: SortKey, change: inout Change) -> Int {
        if let id = index[slug] { return id }
        let parent = displayParentSlug(of: slug).map { ensureNode(slug: $0, key: key, change: &change) }
        let id = addNode(slug: slug, post: nil, key: key, under: parent)
        index[slug] = id
        placeholderCount += 1
        change.placeholdersCreated.append(slug)
        change.newRowIDs.insert(id)
        return id
    }

    /// A placeholder sorts like its earliest descendant: move it (and placeholder ancestors) up when an
    /// earlier one arrives.
    private mutating func lowerPlaceholderKeys(from id: Int, to key: SortKey) {
        var current: Int? = id
        while let c = current, nodes[c].post == nil, key < nodes[c].key {
            reposition(c, to: key)
            current = nodes[c].parent
        }
    }

    private mutating func addNode(slug: String, post: Post?, key: SortKey, under parent: Int?) -> Int {
        let id = nodes.count
        let levels = Self.depth(of: slug)
        let depth = Swift.min(levels, nestingLimit)
        nodes.append(Node(slug: slug, post: post, parent: parent, key: key, depth: depth, isFlattened: depth < levels))
        insertChild(id, under: parent)
        if let p = parent { lowerPlaceholderKeys(from: p, to: key) }
        return id
    }

    /// Changes a node's key and moves it to its place among its siblings.
    private mutating func reposition(_ id: Int, to key: SortKey) {
        let parent = nodes[id].parent
        // Find the position first and mutate after: passing the children array `inout` to a method of
        // self would copy the whole node array on every move.
        if let p = parent {
            if let i = position(of: id, in: nodes[p].children) { nodes[p].children.remove(at: i) }
        } else {
            if let i = position(of: id, in: roots) { roots.remove(at: i) }
        }
        nodes[id].key = key
        insertChild(id, under: parent)
    }

    private mutating func insertChild(_ id: Int, under parent: Int?) {
        let key = nodes[id].key
        if let p = parent {
            let at = upperBound(in: nodes[p].children, key: key)
            nodes[p].children.insert(id, at: at)
        } else {
            let at = upperBound(in: roots, key: key)
            roots.insert(id, at: at)
        }
    }

    /// Where `id` is in a sorted sibling list.
    private func position(of id: Int, in list: [Int]) -> Int? {
        let key = nodes[id].key
        var i = lowerBound(in: list, key: key)
        while i < list.count, list[i] != id, !(key < nodes[list[i]].key) { i += 1 }
        if i < list.count, list[i] == id { return i }
        return list.firstIndex(of: id)  // keys out of order would be a bug; stay correct anyway
    }

    /// The first position whose key is greater than `key` (after equal keys: arrival order).
    private func upperBound(in list: [Int], key: SortKey) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if key < nodes[list[mid]].key { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The first position whose key is not less than `key`.
    private func lowerBound(in list: [Int], key: SortKey) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[list[mid]].key < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func upperBound(in list: [Int], sequence: Int) -> Int {
        if let last = list.last, nodes[last].key.sequence <= sequence { return list.count }
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if sequence < nodes[list[mid]].key.sequence { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The slug of the node a post is shown under: its parent, or with a maximum depth `m` and a
    /// deeper post, its ancestor at depth `m - 1`.
    private func displayParentSlug(of slug: String) -> String? {
        var cuts: [String.Index] = []
        for i in slug.indices where slug[i] == "/" { cuts.append(i) }
        guard !cuts.isEmpty else { return nil }
        var level = cuts.count  // the depth of the slug; the parent keeps `level` components
        if level > nestingLimit {
            level = nestingLimit
        }
        guard level > 0 else { return nil }
        return String(slug[..<cuts[level - 1]])
    }

    private static func depth(of slug: String) -> Int {
        var n = 0
        for c in slug.utf8 where c == UInt8(ascii: "/") { n += 1 }
        return n
    }

    /// Posts without a timestamp sort after their dated siblings.
    private static func time(of post: Post) -> Double {
        post.timestamp?.timeIntervalSinceReferenceDate ?? .infinity
    }

    private static func isSamePost(_ a: Post, _ b: Post) -> Bool {
        a.slug == b.slug && a.author == b.author && a.timestamp == b.timestamp && a.text == b.text
    }

    // MARK: - Rows

    /// The visible rows in depth-first (threaded) order; the subtrees of nodes whose slug is in
    /// `collapsed` are left out, and their rows say how many posts they hide.
    public func rows(collapsed: Set<String> = []) -> [ThreadRow] {
        var result: [ThreadRow] = []
        result.reserveCapacity(nodes.count)
        // One frame per open level: the siblings being walked and the next one to visit.
        var stack: [(siblings: [Int], next: Int)] = [(roots, 0)]
        // lines[i]: whether the current ancestor at depth i has a later sibling.
        var lines: [Bool] = []
        let checkCollapsed = !collapsed.isEmpty
        while let frame = stack.last {
            guard frame.next < frame.siblings.count else {
                stack.removeLast()
                if !lines.isEmpty { lines.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let id = frame.siblings[frame.next]
            let isLast = frame.next == frame.siblings.count - 1
            let node = nodes[id]
            let hasChildren = !node.children.isEmpty
            let isCollapsed = hasChildren && checkCollapsed && collapsed.contains(node.slug)
            result.append(
                ThreadRow(
                    id: id, slug: node.slug, post: node.post, depth: stack.count - 1,
                    hiddenCount: node.descendantPosts, childCount: node.children.count, isCollapsed: isCollapsed,
                    hasLaterSibling: lines, isLastChild: isLast, inReplyTo: replyTarget(of: node)))
            if hasChildren && !isCollapsed {
                lines.append(!isLast)
                stack.append((node.children, 0))
            }
        }
        return result
    }

    /// Every post in server order (arrival order for pages inserted without an offset), flat:
    /// depth 0, no tree lines, each row naming the author it replies to. Placeholders are left out.
    public func chronologicalRows() -> [ThreadRow] {
        chronological.enumerated().map { i, id in
            let node = nodes[id]
            return ThreadRow(
                id: id, slug: node.slug, post: node.post, depth: 0, hiddenCount: node.descendantPosts,
                childCount: node.children.count, isLastChild: i == chronological.count - 1,
                inReplyTo: replyTarget(of: node))
        }
    }

    /// The author of the post `node` replies to, if that post is here.
    private func replyTarget(of node: Node) -> String? {
        if !node.isFlattened {
            return node.parent.flatMap { nodes[$0].post?.author }
        }
        guard let parentSlug = node.post?.parentSlug ?? Self.parentSlug(of: node.slug) else { return nil }
        return index[parentSlug].flatMap { nodes[$0].post?.author }
    }

    private static func parentSlug(of slug: String) -> String? {
        slug.lastIndex(of: "/").map { String(slug[..<$0]) }
    }

    /// Slugs of every node with children: pass them to ``rows(collapsed:)`` to collapse every
    /// thread and sub-thread (expanding one then shows its direct replies, still collapsed).
    public func collapseAll() -> Set<String> {
        var slugs = Set<String>()
        for node in nodes where !node.children.isEmpty { slugs.insert(node.slug) }
        return slugs
    }

    /// The collapsed set that shows everything: empty. The counterpart of ``collapseAll()``.
    public func expandAll() -> Set<String> { [] }
}
