import ForgeModel
import Foundation
import Testing

@testable import GitLab

/// Pasted GitLab URLs open the right place, and `o` goes back to the same web page.
@Suite("GitLab URLs")
struct GitLabRouterTests {
    let base = URL(string: "https://gitlab.example.com")!
    let project = GitLabProjectRef.path("acme/tools/anvil-demo")

    func parse(_ text: String, base: URL? = nil) throws -> GitLabLocation {
        try GitLabRouter.parse(text, base: base ?? self.base)
    }

    @Test("web URLs of every view")
    func webURLs() throws {
        let root = "https://gitlab.example.com/acme/tools/anvil-demo"
        #expect(try parse(root) == .project(project))
        #expect(try parse(root + "/") == .project(project))
        #expect(try parse(root + ".git") == .project(project))
        #expect(try parse(root + "/-/issues") == .issues(project, GitLabIssueFilter()))
        #expect(try parse(root + "/-/issues/42") == .issue(project, iid: 42, note: nil))
        #expect(try parse(root + "/-/issues/42#note_123") == .issue(project, iid: 42, note: 123))
        #expect(try parse(root + "/-/issues/incident/7") == .issue(project, iid: 7, note: nil))
        #expect(try parse(root + "/-/work_items/9") == .issue(project, iid: 9, note: nil))
        #expect(try parse(root + "/-/wikis") == .wikiPage(project, slug: "home"))
        #expect(try parse(root + "/-/wikis/pages") == .wikiPages(project))
        #expect(
            try parse(root + "/-/wikis/guides/getting-started") == .wikiPage(project, slug: "guides/getting-started"))
        #expect(
            try parse(root + "/-/wikis/guides/getting-started/edit")
                == .wikiPage(project, slug: "guides/getting-started"))
        #expect(try parse(root + "/-/wikis/%C3%9Cn%C3%AFcode-page") == .wikiPage(project, slug: "Ünïcode-page"))
        #expect(try parse(root + "/-/milestones/3") == .milestone(project, iid: 3))
        #expect(try parse("https://gitlab.example.com/users/alice") == .user(username: "alice"))
        #expect(try parse("https://gitlab.example.com/alice") == .user(username: "alice"))
        #expect(try parse("https://gitlab.example.com/groups/acme/tools") == .group(path: "acme/tools"))
        #expect(try parse("https://gitlab.example.com/") == .instance)
    }

    @Test("a filtered web list maps to the API's parameters")
    func filteredList() throws {
        let url =
            "https://gitlab.example.com/acme/tools/anvil-demo/-/issues?state=closed&label_name[]=bug&label_name[]=needs+review&assignee_username=bob&milestone_title=v1.0&search=crash&sort=updated_desc"
        guard case .issues(_, let filter) = try parse(url) else {
            Issue.record("not an issue list")
            return
        }
        let query = Dictionary(uniqueKeysWithValues: filter.apiQuery.map { ($0.name, $0.value ?? "") })
        #expect(
            query == [
                "state": "closed", "labels": "bug,needs review", "assignee_username": "bob", "milestone": "v1.0",
                "search": "crash", "order_by": "updated_at", "sort": "desc",
            ])
    }

    @Test("API URLs keep an encoded path as one project id")
    func apiURLs() throws {
        let api = "https://gitlab.example.com/api/v4/projects/acme%2Ftools%2Fanvil-demo"
        #expect(try parse(api) == .project(project))
        #expect(try parse(api + "/issues") == .issues(project, GitLabIssueFilter()))
        #expect(try parse(api + "/issues/42") == .issue(project, iid: 42, note: nil))
        #expect(try parse(api + "/issues/42/notes/123") == .issue(project, iid: 42, note: 123))
        #expect(try parse(api + "/wikis") == .wikiPages(project))
        #expect(
            try parse(api + "/wikis/guides%2Fgetting-started") == .wikiPage(project, slug: "guides/getting-started"))
        #expect(
            try parse("https://gitlab.example.com/api/v4/projects/42/issues/7") == .issue(.id(42), iid: 7, note: nil))
        #expect(throws: ForgeError.self) { try parse("https://gitlab.example.com/api/v3/projects/1") }
    }

    @Test("legacy URLs without /-/ still open issues and wiki pages")
    func legacy() throws {
        #expect(
            try parse("https://gitlab.example.com/acme/tools/anvil-demo/issues/42")
                == .issue(project, iid: 42, note: nil))
        #expect(
            try parse("https://gitlab.example.com/acme/tools/anvil-demo/wikis/home") == .wikiPage(project, slug: "home")
        )
    }

    @Test("a relative URL root is stripped, relative paths are read against the base")
    func relativeRoot() throws {
        let rooted = URL(string: "https://example.org/gitlab")!
        #expect(
            try parse("https://example.org/gitlab/acme/x/-/issues/3", base: rooted)
                == .issue(.path("acme/x"), iid: 3, note: nil))
        #expect(try parse("acme/x/-/issues/3", base: rooted) == .issue(.path("acme/x"), iid: 3, note: nil))
        #expect(
            GitLabRouter.webURL(for: .project(.path("acme/x")), base: rooted)?.absoluteString
                == "https://example.org/gitlab/acme/x")
    }

    @Test("other hosts, v3, dot segments and reserved pages are refused")
    func refused() {
        #expect(throws: ForgeError.self) { try parse("https://evil.example.net/acme/x") }
        #expect(throws: ForgeError.self) { try parse("https://gitlab.example.com/acme/../x/-/issues/1") }
        #expect(throws: ForgeError.self) { try parse("https://gitlab.example.com/explore/projects") }
        #expect(throws: ForgeError.self) { try parse("") }
    }

    @Test("parts Anvil does not show go to the browser with their own address")
    func elsewhere() throws {
        let url = "https://gitlab.example.com/acme/tools/anvil-demo/-/merge_requests/5"
        #expect(try parse(url) == .elsewhere(project, webURL: URL(string: url)!))
    }

    @Test(
        "web URL → location → web URL is the identity",
        arguments: [
            "https://gitlab.example.com/acme/tools/anvil-demo",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/issues",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/issues?state=closed&label_name%5B%5D=bug&sort=updated_desc",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/issues/42",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/issues/42#note_123",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/wikis/pages",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/wikis/guides/getting-started",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/wikis/%C3%9Cn%C3%AFcode-page",
            "https://gitlab.example.com/acme/tools/anvil-demo/-/milestones/3",
            "https://gitlab.example.com/alice",
            "https://gitlab.example.com/groups/acme/tools",
        ])
    func roundTrip(url: String) throws {
        let location = try parse(url)
        #expect(GitLabRouter.webURL(for: location, base: base)?.absoluteString == url)
    }

    @Test("an API URL's project id goes back to the web by its path")
    func apiToWeb() throws {
        let location = try parse("https://gitlab.example.com/api/v4/projects/acme%2Ftools%2Fanvil-demo/issues/42")
        #expect(
            GitLabRouter.webURL(for: location, base: base)?.absoluteString
                == "https://gitlab.example.com/acme/tools/anvil-demo/-/issues/42")
        #expect(GitLabRouter.webURL(for: .issue(.id(42), iid: 1, note: nil), base: base) == nil)
    }

    @Test("the project id segment encodes every slash once")
    func apiSegment() {
        #expect(project.apiSegment == "acme%2Ftools%2Fanvil-demo")
        #expect(GitLabProjectRef.id(42).apiSegment == "42")
    }
}

