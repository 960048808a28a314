import DemoForge
import Foundation
import Testing

@Suite struct PagingTests {
    func tickets(_ path: String, token: Bool = false) throws -> (nums: [Int], count: Int, page: Int, limit: Int) {
        let json = try Demo.object(Demo.get(Demo.shared, path, token: token))
        let nums = (json["tickets"] as? [[String: Any]] ?? []).compactMap { $0["ticket_num"] as? Int }
        return (nums, json["count"] as? Int ?? -1, json["page"] as? Int ?? -1, json["limit"] as? Int ?? -1)
    }

    @Test func ticketListIsNewestFirstAndClamped() throws {
        let all = try tickets("/rest/p/anvil-demo/bugs/?limit=1000", token: true)
        #expect(all.limit == 500)
        #expect(all.nums == Array((1...DemoNames.mainTicketCount).reversed()))
        #expect(all.count == DemoNames.mainTicketCount)
        let defaults = try tickets("/rest/p/anvil-demo/bugs/", token: true)
        #expect(defaults.limit == 100 && defaults.page == 0 && defaults.nums.count == 100)
        let zero = try tickets("/rest/p/anvil-demo/bugs/?limit=0", token: true)
        #expect(zero.limit == 25)
        let negative = try tickets("/rest/p/anvil-demo/bugs/?limit=5&page=-3", token: true)
        #expect(negative.page == 0 && negative.nums.first == DemoNames.mainTicketCount)
        let past = try tickets("/rest/p/anvil-demo/bugs/?limit=100&page=7", token: true)
        #expect(past.nums.isEmpty && past.page == 7)
        #expect(Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/?limit=abc").status == 500)
    }

    @Test func privateTicketsAreDroppedAfterPaging() throws {
        let privates = Demo.shared.data.privateTicketNumbers()
        #expect(privates.contains(DemoNames.privateTicket) && privates.count >= 3)
        let limit = 10
        var seen: [Int] = []
        for page in 0..<(DemoNames.mainTicketCount / limit) {
            let result = try tickets("/rest/p/anvil-demo/bugs/?limit=\(limit)&page=\(page)")
            let expectedPage = Array((1...DemoNames.mainTicketCount).reversed()).dropFirst(page * limit).prefix(limit)
            let hidden = expectedPage.filter { privates.contains($0) }
            #expect(result.nums == expectedPage.filter { !privates.contains($0) })
            #expect(result.count == DemoNames.mainTicketCount - hidden.count, "page \(page)")
            seen += result.nums
        }
        #expect(Set(seen).isDisjoint(with: privates))
        let anonymous = Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/\(DemoNames.privateTicket)/")
        #expect(anonymous.status == 401)
        #expect(Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/\(DemoNames.privateTicket)/", token: true).status == 200)
    }

    @Test func blogClampsPastTheEnd() throws {
        let first = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/blog/?limit=10"))
        let count = try #require(first["count"] as? Int)
        #expect(count >= 25)
        let lastPage = (count - 1) / 10
        let past = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/blog/?limit=10&page=99"))
        #expect(past["page"] as? Int == lastPage)
        #expect((past["posts"] as? [Any])?.count == count - lastPage * 10)
        let writer = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/blog/?limit=10", token: true))
        #expect(writer["count"] as? Int == count + 1, "drafts count only for writers")
    }

    @Test func forumsAndTopicsPage() throws {
        let forums = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/"))
        let listed = forums["forums"] as? [[String: Any]] ?? []
        #expect(forums["count"] as? Int == listed.count + 1, "members-only forum is counted but hidden")
        let names = listed.compactMap { $0["shortname"] as? String }
        #expect(names == names.sorted())
        var topicIDs: [String] = []
        var page = 0
        var count = 0
        repeat {
            let json = try Demo.object(
                Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/general/?limit=25&page=\(page)"))
            count = json["count"] as? Int ?? 0
            let topics = (json["forum"] as? [String: Any])?["topics"] as? [[String: Any]] ?? []
            topicIDs += topics.compactMap { $0["_id"] as? String }
            page += 1
        } while page * 25 < count
        #expect(count >= 120)
        #expect(topicIDs.count == count)
        #expect(topicIDs.contains(DemoNames.bigThreadID))
        #expect(Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/general/?page=x").status == 500)
        let help = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/discussion/help/?limit=500"))
        let helpTopics = (help["forum"] as? [String: Any])?["topics"] as? [Any] ?? []
        #expect(help["count"] as? Int == helpTopics.count + 1, "a topic awaiting moderation is counted, not listed")
    }

    @Test func discussThreadHasNoCount() throws {
        let ticket = try #require(Demo.shared.data.ticket(number: DemoNames.busyTicket))
        let path = "/rest/p/anvil-demo/bugs/_discuss/thread/\(ticket.threadID)/"
        var slugs: [String] = []
        var page = 0
        while true {
            let json = try Demo.object(Demo.get(Demo.shared, path + "?limit=15&page=\(page)"))
            #expect(json["count"] == nil)
            let thread = try #require(json["thread"] as? [String: Any])
            #expect(thread["page"] as? Int == page && thread["limit"] as? Int == 15)
            let posts = (thread["posts"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
            slugs += posts
            if posts.count < 15 { break }
            page += 1
        }
        #expect(slugs.count == 40)
        let embedded = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/\(DemoNames.busyTicket)/"))
        let thread = (embedded["ticket"] as? [String: Any])?["discussion_thread"] as? [String: Any]
        #expect((thread?["posts"] as? [Any])?.count == 10)
        #expect(thread?["page"] is NSNull && thread?["limit"] as? Int == 10)
    }
}
