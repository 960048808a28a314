import Allura
import Foundation
import TestSupport
import Testing

@Suite struct WireDecodingTests {
    @Test func everyFixtureDecodesAsItsType() throws {
        let types: [String: any Decodable.Type] = [
            "blog-post.json": AlluraBlogPostJSON.self, "blog.json": AlluraBlogListJSON.self,
            "forum-topics.json": AlluraTopicListJSON.self, "forums.json": AlluraForumListJSON.self,
            "link.json": AlluraLinkJSON.self, "project.json": AlluraProjectJSON.self,
            "thread-page0-limit25.json": AlluraTopicPostsJSON.self,
            "thread-page1-limit25.json": AlluraTopicPostsJSON.self,
            "ticket-nested-comments.json": AlluraTicketResponseJSON.self,
            "ticket-with-change-posts.json": AlluraTicketResponseJSON.self,
            "tickets-custom-statuses.json": AlluraTicketListJSON.self,
            "tickets-page0-limit10.json": AlluraTicketListJSON.self,
            "tickets-search-status-open.json": AlluraTicketSearchJSON.self,
            "tool-discussion-thread-limit5.json": AlluraDiscussThreadJSON.self,
            "user-profile.json": AlluraUserProfileJSON.self, "wiki-index.json": AlluraWikiIndexJSON.self,
            "wiki-page-unicode.json": AlluraWikiPageJSON.self, "wiki-page.json": AlluraWikiPageJSON.self,
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.alluraDirectory.path)
            .filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(types.keys), "a fixture without a decoding test")
        for (name, type) in types {
            #expect(throws: Never.self, "\(name)") { _ = try JSONDecoder().decode(type, from: Fixtures.allura(name)) }
        }
    }

    @Test func project() throws {
        let p: AlluraProjectJSON = try fixture("project.json")
        #expect(p.shortname == "test")
        #expect(p.name == "Test Project")
        #expect(p.id == "6b01fd04d05b9f7d69644935")
        #expect(p.url == "https://forge.example.org/p/test/")
        #expect(p.isPrivate == false)
        #expect(p.creationDate == "2026-11-21")
        #expect(p.externalHomepage == "https://example.org/test-project")
        #expect(p.socialNetworks?.first?.socialNetwork == "X")
        #expect(p.socialNetworks?.first?.accountURL == "https://x.com/testproject")
        #expect(p.developers?.map(\.username) == ["bob-dev", "test-admin", "alice"])
        #expect(p.developers?.first?.name == "Bob \"the Builder\" Dev")
        #expect(p.developers?.last?.name == "Alice Åkerlund")
        #expect(p.tools?.map(\.name) == ["activity", "wiki", "tickets", "discussion", "blog", "link", "tickets"])
        #expect(p.tools?.last?.mountPoint == "features")
        #expect(p.tools?.last?.mountLabel == "Feature Requests")
        #expect(p.tools?.last?.apiURL == "https://forge.example.org/rest/p/test/features/")
        #expect(p.labels == ["cli", "testing", "python"])
        #expect(p.categories?.count == 9)
        #expect(p.categories?["license"]?.isEmpty == true)
        #expect(p.iconURL == nil)
        #expect(p.screenshots == [])
        #expect(p.profileAPIURL == nil)
    }

    @Test func toolLabelFallsBackToOldKeyAndCollectsCloneURLs() throws {
        let json = Data(
            #"""
            {"name": "git", "mount_point": "code", "label": "Code", "url": "https://h/p/x/code/",
             "clone_url_https_anon": "https://h/git/x", "clone_url_ro": "git://h/x", "extra": [1, 2]}
            """#.utf8)
        let tool = try JSONDecoder().decode(AlluraToolJSON.self, from: json)
        #expect(tool.mountLabel == "Code")
        #expect(tool.apiURL == nil)
        #expect(tool.cloneURLs == ["clone_url_https_anon": "https://h/git/x", "clone_url_ro": "git://h/x"])
    }

    @Test func wikiIndexAndPages() throws {
        let index: AlluraWikiIndexJSON = try fixture("wiki-index.json")
        #expect(index.pages == ["Home", "Getting Started", "Ünïcödé Tëst ☃", "FAQ & Tips (v2)", "Release Notes"])

        let page: AlluraWikiPageJSON = try fixture("wiki-page.json")
        #expect(page.title == "Getting Started")
        #expect(page.labels == ["docs", "howto"])
        #expect(page.modDate?.date == utc(2026, 11, 21, 20, 21, 31, ms: 664))
        #expect(page.relatedArtifacts == ["/p/test/features/3/"])
        #expect(page.text?.hasPrefix("# Getting Started\n\nWelcome to **Test Project**.") == true)
        #expect(page.text?.contains("<script>alert(\"x\")</script>") == true)
        #expect(page.discussionThread?.id == "e98bcbd83f")
        #expect(page.discussionThread?.page == nil)
        #expect(page.discussionThread?.limit == 10)
        #expect(page.discussionThread?.posts?.map(\.slug) == ["de0e", "de0e/3e3f"])
        #expect(page.discussionThread?.posts?.first?.authorIconURL == nil)
        #expect(page.discussionThreadURL == "https://forge.example.org/rest/p/test/wiki/_discuss/thread/e98bcbd83f/")

        let unicode: AlluraWikiPageJSON = try fixture("wiki-page-unicode.json")
        #expect(unicode.title == "Ünïcödé Tëst ☃")
        #expect(unicode.text?.contains("日本語のテキストです。") == true)
        #expect(unicode.text?.contains("👩\u{200D}💻") == true)
        #expect(unicode.discussionThread?.posts == [])
    }

    @Test func ticketWithNestedComments() throws {
        let ticket = try fixture("ticket-nested-comments.json", as: AlluraTicketResponseJSON.self).ticket
        #expect(ticket.ticketNum == 31)
        #expect(ticket.summary == "Ticket with many comments and nested replies")
        #expect(ticket.status == "open")
        #expect(ticket.reportedBy == "test-user")
        #expect(ticket.assignedTo == nil)
        #expect(ticket.assignedToID == nil)
        #expect(ticket.labels == ["bug", "good first issue", "cli"])
        #expect(ticket.createdDate?.date == utc(2026, 11, 3, 16))
        #expect(ticket.customFields?["_estimate"] == .int(2))
        #expect(ticket.customFields?["_regression"] == .bool(false))
        #expect(ticket.customFields?["_milestone"]?.text == "1.1")
        #expect(ticket.customFields?["_reviewer"] == .string(""))
        let posts = try #require(ticket.discussionThread?.posts)
        #expect(posts.count == 10)
        #expect(posts[4].slug == "e638/03c2/9f6d/5453")
        #expect(posts[4].text == "Reply A.1.1.1 (depth 4) — deepest")
        #expect(posts.last?.slug == "542c")
        #expect(posts.last?.timestamp?.date == utc(2026, 11, 21, 20, 21, 39, ms: 884))
    }

    @Test func ticketChangeLogPost() throws {
        let ticket = try fixture("ticket-with-change-posts.json", as: AlluraTicketResponseJSON.self).ticket
        #expect(ticket.ticketNum == 9)
        #expect(ticket.status == "closed")
        #expect(ticket.assignedTo == "bob-dev")
        let posts = try #require(ticket.discussionThread?.posts)
        #expect(posts.map(\.isMeta) == [true, false])
        #expect(posts[0].text?.contains("Bob &#34;the Builder&#34; Dev") == true)
    }

    @Test func ticketListWithTrackerMetadata() throws {
        let list: AlluraTicketListJSON = try fixture("tickets-page0-limit10.json")
        #expect(list.tickets.count == 9)
        #expect(list.tickets.first?.ticketNum == 32)
        #expect(list.tickets.first?.summary == "Emoji in labels 🐛")
        #expect(list.tickets.map(\.ticketNum).contains(25) == false)
        #expect(list.count == 31 && list.limit == 10 && list.page == 0)
        #expect(list.trackerConfig?.options?["mount_point"] == .string("bugs"))
        #expect(list.trackerConfig?.options?["ordinal"] == .int(1))
        #expect(list.trackerConfig?.options?["TicketMonitoringType"] == .null)
        #expect(list.trackerConfig?.options?["EnableVoting"] == .bool(true))
        #expect(list.milestones?.map(\.name) == ["1.0", "1.1", "2.0"])
        #expect(list.milestones?.map { $0.isDefault?.value } == [false, true, false])
        #expect(list.milestones?[0].complete?.value == true)
        #expect(list.milestones?[2].description == "Big rewrite ✨")
        #expect(list.milestones?[2].dueDate == "")
        #expect(list.savedBins?.map(\.summary) == ["Changes", "Closed Tickets", "Open Tickets"])
        #expect(list.savedBins?[1].terms == "status:closed OR status:wont-fix")

        let features: AlluraTicketListJSON = try fixture("tickets-custom-statuses.json")
        #expect(features.tickets.map(\.ticketNum) == [3, 2, 1])
        #expect(features.milestones?[0].dueDate == nil)
        #expect(features.milestones?[0].description == nil)
        #expect(features.trackerConfig?.options?["mount_label"]?.text == "Feature Requests")
    }

    @Test func milestoneDefaultMayBeTheStringOn() throws {
        let json = Data(#"{"name": "0.9", "default": "on", "complete": null}"#.utf8)
        let milestone = try JSONDecoder().decode(AlluraMilestoneJSON.self, from: json)
        #expect(milestone.isDefault?.value == true)
        #expect(milestone.complete == nil)
        #expect(milestone.total == nil)
    }

    @Test func customFieldsOfMixedTypes() throws {
        let json = Data(
            #"{"ticket_num": 1, "custom_fields": {"_a": 2.5, "_b": "True", "_c": null, "_d": "", "_e": 3}}"#.utf8)
        let ticket = try JSONDecoder().decode(AlluraTicketJSON.self, from: json)
        let fields = try #require(ticket.customFields)
        #expect(fields["_a"] == .double(2.5) && fields["_a"]?.text == "2.5")
        #expect(fields["_b"]?.isTruthy == true)
        #expect(fields["_c"] == .null && fields["_c"]?.text == "")
        #expect(fields["_d"]?.isTruthy == false)
        #expect(fields["_e"]?.text == "3")
        #expect(ticket.summary == nil && ticket.discussionThread == nil)
    }

    @Test func ticketSearch() throws {
        let search: AlluraTicketSearchJSON = try fixture("tickets-search-status-open.json")
        #expect(search.count == 14 && search.q == "status:open" && search.sort == nil)
        #expect(search.limit == 10 && search.page == 0)
        #expect(search.tickets.map(\.ticketNum) == [32, 31, 27, 24, 23, 19, 16, 15, 14])
        #expect(search.tickets[0].labels == ["bug", "🐛", "emoji"])
        #expect(search.tickets[6].summary == "Title with \"quotes\" & <angle> brackets")
        #expect(search.tickets.allSatisfy { $0.description == nil && $0.discussionThread == nil })
        #expect(search.tickets[7].customFields?["_regression"] == .bool(true))
        #expect(search.filterChoices == [:])
        #expect(search.solrError == nil)

        let facets = Data(#"{"tickets": [], "filter_choices": {"status": [["open", 9], ["accepted", 5]]}}"#.utf8)
        let faceted = try JSONDecoder().decode(AlluraTicketSearchJSON.self, from: facets)
        #expect(
            faceted.filterChoices?["status"] == [.init(value: "open", count: 9), .init(value: "accepted", count: 5)])
    }

    @Test func toolDiscussionThread() throws {
        let thread = try fixture("tool-discussion-thread-limit5.json", as: AlluraDiscussThreadJSON.self).thread
        #expect(thread.id == "3dcadc3341")
        #expect(thread.subject == "")
        #expect(thread.limit == 5 && thread.page == 0)
        #expect(thread.posts?.map(\.slug) == ["e638", "740d", "e638/03c2", "e638/03c2/9f6d", "e638/03c2/9f6d/5453"])
        #expect(thread.posts?[1].author == "bob-dev")
        #expect(thread.posts?[0].subject == "#31 Ticket with many comments and nested replies")
    }

    @Test func singlePostShape() throws {
        let json = Data(
            #"""
            {"post": {"_id": "3344.bugs@test.p.forge.example.org", "thread_id": "6d827d1b3a", "slug": "e638/03c2",
             "subject": "#12 Crash", "status": "pending", "text": "Reply", "timestamp": "2025-03-14 09:30:01.120000",
             "last_edited": null, "author_id": "None", "author": "*anonymous"}}
            """#.utf8)
        let post = try JSONDecoder().decode(AlluraPostJSON.self, from: json).post
        #expect(post.threadID == "6d827d1b3a")
        #expect(post.status == "pending")
        #expect(post.authorID == "None")
        #expect(post.timestamp?.date == utc(2025, 3, 14, 9, 30, 1, ms: 120))
        #expect(post.lastEdited == nil)
    }

    @Test func forumsAndTopics() throws {
        let forums: AlluraForumListJSON = try fixture("forums.json")
        #expect(forums.forums.map(\.shortname) == ["announce", "devel", "general", "help"])
        #expect(forums.forums[3].name == "Help & Support")
        #expect(forums.forums[2].numTopics == 2)
        #expect(forums.forums[2].url == "https://forge.example.org/rest/p/test/discussion/general/")
        #expect(forums.forums[0].lastPost?.threadID == "6dcde27b91")
        #expect(forums.forums[2].lastPost?.slug == "a662/59ce")
        #expect(forums.count == 4 && forums.limit == 25 && forums.page == 0)

        let topics: AlluraTopicListJSON = try fixture("forum-topics.json")
        #expect(topics.forum.shortname == "general")
        #expect(topics.forum.topics?.map(\.id) == ["ae39ba4dde", "b81f5e2071"])
        #expect(topics.forum.topics?[0].subject == "Welcome to the Test Project forums 👋")
        #expect(topics.forum.topics?[1].numReplies == 161)
        #expect(topics.forum.topics?[0].lastPost?.text == "Привет всем! Greetings from Novosibirsk.")
        #expect(topics.forum.topics?[0].lastPost?.timestamp?.date == utc(2026, 9, 1, 14))
        #expect(topics.count == 2)
    }

    @Test func topicPostPages() throws {
        let page0: AlluraTopicPostsJSON = try fixture("thread-page0-limit25.json")
        let page1: AlluraTopicPostsJSON = try fixture("thread-page1-limit25.json")
        #expect(page0.count == 161 && page1.count == 161)
        #expect(page0.page == 0 && page1.page == 1 && page1.limit == 25)
        #expect(page0.topic.id == "b81f5e2071" && page0.topic.page == 0)
        #expect(page0.topic.posts?.count == 25 && page1.topic.posts?.count == 25)
        #expect(page0.topic.posts?.first?.slug == "925a")
        #expect(page0.topic.posts?.last?.slug == "925a/22dd")
        #expect(page1.topic.posts?.first?.slug == "925a/62cb/336d/4109/18f0")
        #expect(page1.topic.posts?[1].text == "Post #26: I agree with @test-admin — ünïcödé test ✓")
        #expect(page1.topic.posts?.last?.timestamp?.date == utc(2026, 9, 9, 11, 55))
    }

    @Test func blogListAndPost() throws {
        let list: AlluraBlogListJSON = try fixture("blog.json")
        #expect(list.posts.map(\.title) == ["Ünïcödé & “smart quotes” in titles", "Announcing Test Project 1.0"])
        #expect(
            list.posts[0].url == "https://forge.example.org/rest/p/test/blog/2026/11/ünïcödé--smart-quotes-in-titles/")
        #expect(list.count == 2 && list.limit == 10)

        let post: AlluraBlogPostJSON = try fixture("blog-post.json")
        #expect(post.title == "Announcing Test Project 1.0")
        #expect(post.author == "test-admin")
        #expect(post.state == "published")
        #expect(post.nonEmptyLabels == ["release", "announcement"])
        #expect(post.modDate?.date == utc(2026, 11, 21, 20, 21, 40, ms: 853))
        #expect(post.discussionThread?.subject == "Announcing Test Project 1.0 discussion")
        #expect(post.discussionThread?.posts?.map(\.text) == ["Congratulations! 🎉", "Thank you!"])

        let unlabeled = try JSONDecoder().decode(
            AlluraBlogPostJSON.self, from: Data(#"{"title": "Draft", "labels": [""], "state": "draft"}"#.utf8))
        #expect(unlabeled.nonEmptyLabels == [])
    }

    @Test func userProfileAndLink() throws {
        let profile: AlluraUserProfileJSON = try fixture("user-profile.json")
        #expect(profile.username == "alice")
        #expect(profile.name == "Alice Åkerlund")
        #expect(profile.joined?.date == utc(2026, 11, 21, 20, 20, 21, ms: 978))
        #expect(profile.localization?.city == "Göteborg")
        #expect(profile.telnumbers == ["+46 31 123 45 67"])
        #expect(profile.availability?.map(\.weekDay) == ["Monday", "Thursday"])
        #expect(profile.availability?[0].endTime?.h == 17)
        #expect(profile.availability?[0].endTime?.m == 30)
        #expect(profile.skills == [])
        #expect(profile.socialNetworks?.map(\.socialNetwork) == ["Mastodon", "Linkedin"])
        #expect(profile.projects?.first?.url == "/p/test/")
        #expect(profile.projects?.first?.lastUpdated?.date == utc(2026, 11, 21, 20, 21, 41, ms: 584))

        let link: AlluraLinkJSON = try fixture("link.json")
        #expect(link.url == "https://example.org/test-project")
        #expect(try JSONDecoder().decode(AlluraLinkJSON.self, from: Data(#"{"url": null}"#.utf8)).url == nil)
    }

    @Test func unknownKeysAreIgnoredAndIdentifyingKeysRequired() throws {
        let extra = Data(#"{"pages": ["A"], "new_field": {"x": [1, null]}}"#.utf8)
        #expect(try JSONDecoder().decode(AlluraWikiIndexJSON.self, from: extra).pages == ["A"])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(AlluraTicketJSON.self, from: Data(#"{"summary": "no number"}"#.utf8))
        }
    }
}
