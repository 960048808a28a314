import DemoForge
import Foundation
import HTTP
import TestSupport
import Testing

@testable import GitLab

/// The GitLab demo answers as GitLab does: its JSON satisfies GitLab's own schemas and decodes
/// into the backend's wire types, and its paging, auth, errors and writes follow gitlab-rest.md.
@Suite("GitLab demo forge")
struct GitLabDemoTests {
    let forge = GitLabDemoForge()
    let project = "acme%2Ftools%2Fanvil-demo"

    /// Sends a request as the given token (default the demo token; nil for anonymous).
    func send(
        _ path: String, method: String = "GET", token: String? = GitLabDemoNames.demoToken,
        json body: [String: Any]? = nil
    ) throws -> HTTPResponse {
        let url = try #require(URL(string: GitLabDemoForge.defaultBaseURL.absoluteString + "/api/v4/" + path))
        var headers: [String: String] = [:]
        if let token { headers["PRIVATE-TOKEN"] = token }
        var data: Data?
        if let body {
            headers["Content-Type"] = "application/json"
            data = try JSONSerialization.data(withJSONObject: body)
        }
        return forge.respond(to: HTTPRequest(method: method, url: url, headers: headers, body: data))
    }

    func object(_ response: HTTPResponse) throws -> Any { try JSONSerialization.jsonObject(with: response.body) }

    func validator(extra: Set<String> = []) -> JSONSchemaValidator {
        JSONSchemaValidator(
            schemaDirectory: Fixtures.gitlabDirectory.appendingPathComponent("schemas"), allowedExtraKeys: extra)
    }

    /// Checks every element of a list answer against `schema`.
    func expectEach(_ response: HTTPResponse, _ schema: String, extra: Set<String> = []) throws {
        #expect(response.status == 200)
        let items = try #require(try object(response) as? [Any])
        #expect(!items.isEmpty, "\(schema): empty list")
        for item in items {
            let problems = try validator(extra: extra).violations(of: item, schemaFile: schema)
            #expect(problems.isEmpty, "\(schema): \(problems.prefix(5))")
        }
    }

    /// Checks a whole list answer against a list schema.
    func expectList(_ response: HTTPResponse, _ schema: String, extra: Set<String> = []) throws {
        #expect(response.status == 200)
        let list = try #require(try object(response) as? [Any])
        #expect(!list.isEmpty, "\(schema): empty list")
        let problems = try validator(extra: extra).violations(of: list, schemaFile: schema)
        #expect(problems.isEmpty, "\(schema): \(problems.prefix(5))")
    }

