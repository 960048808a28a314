import Testing

@testable import DemoForge

/// A demo post's depth and parent come from its slug, read as bytes: the same as splitting it.
struct DemoPostTests {
    @Test func depthAndParentAreThoseOfTheSlugsSegments() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["/", "ab", "c", "é", "1f"]
        for _ in 0..<500 {
            let slug = (0..<rng.int(0...8)).map { _ in rng.pick(pieces) }.joined()
            let post = DemoPost(slug: slug, text: "", author: "a", timestamp: 0, hash: "")
            #expect(post.depth == slug.split(separator: "/").count, "\(slug)")
            #expect(post.parentSlug == slug.lastIndex(of: "/").map { String(slug[..<$0]) }, "\(slug)")
        }
    }
}
