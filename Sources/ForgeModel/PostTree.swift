import Foundation

/// The reply tree of a thread, built from pages of posts that arrive in any order.
///
/// Posts come from the server in timestamp order, page by page; nesting exists only in each post's
/// ancestry (Allura's slug `a1b2/c3d4` replies to `a1b2`; a GitLab reply to its discussion's first
/// note). ``insert(_:serverOffset:)`` takes one page at a time, in any
/// order: a reply whose parent is not known yet hangs under a placeholder for that parent, and the
/// placeholder is filled in if the parent arrives later (it may never: deleted and moderated posts
/// are not sent).
///
/// Siblings are ordered by timestamp, ties by server order (or arrival order, see
/// ``insert(_:serverOffset:)``), so a depth-first traversal reproduces the web UI's threaded order.
/// A placeholder sorts as early as its earliest known descendant, since a parent is always older
/// than its replies.
///
/// Insertion is O(depth + log siblings) per post plus the array insertion; an id → node index keeps
/// look-ups constant. ``rows(collapsed:)`` is one linear pass; ``ThreadRowList`` keeps rows up to
/// date page by page instead.
public struct PostTree: Sendable {
    /// The deepest level shown, or nil for no limit. 0 shows every post at top level (a flat
    /// thread); 1 shows replies to replies next to the reply they answer. Posts deeper than the limit
    /// are shown at the limit, among the descendants of their ancestor one level above it, in
    /// timestamp order.
    public let maximumDepth: Int?
    /// The deepest level a post is shown at, whatever the forge allows: a post nested deeper (a
    /// hostile slug may nest thousands of levels) is shown under its ancestor at this depth, so
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
        /// Nodes that were there before and moved to another place among their siblings.
        var movedIDs: Set<Int> = []
        /// Nodes whose post arrived, in page order: new posts, kept duplicates, filled placeholders.
        var postIDs: [Int] = []

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

    /// A thread holds a node per post: positions and counts are kept in 32 bits.
    struct Node: Sendable {
        /// The post's id; for a placeholder, the id of the missing post.
        var slug: String
        /// The id of the real parent (which may be deeper than the parent shown).
        var parentID: String?
        /// nil for a placeholder. Held by reference: the rows of the node share it.
        var box: PostBox?
        var post: Post? {
            get { box?.post }
            set { box = newValue.map(PostBox.init) }
        }
        /// Shown children in sibling order.
        var children: [Int] = []
        var key: SortKey
        private var storedParent: Int32
        private var storedDepth: Int32
        private var storedLevel: Int32
        private var storedDescendantPosts: Int32 = 0
        /// The post is nested deeper than shown: its real parent is not `parent`.
        var isFlattened: Bool

        init(
            slug: String, parentID: String?, box: PostBox?, parent: Int?, key: SortKey, depth: Int, level: Int,
            isFlattened: Bool
        ) {
            self.slug = slug
            self.parentID = parentID
            self.box = box
            self.key = key
            storedParent = parent.map { Int32(clamping: $0) } ?? -1
            storedDepth = Int32(clamping: depth)
            storedLevel = Int32(clamping: level)
            self.isFlattened = isFlattened
        }

        /// The node this one is shown under; nil at top level.
        var parent: Int? {
            get { storedParent < 0 ? nil : Int(storedParent) }
            set { storedParent = newValue.map { Int32(clamping: $0) } ?? -1 }
        }
        /// Depth shown (capped by the maximum depth).
        var depth: Int {
            get { Int(storedDepth) }
            set { storedDepth = Int32(clamping: newValue) }
        }
        /// Nodes above this one as shown: the depth of its row (`depth`, unless the forge's
        /// ancestries disagree with each other).
        var level: Int {
            get { Int(storedLevel) }
            set { storedLevel = Int32(clamping: newValue) }
        }
        /// Posts below this node, at every level.
        var descendantPosts: Int {
            get { Int(storedDescendantPosts) }
            set { storedDescendantPosts = Int32(clamping: newValue) }
        }
    }

    private(set) var nodes: [Node] = []
    private(set) var roots: [Int] = []
    /// Slug → the node that holds that slug's children (the first post with the slug, or its
    /// placeholder).
    private(set) var index: [String: Int] = [:]
    /// Slug → posts nested deeper than shown whose real parent has that slug: their rows name
    /// that parent's author once it arrives.
    private(set) var flattenedReplies: [String: [Int]] = [:]
    /// Further posts with an already known slug, in arrival order.
    private var duplicates: [String: [Int]] = [:]
    /// Post nodes in server (or arrival) order.
    private var chronological: [Int] = []
    private var nextSequence = 0

    /// An empty tree. `maximumDepth` is the forge's nesting limit (nil: unbounded, as in Allura).
    public init(maximumDepth: Int? = nil) {
        self.maximumDepth = maximumDepth.map { Swift.max($0, 0) }
        self.nestingLimit = Self.nestingLimit(maximumDepth: self.maximumDepth)
    }

    /// Posts in the tree, duplicates that were kept included; placeholders are not posts.
    public private(set) var postCount = 0

    /// Parents that are shown as placeholders because their post has not arrived.
    public private(set) var placeholderCount = 0

