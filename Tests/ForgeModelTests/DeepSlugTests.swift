import Foundation
import TestSupport
import Testing

@testable import ForgeModel

/// A hostile slug nests thousands of levels deep: building and drawing the tree stays linear.
@Suite struct DeepSlugTests {
    static func slug(levels: Int) -> String {
        (0..<levels).map { String(format: "%04x", $0 % 0x10000) }.joined(separator: "/")
    }

    static func seconds(levels: Int) -> Double {
        let start = ThreadClock.seconds()
        var tree = PostTree()
        _ = tree.insert([Post(slug: slug(levels: levels), text: "deep", author: "mallory", timestamp: Date())])
        let rows = tree.rows()
        let prefixes = rows.reduce(0) { $0 + $1.treePrefix().count }
        _ = tree.rows(collapsed: tree.collapseAll())
        #expect(rows.last?.post?.text == "deep")
        #expect(rows.count <= PostTree.deepestNesting + 1)
        #expect(prefixes > 0)
        return ThreadClock.seconds() - start
    }

    @Test("a slug 10,000 levels deep costs about ten times one 1,000 deep")
    func deepSlugIsLinear() {
        // The fastest of three runs each, in CPU time, so a busy machine does not decide the outcome.
        let small = (0..<3).map { _ in Self.seconds(levels: 1_000) }.min() ?? 0
        let large = (0..<3).map { _ in Self.seconds(levels: 10_000) }.min() ?? 0
        #expect(large < max(small, 0.005) * 30, "1,000 levels: \(small) s, 10,000 levels: \(large) s")
    }
}
