import DemoForge
import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@testable import GitLab

/// The GitLab backend against the GitLab demo: the model it produces and the requests it sends.
@Suite("GitLab forge")
struct GitLabForgeTests {
    let demo = GitLabDemoForge()
    let recorder: RecordingTransport
    let forge: GitLabForge
    let project = ProjectPath(neighborhood: "", name: GitLabDemoNames.mainProject)

    init() throws {
        recorder = RecordingTransport(DemoTransport(forge: demo))
        forge = try GitLabForge(
            baseURL: GitLabDemoForge.defaultBaseURL, token: GitLabDemoNames.demoToken, transport: recorder)
    }

    /// The JSON body of the last request.
    func lastBody() throws -> [String: Any] {
        let body = try #require(recorder.requests.last?.body)
        return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    @Test("a project shows its tools from the enabled flags")
    func projectTools() async throws {
        let main = try await forge.project(project)
        #expect(main.name == "Anvil Demo" && main.path.description == GitLabDemoNames.mainProject)
        #expect(main.tools.map(\.mountPoint) == ["issues", "wiki"])
        let website = try await forge.project(ProjectPath(neighborhood: "", name: GitLabDemoNames.websiteProject))
        #expect(website.tools.map(\.mountPoint) == ["issues"])
        let mine = try await forge.myProjects(page: 0, limit: 20)
        #expect(mine.items.count == 3 && mine.total == .exact(3))
    }

    @Test("the issue list pages with the size GitLab used, and knows its total")
    func issueList() async throws {
        let first = try await forge.ticketList(project, mount: "issues", page: 0, limit: 250)
        #expect(first.limit == 100 && first.tickets.count == 100 && first.page == 0)
        #expect(first.tickets.allSatisfy { $0.status == "opened" })
        guard case .exact(let open) = first.total else {
            Issue.record("no total")
            return
        }
        let last = try await forge.ticketList(project, mount: "issues", page: (open - 1) / 100, limit: 100)
        #expect(last.tickets.count == open - (open - 1) / 100 * 100)
    }

    @Test("a search in GitLab's filter syntax sends GitLab's parameters")
    func search() async throws {
        let page = try await forge.searchTickets(
            project, mount: "issues",
            query: TicketQuery(
                sort: .init(field: "updated", descending: true), raw: "state:all ~bug assignee:@bob crash"),
            page: 0, limit: 50)
        #expect(page.tickets.allSatisfy { $0.labels.contains("bug") && $0.assignee == "bob" })
        let query = try #require(recorder.requests.last?.url.query)
        for part in [
            "state=all", "labels=bug", "assignee_username=bob", "search=crash", "order_by=updated_at", "sort=desc",
        ] {
            #expect(query.contains(part), "\(part) in \(query)")
        }
    }

    @Test("an issue carries its fields and its first discussions as a depth-1 tree")
    func issueWithDiscussions() async throws {
        let ticket = try await forge.ticket(project, mount: "issues", number: GitLabDemoNames.busyIssue)
        #expect(ticket.number == GitLabDemoNames.busyIssue)
        #expect(ticket.customFields["Reference"] == .text(GitLabDemoNames.mainProject + "#7"))
        let posts = try #require(ticket.thread?.posts)
        #expect(!posts.isEmpty && posts.allSatisfy { $0.depth <= 1 })
        var tree = PostTree()
        _ = tree.insert(posts, serverOffset: 0)
        #expect(tree.rows().allSatisfy { !$0.isPlaceholder })
        #expect(posts.contains { $0.isMeta })
    }

    @Test("the whole busy thread pages by discussions to the end")
    func threadPaging() async throws {
        var page = 0
        var discussions = Set<String>()
        while true {
            let answer = try await forge.toolThread(project, mount: "issues", thread: "7", page: page, limit: 20)
            discussions.formUnion(answer.posts.filter { $0.depth == 0 }.map(\.slug))
            if answer.posts.isEmpty { break }
            page += 1
            if page > 10 { break }
        }
        #expect(discussions.count == GitLabDemoNames.busyIssueDiscussions)
    }

    @Test("triage writes send only what changes: add_labels/remove_labels, state_event, ids for names")
    func triageWrites() async throws {
        let before = try await forge.ticket(project, mount: "issues", number: 9)
        let edit = TicketEdit(
            status: "closed", labelsAdded: ["docs"], labelsRemoved: before.labels.prefix(1).map { $0 })
        let result = try await forge.updateTicket(
            project, mount: "issues", number: 9, edit: edit, expectedStamp: before.modifiedStamp)
        let request = try #require(recorder.requests.last)
        #expect(request.method == "PUT" && request.url.path.hasSuffix("/issues/9"))
        let body = try lastBody()
        #expect(body["state_event"] as? String == "close")
        #expect(body["add_labels"] as? String == (before.labels.contains("docs") ? nil : "docs"))
        #expect(body["labels"] == nil && body["title"] == nil && body["assignee_ids"] == nil)
        #expect(result.ticket.status == "closed" && result.ticket.labels.contains("docs"))
        let stored = try #require(demo.issue(iid: 9))
        #expect(stored.state == "closed" && stored.title == before.summary)

        _ = try await forge.updateTicket(
            project, mount: "issues", number: 9, edit: TicketEdit(assignee: "carol", milestone: .some("v2.0")),
            expectedStamp: nil)
        let assigned = try lastBody()
        #expect(assigned["assignee_ids"] as? [Int] == [3])
        #expect((assigned["milestone_id"] as? Int).map { $0 > 0 } == true)
        #expect(demo.issue(iid: 9)?.assignees == ["carol"] && demo.issue(iid: 9)?.milestone == "v2.0")

        _ = try await forge.updateTicket(
            project, mount: "issues", number: 9, edit: TicketEdit(assignee: ""), expectedStamp: nil)
        #expect(try lastBody()["assignee_ids"] as? [Int] == [])
        #expect(demo.issue(iid: 9)?.assignees == [])
    }

    @Test("a change made meanwhile is a conflict, and nothing is written")
    func conflict() async throws {
        let seen = try await forge.ticket(project, mount: "issues", number: 11)
        _ = try await forge.updateTicket(
            project, mount: "issues", number: 11, edit: TicketEdit(summary: "Changed elsewhere"), expectedStamp: nil)
        let writes = recorder.requests.filter { $0.method == "PUT" }.count
        await #expect(throws: TicketConflict.self) {
            try await forge.updateTicket(
                project, mount: "issues", number: 11, edit: TicketEdit(status: "closed"),
                expectedStamp: seen.modifiedStamp)
        }
        #expect(recorder.requests.filter { $0.method == "PUT" }.count == writes)
        #expect(demo.issue(iid: 11)?.state == seen.status)
    }