/// Tokens go in the header of their mode, never in a URL, never over plain http to a remote host.
@Suite("GitLab auth")
struct GitLabAuthTests {
    let https = URL(string: "https://gitlab.example.com")!

    @Test("a personal access token goes in PRIVATE-TOKEN, an OAuth token as Bearer")
    func headers() throws {
        #expect(
            try GitLabAuth(mode: .privateToken, token: "glpat-abc", base: https).headers == [
                "PRIVATE-TOKEN": "glpat-abc"
            ])
        #expect(try GitLabAuth(mode: .oauth, token: "f00d", base: https).headers == ["Authorization": "Bearer f00d"])
        #expect(try GitLabAuth(mode: .privateToken, token: "  ", base: https).headers.isEmpty)
        #expect(try GitLabAuth(mode: .privateToken, token: nil, base: https).credential == .none)
    }

    @Test("no token over plain http except to loopback")
    func plainHTTP() throws {
        #expect(throws: ForgeError.insecureToken(host: "gitlab.example.com")) {
            try GitLabAuth(mode: .privateToken, token: "t", base: URL(string: "http://gitlab.example.com")!)
        }
        #expect(
            try GitLabAuth(mode: .privateToken, token: "t", base: URL(string: "http://127.0.0.1:8080")!).headers.count
                == 1)
        #expect(
            try GitLabAuth(mode: .privateToken, token: nil, base: URL(string: "http://gitlab.example.com")!).headers
                .isEmpty)
    }

    @Test("the token never shows in a description")
    func redacted() throws {
        let auth = try GitLabAuth(mode: .oauth, token: "sekrit-token", base: https)
        #expect(!String(describing: auth).contains("sekrit"))
        #expect(!String(reflecting: auth).contains("sekrit"))
    }
}
