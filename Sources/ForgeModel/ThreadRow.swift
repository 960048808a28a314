/// One visible line of a thread view: a post, or a placeholder for a parent that never arrived.
///
/// Rows come from ``PostTree/rows(collapsed:)`` (depth-first, threaded) or
/// ``PostTree/chronologicalRows()`` (server order, flat). They carry everything a view needs to draw
/// the row without asking the tree again: the post, its depth, how much a collapse hides, and which
/// tree lines to draw in front of it.
///
/// A thread holds a row per post: the counts are kept in 32 bits and the fields ordered so that a
/// row takes 80 bytes.
public struct ThreadRow: Hashable, Sendable, Identifiable {
    /// The post's slug; for a placeholder, the slug of the missing post.
    public var slug: String
    /// nil for a placeholder.
    public var post: Post? {
        get { box?.post }
        set { box = newValue.map(PostBox.init) }
    }
    /// The post, shared with the tree the row came from: copying a row copies no post.
    var box: PostBox?
    /// The author of the post this one replies to; nil for a top-level post or when that post is
    /// missing.
    public var inReplyTo: String?
    /// `hasLaterSibling`, one bit a level.
    public var guides: GuideLines
    /// Identifies the node inside its ``PostTree`` for the tree's whole life: a placeholder that is
    /// later filled by its post keeps its id, and so does a node that moves among its siblings.
    /// Two different posts that share a slug have different ids.
    public var id: Int
    private var storedDepth: Int32
    private var storedHiddenCount: Int32
    private var storedChildCount: Int32
    /// The node has children and they are hidden in this list.
    public var isCollapsed: Bool
    /// Whether this is the last child of its parent (for top-level rows: the last top-level row).
    public var isLastChild: Bool

    /// The depth the row is shown at: 0 for a top-level row. With a maximum depth, deeper posts are
    /// shown at that depth. Always 0 in chronological rows.
    public var depth: Int {
        get { Int(storedDepth) }
        set { storedDepth = Int32(clamping: newValue) }
    }
    /// Posts (not placeholders) below this node, at every level: what a collapse hides.
    public var hiddenCount: Int {
        get { Int(storedHiddenCount) }
        set { storedHiddenCount = Int32(clamping: newValue) }
    }
    /// Direct children shown under this node when it is expanded, placeholders included.
    public var childCount: Int {
        get { Int(storedChildCount) }
        set { storedChildCount = Int32(clamping: newValue) }
    }
    /// For each ancestor level, from the top-level ancestor (index 0) down to the parent
    /// (index `depth - 1`): whether that ancestor has a later sibling, i.e. whether a vertical tree
    /// line continues down through this row in that ancestor's column. Has `depth` elements.
    public var hasLaterSibling: [Bool] {
        get { guides.levels }
        set { guides = GuideLines(newValue) }
    }

    /// Builds a row; normally ``PostTree`` does this.
    public init(
        id: Int, slug: String, post: Post?, depth: Int, hiddenCount: Int = 0, childCount: Int = 0,
        isCollapsed: Bool = false, hasLaterSibling: [Bool] = [], isLastChild: Bool = true, inReplyTo: String? = nil
    ) {
        self.init(
            id: id, slug: slug, box: post.map(PostBox.init), depth: depth, hiddenCount: hiddenCount,
            childCount: childCount,
            isCollapsed: isCollapsed, guides: GuideLines(hasLaterSibling), isLastChild: isLastChild,
            inReplyTo: inReplyTo)
    }

    init(
        id: Int, slug: String, box: PostBox?, depth: Int, hiddenCount: Int, childCount: Int, isCollapsed: Bool,
        guides: GuideLines, isLastChild: Bool, inReplyTo: String?
    ) {
        self.slug = slug
        self.box = box
        self.inReplyTo = inReplyTo
        self.guides = guides
        self.id = id
        storedDepth = Int32(clamping: depth)
        storedHiddenCount = Int32(clamping: hiddenCount)
        storedChildCount = Int32(clamping: childCount)
        self.isCollapsed = isCollapsed
        self.isLastChild = isLastChild
    }

    /// A stand-in for a post that has not arrived (or never will: deleted or moderated).
    public var isPlaceholder: Bool { box == nil }

