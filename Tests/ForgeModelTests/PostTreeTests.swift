import Foundation
import Testing

@testable import ForgeModel

/// A post at `minutes` past 2025-03-01 00:00 UTC.
func treePost(_ slug: String, _ minutes: Int, author: String? = nil, text: String? = nil) -> Post {
    Post(
        slug: slug, text: text ?? "text of \(slug)", author: author ?? "u-\(slug)",
        timestamp: Date(timeIntervalSince1970: 1_740_787_200 + Double(minutes) * 60))
}

private func at(_ hour: Int, _ minute: Int) -> Int { hour * 60 + minute }

/// The example of allura-rest.md §7.4, `limit=3`.
let examplePage0 = [
    treePost("a1b2", at(9, 0), author: "mara"), treePost("e0f1", at(11, 46), author: "kofi"),
    treePost("a1b2/c3d4", at(12, 46), author: "lena"),
]
let examplePage1 = [
    treePost("e0f1/77aa", at(12, 57), author: "ines"), treePost("5c5c", at(15, 34), author: "omar"),
    treePost("a1b2/c3d4/9e9e", at(18, 7), author: "mara"),
]

/// A tree with every glyph shape:
///
///     aaaa
///     ├─bbbb
///     │ ├─cccc
///     │ └─dddd
///     └─eeee
///       └─ffff
///         └─9999
///     7777
let glyphPosts = [
    treePost("aaaa", 0), treePost("aaaa/bbbb", 1), treePost("aaaa/bbbb/cccc", 2), treePost("aaaa/bbbb/dddd", 3),
    treePost("aaaa/eeee", 4), treePost("aaaa/eeee/ffff", 5), treePost("aaaa/eeee/ffff/9999", 6),
    treePost("7777", 7),
]

func lastLevel(_ slug: String) -> Substring { slug.split(separator: "/").last ?? "" }

struct PostTreeTests {
    @Test func slugsNestPosts() {
        var tree = PostTree()
        tree.insert([treePost("a1b2", 0), treePost("a1b2/c3d4", 1), treePost("a1b2/c3d4/9f00", 2)])
        let rows = tree.rows(collapsed: [])
        #expect(rows.map(\.slug) == ["a1b2", "a1b2/c3d4", "a1b2/c3d4/9f00"])
        #expect(rows.map(\.depth) == [0, 1, 2])
        #expect(rows.map(\.childCount) == [1, 1, 0])
        #expect(tree.postCount == 3)
        #expect(tree.placeholderCount == 0)
        #expect(tree.contains(slug: "a1b2/c3d4"))
        #expect(!tree.contains(slug: "c3d4"))
        #expect(tree.post(slug: "a1b2/c3d4/9f00")?.author == "u-a1b2/c3d4/9f00")
        #expect(tree.post(slug: "ffff") == nil)
    }

    @Test func depthFirstOrderMatchesTheWebUI() {
        var tree = PostTree()
        tree.insert(examplePage0)
        #expect(tree.rows().map(\.slug) == ["a1b2", "a1b2/c3d4", "e0f1"])
        tree.insert(examplePage1)
        let rows = tree.rows()
        #expect(rows.map(\.slug) == ["a1b2", "a1b2/c3d4", "a1b2/c3d4/9e9e", "e0f1", "e0f1/77aa", "5c5c"])
        #expect(rows.map(\.depth) == [0, 1, 2, 0, 1, 0])
        #expect(rows.map { $0.treePrefix(ascii: false) } == ["", "└─", "  └─", "", "└─", ""])
        #expect(rows.allSatisfy { !$0.isPlaceholder })
    }