    @Test("lists satisfy GitLab's schemas")
    func listsSatisfySchemas() throws {
        try expectEach(send("projects?simple=true", token: nil), "public_api/v4/project.json", extra: ["visibility"])
        try expectEach(send("projects/\(project)/issues?per_page=100"), "public_api/v4/issue.json")
        try expectList(
            send("projects/\(project)/issues/\(GitLabDemoNames.busyIssue)/notes?per_page=100"),
            "public_api/v4/notes.json",
            extra: ["project_id", "imported", "imported_from"])
        try expectEach(send("projects/\(project)/milestones"), "public_api/v4/milestone.json")
        try expectEach(
            send("projects/\(project)/labels?with_counts=true"), "public_api/v4/labels/project_label_with_counts.json")
        try expectList(send("projects/\(project)/members/all"), "public_api/v4/members.json")
        try expectList(send("users?username=bob"), "public_api/v4/user/basics.json")
        try expectList(send("projects/\(project)/wikis"), "anvil/wiki_pages.json")
        try expectEach(send("projects/\(project)/wikis?with_content=1"), "anvil/wiki_page.json")
        let discussions = try send("projects/\(project)/issues/\(GitLabDemoNames.busyIssue)/discussions?per_page=100")
        let problems = try validator(extra: ["project_id", "imported", "imported_from"])
            .violations(of: try object(discussions), schemaFile: "anvil/discussions.json")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("single answers and write answers satisfy the schemas")
    func singleAnswersSatisfySchemas() throws {
        let checks: [(HTTPResponse, String)] = [
            (try send("projects/\(project)/issues/3"), "public_api/v4/issue.json"),
            (
                try send("projects/\(project)/issues/3", method: "PUT", json: ["state_event": "close"]),
                "public_api/v4/issue.json"
            ),
            (
                try send("projects/\(project)/issues", method: "POST", json: ["title": "From a test"]),
                "public_api/v4/issue.json"
            ),
            (try send("projects/\(project)/wikis/home"), "anvil/wiki_page.json"),
        ]
        for (response, schema) in checks {
            #expect((200..<300).contains(response.status))
            let problems = try validator().violations(of: try object(response), schemaFile: schema)
            #expect(problems.isEmpty, "\(schema): \(problems.prefix(5))")
        }
    }

    @Test("the validator itself rejects what the schemas forbid")
    func validatorRejects() throws {
        let bad: [String: Any] = ["id": "x", "iid": 1]
        let problems = try validator().violations(of: bad, schemaFile: "public_api/v4/milestone.json")
        #expect(problems.contains { $0.contains("expected integer") })
        #expect(problems.contains { $0.contains("missing required key 'title'") })
        let extra = try validator().violations(
            of: ["id": 1, "body": "x", "attachment": NSNull(), "surprise": 1], schemaFile: "public_api/v4/notes.json")
        #expect(extra.contains { $0.contains("expected array") })
    }

    @Test("every answer decodes into the backend's wire types")
    func decodesIntoWireTypes() throws {
        let decoder = JSONDecoder()
        let projects = try decoder.decode([ProjectJSON].self, from: send("projects?membership=true").body)
        #expect(Set(projects.map(\.pathWithNamespace)) == ["acme/tools/anvil-demo", "acme/website", "alice/dotfiles"])
        let full = try decoder.decode(ProjectJSON.self, from: send("projects/\(project)").body)
        #expect(full.issuesEnabled == true && full.wikiEnabled == true && full.permissions?.effectiveLevel == 40)
        let issues = try decoder.decode([IssueJSON].self, from: send("projects/\(project)/issues?per_page=100").body)
        #expect(issues.count == 100)
        let discussions = try decoder.decode(
            [DiscussionJSON].self,
            from: send("projects/\(project)/issues/\(GitLabDemoNames.busyIssue)/discussions").body)
        #expect(discussions.count == 20)
        #expect(discussions.contains { !$0.individualNote && $0.notes.count > 1 })
        #expect(discussions.contains { $0.notes.contains(where: \.system) })
        _ = try decoder.decode([WikiPageJSON].self, from: send("projects/\(project)/wikis").body)
        _ = try decoder.decode([MilestoneJSON].self, from: send("projects/\(project)/milestones").body)
        _ = try decoder.decode([LabelJSON].self, from: send("projects/\(project)/labels").body)
        _ = try decoder.decode([UserJSON].self, from: send("projects/\(project)/members/all").body)
    }

    @Test("paging clamps per_page to 100, follows x-next-page to the end, and omits totals above the limit")
    func paging() throws {
        var page = 1
        var seen: [Int] = []
        while true {
            let response = try send("projects/\(project)/issues?state=all&per_page=500&page=\(page)")
            let paging = GitLabPaging(response)
            #expect(paging.perPage == 100 && paging.total == GitLabDemoNames.mainIssueCount)
            seen += try JSONDecoder().decode([IssueJSON].self, from: response.body).map(\.iid)
            guard let next = paging.nextPage else { break }
            page = next
        }
        #expect(seen.count == GitLabDemoNames.mainIssueCount && Set(seen).count == seen.count)
        #expect(page == 3)
        let uncounted = GitLabDemoForge(totalsLimit: 50)
        let url = try #require(
            URL(string: "https://gitlab.demo.anvil.test/api/v4/projects/\(project)/issues?per_page=20"))
        let paging = GitLabPaging(uncounted.respond(to: HTTPRequest(url: url)))
        #expect(paging.total == nil && paging.totalPages == nil && paging.links["last"] == nil && paging.hasNext)
    }

