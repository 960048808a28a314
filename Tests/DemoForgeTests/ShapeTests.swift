import DemoForge
import Foundation
import Testing

/// Each endpoint's JSON has the key structure of the recorded fixture.
@Suite struct ShapeTests {
    static let cases: [(fixture: String, path: String)] = [
        ("project.json", "/rest/p/anvil-demo/"),
        ("wiki-index.json", "/rest/p/anvil-demo/wiki/"),
        ("wiki-page.json", "/rest/p/anvil-demo/wiki/Home/"),
        (
            "wiki-page-unicode.json",
            "/rest/p/anvil-demo/wiki/Caf%C3%A9%20%C3%9Cn%C3%AFcode%20%E2%98%83%20%E6%97%A5%E6%9C%AC%E8%AA%9E/"
        ),
        ("tickets-page0-limit10.json", "/rest/p/anvil-demo/bugs/?limit=10"),
        ("tickets-custom-statuses.json", "/rest/p/anvil-demo/features/"),
        ("tickets-search-status-open.json", "/rest/p/anvil-demo/bugs/search?q=status:open&limit=10"),
        ("ticket-nested-comments.json", "/rest/p/anvil-demo/bugs/150/"),
        ("forums.json", "/rest/p/anvil-demo/discussion/"),
        ("forum-topics.json", "/rest/p/anvil-demo/discussion/general/"),
        ("thread-page0-limit25.json", "/rest/p/anvil-demo/discussion/general/thread/b16a7d2000/?limit=25"),
        ("thread-page1-limit25.json", "/rest/p/anvil-demo/discussion/general/thread/b16a7d2000/?limit=25&page=1"),
        ("blog.json", "/rest/p/anvil-demo/blog/"),
        ("link.json", "/rest/p/anvil-demo/link/"),
        ("user-profile.json", "/rest/u/ingrid/profile/"),
    ]

    @Test(arguments: cases.map(\.fixture))
    func matchesFixtureKeys(fixture: String) throws {
        let path = try #require(Self.cases.first { $0.fixture == fixture }?.path)
        let response = Demo.get(Demo.shared, path)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let problems = Demo.keyDifferences(try Demo.object(response), try Demo.fixture(fixture))
        #expect(problems.isEmpty, "\(fixture): \(problems)")
    }

    @Test func ticketWithChangePostsMatchesFixture() throws {
        let data = Demo.shared.data
        let tracker = (1...DemoNames.mainTicketCount).compactMap { data.ticket(number: $0) }
        var found = false
        for ticket in tracker where !ticket.isPrivate {
            let json = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/bugs/\(ticket.ticketNum)/"))
            let posts =
                ((json["ticket"] as? [String: Any])?["discussion_thread"] as? [String: Any])?["posts"]
                as? [[String: Any]] ?? []
            if posts.contains(where: { $0["is_meta"] as? Bool == true }) {
                #expect(Demo.keyDifferences(json, try Demo.fixture("ticket-with-change-posts.json")).isEmpty)
                found = true
                break
            }
        }
        #expect(found, "no ticket has an is_meta change post")
    }

    @Test func blogPostAndToolThreadMatchFixtures() throws {
        let list = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/blog/?limit=30"))
        let posts = list["posts"] as? [[String: Any]] ?? []
        #expect(posts.count >= 25)
        var compared = 0
        for entry in posts {
            let url = try #require(entry["url"] as? String)
            let path = Self.encodedPath(url)
            let json = try Demo.object(Demo.get(Demo.shared, path))
            let thread = json["discussion_thread"] as? [String: Any]
            guard let posts = thread?["posts"] as? [Any], !posts.isEmpty else { continue }
            #expect(Demo.keyDifferences(json, try Demo.fixture("blog-post.json")).isEmpty)
            let threadURL = try #require(json["discussion_thread_url"] as? String)
            let discuss = try Demo.object(Demo.get(Demo.shared, Self.encodedPath(threadURL) + "?limit=5"))
            #expect(Demo.keyDifferences(discuss, try Demo.fixture("tool-discussion-thread-limit5.json")).isEmpty)
            compared += 1
        }
        #expect(compared > 0)
    }

    @Test func blogURLsCarryRawNonASCII() throws {
        let list = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/blog/?limit=30"))
        let urls = (list["posts"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        #expect(urls.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(urls.allSatisfy { $0.hasPrefix(Demo.base + "/rest/p/anvil-demo/blog/20") })
    }

    @Test func projectHasEveryToolKind() throws {
        for project in DemoNames.projects {
            let json = try Demo.object(Demo.get(Demo.shared, "/rest/p/\(project)/"))
            let tools = json["tools"] as? [[String: Any]] ?? []
            let kinds = Set(tools.compactMap { $0["name"] as? String })
            #expect(kinds.isSuperset(of: ["wiki", "tickets", "discussion", "blog", "link", "activity", "chat", "git"]))
            #expect(tools.first { $0["name"] as? String == "chat" }?["api_url"] == nil)
            #expect(tools.first { $0["name"] as? String == "git" }?["clone_url_https_anon"] is String)
        }
        let main = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/"))
        let trackers = (main["tools"] as? [[String: Any]] ?? []).filter { $0["name"] as? String == "tickets" }
        #expect(trackers.compactMap { $0["mount_point"] as? String }.sorted() == ["bugs", "features"])
        let kaiju = try Demo.object(Demo.get(Demo.shared, "/rest/p/kaiju/"))
        #expect((kaiju["short_description"] as? String)?.contains("\u{1B}[2J") == true)
        #expect((kaiju["name"] as? String)?.unicodeScalars.contains { !$0.isASCII } == true)
    }

    @Test func userProjectHasProfileURL() throws {
        let json = try Demo.object(Demo.get(Demo.shared, "/rest/u/kenji/"))
        #expect(json["shortname"] as? String == "u/kenji")
        #expect(json["profile_api_url"] as? String == Demo.base + "/rest/u/kenji/profile/")
        let project = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/"))
        #expect(project["profile_api_url"] == nil)
        for name in Demo.shared.data.usernames {
            #expect(Demo.get(Demo.shared, "/rest/u/\(name)/profile/").status == 200)
        }
    }

    @Test func miscellaneousEndpoints() throws {
        #expect(try Demo.object(Demo.get(Demo.shared, "/rest/")).isEmpty)
        let anonymous = try Demo.object(Demo.get(Demo.shared, "/rest/auth/tools/tickets"))
        #expect((anonymous["tools"] as? [Any])?.isEmpty == true)
        let mine = try Demo.object(Demo.get(Demo.shared, "/rest/auth/tools/tickets", token: true))
        let tools = mine["tools"] as? [[String: Any]] ?? []
        #expect(tools.count == 4)
        #expect(tools.allSatisfy { $0["project_name"] is String })
        let profile = try Demo.object(Demo.get(Demo.shared, "/rest/auth/tools/profile", token: true))
        let entries = profile["tools"] as? [[String: Any]] ?? []
        #expect(entries.count == 1)
        #expect((entries.first?["url"] as? String)?.hasSuffix("/u/\(DemoNames.tokenUser)/profile/") == true)
        let activity = try Demo.object(Demo.get(Demo.shared, "/rest/p/anvil-demo/activity/"))
        #expect((activity["timeline"] as? [[String: Any]])?.first?["published"] is Int)
    }

    static func encodedPath(_ url: String) -> String {
        let path = url.hasPrefix(Demo.base) ? String(url.dropFirst(Demo.base.count)) : url
        let allowed = Demo.unreserved
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }.joined(separator: "/")
    }
}
