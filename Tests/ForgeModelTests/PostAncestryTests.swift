import Foundation
import Testing

@testable import ForgeModel

/// A slug's ancestors are its prefixes, made when asked for: a slug post reads, compares and
/// hashes like the same post with its ancestors listed.
@Suite struct PostAncestryTests {
    static func listed(_ post: Post, _ ancestors: [String]) -> Post {
        Post(
            id: post.id, ancestors: ancestors, text: post.text, subject: post.subject, author: post.author,
            timestamp: post.timestamp, lastEdited: post.lastEdited, attachments: post.attachments, isMeta: post.isMeta)
    }

    @Test(
        "a slug's ancestors, parent and depth are its prefixes",
        arguments: [
            ("a1b2", [String]()),
            ("a1b2/c3d4", ["a1b2"]),
            ("a1b2/c3d4/e5f6", ["a1b2", "a1b2/c3d4"]),
            ("ü/é/日本", ["ü", "ü/é"]),
            ("/x", [""]),
            ("x//y", ["x", "x/"]),
            // A slash the next character combines with is a slash all the same, for each of the three.
            ("a1/\u{301}b2/c", ["a1", "a1/\u{301}b2"]),
        ])
    func slugAncestors(slug: String, ancestors: [String]) {
        let post = Post(slug: slug, text: "t", author: "a")
        #expect(post.ancestors == ancestors)
        #expect(post.parentID == ancestors.last)
        #expect(post.depth == ancestors.count)
        #expect(post == Self.listed(post, ancestors))
        #expect(post.hashValue == Self.listed(post, ancestors).hashValue)
        #expect(post != Self.listed(post, ancestors + ["z"]))
    }

    @Test("a slug deeper than the deepest nesting keeps the first levels and its parent")
    func deepSlugKeepsItsParent() {
        let parts = (0..<100).map { String(format: "%04x", $0) }
        let slug = parts.joined(separator: "/")
        let post = Post(slug: slug, text: "t", author: "a")
        let expected =
            (1...PostTree.deepestNesting).map { parts.prefix($0).joined(separator: "/") } + [
                parts.dropLast().joined(separator: "/")
            ]
        #expect(post.ancestors == expected)
        #expect(post.depth == PostTree.deepestNesting + 1)
        #expect(post.parentID == parts.dropLast().joined(separator: "/"))
    }

    @Test("setting a slug post's ancestors lists them")
    func settingAncestorsLists() {
        var post = Post(slug: "a/b", text: "t", author: "a")
        post.ancestors = ["root"]
        #expect(post.ancestors == ["root"])
        #expect(post.parentID == "root")
        #expect(post.depth == 1)
        #expect(post != Post(slug: "a/b", text: "t", author: "a"))
    }

    @Test("a tree of slug posts is the tree of the same posts with their ancestors listed")
    func treesAgree() {
        var slugs: [String] = []
        var generator = SystemRandomNumberGenerator()
        for index in 0..<300 {
            let parent = slugs.isEmpty || Int.random(in: 0..<4, using: &generator) == 0 ? nil : slugs.randomElement()
            slugs.append((parent.map { $0 + "/" } ?? "") + String(format: "%04x", index))
        }
        // Some parents never arrive: their replies hang under placeholders.
        let posts = slugs.enumerated().filter { $0.offset % 7 != 3 }.map { index, slug in
            Post(slug: slug, text: "post \(index)", author: "u", timestamp: Date(timeIntervalSince1970: Double(index)))
        }
        for maximumDepth in [nil, 0, 1, 3] {
            var bySlug = PostTree(maximumDepth: maximumDepth)
            var byList = PostTree(maximumDepth: maximumDepth)
            for page in stride(from: 0, to: posts.count, by: 40).reversed() {
                let slice = Array(posts[page..<min(page + 40, posts.count)])
                _ = bySlug.insert(slice, serverOffset: page)
                _ = byList.insert(slice.map { Self.listed($0, $0.ancestors) }, serverOffset: page)
            }
            #expect(bySlug.rows() == byList.rows())
            #expect(bySlug.rows().map { $0.treePrefix() } == byList.rows().map { $0.treePrefix() })
            #expect(bySlug.placeholderCount == byList.placeholderCount)
            if maximumDepth == nil { #expect(bySlug.placeholderCount > 0) }
        }
    }
}
