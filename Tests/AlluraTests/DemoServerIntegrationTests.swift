import DemoForge
import ForgeModel
import Foundation
import HTTP
import Testing

@testable import Allura

/// The real client (URLSession transport, Allura backend) against the demo forge served over
/// loopback HTTP.
@Suite(.serialized)
struct DemoServerIntegrationTests {
    let server: DemoServer
    let demo = DemoForge()
    let recorder: RecordingTransport
    let forge: AlluraForge
    static let project = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)

    init() throws {
        server = DemoServer(forge: demo)
        try server.start()
        recorder = RecordingTransport(SocketTransport(timeout: 5))
        forge = try AlluraForge(baseURL: server.baseURL, token: DemoNames.demoToken, transport: recorder)
    }

    @Test func readsAProjectAndItsWikiOverHTTP() async throws {
        defer { server.stop() }
        let project = try await forge.project(Self.project)
        #expect(project.path == Self.project)
        #expect(project.tools.contains { $0.kind == .wiki })
        let titles = try await forge.wikiTitles(Self.project, mount: "wiki")
        #expect(titles.count == 20)
        // Titles with spaces, `&`, `+`, `%`, `?` and non-ASCII characters survive the round trip.
        for title in titles {
            let page = try await forge.wikiPage(Self.project, mount: "wiki", title: title)
            #expect(page.title == title)
        }
        let user = try #require(project.developers.first).username
        let profile = try await forge.profile(username: user)
        #expect(profile.username == user)
    }

    @Test func sendsTheBearerTokenExactlyAndNothingWhenAnonymous() async throws {
        defer { server.stop() }
        _ = try await forge.project(Self.project)
        let sent = try #require(recorder.requests.first)
        #expect(sent.header("Authorization") == "Bearer \(DemoNames.demoToken)")
        #expect(sent.header("Accept") == "application/json")

        let anonymousRecorder = RecordingTransport(SocketTransport(timeout: 5))
        let anonymous = try AlluraForge(baseURL: server.baseURL, token: nil, transport: anonymousRecorder)
        _ = try await anonymous.project(Self.project)
        #expect(anonymousRecorder.requests.first?.header("Authorization") == nil)
    }

    @Test func pagesAreZeroBasedAndClampedToFiveHundred() async throws {
        defer { server.stop() }
        let first = try await forge.ticketList(Self.project, mount: DemoNames.mainTracker, page: 0, limit: 10)
        let second = try await forge.ticketList(Self.project, mount: DemoNames.mainTracker, page: 1, limit: 10)
        #expect(first.page == 0)
        #expect(second.page == 1)
        let firstNumbers = first.tickets.map(\.ticketNum)
        let secondNumbers = second.tickets.map(\.ticketNum)
        #expect(firstNumbers.first == DemoNames.mainTicketCount)
        #expect(Set(firstNumbers).isDisjoint(with: secondNumbers))
        #expect((firstNumbers.min() ?? 0) > (secondNumbers.max() ?? 0), "newest first, page after page")
        let big = try await forge.ticketList(Self.project, mount: DemoNames.mainTracker, page: 0, limit: 5000)
        #expect(big.limit == 500)
        let query = try #require(recorder.requests.last?.url.query)
        #expect(query.contains("limit=500"), "the client clamps before sending: \(query)")
    }

    @Test func failuresAreClassifiedIntoOneLineMessages() async throws {
        defer { server.stop() }
        await #expect(throws: ForgeError.self) { try await forge.project(ProjectPath(neighborhood: "p", name: "nope")) }
        do {
            _ = try await forge.project(ProjectPath(neighborhood: "p", name: "nope"))
        } catch let error as ForgeError {
            guard case .notFound = error else { Issue.record("expected 404, got \(error)"); return }
            #expect(!error.message.contains("<"))
        }
        demo.addFault(DemoForge.FaultRule(pathContains: "/wiki/", status: 500, times: 1))
        do {
            _ = try await forge.wikiTitles(Self.project, mount: "wiki")
            Issue.record("expected a 500")
        } catch let error as ForgeError {
            #expect(error == .server(status: 500, detail: error.serverDetail))
            #expect(!error.message.contains("\n"))
        }
        let wrongToken = try AlluraForge(
            baseURL: server.baseURL, token: "not-the-token", transport: SocketTransport(timeout: 5))
        do {
            _ = try await wrongToken.project(Self.project)
            Issue.record("a wrong token must not fall back to anonymous")
        } catch let error as ForgeError {
            guard case .unauthorized = error else { Issue.record("expected 401, got \(error)"); return }
            #expect(!error.message.contains("not-the-token"))
        }
    }

    @Test func refusesTokensOverPlainHTTPExceptToLoopback() throws {
        defer { server.stop() }
        #expect(throws: ForgeError.insecureToken(host: "forge.example.org")) {
            try AlluraForge(
                baseURL: URL(string: "http://forge.example.org")!, token: "t", transport: SocketTransport())
        }
        #expect(server.baseURL.scheme == "http")
        #expect(throws: Never.self) {
            try AlluraForge(baseURL: server.baseURL, token: "t", transport: SocketTransport())
        }
    }

    @Test func commentsFollowTheRedirectToTheNewPost() async throws {
        defer { server.stop() }
        let page = try await forge.wikiPage(Self.project, mount: "wiki", title: DemoNames.homePage)
        let thread = try #require(page.thread)
        let outcome = try await forge.postComment(
            Self.project, mount: "wiki", thread: thread.id, text: "Posted over loopback ✓")
        guard case .posted(let post) = outcome else { Issue.record("not posted: \(outcome)"); return }
        #expect(post.text == "Posted over loopback ✓")
        #expect(post.depth == 0)
        let methods = recorder.requests.suffix(2).map(\.method)
        #expect(methods == ["POST", "GET"])
        #expect(recorder.requests.suffix(1).first?.header("Authorization") == "Bearer \(DemoNames.demoToken)")
    }
}

extension ForgeError {
    /// The detail of a `.server` error, for comparing the status alone.
    fileprivate var serverDetail: String? {
        if case .server(_, let detail) = self { return detail }
        return nil
    }
}
