/// The visible rows of a ``PostTree`` in threaded order, kept up to date page by page.
///
/// ``update(_:after:)`` splices in the rows of the posts one insert added, rewrites the rows whose
/// counts, post, reply target or tree lines that insert changed, and leaves every other row as it
/// was: the rows it builds are in proportion to the page, not to the thread. The result is always
/// what ``PostTree/rows(collapsed:)`` returns for the same tree.
public struct ThreadRowList: Sendable {
    /// The rows, as ``PostTree/rows(collapsed:)`` gives them.
    public private(set) var rows: [ThreadRow] = []
    /// Slugs whose subtrees are hidden.
    public private(set) var collapsed: Set<String> = []
    /// The ids of the rows the last ``update(_:after:)`` built or rewrote; every other row is as
    /// it was, in the same order. Empty after a rebuild (see `lastChangeRebuiltAll`).
    public private(set) var writtenIDs: Set<Int> = []
    /// Whether the last change built every row afresh.
    public private(set) var lastChangeRebuiltAll = true
    /// Rows the last ``rebuild(_:collapsed:)`` or ``update(_:after:)`` built or rewrote.
    public var rowsWritten: Int { lastChangeRebuiltAll ? rows.count : writtenIDs.count }

    public init() {}

    /// Builds every row afresh.
    public mutating func rebuild(_ tree: PostTree, collapsed: Set<String>) {
        self.collapsed = collapsed
        rows = tree.rows(collapsed: collapsed)
        writtenIDs = []
        lastChangeRebuiltAll = true
    }

    /// Brings the rows up to date after `tree` took the insert that returned `change`.
    public mutating func update(_ tree: PostTree, after change: PostTree.Change) {
        writtenIDs = []
        lastChangeRebuiltAll = false
        guard !change.isEmpty || !change.movedIDs.isEmpty else { return }
        let fresh = change.newRowIDs.union(change.movedIDs)
        removeRows(of: change.movedIDs)
        // Built afresh with their subtrees: new or moved nodes that are shown, below no other such.
        let blocks = fresh.filter { id in
            !tree.hasAncestor(id, in: fresh) && tree.isShown(id, collapsed: collapsed)
        }.sorted { tree.precedes($0, $1) }
        insertRows(of: blocks, tree: tree)
        guard fixLastSiblings(around: fresh, tree: tree),
            refresh(tree.rowsChanged(by: change, fresh: fresh), tree: tree)
        else { return missingRow(tree) }
    }

    /// A row the tree says is shown is not in the list: a fault of this type. Builds every row
    /// again, so the screen stays right, and stops debug builds.
    private mutating func missingRow(_ tree: PostTree) {
        assertionFailure("a shown row is missing from the thread's rows")
        rebuild(tree, collapsed: collapsed)
    }

    /// Takes out the rows of `moved` nodes and of their subtrees, in one pass over the row ids:
    /// the rows kept slide forward (moves in place, no copies) and the rest leave from the end.
    private mutating func removeRows(of moved: Set<Int>) {
        guard !moved.isEmpty else { return }
        var kept = 0
        var removingBelow: Int?
        rows.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                if let depth = removingBelow, buffer[index].depth > depth { continue }
                removingBelow = nil
                if moved.contains(buffer[index].id) {
                    removingBelow = buffer[index].depth
                    continue
                }
                buffer.swapAt(kept, index)
                kept += 1
            }
        }
        rows.removeLast(rows.count - kept)
    }

    /// Inserts the rows of each node in `blocks` (in threaded order) and of its shown subtree.
    private mutating func insertRows(of blocks: [Int], tree: PostTree) {
        var insertions: [(at: Int, rows: [ThreadRow])] = []
        for id in blocks {
            var block: [ThreadRow] = []
            tree.appendRows(of: [id], guides: tree.guides(of: id), collapsed: collapsed, to: &block)
            for row in block { writtenIDs.insert(row.id) }
            insertions.append((firstRow(after: id, tree: tree), block))
        }
        guard let filler = insertions.first?.rows.first else { return }
        // Grow the array, then walk it from the end once: each old row moves (in place, no copy)
        // as far as the blocks before it push it, and each block lands in the gap left in front.
        var read = rows.count
        rows.append(contentsOf: repeatElement(filler, count: insertions.reduce(0) { $0 + $1.rows.count }))
        var write = rows.count
        rows.withUnsafeMutableBufferPointer { buffer in
            for insertion in insertions.reversed() {
                while read > insertion.at {
                    read -= 1
                    write -= 1
                    buffer.swapAt(read, write)
                }
                for row in insertion.rows.reversed() {
                    write -= 1
                    buffer[write] = row
                }
            }
        }
    }

    /// The index of the first row that comes after node `id` in threaded order.
    private func firstRow(after id: Int, tree: PostTree) -> Int {
        var low = 0
        var high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if tree.precedes(id, rows[mid].id) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The row of node `id`, if it is shown.
    private func rowIndex(of id: Int, tree: PostTree) -> Int? {
        var low = 0
        var high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if tree.precedes(rows[mid].id, id) { low = mid + 1 } else { high = mid }
        }
        return low < rows.count && rows[low].id == id ? low : nil
    }

    /// Where fresh children joined a list of siblings, the last of the siblings that were there
    /// before may have stopped (or started) being the last: its row and the line through its
    /// subtree change. False when a row that should be there is not.
    private mutating func fixLastSiblings(around fresh: Set<Int>, tree: PostTree) -> Bool {
        var parents = Set<Int?>()
        for id in fresh { parents.insert(tree.nodes[id].parent) }
        for parent in parents {
            if let parent, fresh.contains(parent) || !tree.showsChildren(of: parent, collapsed: collapsed) {
                continue
            }
            let siblings = parent.map { tree.nodes[$0].children } ?? tree.roots
            guard let kept = siblings.last(where: { !fresh.contains($0) }) else { continue }
            let isLast = kept == siblings.last
            guard let index = rowIndex(of: kept, tree: tree) else { return false }
            guard rows[index].isLastChild != isLast else { continue }
            rows[index].isLastChild = isLast
            writtenIDs.insert(rows[index].id)
            let level = rows[index].depth
            var below = index + 1
            while below < rows.count, rows[below].depth > level {
                rows[below].guides[level] = !isLast
                writtenIDs.insert(rows[below].id)
                below += 1
            }
        }
        return true
    }

    /// Builds the rows of `ids` again where they are shown. False when a row that should be there
    /// is not.
    private mutating func refresh(_ ids: Set<Int>, tree: PostTree) -> Bool {
        for id in ids where tree.isShown(id, collapsed: collapsed) {
            guard let index = rowIndex(of: id, tree: tree) else { return false }
            let old = rows[index]
            rows[index] = tree.row(id, guides: old.guides, isLast: old.isLastChild, collapsed: collapsed)
            writtenIDs.insert(id)
        }
        return true
    }
}

