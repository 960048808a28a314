import ForgeModel
import Foundation
import HTTP
import Testing

@testable import Tuleap

/// Pasted web and API addresses, and locations written back and read again.
@Suite("Tuleap router")
struct TuleapRouterTests {
    let base = URL(string: "https://tuleap.example.org")!

    func parse(_ text: String, base: URL? = nil) throws -> TuleapLocation {
        try TuleapRouter.parse(text, base: base ?? self.base)
    }

    @Test("web addresses: projects, trackers, artifacts, goto, wiki, users; parameters in any order")
    func webAddresses() throws {
        #expect(try parse("https://tuleap.example.org/projects/guinea-pig") == .project(shortname: "guinea-pig"))
        #expect(try parse("/projects/guinea-pig/") == .project(shortname: "guinea-pig"))
        #expect(try parse("/plugins/tracker/?tracker=82&report=4") == .tracker(82))
        #expect(try parse("/plugins/tracker/?func=show&aid=211#followup_9") == .artifact(211))
        #expect(try parse("/plugins/tracker/index.php?aid=211") == .artifact(211))
        #expect(try parse("/plugins/tracker/?group_id=102") == .projectID(102))
        #expect(try parse("/goto?key=bug&val=220&group_id=102") == .artifact(220))
        #expect(try parse("/goto.php?group_id=102&val=12&key=story") == .artifact(12))
        #expect(
            try parse("/wiki/index.php?pagename=With+Space&group_id=101") == .wiki(projectID: 101, page: "With Space"))
        #expect(try parse("/wiki/?group_id=101") == .wiki(projectID: 101, page: nil))
        #expect(try parse("/users/mara") == .user(username: "mara"))
        #expect(try parse("https://tuleap.example.org/") == .server)
    }

    @Test("API addresses, with or without v1")
    func apiAddresses() throws {
        #expect(try parse("https://tuleap.example.org/api/artifacts/211") == .artifact(211))
        #expect(try parse("/api/v1/artifacts/211/changesets") == .artifact(211))
        #expect(try parse("/api/trackers/82/artifacts") == .tracker(82))
        #expect(try parse("/api/projects/102") == .projectID(102))
        #expect(try parse("/api/projects/102/phpwiki") == .wiki(projectID: 102, page: nil))
    }

    @Test("a base with a prefix is stripped; other hosts and unknown pages are refused")
    func prefixAndRefusals() throws {
        let prefixed = URL(string: "https://example.org/tuleap")!
        #expect(try parse("https://example.org/tuleap/plugins/tracker/?aid=5", base: prefixed) == .artifact(5))
        #expect(throws: ForgeError.self) { try parse("https://elsewhere.example.org/projects/x") }
        #expect(throws: ForgeError.self) { try parse("/plugins/tracker/?aid=abc") }
        #expect(throws: ForgeError.self) { try parse("/plugins/git/x") }
        #expect(throws: ForgeError.self) { try parse("/api/artifacts/-3") }
    }

    @Test(
        "every location survives a round trip through its web address",
        arguments: [
            TuleapLocation.server, .project(shortname: "guinea-pig"), .project(shortname: "a b"), .projectID(102),
            .tracker(82), .artifact(211), .wiki(projectID: 101, page: "With Space"), .wiki(projectID: 101, page: nil),
            .user(username: "mara"),
        ])
    func roundTrip(_ location: TuleapLocation) throws {
        let url = try #require(TuleapRouter.webURL(for: location, base: base))
        #expect(try parse(url.absoluteString) == location)
    }

    @Test("routes and web URLs of the forge go both ways")
    func forgeRoutes() throws {
        let forge = try TuleapForge(baseURL: base, secret: nil, transport: StubTransport([:]))
        let routes: [Route] = [
            .project(ProjectPath(neighborhood: "", name: "guinea-pig")),
            .tool(ProjectPath(neighborhood: "tracker", name: "82"), mount: "82"),
            .ticket(ProjectPath(neighborhood: "artifact", name: "211"), mount: "artifacts", number: 211),
        ]
        for route in routes {
            #expect(try forge.route(for: forge.webURL(for: route)) == route)
        }
        #expect(forge.webURL(for: routes[2]) == "https://tuleap.example.org/plugins/tracker/?aid=211")
        #expect(
            forge.resolveReference("bug #220", in: routes[0].project!)
                == .route(
                    .ticket(ProjectPath(neighborhood: "artifact", name: "220"), mount: "artifacts", number: 220)))
    }
}
