import Foundation
import Testing

@testable import ForgeModel

/// `ThreadRowList` gives the rows `PostTree.rows(collapsed:)` gives, writing only what a page
/// changed.
@Suite struct ThreadRowListTests {
    /// Inserts `pages` (page number, posts) one by one into a tree and a row list, checking the
    /// list against a full rebuild after each.
    private func follow(
        _ pages: [(Int, [Post])], pageSize: Int, maximumDepth: Int?, collapsed: Set<String>, seed: UInt64
    ) {
        var tree = PostTree(maximumDepth: maximumDepth)
        var list = ThreadRowList()
        list.rebuild(tree, collapsed: collapsed)
        for (number, page) in pages {
            let before = list.rows
            let change = tree.insert(page, serverOffset: number * pageSize)
            list.update(tree, after: change)
            #expect(list.rows == tree.rows(collapsed: collapsed), "seed \(seed), page \(number)")
            // Every row not reported as written is as it was, in the same order.
            if !list.lastChangeRebuiltAll {
                let written = list.writtenIDs
                #expect(
                    before.filter { !written.contains($0.id) } == list.rows.filter { !written.contains($0.id) },
                    "seed \(seed), page \(number)")
            }
        }
    }

    private func pages(of posts: [Post], size: Int) -> [(Int, [Post])] {
        stride(from: 0, to: posts.count, by: size).map { ($0 / size, Array(posts[$0..<min(posts.count, $0 + size)])) }
    }

    @Test func sameRowsAsARebuildWhateverOrderPagesArriveIn() {
        for seed in UInt64(1)...12 {
            var rng = SeededGenerator(seed: seed)
            let posts = generateThread(count: 400, maximumLevel: 7, seed: seed)
            var shuffled = pages(of: posts, size: 20)
            shuffled.shuffle(using: &rng)
            let depth = [nil, 0, 1, 3][Int(seed % 4)]
            // Collapse a few posts, some of which arrive late, so their replies hide as they come.
            let collapsed = seed % 3 == 0 ? [] : Set((0..<6).map { _ in posts.randomElement(using: &rng)!.slug })
            follow(shuffled, pageSize: 20, maximumDepth: depth, collapsed: collapsed, seed: seed)
        }
    }

    @Test func sameRowsWithRepeatedPagesDuplicateSlugsAndOwnPosts() {
        let posts = generateThread(count: 120, maximumLevel: 5, seed: 99)
        var tree = PostTree()
        var list = ThreadRowList()
        list.rebuild(tree, collapsed: [])
        let all = pages(of: posts, size: 15)
        for (number, page) in all.reversed() + all.prefix(3) {
            let change = tree.insert(page, serverOffset: number * 15)
            list.update(tree, after: change)
            #expect(list.rows == tree.rows())
        }
        // A different post under a slug already there, and a post of the user's (no offset).
        let clash = Post(slug: posts[7].slug, text: "another text", author: "someone")
        let clashing = tree.insert([clash])
        list.update(tree, after: clashing)
        #expect(list.rows == tree.rows())
        let own = Post(slug: posts[3].slug + "/ffff", text: "mine", author: "me", timestamp: posts[3].timestamp)
        let mine = tree.insert([own])
        list.update(tree, after: mine)
        #expect(list.rows == tree.rows())
    }

    @Test func aPageWritesRowsInProportionToItselfNotToTheThread() {
        // 2,000 top-level posts, then a page of replies to one early post and its replies.
        let roots = (0..<2000).map { treePost(String(format: "%04x", $0), $0) }
        var tree = PostTree()
        tree.insert(roots, serverOffset: 0)
        var list = ThreadRowList()
        list.rebuild(tree, collapsed: [])
        #expect(list.rowsWritten == 2000)
        let early = roots[3].slug
        let replies = (0..<10).map { treePost("\(early)/\(String(format: "%04x", $0))", 3000 + $0) }
        let answers = tree.insert(replies, serverOffset: 2000)
        list.update(tree, after: answers)
        #expect(list.rows == tree.rows())
        // Ten new rows and the row of the post they answer (its counts).
        #expect(list.rowsWritten == 11)
        let deeper = (0..<10).map { treePost("\(replies[9].slug)/\(String(format: "%04x", $0))", 4000 + $0) }
        let further = tree.insert(deeper, serverOffset: 2010)
        list.update(tree, after: further)
        #expect(list.rows == tree.rows())
        // Ten new rows and the rows of their parent and grandparent (counts).
        #expect(list.rowsWritten == 12)
    }

    @Test func everyPageOfABigThreadWritesAFewRowsPerPost() {
        let pageSize = 50
        let posts = generateThread(count: 5000, maximumLevel: 6, seed: 7)
        var tree = PostTree()
        var list = ThreadRowList()
        list.rebuild(tree, collapsed: [])
        var most = 0
        for (number, page) in pages(of: posts, size: pageSize) {
            let change = tree.insert(page, serverOffset: number * pageSize)
            list.update(tree, after: change)
            most = max(most, list.rowsWritten)
        }
        #expect(list.rows == tree.rows())
        // A new row and the rows of its ancestors per post, at most: far below the 5,000 rows a
        // rebuild writes for the last page.
        #expect(most <= pageSize * 7, "\(most)")
    }

    @Test func guideLinesKeepOneBitALevel() {
        let levels = [true, false, true, true, false]
        let guides = GuideLines(levels)
        #expect(guides.levels == levels)
        #expect(guides.count == 5)
        #expect(!guides[5] && !guides[-1] && guides[3])
        var row = ThreadRow(id: 1, slug: "a", post: nil, depth: 5, hasLaterSibling: levels)
        #expect(row.hasLaterSibling == levels)
        row.hasLaterSibling = [false, true]
        #expect(row.guides == GuideLines([false, true]))
        #expect(GuideLines(Array(repeating: true, count: 64)).levels.allSatisfy { $0 })
    }
}

/// A thread keeps a row per post (and the view a header per row): their size is its memory.
@Suite struct ThreadRowSizeTests {
    @Test("a row takes 80 bytes, its tree lines 16")
    func rowsAreSmall() {
        #expect(MemoryLayout<ThreadRow>.stride == 80)
        #expect(MemoryLayout<GuideLines>.stride == 16)
    }

    @Test("counts beyond 32 bits are held at the limit, not wrapped")
    func countsAreClamped() {
        var row = ThreadRow(id: 1, slug: "a", post: nil, depth: 2, hiddenCount: Int.max, childCount: -5)
        #expect(row.hiddenCount == Int(Int32.max))
        #expect(row.childCount == -5)
        row.depth = 7
        #expect(row.depth == 7)
    }
}
