import DemoForge
import Foundation
import Testing

@Suite struct BigThreadTests {
    @Test func bigThreadIsDeepOutOfOrderAndHasMissingParents() throws {
        let pages = try Demo.allTopicPosts(
            Demo.shared, forum: DemoNames.bigForum, thread: DemoNames.bigThreadID, limit: 25)
        let posts = pages.flatMap { $0 }
        #expect(posts.count == DemoNames.bigThreadPosts)
        let first = try Demo.object(
            Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/general/thread/\(DemoNames.bigThreadID)/?limit=25"))
        #expect(first["count"] as? Int == DemoNames.bigThreadPosts)

        let slugs = posts.compactMap { $0["slug"] as? String }
        #expect(Set(slugs).count == slugs.count)
        let depths = slugs.map { $0.split(separator: "/").count }
        #expect(depths.max() == 8)
        #expect(
            slugs.allSatisfy {
                $0.split(separator: "/").allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isHexDigit } }
            })

        let stamps = posts.compactMap { $0["timestamp"] as? String }
        #expect(stamps == stamps.sorted(), "posts must be in timestamp order")

        var pageOf: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            for post in page { if let slug = post["slug"] as? String { pageOf[slug] = index } }
        }
        var laterPage = 0
        var missing = 0
        for slug in slugs {
            guard let cut = slug.lastIndex(of: "/") else { continue }
            let parent = String(slug[..<cut])
            if let parentPage = pageOf[parent], let own = pageOf[slug] {
                #expect(parentPage <= own)
                if own > parentPage { laterPage += 1 }
            } else {
                missing += 1
            }
        }
        #expect(laterPage > 100)
        #expect(missing > 0)
        let text = posts.compactMap { $0["text"] as? String }.joined()
        #expect(text.unicodeScalars.contains { $0.value > 0x3000 })
    }

    @Test func topicListShowsRepliesAndLastPost() throws {
        let json = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/general/?limit=500"))
        let topics = (json["forum"] as? [String: Any])?["topics"] as? [[String: Any]] ?? []
        let big = try #require(topics.first { $0["_id"] as? String == DemoNames.bigThreadID })
        #expect(big["num_replies"] as? Int == DemoNames.bigThreadPosts)
        let last = try #require(big["last_post"] as? [String: Any])
        #expect(last["thread_id"] as? String == DemoNames.bigThreadID)
        #expect(
            Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/help/thread/\(DemoNames.bigThreadID)/").status == 404,
            "a topic under the wrong forum is 404")
    }
}
