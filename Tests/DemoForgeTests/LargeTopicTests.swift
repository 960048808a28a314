import DemoForge
import Foundation
import Testing

/// The generated topics the benchmarks serve: the asked number of posts, replies nested by slug,
/// the same posts for the same size.
@Suite struct LargeTopicTests {
    func slugs(_ forge: DemoForge, _ id: String) throws -> (slugs: [String], count: Int) {
        var slugs: [String] = []
        var count = 0
        var page = 0
        repeat {
            let json = try Demo.object(
                Demo.get(forge, "/rest/p/anvil-demo/discussion/general/thread/\(id)/?limit=500&page=\(page)"))
            count = json["count"] as? Int ?? -1
            let topic = try #require(json["topic"] as? [String: Any])
            slugs += (topic["posts"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
            page += 1
        } while page * 500 < count
        return (slugs, count)
    }

    @Test func servesTheAskedNumberOfPostsNested() throws {
        let forge = DemoForge(seed: 1)
        let id = forge.addLargeTopic(posts: 1200)
        let (slugs, count) = try slugs(forge, id)
        #expect(count == 1200)
        #expect(slugs.count == 1200)
        #expect(Set(slugs).count == 1200)
        let known = Set(slugs)
        let replies = slugs.filter { $0.contains("/") }
        #expect(replies.count > 600)
        #expect(replies.allSatisfy { known.contains(String($0[..<($0.lastIndex(of: "/") ?? $0.endIndex)])) })
        #expect(slugs.map { $0.split(separator: "/").count }.max() ?? 0 > 6)
    }

    @Test func sameSizeGivesTheSamePosts() throws {
        let first = DemoForge(seed: 1)
        let second = DemoForge(seed: 1)
        let a = try slugs(first, first.addLargeTopic(posts: 300)).slugs
        let b = try slugs(second, second.addLargeTopic(posts: 300)).slugs
        #expect(a == b)
    }
}