extension PostTree {
    /// Whether some ancestor of `id` is in `set`.
    func hasAncestor(_ id: Int, in set: Set<Int>) -> Bool {
        var ancestor = nodes[id].parent
        while let a = ancestor {
            if set.contains(a) { return true }
            ancestor = nodes[a].parent
        }
        return false
    }

    /// Whether `id` has a row: no ancestor of it is collapsed.
    func isShown(_ id: Int, collapsed: Set<String>) -> Bool {
        guard !collapsed.isEmpty else { return true }
        var ancestor = nodes[id].parent
        while let a = ancestor {
            if collapsed.contains(nodes[a].slug) { return false }
            ancestor = nodes[a].parent
        }
        return true
    }

    /// Whether the children of `id` have rows: it is shown and not collapsed.
    func showsChildren(of id: Int, collapsed: Set<String>) -> Bool {
        !collapsed.contains(nodes[id].slug) && isShown(id, collapsed: collapsed)
    }

    /// The tree lines of the row of `id`: for each ancestor, whether it has a later sibling.
    func guides(of id: Int) -> GuideLines {
        var ancestors: [Int] = []
        var ancestor = nodes[id].parent
        while let a = ancestor {
            ancestors.append(a)
            ancestor = nodes[a].parent
        }
        var guides = GuideLines()
        for a in ancestors.reversed() { guides = guides.appending(!isLastSibling(a)) }
        return guides
    }

    /// Whether the row of `a` comes before that of `b` in threaded order.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        guard a != b else { return false }
        var x = a
        var y = b
        while nodes[x].level > nodes[y].level {
            guard let p = nodes[x].parent else { break }
            if p == y { return false }
            x = p
        }
        while nodes[y].level > nodes[x].level {
            guard let p = nodes[y].parent else { break }
            if p == x { return true }
            y = p
        }
        while nodes[x].parent != nodes[y].parent, let px = nodes[x].parent, let py = nodes[y].parent {
            x = px
            y = py
        }
        if nodes[x].key != nodes[y].key { return nodes[x].key < nodes[y].key }
        // Equal keys: sibling order is arrival order, so ask the list.
        let siblings = nodes[x].parent.map { nodes[$0].children } ?? roots
        return (position(of: x, in: siblings) ?? 0) < (position(of: y, in: siblings) ?? 0)
    }

    /// Nodes whose rows an insert changed, besides those it added or moved (`fresh`): ancestors
    /// of the posts that arrived (counts), the node a filled placeholder was and its children
    /// (post, reply target), and posts nested deeper than shown whose real parent arrived.
    func rowsChanged(by change: Change, fresh: Set<Int>) -> Set<Int> {
        var changed = Set<Int>()
        for id in change.postIDs {
            var ancestor = nodes[id].parent
            while let a = ancestor {
                if !fresh.contains(a) {
                    guard changed.insert(a).inserted else { break }
                }
                ancestor = nodes[a].parent
            }
            if !fresh.contains(id) {
                changed.insert(id)
                for child in nodes[id].children where !fresh.contains(child) { changed.insert(child) }
            }
            if index[nodes[id].slug] == id, let deep = flattenedReplies[nodes[id].slug] {
                for reply in deep where !fresh.contains(reply) { changed.insert(reply) }
            }
        }
        // A node inside a fresh subtree was built with it.
        return changed.filter { !hasAncestor($0, in: fresh) }
    }
}