    @Test("filters: state, labels (all of them), milestone, assignee, search")
    func filters() throws {
        let closed = try JSONDecoder().decode(
            [IssueJSON].self, from: send("projects/\(project)/issues?state=closed&per_page=100").body)
        #expect(!closed.isEmpty && closed.allSatisfy { $0.state == "closed" })
        let labelled = try JSONDecoder().decode(
            [IssueJSON].self, from: send("projects/\(project)/issues?labels=bug,ui&per_page=100").body)
        #expect(labelled.allSatisfy { Set($0.labels.map(\.name)).isSuperset(of: ["bug", "ui"]) })
        let milestone = try JSONDecoder().decode(
            [IssueJSON].self, from: send("projects/\(project)/issues?milestone=v1.1&per_page=100").body)
        #expect(!milestone.isEmpty && milestone.allSatisfy { $0.milestone?.title == "v1.1" })
        let bob = try JSONDecoder().decode(
            [IssueJSON].self, from: send("projects/\(project)/issues?assignee_username=bob&per_page=100").body)
        #expect(!bob.isEmpty && bob.allSatisfy { $0.assignees.map(\.username) == ["bob"] })
        #expect(try send("projects/\(project)/issues?state=open").status == 400)
    }

    @Test("auth: anonymous cannot read comments, a bad token is refused even on public data")
    func auth() throws {
        #expect(try send("projects/\(project)/issues/1/discussions", token: nil).status == 401)
        #expect(try send("projects/\(project)/issues", token: nil).status == 200)
        #expect(try send("projects/\(project)", token: "wrong").status == 401)
        let expired = try send("projects/\(project)", token: "expired-123")
        #expect(GitLabErrors.error(for: expired, credential: .privateToken)?.message.contains("expired") == true)
        #expect(try send("projects/alice%2Fdotfiles", token: nil).status == 404)
        #expect(try send("user", token: nil).status == 401)
        let bearer = try #require(URL(string: "https://gitlab.demo.anvil.test/api/v4/user"))
        let me = forge.respond(
            to: HTTPRequest(url: bearer, headers: ["Authorization": "Bearer " + GitLabDemoNames.demoToken]))
        #expect(me.status == 200)
    }

