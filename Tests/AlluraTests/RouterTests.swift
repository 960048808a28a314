import Allura
import ForgeModel
import Foundation
import Testing

@Suite struct RouterTests {
    static let test = ProjectPath(neighborhood: "p", name: "test")
    static let base = URL(string: "https://forge.example.org")!

    @Test(arguments: [
        ("https://forge.example.org/p/test/", Route.project(test)),
        ("https://forge.example.org/rest/p/test/", .project(test)),
        ("https://forge.example.org/p/test", .project(test)),
        ("https://forge.example.org/p/test/wiki/", .tool(test, mount: "wiki")),
        ("https://forge.example.org/p/test/wiki/Some%20Page/", .wikiPage(test, mount: "wiki", title: "Some Page")),
        (
            "https://forge.example.org/p/test/wiki/FAQ%20%26%20Tips%20%28v2%29/",
            .wikiPage(test, mount: "wiki", title: "FAQ & Tips (v2)")
        ),
        ("https://forge.example.org/p/test/wiki/C%2B%2B+Notes/", .wikiPage(test, mount: "wiki", title: "C+++Notes")),
        (
            "https://forge.example.org/p/test/wiki/Getting%20Started/attachment/diagram.png",
            .wikiPage(test, mount: "wiki", title: "Getting Started")
        ),
        ("https://forge.example.org/p/test/bugs/42/", .ticket(test, mount: "bugs", number: 42)),
        ("https://forge.example.org/rest/p/test/bugs/42/", .ticket(test, mount: "bugs", number: 42)),
        ("https://forge.example.org/rest/p/test/bugs/42", .ticket(test, mount: "bugs", number: 42)),
        (
            "https://forge.example.org/p/test/bugs/search?q=status%3Aopen+%26%26+labels%3Acrash",
            .ticketSearch(test, mount: "bugs", query: "status:open && labels:crash")
        ),
        (
            "https://forge.example.org/p/test/bugs/search/?q=a%2Bb&sort=x",
            .ticketSearch(test, mount: "bugs", query: "a+b")
        ),
        ("https://forge.example.org/p/test/bugs/search/", .ticketSearch(test, mount: "bugs", query: "")),
        (
            "https://forge.example.org/p/test/discussion/general/",
            .wikiPage(test, mount: "discussion", title: "general")
        ),
        (
            "https://forge.example.org/p/test/discussion/general/thread/ab12cd34ef/",
            .topic(test, mount: "discussion", forum: "general", thread: "ab12cd34ef")
        ),
        (
            "https://forge.example.org/rest/p/test/discussion/general/thread/ab12cd34ef/a1b2/",
            .topicPost(test, mount: "discussion", forum: "general", thread: "ab12cd34ef", post: "a1b2")
        ),
        (
            "https://forge.example.org/p/test/wiki/_discuss/thread/e98bcbd83f/",
            .discussionThread(test, mount: "wiki", thread: "e98bcbd83f")
        ),
        (
            "https://forge.example.org/rest/p/test/bugs/_discuss/thread/6d827d1b3a/e638/03c2/",
            .threadPost(test, mount: "bugs", thread: "6d827d1b3a", post: "e638/03c2")
        ),
        (
            "https://forge.example.org/p/test/blog/2025/02/announcing-nimbus-10/",
            .blogPost(test, mount: "blog", path: "2025/02/announcing-nimbus-10")
        ),
        (
            "https://forge.example.org/rest/p/test/blog/2026/11/ünïcödé--smart-quotes-in-titles/",
            .blogPost(test, mount: "blog", path: "2026/11/ünïcödé--smart-quotes-in-titles")
        ),
        (
            "https://forge.example.org/p/test/blog/2026/11/%C3%A7a-marche/",
            .blogPost(test, mount: "blog", path: "2026/11/ça-marche")
        ),
        ("https://forge.example.org/u/alice/profile/", .userProfile(username: "alice")),
        ("https://forge.example.org/rest/u/alice/profile", .userProfile(username: "alice")),
        ("https://forge.example.org/u/alice/", .project(ProjectPath(neighborhood: "u", name: "alice"))),
        (
            "https://forge.example.org/u/alice/wiki/Home/",
            .wikiPage(ProjectPath(neighborhood: "u", name: "alice"), mount: "wiki", title: "Home")
        ),
        ("https://forge.example.org/acme/widget/", .project(ProjectPath(neighborhood: "acme", name: "widget"))),
        (
            "https://forge.example.org/acme/widget/tickets/7/",
            .ticket(ProjectPath(neighborhood: "acme", name: "widget"), mount: "tickets", number: 7)
        ),
        ("https://forge.example.org/p/test/sub/", .tool(test, mount: "sub")),
        ("  https://forge.example.org/p/test/bugs/42/#comment  ", .ticket(test, mount: "bugs", number: 42)),
        ("HTTPS://forge.example.org/p/test/", .project(test)),
        ("p/test/bugs/42/", .ticket(test, mount: "bugs", number: 42)),
        ("/p/test/wiki/Home", .wikiPage(test, mount: "wiki", title: "Home")),
        ("rest/p/test/", .project(test)),
    ])
    func parses(input: String, expected: Route) throws {
        let parsed = try AlluraRouter.parse(input, defaultBase: Self.base)
        #expect(parsed.route == expected)
        #expect(parsed.base.host == "forge.example.org")
    }