    @Test func pagesInReverseGiveTheSameTree() {
        var inOrder = PostTree()
        inOrder.insert(examplePage0, serverOffset: 0)
        inOrder.insert(examplePage1, serverOffset: 3)
        var reversed = PostTree()
        reversed.insert(examplePage1, serverOffset: 3)
        // Before page 0 arrives, the replies hang under placeholders, which sort at their earliest reply.
        #expect(reversed.placeholderCount == 3)  // a1b2, a1b2/c3d4, e0f1
        #expect(
            reversed.rows().map(\.slug) == ["e0f1", "e0f1/77aa", "5c5c", "a1b2", "a1b2/c3d4", "a1b2/c3d4/9e9e"])
        #expect(reversed.rows().map(\.isPlaceholder) == [true, false, false, true, true, false])
        reversed.insert(examplePage0, serverOffset: 0)
        #expect(reversed.placeholderCount == 0)
        #expect(reversed.rows().map(\.slug) == inOrder.rows().map(\.slug))
        #expect(reversed.chronologicalRows().map(\.slug) == inOrder.chronologicalRows().map(\.slug))
    }

    @Test func orphansHangUnderPlaceholdersUntilTheParentArrives() {
        var tree = PostTree()
        let change = tree.insert([treePost("aaaa/bbbb/cccc", 30)])
        #expect(change.placeholdersCreated == ["aaaa", "aaaa/bbbb"])
        #expect(tree.placeholderCount == 2)
        #expect(tree.postCount == 1)
        #expect(!tree.contains(slug: "aaaa"))
        var rows = tree.rows()
        #expect(rows.map(\.slug) == ["aaaa", "aaaa/bbbb", "aaaa/bbbb/cccc"])
        #expect(rows.map(\.isPlaceholder) == [true, true, false])
        #expect(rows.map(\.hiddenCount) == [1, 1, 0])
        #expect(rows[2].inReplyTo == nil)
        let placeholderID = rows[0].id

        let fill = tree.insert([treePost("aaaa", 10, author: "mara")])
        #expect(fill.placeholdersFilled == ["aaaa"])
        #expect(fill.placeholdersCreated.isEmpty)
        #expect(fill.newRowIDs.isEmpty)
        #expect(tree.placeholderCount == 1)
        #expect(tree.postCount == 2)
        rows = tree.rows()
        #expect(rows.map(\.isPlaceholder) == [false, true, false])
        #expect(rows[0].id == placeholderID)
        #expect(rows[0].post?.author == "mara")
        #expect(rows[0].hiddenCount == 1)
        #expect(rows[1].inReplyTo == "mara")
    }

    @Test func aPlaceholderSortsAsItsEarliestReplyAndMovesUpWhenFilled() {
        var tree = PostTree()
        tree.insert([treePost("1111", 10), treePost("dead/beef", 30), treePost("2222", 40)])
        // The placeholder sorts at its earliest reply (30): after 1111.
        #expect(tree.rows().map(\.slug) == ["1111", "dead", "dead/beef", "2222"])
        tree.insert([treePost("dead/0001", 25)])
        #expect(tree.rows().map(\.slug) == ["1111", "dead", "dead/0001", "dead/beef", "2222"])
        // The parent arrives, older than 1111: the node moves up and keeps its id.
        let id = tree.rows()[1].id
        tree.insert([treePost("dead", 5)])
        let rows = tree.rows()
        #expect(rows.map(\.slug) == ["dead", "dead/0001", "dead/beef", "1111", "2222"])
        #expect(rows[0].id == id)
        #expect(tree.placeholderCount == 0)
    }

    @Test func anEarlierDescendantMovesEveryPlaceholderAncestorUp() {
        var tree = PostTree()
        tree.insert([treePost("1111", 10), treePost("9999/8888/7777", 30)])
        #expect(tree.rows().map(\.slug) == ["1111", "9999", "9999/8888", "9999/8888/7777"])
        tree.insert([treePost("9999/8888/6666", 5)])
        #expect(tree.rows().map(\.slug) == ["9999", "9999/8888", "9999/8888/6666", "9999/8888/7777", "1111"])
        #expect(tree.placeholderCount == 2)
    }

    @Test func duplicatesAreSkippedOrKept() {
        var tree = PostTree()
        tree.insert([treePost("aaaa", 0, author: "mara"), treePost("aaaa/bbbb", 1)])
        // Overlapping page: the same aaaa/bbbb again, and a different post that reuses aaaa.
        let change = tree.insert([treePost("aaaa/bbbb", 1), treePost("aaaa", 0, author: "kofi", text: "other")])
        #expect(change.skippedDuplicates == 1)
        #expect(change.keptDuplicates == 1)
        #expect(change.addedSlugs == ["aaaa"])
        #expect(tree.postCount == 3)
        let rows = tree.rows()
        // Equal times: arrival order, so the second aaaa comes after the first one's subtree.
        #expect(rows.map(\.slug) == ["aaaa", "aaaa/bbbb", "aaaa"])
        #expect(rows.map { $0.post?.author } == ["mara", "u-aaaa/bbbb", "kofi"])
        #expect(rows[0].id != rows[2].id)
        #expect(tree.post(slug: "aaaa")?.author == "mara")
        // The kept duplicate is recognised too when it comes again.
        let again = tree.insert([treePost("aaaa", 0, author: "kofi", text: "other")])
        #expect(again.skippedDuplicates == 1)
        #expect(again.isEmpty)
        #expect(tree.postCount == 3)
        #expect(tree.chronologicalRows().map { $0.post?.author } == ["mara", "u-aaaa/bbbb", "kofi"])
    }

    @Test func aSameSlugWithDifferentTimeOrAuthorIsAnotherPost() {
        var tree = PostTree()
        tree.insert([treePost("aaaa", 0, text: "x")])
        let byTime = tree.insert([treePost("aaaa", 1, text: "x")])
        let byAuthor = tree.insert([treePost("aaaa", 0, author: "someone", text: "x")])
        #expect(byTime.keptDuplicates == 1)
        #expect(byAuthor.keptDuplicates == 1)
        #expect(tree.postCount == 3)
        // Siblings by time, then arrival: the original, the other author (same time), the later one.
        #expect(tree.rows().map { $0.post?.author } == ["u-aaaa", "someone", "u-aaaa"])
        #expect(tree.rows().map { $0.post?.timestamp } == [0, 0, 1].map { treePost("x", $0).timestamp })
    }

    @Test func collapsedSubtreesCountWhatTheyHide() {
        var tree = PostTree()
        tree.insert(glyphPosts)
        let all = tree.rows()
        #expect(all.map(\.hiddenCount) == [6, 2, 0, 0, 2, 1, 0, 0])
        #expect(all.allSatisfy { !$0.isCollapsed })

        let b = tree.rows(collapsed: ["aaaa/bbbb"])
        #expect(b.map(\.slug) == ["aaaa", "aaaa/bbbb", "aaaa/eeee", "aaaa/eeee/ffff", "aaaa/eeee/ffff/9999", "7777"])
        #expect(b[1].isCollapsed)
        #expect(b[1].hiddenCount == 2)
        #expect(b[1].childCount == 2)

        let a = tree.rows(collapsed: ["aaaa", "aaaa/bbbb"])
        #expect(a.map(\.slug) == ["aaaa", "7777"])
        #expect(a[0].isCollapsed && a[0].hiddenCount == 6)
        // Collapsing a leaf hides nothing and is not marked.
        let leaf = tree.rows(collapsed: ["7777"])
        #expect(leaf.count == 8)
        #expect(!leaf[7].isCollapsed)
    }

    @Test func hiddenCountsLeavePlaceholdersOut() {
        var tree = PostTree()
        tree.insert([treePost("aaaa", 0), treePost("aaaa/bbbb/cccc", 1), treePost("aaaa/bbbb/dddd", 2)])
        let rows = tree.rows(collapsed: ["aaaa"])
        #expect(rows.count == 1)
        #expect(rows[0].hiddenCount == 2)  // two posts; the placeholder aaaa/bbbb is not one
        #expect(rows[0].childCount == 1)
    }

    @Test func treePrefixesDrawMuttLines() {
        var tree = PostTree()
        tree.insert(glyphPosts)
        let rows = tree.rows()
        #expect(rows.map { lastLevel($0.slug) } == ["aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff", "9999", "7777"])
        #expect(rows.map { $0.treePrefix(ascii: false) } == ["", "├─", "│ ├─", "│ └─", "└─", "  └─", "    └─", ""])
        #expect(rows.map { $0.treePrefix(ascii: true) } == ["", "|-", "| |-", "| `-", "`-", "  `-", "    `-", ""])
        #expect(rows[2].hasLaterSibling == [true, true])  // aaaa has 7777 after it; bbbb has eeee
        #expect(rows[6].hasLaterSibling == [true, false, false])
        #expect(rows.map(\.isLastChild) == [false, false, false, true, true, true, true, true])
        // Every prefix is 2 cells per level.
        #expect(rows.allSatisfy { $0.treePrefix(ascii: true).count == 2 * $0.depth })
    }

    @Test func flatForgeShowsEveryPostAtTopLevel() {
        var tree = PostTree(maximumDepth: 0)
        tree.insert(examplePage0)
        tree.insert(examplePage1)
        let rows = tree.rows()
        #expect(rows.map(\.slug) == ["a1b2", "e0f1", "a1b2/c3d4", "e0f1/77aa", "5c5c", "a1b2/c3d4/9e9e"])
        #expect(rows.allSatisfy { $0.depth == 0 && $0.treePrefix(ascii: false).isEmpty && $0.childCount == 0 })
        #expect(rows.map(\.inReplyTo) == [nil, nil, "mara", "kofi", nil, "lena"])
        #expect(tree.placeholderCount == 0)
    }

    @Test func depthOneShowsRepliesToRepliesNextToThem() {
        var tree = PostTree(maximumDepth: 1)
        tree.insert(examplePage1)  // last page first: a1b2 and e0f1 are placeholders
        #expect(tree.placeholderCount == 2)
        tree.insert(examplePage0)
        #expect(tree.placeholderCount == 0)
        let rows = tree.rows()
        #expect(rows.map(\.slug) == ["a1b2", "a1b2/c3d4", "a1b2/c3d4/9e9e", "e0f1", "e0f1/77aa", "5c5c"])
        #expect(rows.map(\.depth) == [0, 1, 1, 0, 1, 0])
        #expect(rows.map { $0.treePrefix(ascii: false) } == ["", "├─", "└─", "", "└─", ""])
        #expect(rows[0].childCount == 2)
        #expect(rows[0].hiddenCount == 2)
        // The flattened reply still knows whom it answers.
        #expect(rows[2].inReplyTo == "lena")
        #expect(rows[1].inReplyTo == "mara")
    }

    @Test func depthOneWithMissingAncestors() {
        var tree = PostTree(maximumDepth: 1)
        tree.insert([treePost("dead/beef/cafe", 10), treePost("dead/0001", 20)])
        #expect(tree.placeholderCount == 1)  // only the shown ancestor gets a placeholder
        let rows = tree.rows()
        #expect(rows.map(\.slug) == ["dead", "dead/beef/cafe", "dead/0001"])
        #expect(rows.map(\.depth) == [0, 1, 1])
        #expect(rows[1].inReplyTo == nil)
        // The intermediate post arrives: it is shown as a sibling, in time order.
        tree.insert([treePost("dead/beef", 5, author: "zoe")])
        let after = tree.rows()
        #expect(after.map(\.slug) == ["dead", "dead/beef", "dead/beef/cafe", "dead/0001"])
        #expect(after[2].inReplyTo == "zoe")
    }

    @Test func chronologicalRowsFollowServerOrder() {
        var tree = PostTree()
        tree.insert(examplePage1, serverOffset: 3)
        tree.insert(examplePage0, serverOffset: 0)
        let rows = tree.chronologicalRows()
        #expect(rows.map(\.slug) == ["a1b2", "e0f1", "a1b2/c3d4", "e0f1/77aa", "5c5c", "a1b2/c3d4/9e9e"])
        #expect(rows.map(\.inReplyTo) == [nil, nil, "mara", "kofi", nil, "lena"])
        #expect(rows.allSatisfy { $0.depth == 0 && !$0.isPlaceholder })
        #expect(rows.map(\.isLastChild) == [false, false, false, false, false, true])

        // Without offsets, arrival order; a missing parent gives no inReplyTo and no row.
        var arrival = PostTree()
        arrival.insert([treePost("dead/beef", 1), treePost("aaaa", 0)])
        #expect(arrival.chronologicalRows().map(\.slug) == ["dead/beef", "aaaa"])
        #expect(arrival.chronologicalRows().map(\.inReplyTo) == [nil, nil])
    }

    @Test func navigationFollowsTheTree() {
        var tree = PostTree()
        tree.insert(glyphPosts)
        let rows = tree.rows()
        // 0 aaaa, 1 bbbb, 2 cccc, 3 dddd, 4 eeee, 5 ffff, 6 9999, 7 7777
        #expect(rows.parent(of: 0) == nil)
        #expect(rows.parent(of: 2) == 1)
        #expect(rows.parent(of: 4) == 0)
        #expect(rows.parent(of: 6) == 5)
        #expect(rows.nextSibling(of: 1) == 4)
        #expect(rows.nextSibling(of: 2) == 3)
        #expect(rows.nextSibling(of: 3) == nil)
        #expect(rows.nextSibling(of: 4) == nil)
        #expect(rows.nextSibling(of: 0) == 7)
        #expect(rows.previousSibling(of: 4) == 1)
        #expect(rows.previousSibling(of: 1) == nil)
        #expect(rows.previousSibling(of: 7) == 0)
        #expect(rows.nextTopLevel(after: 2) == 7)
        #expect(rows.nextTopLevel(after: 7) == nil)
        #expect(rows.previousTopLevel(before: 6) == 0)
        #expect(rows.previousTopLevel(before: 0) == nil)
        #expect(rows.previousTopLevel(before: 100) == 7)
        #expect(rows.parent(of: 42) == nil)
        #expect(rows.nextSibling(of: -1) == nil)
        #expect(rows.index(ofRowID: rows[5].id) == 5)

        let collapsed = tree.collapseAll()
        #expect(collapsed == ["aaaa", "aaaa/bbbb", "aaaa/eeee", "aaaa/eeee/ffff"])
        let closed = tree.rows(collapsed: collapsed)
        #expect(closed.map(\.slug) == ["aaaa", "7777"])
        #expect(closed.nextSibling(of: 0) == 1)
        // Expanding the top only shows its direct replies, still collapsed.
        let one = tree.rows(collapsed: collapsed.subtracting(["aaaa"]))
        #expect(one.map(\.slug) == ["aaaa", "aaaa/bbbb", "aaaa/eeee", "7777"])
        #expect(tree.rows(collapsed: tree.expandAll()).count == 8)
    }

    @Test func insertionTellsWhereRowsAppeared() {
        var tree = PostTree()
        tree.insert(examplePage0)
        let before = tree.rows()
        #expect(before.map(\.slug) == ["a1b2", "a1b2/c3d4", "e0f1"])
        let cursorID = before[2].id  // the cursor is on e0f1

        let change = tree.insert(examplePage1)
        #expect(change.addedSlugs == ["e0f1/77aa", "5c5c", "a1b2/c3d4/9e9e"])
        #expect(change.newRowIDs.count == 3)
        let after = tree.rows()
        #expect(change.insertedRowIndices(in: after) == [2, 4, 5])
        let newIndex = after.index(ofRowID: cursorID)
        #expect(newIndex == 3)
        #expect(change.insertedRowCount(before: 3, in: after) == 1)
        #expect(change.insertedRowCount(before: 0, in: after) == 0)
        #expect(change.insertedRowCount(before: 6, in: after) == 3)

        // Rows inside a collapsed subtree do not count: only 5c5c appears.
        var hidden = PostTree()
        hidden.insert(examplePage0)
        let c = hidden.insert(examplePage1)
        let rows = hidden.rows(collapsed: ["a1b2", "e0f1"])
        #expect(rows.map(\.slug) == ["a1b2", "e0f1", "5c5c"])
        #expect(c.insertedRowIndices(in: rows) == [2])

        // Placeholders are new rows too.
        var orphan = PostTree()
        orphan.insert([treePost("1111", 0)])
        let o = orphan.insert([treePost("0000/2222", 5)], serverOffset: nil)
        #expect(o.insertedRowIndices(in: orphan.rows()) == [1, 2])
    }

    @Test func postsWithoutTimestampSortAfterDatedSiblings() {
        var tree = PostTree()
        tree.insert([Post(slug: "aaaa", text: "", author: "x"), treePost("bbbb", 0)])
        #expect(tree.rows().map(\.slug) == ["bbbb", "aaaa"])
    }

    @Test func aNegativeMaximumDepthMeansFlat() {
        var tree = PostTree(maximumDepth: -3)
        tree.insert([treePost("aaaa", 0), treePost("aaaa/bbbb", 1)])
        #expect(tree.maximumDepth == 0)
        #expect(tree.rows().map(\.depth) == [0, 0])
    }
}
