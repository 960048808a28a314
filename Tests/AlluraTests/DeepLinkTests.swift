import Allura
import ForgeModel
import Foundation
import HTTP
import Testing

/// Every Allura address a user can paste opens the right place, and every place's web address
/// reads back as the same place.
@Suite struct DeepLinkTests {
    static let test = ProjectPath(neighborhood: "p", name: "test")
    static let base = URL(string: "https://forge.example.org")!

    static func forge() throws -> AlluraForge {
        try AlluraForge(baseURL: base, token: nil, transport: StubTransport([:]), displayName: "forge")
    }

    @Test(arguments: [
        (
            "https://forge.example.org/p/test/bugs/42/#a1b2",
            Route.ticketComment(test, mount: "bugs", number: 42, post: "a1b2")
        ),
        (
            "https://forge.example.org/p/test/bugs/42/#a1b2/c3d4",
            .ticketComment(test, mount: "bugs", number: 42, post: "a1b2/c3d4")
        ),
        ("https://forge.example.org/p/test/bugs/42/#discussion", .ticket(test, mount: "bugs", number: 42)),
        (
            "https://forge.example.org/p/test/discussion/general/thread/ab12cd34ef/#a1b2",
            .topicPost(test, mount: "discussion", forum: "general", thread: "ab12cd34ef", post: "a1b2")
        ),
        (
            "https://forge.example.org/p/test/discussion/general/thread/ab12cd34ef/?limit=25&page=3#0f9e",
            .topicPost(test, mount: "discussion", forum: "general", thread: "ab12cd34ef", post: "0f9e")
        ),
        (
            "https://forge.example.org/p/test/discussion/general/thread/ab12cd34ef/a1b2/c3d4/",
            .topicPost(test, mount: "discussion", forum: "general", thread: "ab12cd34ef", post: "a1b2/c3d4")
        ),
        (
            "https://forge.example.org/p/test/wiki/_discuss/thread/e98bcbd83f/#77aa",
            .threadPost(test, mount: "wiki", thread: "e98bcbd83f", post: "77aa")
        ),
        (
            "https://forge.example.org/p/test/wiki/_discuss/thread/e98bcbd83f/reply",
            .discussionThread(test, mount: "wiki", thread: "e98bcbd83f")
        ),
        (
            "https://forge.example.org/p/test/blog/2026/11/%C3%A7a-marche/",
            .blogPost(test, mount: "blog", path: "2026/11/ça-marche")
        ),
        (
            "https://forge.example.org/p/test/wiki/%C3%9Cber%20uns%20%26%20%2550%25/",
            .wikiPage(test, mount: "wiki", title: "Über uns & %50%")
        ),
        ("https://forge.example.org/u/alice/profile/", .userProfile(username: "alice")),
        ("https://forge.example.org/adobe/photoshop/", .project(ProjectPath(neighborhood: "adobe", name: "photoshop"))),
        (
            "https://forge.example.org/rest/adobe/photoshop/bugs/3/",
            .ticket(ProjectPath(neighborhood: "adobe", name: "photoshop"), mount: "bugs", number: 3)
        ),
        (
            "https://forge.example.org/rest/p/test/wiki/_discuss/thread/e98bcbd83f/77aa/",
            .threadPost(test, mount: "wiki", thread: "e98bcbd83f", post: "77aa")
        ),
    ])
    func pastedAddressesOpenTheRightPlace(input: String, expected: Route) throws {
        #expect(try AlluraRouter.parse(input, defaultBase: Self.base).route == expected)
    }

    /// One route of every kind Anvil shows.
    static let everyKind: [Route] = [
        .project(test),
        .project(ProjectPath(neighborhood: "u", name: "alice")),
        .project(ProjectPath(neighborhood: "adobe", name: "photoshop")),
        .tool(test, mount: "wiki"),
        .wikiPage(test, mount: "wiki", title: "FAQ & Tips (v2)"),
        .wikiPage(test, mount: "wiki", title: "Über uns 100% #1?"),
        .ticket(test, mount: "bugs", number: 42),
        .ticketComment(test, mount: "bugs", number: 42, post: "a1b2/c3d4"),
        .ticketSearch(test, mount: "bugs", query: "status:open && labels:crash"),
        .forum(test, mount: "discussion", forum: "general"),
        .topic(test, mount: "discussion", forum: "general", thread: "ab12cd34ef"),
        .topicPost(test, mount: "discussion", forum: "general", thread: "ab12cd34ef", post: "a1b2"),
        .discussionThread(test, mount: "wiki", thread: "e98bcbd83f"),
        .threadPost(test, mount: "wiki", thread: "e98bcbd83f", post: "77aa/0b1c"),
        .blogPost(test, mount: "blog", path: "2026/11/ça-marche"),
        .userProfile(username: "alice"),
    ]

    static let tools = [
        Tool(kind: .wiki, mountPoint: "wiki", label: "Wiki"),
        Tool(kind: .tickets, mountPoint: "bugs", label: "Bugs"),
        Tool(kind: .discussion, mountPoint: "discussion", label: "Discussion"),
        Tool(kind: .blog, mountPoint: "blog", label: "Blog"),
    ]

    @Test(arguments: everyKind) func webAddressesReadBackAsTheSamePlace(route: Route) throws {
        let forge = try Self.forge()
        let web = forge.webURL(for: route)
        #expect(web.hasPrefix("https://forge.example.org/"))
        let parsed = AlluraRouter.refine(try forge.route(for: web), tools: Self.tools)
        #expect(parsed == route, "\(web)")
        #expect(forge.webURL(for: parsed) == web)
        // The REST form of the same address is the same place.
        let rest = web.replacingOccurrences(of: "https://forge.example.org/", with: "https://forge.example.org/rest/")
        #expect(AlluraRouter.refine(try forge.route(for: rest), tools: Self.tools) == route, "\(rest)")
    }
}