    /// Whether a post with this slug is in the tree (a placeholder does not count).
    public func contains(slug: String) -> Bool {
        guard let id = index[slug] else { return false }
        return nodes[id].box != nil
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
            if nodes[existing].box != nil {
                // A slug seen before: the same post again (overlapping pages), or a different post.
                let others = duplicates[post.slug] ?? []
                let same = ([existing] + others).contains { id in
                    nodes[id].post.map { Self.isSamePost($0, post) } ?? false
                }
                if same {
                    change.skippedDuplicates += 1
                    return
                }
                let id = addNode(
                    slug: post.id, levels: post.depth, parentID: post.parentID, post: post, key: key,
                    under: nodes[existing].parent, change: &change)
                duplicates[post.slug, default: []].append(id)
                change.keptDuplicates += 1
                change.newRowIDs.insert(id)
                didAddPost(id, sequence: sequence, change: &change)
            } else {
                // The missing parent arrived.
                nodes[existing].post = post
                placeholderCount -= 1
                change.placeholdersFilled.append(post.slug)
                reposition(existing, to: key, change: &change)
                if let p = nodes[existing].parent { lowerPlaceholderKeys(from: p, to: key, change: &change) }
                didAddPost(existing, sequence: sequence, change: &change)
            }
            return
        }
        let levels = post.depth
        let parentID = post.parentID
        let parent = displayParent(of: post, levels: levels, parentID: parentID, key: key, change: &change)
        let id = addNode(
            slug: post.id, levels: levels, parentID: parentID, post: post, key: key, under: parent, change: &change)
        index[post.slug] = id
        change.newRowIDs.insert(id)
        didAddPost(id, sequence: sequence, change: &change)
    }

    /// Counts a post that joined the tree as `id`.
    private mutating func didAddPost(_ id: Int, sequence: Int, change: inout Change) {
        postCount += 1
        change.addedSlugs.append(nodes[id].slug)
        change.postIDs.append(id)
        var ancestor = nodes[id].parent
        while let a = ancestor {
            nodes[a].descendantPosts += 1
            ancestor = nodes[a].parent
        }
        // Server order: pages usually arrive in order, so this is mostly an append.
        let at = upperBound(in: chronological, sequence: sequence)
        chronological.insert(id, at: at)
    }

    /// The node for post `slug` with `ancestors`, creating placeholders for it and its missing
    /// ancestors. `key` is that of the descendant being inserted.
    private mutating func ensureNode(slug: String, ancestors: [String], key: SortKey, change: inout Change) -> Int {
        if let id = index[slug] { return id }
        let parent = displayParent(of: ancestors).map {
            ensureNode(slug: $0.id, ancestors: $0.ancestors, key: key, change: &change)
        }
        let id = addNode(
            slug: slug, levels: ancestors.count, parentID: ancestors.last, post: nil, key: key, under: parent,
            change: &change)
        index[slug] = id
        placeholderCount += 1
        change.placeholdersCreated.append(slug)
        change.newRowIDs.insert(id)
        return id
    }

    /// A placeholder sorts like its earliest descendant: move it (and placeholder ancestors) up when an
    /// earlier one arrives.
    private mutating func lowerPlaceholderKeys(from id: Int, to key: SortKey, change: inout Change) {
        var current: Int? = id
        while let c = current, nodes[c].box == nil, key < nodes[c].key {
            reposition(c, to: key, change: &change)
            current = nodes[c].parent
        }
    }

    /// Adds the node of `slug`, nested `levels` deep below `parentID`, under the node `parent`.
    private mutating func addNode(
        slug: String, levels: Int, parentID: String?, post: Post?, key: SortKey, under parent: Int?,
        change: inout Change
    ) -> Int {
        let id = nodes.count
        let depth = Swift.min(levels, nestingLimit)
        nodes.append(
            Node(
                slug: slug, parentID: parentID, box: post.map(PostBox.init), parent: parent, key: key,
                depth: depth,
                level: parent.map { nodes[$0].level + 1 } ?? 0, isFlattened: depth < levels))
        if depth < levels, let parentID { flattenedReplies[parentID, default: []].append(id) }
        insertChild(id, under: parent)
        if let p = parent { lowerPlaceholderKeys(from: p, to: key, change: &change) }
        return id
    }

    /// Changes a node's key and moves it to its place among its siblings.
    private mutating func reposition(_ id: Int, to key: SortKey, change: inout Change) {
        let parent = nodes[id].parent
        // Find the position first and mutate after: passing the children array `inout` to a method of
        // self would copy the whole node array on every move.
        var from: Int?
        if let p = parent {
            from = position(of: id, in: nodes[p].children)
            if let from { nodes[p].children.remove(at: from) }
        } else {
            from = position(of: id, in: roots)
            if let from { roots.remove(at: from) }
        }
        nodes[id].key = key
        let to = insertChild(id, under: parent)
        if from != to, !change.newRowIDs.contains(id) { change.movedIDs.insert(id) }
    }

    /// Puts `id` among its parent's children by its key; returns where it went.
    @discardableResult
    private mutating func insertChild(_ id: Int, under parent: Int?) -> Int {
        let key = nodes[id].key
        if let p = parent {
            let at = upperBound(in: nodes[p].children, key: key)
            nodes[p].children.insert(id, at: at)
            return at
        } else {
            let at = upperBound(in: roots, key: key)
            roots.insert(id, at: at)
            return at
        }
    }

    /// Where `id` is in a sorted sibling list.
    func position(of id: Int, in list: [Int]) -> Int? {
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

    /// The node `post` is shown under, made (a placeholder, with placeholders for its missing
    /// ancestors) when it is not in the tree; nil at top level. Its ancestors are listed only for
    /// a placeholder or a post nested deeper than the limit.
    private mutating func displayParent(
        of post: Post, levels: Int, parentID: String?, key: SortKey, change: inout Change
    ) -> Int? {
        let level = Swift.min(levels, nestingLimit)
        guard level > 0 else { return nil }
        let ancestors = level == levels ? nil : post.ancestors
        guard let shownParent = ancestors?[level - 1] ?? parentID else { return nil }
        if let id = index[shownParent] { return id }
        let above = Array((ancestors ?? post.ancestors)[..<(level - 1)])
        return ensureNode(slug: shownParent, ancestors: above, key: key, change: &change)
    }

    /// The node a post with `ancestors` is shown under: its parent, or for a post nested deeper than
    /// the limit `m`, its ancestor at depth `m - 1`; with that node's own ancestors. Nil at top level.
    private func displayParent(of ancestors: [String]) -> (id: String, ancestors: [String])? {
        let level = Swift.min(ancestors.count, nestingLimit)
        guard level > 0 else { return nil }
        return (ancestors[level - 1], Array(ancestors[..<(level - 1)]))
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
        appendRows(of: roots, guides: GuideLines(), collapsed: collapsed, to: &result)
        return result
    }

    /// Appends the rows of `siblings` (consecutive children of one node, or top-level nodes) and of
    /// their shown subtrees, depth first. `guides` are the tree lines of the siblings' ancestors.
    func appendRows(of siblings: [Int], guides: GuideLines, collapsed: Set<String>, to result: inout [ThreadRow]) {
        // One frame per open level: the siblings being walked, the next one to visit, their lines.
        var stack: [(siblings: [Int], next: Int, guides: GuideLines)] = [(siblings, 0, guides)]
        while let frame = stack.last {
            guard frame.next < frame.siblings.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let id = frame.siblings[frame.next]
            let row = row(id, guides: frame.guides, isLast: isLastSibling(id), collapsed: collapsed)
            result.append(row)
            if row.childCount > 0 && !row.isCollapsed {
                stack.append((nodes[id].children, 0, frame.guides.appending(!row.isLastChild)))
            }
        }
    }

    /// `maximumDepth` (at least 0), bounded by `deepestNesting`.
    private static func nestingLimit(maximumDepth: Int?) -> Int {
        Swift.min(maximumDepth.map { Swift.max($0, 0) } ?? deepestNesting, deepestNesting)
    }

    /// The depth the row of `post` is shown at in a tree of `maximumDepth`, known before the post
    /// is inserted.
    public static func shownDepth(of post: Post, maximumDepth: Int?) -> Int {
        Swift.min(post.depth, nestingLimit(maximumDepth: maximumDepth))
    }

    /// The row of node `id` drawn below ancestors whose lines are `guides`.
    func row(_ id: Int, guides: GuideLines, isLast: Bool, collapsed: Set<String>) -> ThreadRow {
        let node = nodes[id]
        let hasChildren = !node.children.isEmpty
        let isCollapsed = hasChildren && !collapsed.isEmpty && collapsed.contains(node.slug)
        return ThreadRow(
            id: id, slug: node.slug, box: node.box, depth: guides.count, hiddenCount: node.descendantPosts,
            childCount: node.children.count, isCollapsed: isCollapsed, guides: guides, isLastChild: isLast,
            inReplyTo: replyTarget(of: node))
    }

    /// Whether `id` is the last of its siblings (of the top-level nodes, for a top-level node).
    func isLastSibling(_ id: Int) -> Bool {
        (nodes[id].parent.map { nodes[$0].children } ?? roots).last == id
    }

    /// Every post in server order (arrival order for pages inserted without an offset), flat:
    /// depth 0, no tree lines, each row naming the author it replies to. Placeholders are left out.
    public func chronologicalRows() -> [ThreadRow] {
        chronological.enumerated().map { i, id in
            let node = nodes[id]
            return ThreadRow(
                id: id, slug: node.slug, box: node.box, depth: 0, hiddenCount: node.descendantPosts,
                childCount: node.children.count, isCollapsed: false, guides: GuideLines(),
                isLastChild: i == chronological.count - 1, inReplyTo: replyTarget(of: node))
        }
    }

    /// The author of the post `node` replies to, if that post is here.
    func replyTarget(of node: Node) -> String? {
        if !node.isFlattened {
            return node.parent.flatMap { nodes[$0].box?.post.author }
        }
        guard let parentID = node.parentID else { return nil }
        return index[parentID].flatMap { nodes[$0].box?.post.author }
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
