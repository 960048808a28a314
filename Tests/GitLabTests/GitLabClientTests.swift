import DemoForge
import ForgeModel
import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

@testable import GitLab

/// The client against the GitLab demo: headers, encoding, paging, errors and rate limits.
@Suite("GitLab client")
struct GitLabClientTests {
    let demo = GitLabDemoForge()
    let project = GitLabProjectRef.path(GitLabDemoNames.mainProject)

    func client(
        token: String? = GitLabDemoNames.demoToken, mode: GitLabAuth.Mode = .privateToken,
        recorder: RecordingTransport? = nil, slept: Log<Duration>? = nil, waited: Log<Int>? = nil
    ) throws -> GitLabClient {
        let base = GitLabDemoForge.defaultBaseURL
        let transport: Transport = recorder ?? RecordingTransport(DemoTransport(forge: demo))
        return GitLabClient(
            base: base, auth: try GitLabAuth(mode: mode, token: token, base: base), transport: transport,
            sleep: { duration in slept?.append(duration) },
            waitObserver: { seconds in waited?.append(seconds) })
    }

    @Test("the token travels in its header only, and the project path as one segment")
    func headersAndPaths() async throws {
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        let plain = try client(recorder: recorder)
        let issue = try await plain.get(IssueJSON.self, ["projects", project.apiSegment, "issues", "3"])
        #expect(issue.iid == 3)
        let request = try #require(recorder.requests.last)
        #expect(request.header("PRIVATE-TOKEN") == GitLabDemoNames.demoToken)
        #expect(request.header("Authorization") == nil)
        #expect(request.url.absoluteString.hasSuffix("/api/v4/projects/acme%2Ftools%2Fanvil-demo/issues/3"))
        #expect(!request.url.absoluteString.contains(GitLabDemoNames.demoToken))
        let oauth = RecordingTransport(DemoTransport(forge: demo))
        _ = try await client(mode: .oauth, recorder: oauth).get(UserJSON.self, ["user"])
        #expect(oauth.requests.last?.header("Authorization") == "Bearer " + GitLabDemoNames.demoToken)
        #expect(oauth.requests.last?.header("PRIVATE-TOKEN") == nil)
    }

    @Test("a page reports the clamped size and the next page; the last page has none")
    func paging() async throws {
        let gitlab = try client()
        let path = ["projects", project.apiSegment, "issues"]
        let first = try await gitlab.page(
            IssueJSON.self, path, query: [URLQueryItem(name: "state", value: "all")], page: 1, perPage: 500)
        #expect(first.items.count == 100 && first.paging.perPage == 100 && first.paging.nextPage == 2)
        let last = try await gitlab.page(
            IssueJSON.self, path, query: [URLQueryItem(name: "state", value: "all")], page: 3, perPage: 100)
        #expect(last.items.count == GitLabDemoNames.mainIssueCount - 200 && !last.paging.hasNext)
    }

    @Test("401, 403, 404 become the GitLab messages")
    func errors() async throws {
        do {
            _ = try await client(token: nil).get(
                [DiscussionJSON].self, ["projects", project.apiSegment, "issues", "1", "discussions"])
            Issue.record("anonymous discussions should fail")
        } catch let error as ForgeError {
            #expect(error.message.contains("needs a token"))
        }
        do {
            _ = try await client(token: "glpat-wrong").get(ProjectJSON.self, ["projects", project.apiSegment])
            Issue.record("a wrong token should fail")
        } catch let error as ForgeError {
            #expect(error.message.contains("PRIVATE-TOKEN") && !error.message.contains("glpat-wrong"))
        }
        do {
            _ = try await client().get(WikiPageJSON.self, ["projects", project.apiSegment, "wikis", "nope"])
            Issue.record("a missing page should fail")
        } catch let error as ForgeError {
            #expect(error == .notFound(what: "Wiki Page Not Found"))
        }
    }

    @Test("a 429 is waited out once for Retry-After, then retried")
    func rateLimited() async throws {
        demo.addFault(DemoForge.FaultRule(pathContains: "/labels", status: 429, times: 1))
        let slept = Log<Duration>()
        let waited = Log<Int>()
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        let labels = try await client(recorder: recorder, slept: slept, waited: waited)
            .get([LabelJSON].self, ["projects", project.apiSegment, "labels"])
        #expect(!labels.isEmpty)
        #expect(slept.all == [.seconds(1)] && waited.all == [1])
        #expect(recorder.requests.count == 2)
        demo.addFault(DemoForge.FaultRule(pathContains: "/labels", status: 429, times: 2))
        do {
            _ = try await client().get([LabelJSON].self, ["projects", project.apiSegment, "labels"])
            Issue.record("a second 429 should fail")
        } catch let error as ForgeError {
            #expect(error == .rateLimited(retryAfter: 1))
        }
    }

    @Test("a longer wait is counted down a second at a time")
    func countdown() async throws {
        let answered = Log<Int>()
        let transport = StubTransport { _ in
            answered.append(1)
            return answered.all.count == 1
                ? HTTPResponse(status: 429, headers: ["Retry-After": "3"], body: Data("Retry later\n".utf8))
                : HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data("[]".utf8))
        }
        let slept = Log<Duration>()
        let waited = Log<Int>()
        let base = GitLabDemoForge.defaultBaseURL
        let client = GitLabClient(
            base: base, auth: try GitLabAuth(mode: .privateToken, token: nil, base: base), transport: transport,
            sleep: { slept.append($0) }, waitObserver: { waited.append($0) })
        let labels = try await client.get([LabelJSON].self, ["projects", "1", "labels"])
        #expect(labels.isEmpty)
        #expect(waited.all == [3, 2, 1] && slept.all == [.seconds(1), .seconds(1), .seconds(1)])
        #expect(answered.all.count == 2)
    }

    @Test("a wait can be cancelled")
    func cancelledWait() async throws {
        demo.addFault(DemoForge.FaultRule(pathContains: "/milestones", status: 429, times: 1))
        let base = GitLabDemoForge.defaultBaseURL
        let anonymous = GitLabClient(
            base: base, auth: try GitLabAuth(mode: .privateToken, token: nil, base: base),
            transport: DemoTransport(forge: demo))
        let task = Task {
            try await anonymous.get([MilestoneJSON].self, ["projects", project.apiSegment, "milestones"])
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("a body that is not the expected JSON names where it went wrong")
    func badBody() throws {
        let gitlab = try client()
        #expect(throws: ForgeError.invalidResponse("missing [0].iid")) {
            try gitlab.decode([IssueJSON].self, from: Data(#"[{"id":1}]"#.utf8))
        }
        #expect(throws: ForgeError.invalidResponse("not JSON")) {
            try gitlab.decode([IssueJSON].self, from: Data("<html>".utf8))
        }
    }
}

/// A thread-safe list that closures can append to.
final class Log<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    func append(_ item: Item) { items.withLock { $0.append(item) } }
    var all: [Item] { items.withLock { $0 } }
}