    @Test("create, comment and reply")
    func createAndComment() async throws {
        let created = try await forge.createTicket(
            project, mount: "issues", edit: TicketEdit(summary: "Made by a test", labelsAdded: ["ui"]))
        #expect(created.summary == "Made by a test" && created.labels == ["ui"] && created.status == "opened")
        let thread = String(created.number)
        guard
            case .posted(let comment) = try await forge.postComment(
                project, mount: "issues", thread: thread, replyTo: nil, text: "First!")
        else {
            Issue.record("not posted")
            return
        }
        #expect(comment.text == "First!")
        let page = try await forge.toolThread(project, mount: "issues", thread: thread, page: 0, limit: 20)
        let root = try #require(page.posts.first)
        guard
            case .posted(let reply) = try await forge.postComment(
                project, mount: "issues", thread: thread, replyTo: root.slug, text: "A reply")
        else {
            Issue.record("not posted")
            return
        }
        #expect(reply.parentSlug == root.slug)
        #expect(recorder.requests.last?.url.path.hasSuffix("/discussions/\(root.slug)/notes") == true)
        let again = try await forge.toolThread(project, mount: "issues", thread: thread, page: 0, limit: 20)
        #expect(again.posts.map(\.text) == ["First!", "A reply"])
        await #expect(throws: ForgeError.self) {
            try await forge.postComment(project, mount: "issues", thread: thread, replyTo: nil, text: "  ")
        }
    }

    @Test("wiki: slugs as titles, nested pages, other formats shown as their source")
    func wiki() async throws {
        let titles = try await forge.wikiTitles(project, mount: "wiki")
        #expect(titles.contains("guides/getting-started") && titles.contains("Ünïcode-page"))
        let nested = try await forge.wikiPage(project, mount: "wiki", title: "guides/getting-started")
        #expect(nested.text.contains("anvil --demo gitlab"))
        #expect(recorder.requests.last?.url.absoluteString.hasSuffix("/wikis/guides%2Fgetting-started") == true)
        let ascii = try await forge.wikiPage(project, mount: "wiki", title: "release-process")
        #expect(ascii.text.hasPrefix("*asciidoc*") && ascii.text.contains("```"))
        let slug = try await forge.createWikiPage(project, title: "FAQ & more (v2)", text: "Hello")
        #expect(demo.wikiContent(slug: slug) == "Hello")
    }

    @Test("pasted URLs open routes, and routes go back to the same web page")
    func routes() throws {
        let base = GitLabDemoForge.defaultBaseURL.absoluteString
        let cases: [(String, Route)] = [
            (base + "/acme/tools/anvil-demo", .project(project)),
            (base + "/acme/tools/anvil-demo/-/issues", .tool(project, mount: "issues")),
            (base + "/acme/tools/anvil-demo/-/issues/42", .ticket(project, mount: "issues", number: 42)),
            (base + "/acme/tools/anvil-demo/-/wikis/pages", .tool(project, mount: "wiki")),
            (
                base + "/acme/tools/anvil-demo/-/wikis/guides/getting-started",
                .wikiPage(project, mount: "wiki", title: "guides/getting-started")
            ),
            (base + "/alice", .userProfile(username: "alice")),
        ]
        for (url, route) in cases {
            #expect(try forge.route(for: url) == route, "\(url)")
            #expect(forge.webURL(for: route) == url)
        }
        let filtered = try forge.route(for: base + "/acme/tools/anvil-demo/-/issues?label_name[]=bug&state=closed")
        #expect(filtered == .ticketSearch(project, mount: "issues", query: "state:closed ~bug"))
        #expect(
            try forge.route(for: base + "/api/v4/projects/acme%2Ftools%2Fanvil-demo/issues/42")
                == .ticket(project, mount: "issues", number: 42))
    }

    @Test("the query syntax reads labels, people, milestones, state, sort and free text")
    func querySyntax() {
        let filter = GitLabQuery.parse(
            #"label:bug ~"needs review" assignee:@bob author:alice %"v1.1" state:open sort:due_date crash now"#)
        #expect(filter.labels == ["bug", "needs review"] && filter.assignee == "bob" && filter.author == "alice")
        #expect(filter.milestone == "v1.1" && filter.state == "opened" && filter.search == "crash now")
        #expect(filter.orderBy == "due_date" && filter.sort == "asc")
        #expect(GitLabQuery.parse(GitLabQuery.text(for: filter)) == filter)
        #expect(GitLabQuery.parse("milestone:none").milestone == "None")
    }
}

