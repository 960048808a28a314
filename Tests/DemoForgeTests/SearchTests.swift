import DemoForge
import Foundation
import Testing

@Suite struct SearchTests {
    let all: [DemoTicket] = (1...DemoNames.mainTicketCount).compactMap { Demo.shared.data.ticket(number: $0) }

    func search(_ q: String, sort: String? = nil, token: Bool = true) throws -> (nums: [Int], json: [String: Any]) {
        var path =
            "/rest/p/anvil-demo/bugs/search?limit=500&q="
            + (q.addingPercentEncoding(withAllowedCharacters: Demo.unreserved) ?? q)
        if let sort { path += "&sort=" + (sort.addingPercentEncoding(withAllowedCharacters: Demo.unreserved) ?? sort) }
        let json = try Demo.object(Demo.get(Demo.shared, path, token: token))
        return ((json["tickets"] as? [[String: Any]] ?? []).compactMap { $0["ticket_num"] as? Int }, json)
    }

    func expected(_ filter: (DemoTicket) -> Bool) -> [Int] {
        all.filter(filter).map(\.ticketNum).sorted(by: >)
    }

    @Test func fieldTermsAndOperators() throws {
        #expect(try search("status:open").nums == expected { $0.status == "open" })
        #expect(
            try search("status:open AND _priority:high").nums
                == expected { $0.status == "open" && $0.customFields["_priority"] == .string("high") })
        #expect(
            try search("status:closed || status:wont-fix").nums
                == expected { ["closed", "wont-fix"].contains($0.status) })
        #expect(
            try search("!status:closed && !status:wont-fix").nums
                == expected { !["closed", "wont-fix"].contains($0.status) })
        #expect(try search("-status:open").nums == expected { $0.status != "open" })
        #expect(try search("NOT status:open").nums == expected { $0.status != "open" })
        #expect(
            try search("(status:open OR status:pending) AND _milestone:1.1").nums
                == expected {
                    ["open", "pending"].contains($0.status) && $0.customFields["_milestone"] == .string("1.1")
                })
        #expect(try search("labels:\"good first issue\"").nums == expected { $0.labels.contains("good first issue") })
        #expect(try search("ticket_num:[10 TO 20]").nums == Array((10...20).reversed()))
        #expect(try search("summary:\"break column\"").nums == [DemoNames.mainTicketCount])
        #expect(try search("private:true").nums == Demo.shared.data.privateTicketNumbers().sorted(by: >))
    }

    @Test func bareWordsAndUser() throws {
        let words = try search("tmux")
        #expect(!words.nums.isEmpty)
        #expect(
            words.nums.allSatisfy { n in
                let t = all[n - 1]
                return ([t.summary ?? "", t.description] + t.labels).joined(separator: " ").lowercased().contains(
                    "tmux")
            })
        #expect(try search("assigned_to:$USER").nums == expected { $0.assignedTo == DemoNames.tokenUser })
    }

    @Test func sortAndEcho() throws {
        let ascending = try search("status:open", sort: "ticket_num_i asc")
        #expect(ascending.nums == expected { $0.status == "open" }.reversed())
        #expect(ascending.json["sort"] as? String == "ticket_num_i asc")
        #expect(ascending.json["q"] as? String == "status:open")
        let byDate = try search("status:accepted", sort: "mod_date_dt desc").nums
        let dates = byDate.map { all[$0 - 1].modDate }
        #expect(dates == dates.sorted(by: >))
        let facets = ascending.json["filter_choices"] as? [String: Any]
        let status = facets?["status"] as? [[Any]]
        #expect(status?.first?.first as? String == "open")
        #expect(ascending.json["filter"] as? [String: Any] != nil && ascending.json["solr_error"] is NSNull)
    }

    @Test func emptyAndBrokenQueries() throws {
        let json = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/search"))
        #expect((json["tickets"] as? [Any])?.isEmpty == true && json["count"] as? Int == 0 && json["q"] is NSNull)
        let broken = try search("(status:open")
        #expect(broken.nums.isEmpty && broken.json["solr_error"] is String)
    }

    @Test func searchDropsPrivateTicketsAfterPaging() throws {
        let anonymous = try Demo.object(
            Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/search?q=ticket_num:%5B191%20TO%20200%5D&limit=10"))
        let nums = (anonymous["tickets"] as? [[String: Any]] ?? []).compactMap { $0["ticket_num"] as? Int }
        #expect(!nums.contains(DemoNames.privateTicket))
        #expect(anonymous["count"] as? Int == 10 - (10 - nums.count))
        #expect((anonymous["tickets"] as? [[String: Any]])?.first?["description"] == nil)
    }
}
