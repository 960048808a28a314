import Allura
import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

@Suite struct AlluraForgeTests {
    static let base = URL(string: "https://forge.example.org")!
    static let token = "0123456789abcdef0123"
    static let test = ProjectPath(neighborhood: "p", name: "test")

    /// A forge over a stub answering fixtures by URL, recording what was sent.
    static func forge(
        token: String? = token, _ table: [String: HTTPResponse]
    ) throws -> (AlluraForge, RecordingTransport) {
        let recorder = RecordingTransport(StubTransport(table))
        return (try AlluraForge(baseURL: base, token: token, transport: recorder), recorder)
    }

    static func fixtureResponse(_ name: String) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try Fixtures.allura(name))
    }

    // MARK: Authentication

    @Test func sendsBearerTokenAndAcceptOnEveryRequest() async throws {
        let (forge, recorder) = try Self.forge([
            "https://forge.example.org/rest/p/test/": try Self.fixtureResponse("project.json")
        ])
        _ = try await forge.project(Self.test)
        let request = try #require(recorder.requests.first)
        #expect(request.method == "GET")
        #expect(request.header("Authorization") == "Bearer 0123456789abcdef0123")
        #expect(request.header("Accept") == "application/json")
        #expect(request.headers.count == 2)
        #expect(forge.isAuthenticated)
    }

    @Test func anonymousSendsNoAuthorization() async throws {
        for token in [nil, "", "   "] as [String?] {
            let (forge, recorder) = try Self.forge(
                token: token, ["https://forge.example.org/rest/p/test/": try Self.fixtureResponse("project.json")])
            _ = try await forge.project(Self.test)
            let request = try #require(recorder.requests.first)
            #expect(request.header("Authorization") == nil)
            #expect(request.header("Accept") == "application/json")
            #expect(!forge.isAuthenticated)
        }
    }

    @Test func refusesTokensOverPlainHTTPExceptToLoopback() throws {
        let stub = StubTransport([:])
        #expect(throws: ForgeError.insecureToken(host: "forge.example.org")) {
            _ = try AlluraForge(baseURL: URL(string: "http://forge.example.org")!, token: "t", transport: stub)
        }
        #expect(throws: ForgeError.insecureToken(host: "128.0.0.1")) {
            _ = try AlluraForge(baseURL: URL(string: "http://128.0.0.1:8080")!, token: "t", transport: stub)
        }
        for allowed in [
            "http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:3000", "http://[::1]:8080",
            "https://forge.example.org",
        ] {
            #expect(throws: Never.self, "\(allowed)") {
                _ = try AlluraForge(baseURL: URL(string: allowed)!, token: "t", transport: stub)
            }
        }
        // Without a token plain http is fine.
        #expect(throws: Never.self) {
            _ = try AlluraForge(baseURL: URL(string: "http://forge.example.org")!, token: nil, transport: stub)
        }
        #expect(throws: ForgeError.self) {
            _ = try AlluraForge(baseURL: URL(string: "ftp://forge.example.org")!, token: nil, transport: stub)
        }
    }

    @Test func loopbackDetection() {
        #expect(AlluraForge.isLoopback(host: "127.0.0.1"))
        #expect(AlluraForge.isLoopback(host: "127.255.0.9"))
        #expect(AlluraForge.isLoopback(host: "::1"))
        #expect(AlluraForge.isLoopback(host: "[::1]"))
        #expect(AlluraForge.isLoopback(host: "LOCALHOST"))
        #expect(!AlluraForge.isLoopback(host: "127.0.0.1.evil.example"))
        #expect(!AlluraForge.isLoopback(host: "10.0.0.1"))
        #expect(!AlluraForge.isLoopback(host: "localhost.example.org"))
    }

    @Test func tokenNeverAppearsInErrorsOrDescriptions() async throws {
        let echo = #"{"message": "Bad token \#(Self.token)<br />", "code": "401 Unauthorized"}"#
        let recorder = RecordingTransport(
            StubTransport { request in
                switch request.url.path {
                case "/rest/p/a/": return .json(echo, status: 401)
                case "/rest/p/b/": return .json("not json \(Self.token)", status: 500)
                case "/rest/p/c/": throw ForgeError.offline("proxy said \(Self.token)")
                default: return .json(#"{"shortname": 5}"#)
                }
            })
        let forge = try AlluraForge(baseURL: Self.base, token: Self.token, transport: recorder)
        var messages: [String] = []
        for name in ["a", "b", "c", "d"] {
            do {
                _ = try await forge.project(ProjectPath(neighborhood: "p", name: name))
                Issue.record("no error for \(name)")
            } catch {
                messages.append((error as? ForgeError)?.message ?? "\(error)")
                messages.append(String(describing: error))
                messages.append(String(reflecting: error))
            }
        }
        messages += [
            forge.description, String(describing: forge), String(reflecting: forge),
            "\(Mirror(reflecting: forge).children.map { "\($0)" })",
        ]
        #expect(messages.count == 16)
        for message in messages {
            #expect(!message.contains(Self.token), "\(message)")
        }
        #expect(messages.contains { $0.contains("<redacted>") })
        #expect(forge.description.contains("token set"))
    }

    // MARK: URLs

    @Test func getURLsEncodeSegmentsAndEndWithASlash() async throws {
        let (forge, recorder) = try Self.forge(
            token: nil,
            [
                "https://forge.example.org/rest/p/test/wiki/FAQ%20%26%20Tips%20%28v2%29/": try Self.fixtureResponse(
                    "wiki-page.json"),
                "https://forge.example.org/rest/p/test/wiki/": try Self.fixtureResponse("wiki-index.json"),
            ])
        let page = try await forge.wikiPage(Self.test, mount: "wiki", title: "FAQ & Tips (v2)")
        #expect(page.title == "Getting Started")
        let titles = try await forge.wikiTitles(Self.test, mount: "wiki")
        #expect(titles.count == 5 && titles[3] == "FAQ & Tips (v2)")
        #expect(
            recorder.requests.map(\.url.absoluteString) == [
                "https://forge.example.org/rest/p/test/wiki/FAQ%20%26%20Tips%20%28v2%29/",
                "https://forge.example.org/rest/p/test/wiki/",
            ])
    }

    @Test func baseURLMayCarryRestOrASlash() throws {
        for text in ["https://sourceforge.net/rest/", "https://sourceforge.net/", "https://sourceforge.net"] {
            let forge = try AlluraForge(baseURL: URL(string: text)!, token: nil, transport: StubTransport([:]))
            #expect(forge.baseURL.absoluteString == "https://sourceforge.net")
            #expect(forge.displayName == "sourceforge.net")
        }
        let local = try AlluraForge(
            baseURL: URL(string: "http://127.0.0.1:8080")!, token: nil, transport: StubTransport([:]), displayName: nil)
        #expect(local.displayName == "127.0.0.1:8080")
        let named = try AlluraForge(baseURL: Self.base, token: nil, transport: StubTransport([:]), displayName: "Demo")
        #expect(named.displayName == "Demo")
    }

    @Test func pagingAlwaysSendsExplicitIntegersInRange() async throws {
        let recorder = RecordingTransport(StubTransport { _ in try Self.fixtureResponse("tickets-page0-limit10.json") })
        let forge = try AlluraForge(baseURL: Self.base, token: nil, transport: recorder)
        _ = try await forge.ticketList(Self.test, mount: "bugs", page: -3, limit: 1000)
        _ = try await forge.ticketList(Self.test, mount: "bugs", page: 2, limit: 0)
        let list = try await forge.ticketList(Self.test, mount: "bugs", page: 0, limit: 10)
        #expect(list.tickets.count == 9)
        #expect(
            recorder.requests.map { $0.url.query ?? "" } == ["page=0&limit=500", "page=2&limit=1", "page=0&limit=10"])
        #expect(
            AlluraForge.pagingQuery(page: 4, limit: 25) == [
                URLQueryItem(name: "page", value: "4"), URLQueryItem(name: "limit", value: "25"),
            ])
    }

    @Test func searchEncodesTheQueryStrictly() async throws {
        let recorder = RecordingTransport(
            StubTransport { _ in try Self.fixtureResponse("tickets-search-status-open.json") })
        let forge = try AlluraForge(baseURL: Self.base, token: nil, transport: recorder)
        let result = try await forge.searchTickets(
            Self.test, mount: "bugs", query: "status:open && labels:c++", sort: "mod_date_dt desc", page: 0, limit: 10)
        #expect(result.count == 14)
        #expect(
            recorder.requests.first?.url.absoluteString
                == "https://forge.example.org/rest/p/test/bugs/search/?q=status%3Aopen%20%26%26%20labels%3Ac%2B%2B&sort=mod_date_dt%20desc&page=0&limit=10"
        )
    }

    @Test func webURLs() throws {
        let forge = try AlluraForge(baseURL: Self.base, token: nil, transport: StubTransport([:]))
        #expect(forge.webURL(for: .project(Self.test)) == "https://forge.example.org/p/test/")
        #expect(
            forge.webURL(for: .wikiPage(Self.test, mount: "wiki", title: "Ünïcödé Tëst ☃"))
                == "https://forge.example.org/p/test/wiki/%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20T%C3%ABst%20%E2%98%83/")
        #expect(
            forge.webURL(for: .ticketSearch(Self.test, mount: "bugs", query: "status:open"))
                == "https://forge.example.org/p/test/bugs/search/?q=status%3Aopen")
        #expect(forge.webURL(for: .userProfile(username: "alice")) == "https://forge.example.org/u/alice/profile/")
    }

    // MARK: Capabilities and errors

    @Test func readsProfileAndLink() async throws {
        let (forge, _) = try Self.forge([
            "https://forge.example.org/rest/u/alice/profile/": try Self.fixtureResponse("user-profile.json"),
            "https://forge.example.org/rest/p/test/link/": try Self.fixtureResponse("link.json"),
            "https://forge.example.org/rest/p/test/unset/": .json(#"{"url": null}"#),
        ])
        let profile = try await forge.profile(username: "alice")
        #expect(profile.name == "Alice Åkerlund")
        #expect(try await forge.linkTarget(Self.test, mount: "link") == "https://example.org/test-project")
        #expect(try await forge.linkTarget(Self.test, mount: "unset") == nil)
    }

    @Test func errorsAreClassified() async throws {
        let forbidden = HTTPResponse(
            status: 403, headers: ["Content-Type": "text/html"], body: try Fixtures.allura("error-403-save.html"))
        let (forge, _) = try Self.forge([
            "https://forge.example.org/rest/p/private/": forbidden,
            "https://forge.example.org/rest/p/broken/": .json(#"{"name": "no shortname"}"#),
            "https://forge.example.org/rest/p/html/": HTTPResponse(
                status: 200, headers: ["Content-Type": "text/html"], body: Data("<html>".utf8)),
        ])
        await #expect(throws: ForgeError.forbidden(reason: "Update access required")) {
            _ = try await forge.project(ProjectPath(neighborhood: "p", name: "private"))
        }
        await #expect(throws: ForgeError.notFound(what: "/rest/p/missing/")) {
            _ = try await forge.project(ProjectPath(neighborhood: "p", name: "missing"))
        }
        await #expect(throws: ForgeError.invalidResponse("missing \"shortname\" at the top level")) {
            _ = try await forge.project(ProjectPath(neighborhood: "p", name: "broken"))
        }
        await #expect(throws: ForgeError.invalidResponse("the answer is not JSON")) {
            _ = try await forge.project(ProjectPath(neighborhood: "p", name: "html"))
        }
    }

    @Test func getFollowsAMovedTicket() async throws {
        let (forge, recorder) = try Self.forge([
            "https://forge.example.org/rest/p/test/bugs/9/": HTTPResponse(
                status: 301, headers: ["Location": "http://forge.example.org/rest/p/test/features/4/"]),
            "https://forge.example.org/rest/p/test/features/4/": try Self.fixtureResponse(
                "ticket-with-change-posts.json"),
        ])
        let ticket = try await forge.ticket(Self.test, mount: "bugs", number: 9)
        #expect(ticket.ticketNum == 9)
        #expect(recorder.requests.map(\.url.absoluteString).last == "https://forge.example.org/rest/p/test/features/4/")
        #expect(recorder.requests.allSatisfy { $0.header("Authorization") == "Bearer \(Self.token)" })
    }

    // MARK: Writes

    @Test func postFormFollowsTheRedirectAgainstTheConfiguredBase() async throws {
        let (forge, recorder) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/bugs/new": HTTPResponse(
                status: 302, headers: ["Location": "http://internal-host:8080/rest/p/test/bugs/35/"],
                body: Data("302 Found".utf8)),
            "GET https://forge.example.org/rest/p/test/bugs/35/": try Self.fixtureResponse(
                "ticket-nested-comments.json"),
        ])
        let response = try await forge.postForm(
            ["p", "test", "bugs", "new"],
            fields: [
                ("ticket_form.summary", "A & B + C"), ("ticket_form.status", "open"), ("ticket_form.labels", "ü,x y"),
            ])
        #expect(response.status == 200)
        let ticket = try forge.decode(AlluraTicketResponseJSON.self, from: response.body).ticket
        #expect(ticket.ticketNum == 31)
        let requests = recorder.requests
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST")
        #expect(requests[0].url.absoluteString == "https://forge.example.org/rest/p/test/bugs/new")
        #expect(requests[0].header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(
            requests[0].body.map { String(decoding: $0, as: UTF8.self) }
                == "ticket_form.summary=A%20%26%20B%20%2B%20C&ticket_form.status=open&ticket_form.labels=%C3%BC%2Cx%20y"
        )
        #expect(requests[1].method == "GET")
        #expect(requests[1].header("Authorization") == "Bearer \(Self.token)")
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer \(Self.token)" })
    }

    @Test func blogCreateFollowsA201WithRawNonASCIILocation() async throws {
        let (forge, recorder) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/blog": HTTPResponse(
                status: 201, headers: ["Location": "https://forge.example.org/rest/p/test/blog/2026/11/ça-marche/"]),
            "GET https://forge.example.org/rest/p/test/blog/2026/11/%C3%A7a-marche/": try Self.fixtureResponse(
                "blog-post.json"),
        ])
        let response = try await forge.postForm(
            ["p", "test", "blog"], fields: [("title", "Ça marche"), ("state", "published")])
        #expect(try forge.decode(AlluraBlogPostJSON.self, from: response.body).title == "Announcing Test Project 1.0")
        #expect(recorder.requests.count == 2)
    }

    @Test func postFormPassesOnValidationErrors() async throws {
        let body =
            #"{"status": "Validation Error", "errors": {"ticket_form": "status: Value must be one of: open; closed (not 'bogus')"}}"#
        let (forge, _) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/bugs/3/save": HTTPResponse(
                status: 400, headers: ["Content-Type": "text/plain"], body: Data(body.utf8)),
            "POST https://forge.example.org/rest/p/test/wiki/Home": .json("{}"),
        ])
        await #expect(throws: ForgeError.validation(["status: Value must be one of: open; closed (not 'bogus')"])) {
            _ = try await forge.postForm(["p", "test", "bugs", "3", "save"], fields: [("ticket_form.status", "bogus")])
        }
        let saved = try await forge.postForm(["p", "test", "wiki", "Home"], fields: [("text", "hi")])
        #expect(saved.status == 200 && saved.body == Data("{}".utf8))
    }

    @Test func commentIsPostedAndReadBack() async throws {
        let post =
            ##"{"post": {"_id": "x", "thread_id": "6d827d1b3a", "slug": "e638/03c2", "subject": "#12", "status": "ok", "text": "Thanks", "timestamp": "2025-03-14 09:30:01.120000", "last_edited": null, "author_id": "1", "author": "mara"}}"##
        let (forge, recorder) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/bugs/_discuss/thread/6d827d1b3a/e638/reply": HTTPResponse(
                status: 302,
                headers: [
                    "Location": "https://forge.example.org/rest/p/test/bugs/_discuss/thread/6d827d1b3a/e638/03c2/"
                ]),
            "GET https://forge.example.org/rest/p/test/bugs/_discuss/thread/6d827d1b3a/e638/03c2/": .json(post),
        ])
        let outcome = try await forge.postComment(
            Self.test, mount: "bugs", thread: "6d827d1b3a", replyTo: "e638", text: "Thanks")
        guard case .posted(let posted) = outcome else { Issue.record("\(outcome)"); return }
        #expect(posted.slug == "e638/03c2" && posted.parentSlug == "e638" && posted.author == "mara")
        #expect(recorder.requests.first?.body == Data("text=Thanks".utf8))
    }

    @Test func commentAnswering404AfterTheRedirectAwaitsModeration() async throws {
        let (forge, recorder) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/wiki/_discuss/thread/e98bcbd83f/new": HTTPResponse(
                status: 302,
                headers: ["Location": "https://forge.example.org/rest/p/test/wiki/_discuss/thread/e98bcbd83f/ab12/"])
        ])
        let outcome = try await forge.postComment(Self.test, mount: "wiki", thread: "e98bcbd83f", text: "hello")
        #expect(outcome == .awaitingModeration)
        #expect(recorder.requests.map(\.method) == ["POST", "GET"])
        await #expect(throws: HeldForModeration.self) {
            _ = try await forge.postForm(
                ["p", "test", "wiki", "_discuss", "thread", "e98bcbd83f", "new"], fields: [("text", "x")])
        }
        // The same 404 after a ticket save is an ordinary error.
        let (other, _) = try Self.forge([
            "POST https://forge.example.org/rest/p/test/bugs/3/save": HTTPResponse(
                status: 302, headers: ["Location": "/rest/p/test/bugs/3/"])
        ])
        await #expect(throws: ForgeError.notFound(what: "/rest/p/test/bugs/3/")) {
            _ = try await other.postForm(["p", "test", "bugs", "3", "save"], fields: [])
        }
    }

    @Test func emptyCommentsAreNotSent() async throws {
        let (forge, recorder) = try Self.forge([:])
        await #expect(throws: ForgeError.self) {
            _ = try await forge.postComment(Self.test, mount: "wiki", thread: "e98b", text: "  \n ")
        }
        #expect(recorder.requests.isEmpty)
    }
}