/// GitLab references open the issue, the filtered list, or the merge request in the browser.
@Suite("GitLab references")
struct GitLabReferenceTests {
    let project = ProjectPath(neighborhood: "", name: "acme/tools/anvil-demo")

    @Test("each kind of reference leads where GitLab's web UI would")
    func references() throws {
        let forge = try GitLabForge(
            baseURL: GitLabDemoForge.defaultBaseURL, token: nil, transport: DemoTransport(forge: GitLabDemoForge()))
        #expect(forge.resolveReference("#12", in: project) == .route(.ticket(project, mount: "issues", number: 12)))
        let other = ProjectPath(neighborhood: "", name: "acme/website")
        #expect(
            forge.resolveReference("acme/website#3", in: project) == .route(.ticket(other, mount: "issues", number: 3)))
        #expect(
            forge.resolveReference("~needs review", in: project)
                == .route(.ticketSearch(project, mount: "issues", query: "state:all ~\"needs review\"")))
        #expect(
            forge.resolveReference("%v1.1", in: project)
                == .route(.ticketSearch(project, mount: "issues", query: "state:all %v1.1")))
        #expect(
            forge.resolveReference("!3", in: project)
                == .web(GitLabDemoForge.defaultBaseURL.absoluteString + "/acme/tools/anvil-demo/-/merge_requests/3"))
        #expect(forge.resolveReference("Page", in: project) == nil)
    }
}