    @Test func webAndRESTURLsGiveTheSameRoute() throws {
        let web = try AlluraRouter.parse("https://forge.example.org/p/test/bugs/42/", defaultBase: nil)
        let rest = try AlluraRouter.parse("https://forge.example.org/rest/p/test/bugs/42/", defaultBase: nil)
        #expect(web.route == rest.route)
        #expect(web.base == rest.base)
        #expect(web.base.absoluteString == "https://forge.example.org")
    }

    @Test func absoluteURLsKeepTheirOwnHostAndPort() throws {
        let parsed = try AlluraRouter.parse("http://127.0.0.1:8080/p/demo/", defaultBase: Self.base)
        #expect(parsed.base.absoluteString == "http://127.0.0.1:8080")
        #expect(parsed.route == .project(ProjectPath(neighborhood: "p", name: "demo")))
    }

    @Test func urlsBelowAPrefixedDefaultBaseKeepThatBase() throws {
        let prefixed = URL(string: "https://host.example/allura")!
        let parsed = try AlluraRouter.parse("https://host.example/allura/rest/p/x/wiki/", defaultBase: prefixed)
        #expect(parsed.base == prefixed)
        #expect(parsed.route == .tool(ProjectPath(neighborhood: "p", name: "x"), mount: "wiki"))
        let relative = try AlluraRouter.parse("p/x/", defaultBase: prefixed)
        #expect(relative.base == prefixed)
    }

    @Test(arguments: [
        "", "   ", "https://forge.example.org/", "https://forge.example.org/p/", "https://forge.example.org/rest/",
        "ftp://forge.example.org/p/test/", "https:///p/test/", "p/", "mailto:someone@example.org",
    ])
    func rejectsWhatIsNotAForgeURL(input: String) {
        #expect(throws: ForgeError.self) { _ = try AlluraRouter.parse(input, defaultBase: Self.base) }
    }

    @Test func relativePathsNeedADefaultBase() {
        #expect(throws: ForgeError.self) { _ = try AlluraRouter.parse("p/test/", defaultBase: nil) }
    }

    @Test func invalidURLMessagesOmitTheQuery() {
        do {
            _ = try AlluraRouter.parse("ftp://h/p/x/?access_token=abc123secret", defaultBase: nil)
            Issue.record("no error")
        } catch {
            guard case .invalidURL(let shown) = error as? ForgeError else { Issue.record("\(error)"); return }
            #expect(!shown.contains("abc123secret"))
        }
    }

    static let tools = [
        Tool(kind: .wiki, mountPoint: "wiki", label: "Wiki"),
        Tool(kind: .tickets, mountPoint: "bugs", label: "Bugs"),
        Tool(kind: .discussion, mountPoint: "discussion", label: "Discussion"),
        Tool(kind: .blog, mountPoint: "blog", label: "Blog"),
        Tool(kind: .link, mountPoint: "home", label: "Homepage"),
    ]

