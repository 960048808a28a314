import Foundation
import Testing

@testable import ForgeModel

/// A small seeded generator (SplitMix64) so that failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random thread in server (timestamp) order: each post replies to a random earlier post (so
/// replies land any number of pages after their parent) or starts a new top-level branch.
func generateThread(count: Int, maximumLevel: Int, seed: UInt64) -> [Post] {
    var rng = SeededGenerator(seed: seed)
    var posts: [Post] = []
    posts.reserveCapacity(count)
    var used = Set<String>()
    var parents: [String] = []  // slugs that may get replies
    for i in 0..<count {
        var parent: String?
        if !parents.isEmpty && Int.random(in: 0..<10, using: &rng) >= 2 {
            // Prefer recent posts half of the time to grow deep chains.
            let recent = Int.random(in: 0..<2, using: &rng) == 0
            let pick =
                recent
                ? Swift.max(0, parents.count - Int.random(in: 1...5, using: &rng))
                : Int.random(in: 0..<parents.count, using: &rng)
            parent = parents[Swift.min(pick, parents.count - 1)]
        }
        var slug: String
        repeat {
            let level = String(format: "%04x", Int.random(in: 0..<0x10000, using: &rng))
            slug = parent.map { "\($0)/\(level)" } ?? level
        } while used.contains(slug)
        used.insert(slug)
        let post = Post(
            slug: slug, text: "post \(i)", author: "user\(Int.random(in: 0..<50, using: &rng))",
            timestamp: Date(timeIntervalSince1970: 1_740_787_200 + Double(i) * 7))
        posts.append(post)
        if post.depth < maximumLevel { parents.append(slug) }
    }
    return posts
}

/// What a view shows for each row, without the ids (which depend on arrival order).
func shown(_ rows: [ThreadRow]) -> [String] {
    rows.map {
        "\($0.slug)|\($0.depth)|\($0.isPlaceholder)|\($0.treePrefix(ascii: true))|\($0.hiddenCount)|\($0.childCount)"
            + "|\($0.post?.author ?? "-")|\($0.inReplyTo ?? "-")"
    }
}

/// The threaded order computed the slow, obvious way (all posts present): children by parent slug,
/// siblings sorted by time then server order, depth first.
func referenceOrder(_ posts: [Post]) -> [String] {
    var children: [String: [(Post, Int)]] = [:]
    var top: [(Post, Int)] = []
    for (i, post) in posts.enumerated() {
        if let parent = post.parentSlug {
            children[parent, default: []].append((post, i))
        } else {
            top.append((post, i))
        }
    }
    func sorted(_ list: [(Post, Int)]) -> [(Post, Int)] {
        list.sorted { a, b in
            let ta = a.0.timestamp ?? .distantFuture
            let tb = b.0.timestamp ?? .distantFuture
            return ta != tb ? ta < tb : a.1 < b.1
        }
    }
    var out: [String] = []
    var stack = Array(sorted(top).reversed())
    while let (post, _) = stack.popLast() {
        out.append(post.slug)
        stack.append(contentsOf: sorted(children[post.slug] ?? []).reversed())
    }
    return out
}

func pages(of posts: [Post], size: Int) -> [(offset: Int, posts: [Post])] {
    stride(from: 0, to: posts.count, by: size).map { ($0, Array(posts[$0..<Swift.min($0 + size, posts.count)])) }
}

/// Checks what must hold for any tree: every post exactly once, each row right under its parent's
/// subtree, depths consistent, and the counters matching the rows.
func checkInvariants(_ tree: PostTree, posts: [Post], sourceLocation: SourceLocation = #_sourceLocation) {
    let rows = tree.rows()
    let postRows = rows.filter { !$0.isPlaceholder }
    #expect(postRows.count == posts.count, sourceLocation: sourceLocation)
    #expect(Set(postRows.map(\.slug)) == Set(posts.map(\.slug)), sourceLocation: sourceLocation)
    #expect(tree.postCount == posts.count, sourceLocation: sourceLocation)
    #expect(rows.count - postRows.count == tree.placeholderCount, sourceLocation: sourceLocation)
    #expect(Set(rows.map(\.id)).count == rows.count, sourceLocation: sourceLocation)
    var bad = 0
    for (i, row) in rows.enumerated() {
        if row.hasLaterSibling.count != row.depth { bad += 1 }
        if let p = rows.parent(of: i) {
            // Parents come before children, and the parent row is the slug's parent.
            if rows[p].depth != row.depth - 1 { bad += 1 }
            if tree.maximumDepth == nil && rows[p].slug != Post(slug: row.slug, text: "", author: "").parentSlug {
                bad += 1
            }
        } else if row.depth != 0 {
            bad += 1
        }
    }
    #expect(bad == 0, "\(bad) rows out of place", sourceLocation: sourceLocation)
    // The top-level rows account for every post: their own and those under them.
    let topLevel = rows.filter { $0.depth == 0 }
    let accounted = topLevel.reduce(0) { $0 + $1.hiddenCount + ($1.isPlaceholder ? 0 : 1) }
    #expect(accounted == posts.count, sourceLocation: sourceLocation)
}

