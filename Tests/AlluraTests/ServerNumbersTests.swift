import Allura
import ForgeModel
import Foundation
import Testing

/// Numbers the server chose are made sane once, in the mapping: no later arithmetic can trap.
@Suite struct ServerNumbersTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test("counts, pages and limits at the edges of Int come out in range")
    func hostileNumbersAreBounded() throws {
        let most = ServerNumbers.maximumCount
        for (count, page, limit) in [(Int.max, 1 << 62, 0), (-5, -1, 10_000), (Int.min, Int.max, -3)] {
            let topic = try Self.decode(
                AlluraTopicPostsJSON.self,
                #"{"topic": {"_id": "t", "posts": []}, "count": \#(count), "page": \#(page), "limit": \#(limit)}"#)
            let posts = AlluraMapping.topicPostsPage(topic, requestedPage: 2, requestedLimit: 25)
            #expect((1...500).contains(posts.limit))
            #expect(posts.page == 2, "an impossible echoed page gives way to the requested one")
            if case .exact(let n) = posts.total { #expect((0...most).contains(n)) }
            _ = (posts.page + 1) * posts.limit + most

            let search = try Self.decode(
                AlluraTicketSearchJSON.self,
                #"{"tickets": [], "count": \#(count), "page": \#(page), "limit": \#(limit)}"#)
            let found = AlluraMapping.ticketSearchPage(search, requestedPage: 0, requestedLimit: 25)
            #expect((1...500).contains(found.limit) && found.page == 0)
            if case .atMost(let n) = found.total { #expect((0...most).contains(n)) }

            let forums = try Self.decode(
                AlluraForumListJSON.self,
                #"{"forums": [], "count": \#(count), "page": \#(page), "limit": \#(limit)}"#)
            let listed = AlluraMapping.forumPage(forums, requestedPage: 1, requestedLimit: 100)
            #expect((1...500).contains(listed.limit) && listed.page == 1)
        }
    }

    @Test("sane echoed numbers are kept")
    func saneNumbersPass() throws {
        let topic = try Self.decode(
            AlluraTopicPostsJSON.self, #"{"topic": {"_id": "t", "posts": []}, "count": 161, "page": 3, "limit": 25}"#)
        let posts = AlluraMapping.topicPostsPage(topic, requestedPage: 0, requestedLimit: 50)
        #expect(posts.page == 3 && posts.limit == 25 && posts.total == .exact(161))
    }
}