    @Test(arguments: [
        (
            Route.wikiPage(test, mount: "discussion", title: "general"),
            Route.forum(test, mount: "discussion", forum: "general")
        ),
        (.ticket(test, mount: "wiki", number: 42), .wikiPage(test, mount: "wiki", title: "42")),
        (.ticketSearch(test, mount: "wiki", query: ""), .wikiPage(test, mount: "wiki", title: "search")),
        (.wikiPage(test, mount: "bugs", title: "milestone"), .tool(test, mount: "bugs")),
        (.wikiPage(test, mount: "blog", title: "feed"), .tool(test, mount: "blog")),
        (.tool(test, mount: "sub"), .project(ProjectPath(neighborhood: "p", name: "test/sub"))),
        (
            .wikiPage(test, mount: "sub", title: "wiki"),
            .tool(ProjectPath(neighborhood: "p", name: "test/sub"), mount: "wiki")
        ),
        // Routes that fit their tool stay as they are.
        (.wikiPage(test, mount: "wiki", title: "Home"), .wikiPage(test, mount: "wiki", title: "Home")),
        (.ticket(test, mount: "bugs", number: 42), .ticket(test, mount: "bugs", number: 42)),
        (
            .topic(test, mount: "discussion", forum: "general", thread: "ab"),
            .topic(test, mount: "discussion", forum: "general", thread: "ab")
        ),
        (.blogPost(test, mount: "blog", path: "2025/02/x"), .blogPost(test, mount: "blog", path: "2025/02/x")),
        (.project(test), .project(test)),
        (.userProfile(username: "alice"), .userProfile(username: "alice")),
    ])
    func refinesWithTheToolList(parsed: Route, expected: Route) {
        #expect(AlluraRouter.refine(parsed, tools: Self.tools) == expected)
    }

    @Test(arguments: [
        (Route.project(test), ["p", "test"]),
        (.project(ProjectPath(neighborhood: "p", name: "test/sub")), ["p", "test", "sub"]),
        (.tool(test, mount: "bugs"), ["p", "test", "bugs"]),
        (.wikiPage(test, mount: "wiki", title: "FAQ & Tips (v2)"), ["p", "test", "wiki", "FAQ & Tips (v2)"]),
        (.ticket(test, mount: "bugs", number: 42), ["p", "test", "bugs", "42"]),
        (.ticketSearch(test, mount: "bugs", query: "x"), ["p", "test", "bugs", "search"]),
        (.forum(test, mount: "discussion", forum: "general"), ["p", "test", "discussion", "general"]),
        (
            .topic(test, mount: "discussion", forum: "general", thread: "ab12"),
            ["p", "test", "discussion", "general", "thread", "ab12"]
        ),
        (.discussionThread(test, mount: "wiki", thread: "e98b"), ["p", "test", "wiki", "_discuss", "thread", "e98b"]),
        (.blogPost(test, mount: "blog", path: "2025/02/slug"), ["p", "test", "blog", "2025", "02", "slug"]),
        (.userProfile(username: "alice"), ["u", "alice", "profile"]),
    ])
    func restPaths(route: Route, path: [String]) throws {
        #expect(AlluraRouter.restPath(for: route) == path)
        // Every REST path parses back to its route (forums parse as wiki pages until refined).
        let url =
            "https://forge.example.org/rest/"
            + path.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }.joined(separator: "/")
            + "/"
        let reparsed = try AlluraRouter.parse(url, defaultBase: nil).route
        let refined = AlluraRouter.refine(
            reparsed, tools: Self.tools + [Tool(kind: .wiki, mountPoint: "sub", label: "")])
        if case .ticketSearch = route {
            #expect(reparsed == .ticketSearch(Self.test, mount: "bugs", query: ""))
        } else if case .project(let p) = route, p.name == "test/sub" {
            #expect(reparsed == .tool(Self.test, mount: "sub"))
        } else {
            #expect(refined == route)
        }
    }

    @Test func restQueryCarriesTheSearch() {
        #expect(
            AlluraRouter.restQuery(for: .ticketSearch(Self.test, mount: "bugs", query: "a b")) == [
                URLQueryItem(name: "q", value: "a b")
            ])
        #expect(AlluraRouter.restQuery(for: .project(Self.test)) == [])
    }
}