    /// The mutt-style tree lines in front of the row: 2 cells per level below the top, nothing for a
    /// top-level row. `├─` for a child with later siblings, `└─` for the last child, and `│ ` or two
    /// spaces for each ancestor level whose line does or does not continue.
    /// With `ascii`, the same shapes in ASCII: `|-`, `` `- `` and `| `.
    public func treePrefix(ascii: Bool = false) -> String {
        guard depth > 0 else { return "" }
        let line = ascii ? "| " : "│ "
        var prefix = ""
        prefix.reserveCapacity(depth * 2)
        for level in 1..<depth {
            prefix += guides[level] ? line : "  "
        }
        if isLastChild {
            prefix += ascii ? "`-" : "└─"
        } else {
            prefix += ascii ? "|-" : "├─"
        }
        return prefix
    }
}

/// A post held by reference, so a tree's node and the rows made from it share one copy.
final class PostBox: Hashable, Sendable {
    let post: Post

    init(_ post: Post) { self.post = post }

    static func == (a: PostBox, b: PostBox) -> Bool { a === b || a.post == b.post }

    func hash(into hasher: inout Hasher) { hasher.combine(post) }
}

/// Whether a vertical tree line continues through a row at each ancestor level: one bit a level,
/// so a row carries its lines without an array of its own. Levels from 64 on
/// (``PostTree/deepestNesting``) read as no line.
public struct GuideLines: Hashable, Sendable {
    private var bits: UInt64 = 0
    private var storedCount: UInt32 = 0
    /// How many levels the row has: its depth.
    public private(set) var count: Int {
        get { Int(storedCount) }
        set { storedCount = UInt32(clamping: newValue) }
    }

    /// No levels: a top-level row.
    public init() {}

    public init(_ levels: [Bool]) {
        count = levels.count
        for (level, continues) in levels.enumerated() where continues { self[level] = true }
    }

    /// The line at `level`; false past the last level.
    public subscript(level: Int) -> Bool {
        get { level >= 0 && level < Swift.min(count, 64) && bits & (1 << UInt64(level)) != 0 }
        set {
            guard level >= 0, level < 64 else { return }
            if newValue { bits |= 1 << UInt64(level) } else { bits &= ~(1 << UInt64(level)) }
        }
    }

    /// The same lines, one level deeper: `continues` is the line at the new last level.
    func appending(_ continues: Bool) -> GuideLines {
        var deeper = self
        deeper.count += 1
        deeper[count] = continues
        return deeper
    }

    /// Every level, the top-level ancestor's first.
    public var levels: [Bool] { (0..<count).map { self[$0] } }
}

// Navigation over a list of visible rows. These only look at depths, so they work on any list
// from `PostTree.rows(collapsed:)`, whatever is collapsed. Indices out of range give nil.
extension Array where Element == ThreadRow {
    /// The index of the row's parent: the nearest earlier row that is shallower. nil for a
    /// top-level row.
    public func parent(of index: Int) -> Int? {
        guard indices.contains(index) else { return nil }
        let depth = self[index].depth
        var i = index - 1
        while i >= 0 {
            if self[i].depth < depth { return i }
            i -= 1
        }
        return nil
    }

    /// The index of the next row with the same parent, skipping the row's subtree. nil when it is
    /// the last child.
    public func nextSibling(of index: Int) -> Int? {
        guard indices.contains(index) else { return nil }
        let depth = self[index].depth
        var i = index + 1
        while i < count {
            let d = self[i].depth
            if d == depth { return i }
            if d < depth { return nil }
            i += 1
        }
        return nil
    }

    /// The index of the previous row with the same parent. nil when it is the first child.
    public func previousSibling(of index: Int) -> Int? {
        guard indices.contains(index) else { return nil }
        let depth = self[index].depth
        var i = index - 1
        while i >= 0 {
            let d = self[i].depth
            if d == depth { return i }
            if d < depth { return nil }
            i -= 1
        }
        return nil
    }

    /// The index of the first top-level row after `index`. nil when there is none.
    public func nextTopLevel(after index: Int) -> Int? {
        var i = Swift.max(index + 1, 0)
        while i < count {
            if self[i].depth == 0 { return i }
            i += 1
        }
        return nil
    }

    /// The index of the last top-level row before `index`. From inside a thread this is the start
    /// of that thread. nil when there is none.
    public func previousTopLevel(before index: Int) -> Int? {
        var i = Swift.min(index, count) - 1
        while i >= 0 {
            if self[i].depth == 0 { return i }
            i -= 1
        }
        return nil
    }

    /// The index of the row with this id (see ``ThreadRow/id``), to find the row that was under the
    /// cursor after the rows were rebuilt. nil when it is not visible (inside a collapsed subtree).
    public func index(ofRowID id: Int) -> Int? {
        firstIndex { $0.id == id }
    }
}