    @Test("errors have GitLab's shapes")
    func errorShapes() throws {
        #expect(
            String(decoding: try send("projects/acme%2Fnope").body, as: UTF8.self).contains("404 Project Not Found"))
        #expect(
            String(decoding: try send("projects/\(project)/issues/9999").body, as: UTF8.self).contains("404 Not found"))
        #expect(
            String(decoding: try send("projects/\(project)/wikis/nope").body, as: UTF8.self).contains(
                "Wiki Page Not Found"))
        #expect(try send("projects/acme%2Fwebsite/wikis").status == 403)
        let v3 = try #require(URL(string: "https://gitlab.demo.anvil.test/api/v3/projects"))
        #expect(forge.respond(to: HTTPRequest(url: v3)).status == 410)
        forge.addFault(DemoForge.FaultRule(pathContains: "/labels", status: 429, times: 1))
        let limited = try send("projects/\(project)/labels")
        #expect(limited.status == 429 && limited.header("Retry-After") == "1")
        #expect(try send("projects/\(project)/labels").status == 200)
    }

    @Test("PUT changes only what it names; labels are added and removed, never replaced")
    func editIssue() throws {
        let before = try #require(forge.issue(iid: 5))
        let response = try send(
            "projects/\(project)/issues/5", method: "PUT",
            json: ["add_labels": "docs,needs review", "remove_labels": "bug"])
        #expect(response.status == 200)
        let after = try #require(forge.issue(iid: 5))
        #expect(Set(after.labels) == Set(before.labels).subtracting(["bug"]).union(["docs", "needs review"]))
        #expect(after.title == before.title && after.state == before.state && after.assignees == before.assignees)
        #expect(try send("projects/\(project)/issues/5", method: "PUT", json: [:]).status == 400)
        #expect(try send("projects/\(project)/issues/5", method: "PUT", json: ["state_event": "shut"]).status == 400)
        _ = try send("projects/\(project)/issues/5", method: "PUT", json: ["assignee_ids": [2]])
        let assigned = try #require(forge.issue(iid: 5))
        #expect(assigned.assignees == ["bob"])
        if before.assignees != ["bob"] {
            #expect(assigned.notes.last?.hasPrefix("assigned to @bob") == true, "\(assigned.notes.suffix(2))")
        }
    }

    @Test("comments, replies and new threads")
    func notes() throws {
        let before = try #require(forge.issue(iid: 4))
        let comment = try send("projects/\(project)/issues/4/notes", method: "POST", json: ["body": "A comment"])
        #expect(comment.status == 201)
        #expect(try send("projects/\(project)/issues/4/notes", method: "POST", json: ["body": "  "]).status == 400)
        #expect(try send("projects/\(project)/issues/4/notes", method: "POST", json: [:]).status == 400)
        let discussions = try JSONDecoder().decode(
            [DiscussionJSON].self, from: send("projects/\(project)/issues/4/discussions?per_page=100").body)
        let mine = try #require(discussions.last)
        #expect(mine.individualNote && mine.notes.map(\.body) == ["A comment"])
        let reply = try send(
            "projects/\(project)/issues/4/discussions/\(mine.id)/notes", method: "POST", json: ["body": "A reply"])
        #expect(reply.status == 201)
        let thread = try JSONDecoder().decode(
            DiscussionJSON.self, from: send("projects/\(project)/issues/4/discussions/\(mine.id)").body)
        #expect(!thread.individualNote && thread.notes.map(\.body) == ["A comment", "A reply"])
        #expect(thread.notes.allSatisfy { $0.type == "DiscussionNote" })
        #expect(try #require(forge.issue(iid: 4)).discussionCount == before.discussionCount + 1)
    }

    @Test("wiki: create with an odd title, rename by title, refuse duplicates")
    func wiki() throws {
        let created = try send(
            "projects/\(project)/wikis", method: "POST", json: ["title": "guides/FAQ & more (v2) Ünï", "content": "Hi"])
        #expect(created.status == 201)
        let page = try JSONDecoder().decode(WikiPageJSON.self, from: created.body)
        #expect(page.slug == "guides/FAQ-&-more-(v2)-Ünï" && page.title == "FAQ & more (v2) Ünï")
        let encoded = PathSegment.encode(page.slug)
        #expect(try send("projects/\(project)/wikis/\(encoded)").status == 200)
        #expect(
            try send(
                "projects/\(project)/wikis", method: "POST",
                json: ["title": "guides/FAQ & more (v2) Ünï", "content": "x"]
            )
            .status == 400)
        let renamed = try send("projects/\(project)/wikis/\(encoded)", method: "PUT", json: ["title": "Moved"])
        #expect(try JSONDecoder().decode(WikiPageJSON.self, from: renamed.body).slug == "Moved")
        #expect(try send("projects/\(project)/wikis/\(encoded)").status == 404)
        #expect(forge.wikiContent(slug: "Moved") == "Hi")
    }

    @Test("served over loopback with the same answers")
    func overLoopback() async throws {
        let server = DemoServer(forge: forge)
        try server.start()
        defer { server.stop() }
        forge.useBaseURL(server.baseURL)
        let url = try #require(
            URL(string: server.baseURL.absoluteString + "/api/v4/projects/\(project)/issues?per_page=3"))
        let response = try await SocketTransport().send(HTTPRequest(url: url))
        #expect(response.status == 200)
        let paging = GitLabPaging(response)
        #expect(paging.perPage == 3 && paging.links["next"]?.host == "127.0.0.1")
    }
}