struct PostTreePropertyTests {
    @Test func threadedOrderMatchesTheObviousAlgorithm() {
        for seed in UInt64(1)...10 {
            let posts = generateThread(count: 400, maximumLevel: 12, seed: seed)
            var tree = PostTree()
            for page in pages(of: posts, size: 25) { tree.insert(page.posts, serverOffset: page.offset) }
            #expect(tree.rows().map(\.slug) == referenceOrder(posts), "seed \(seed)")
            #expect(tree.chronologicalRows().map(\.slug) == posts.map(\.slug), "seed \(seed)")
            #expect(tree.placeholderCount == 0)
            checkInvariants(tree, posts: posts)
        }
    }

    @Test func pagesInAnyOrderGiveTheSameTree() {
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed &* 7919)
            var posts = generateThread(count: 300, maximumLevel: 12, seed: seed)
            // Some parents never arrive (deleted or moderated).
            posts.removeAll { _ in Int.random(in: 0..<20, using: &rng) == 0 }
            let paged = pages(of: posts, size: 20)

            var inOrder = PostTree()
            for page in paged { inOrder.insert(page.posts, serverOffset: page.offset) }
            checkInvariants(inOrder, posts: posts)

            var shuffled = PostTree()
            var order = paged.shuffled(using: &rng)
            // Reloaded pages overlap what is there: re-insert a few.
            order += paged.shuffled(using: &rng).prefix(3)
            for page in order { shuffled.insert(page.posts, serverOffset: page.offset) }

            #expect(shown(shuffled.rows()) == shown(inOrder.rows()), "seed \(seed)")
            #expect(shown(shuffled.chronologicalRows()) == shown(inOrder.chronologicalRows()), "seed \(seed)")
            #expect(shuffled.placeholderCount == inOrder.placeholderCount, "seed \(seed)")
            #expect(shuffled.postCount == posts.count, "seed \(seed)")
            let collapse = shuffled.collapseAll()
            #expect(collapse == inOrder.collapseAll())
            #expect(shown(shuffled.rows(collapsed: collapse)) == shown(inOrder.rows(collapsed: collapse)))
        }
    }

    @Test func pagesWithoutOffsetsGiveTheSameThreadedTree() {
        // Distinct timestamps: arrival order does not matter for the threaded view.
        for seed in UInt64(30)...35 {
            var rng = SeededGenerator(seed: seed)
            let posts = generateThread(count: 200, maximumLevel: 6, seed: seed)
            var a = PostTree()
            var b = PostTree()
            for page in pages(of: posts, size: 10) { a.insert(page.posts) }
            for page in pages(of: posts, size: 10).shuffled(using: &rng) { b.insert(page.posts) }
            #expect(shown(a.rows()) == shown(b.rows()), "seed \(seed)")
        }
    }

    @Test func aMaximumDepthKeepsEveryPostAndCapsTheDepth() {
        for limit in [0, 1, 3] {
            let posts = generateThread(count: 500, maximumLevel: 12, seed: 99)
            var rng = SeededGenerator(seed: 5)
            var a = PostTree(maximumDepth: limit)
            var b = PostTree(maximumDepth: limit)
            for page in pages(of: posts, size: 50) { a.insert(page.posts, serverOffset: page.offset) }
            for page in pages(of: posts, size: 50).shuffled(using: &rng) {
                b.insert(page.posts, serverOffset: page.offset)
            }
            let rows = a.rows()
            checkInvariants(a, posts: posts)
            #expect(rows.allSatisfy { $0.depth <= limit }, "limit \(limit)")
            #expect(a.placeholderCount == 0)
            #expect(shown(a.rows()) == shown(b.rows()), "limit \(limit)")
            // Flattened replies still name the author they answer.
            let byslug = Dictionary(posts.map { ($0.slug, $0.author) }, uniquingKeysWith: { a, _ in a })
            #expect(rows.allSatisfy { row in row.inReplyTo == row.post?.parentSlug.flatMap { byslug[$0] } })
        }
    }

    @Test func tenThousandPostsInAHundredPages() {
        let posts = generateThread(count: 10_000, maximumLevel: 12, seed: 2025)
        #expect(posts.map(\.depth).max() == 12)
        let paged = pages(of: posts, size: 100)
        #expect(paged.count == 100)

        let clock = ContinuousClock()
        var tree = PostTree()
        let insertTime = clock.measure {
            for page in paged { tree.insert(page.posts, serverOffset: page.offset) }
        }
        var rows: [ThreadRow] = []
        let rowsTime = clock.measure { rows = tree.rows() }

        var rng = SeededGenerator(seed: 77)
        var shuffled = PostTree()
        let shuffledTime = clock.measure {
            for page in paged.shuffled(using: &rng) { shuffled.insert(page.posts, serverOffset: page.offset) }
        }
        print(
            "PostTree: 10,000 posts in 100 pages: insert \(insertTime) (shuffled pages \(shuffledTime)),"
                + " rows \(rowsTime)")

        #expect(rows.count == 10_000)
        #expect(rows.map(\.slug) == referenceOrder(posts))
        checkInvariants(tree, posts: posts)
        #expect(shown(shuffled.rows()) == shown(rows))
        // Generous bounds for a loaded debug build; the target is well under a second.
        #expect(insertTime < .seconds(3))
        #expect(shuffledTime < .seconds(3))
        #expect(rowsTime < .seconds(1))
    }
}
