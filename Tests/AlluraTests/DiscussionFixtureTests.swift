import Allura
import ForgeModel
import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

/// The discussion capability against recorded Allura answers served by a stub.
@Suite struct DiscussionFixtureTests {
    static let base = URL(string: "https://forge.example.org")!
    static let project = ProjectPath(neighborhood: "p", name: "test")
    static let rest = "https://forge.example.org/rest/p/test/"

    /// A forge over a stub answering `table` by URL, and the recorder of what it sent.
    static func forge(
        _ table: [String: HTTPResponse]
    ) throws -> (any DiscussionReading & CommentWriting, RecordingTransport) {
        let recorder = RecordingTransport(StubTransport(table))
        return (try AlluraForge(baseURL: base, token: "0123456789abcdef0123", transport: recorder), recorder)
    }

    static func fixture(_ name: String) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: try Fixtures.allura(name))
    }

    static func close(_ date: Date?, _ expected: Date) -> Bool {
        guard let date else { return false }
        return abs(date.timeIntervalSince(expected)) < 0.001
    }

    // MARK: Forums

    @Test func forumListMapsEveryForumAndCountsAtMost() async throws {
        let (forge, recorder) = try Self.forge([
            Self.rest + "discussion/?page=0&limit=25": try Self.fixture("forums.json")
        ])
        let page = try await forge.forums(Self.project, mount: "discussion", page: 0, limit: 25)
        #expect(recorder.requests.map(\.url.absoluteString) == [Self.rest + "discussion/?page=0&limit=25"])
        #expect(page.items.map(\.shortname) == ["announce", "devel", "general", "help"])
        #expect(page.items.map(\.topicCount) == [1, 1, 2, 2])
        #expect(page.total == .atMost(4))
        #expect(page.page == 0 && page.limit == 25)

        let general = try #require(page.items.first { $0.shortname == "general" })
        #expect(general.name == "General Discussion")
        #expect(general.description == "Forum about anything you want to talk about.")
        let last = try #require(general.lastPost)
        #expect(last.author == "test-admin")
        #expect(Self.close(last.timestamp, utc(2026, 9, 16, 14, 41)))
        #expect(last.threadID == "b81f5e2071")
        #expect(last.slug == "a662/59ce")
        #expect(last.subject == "Big thread: roadmap discussion (150+ posts)")

        let help = try #require(page.items.last)
        #expect(help.name == "Help & Support")
        #expect(help.description == "Ask questions about **installing** and using the project.")
        #expect(help.lastPost?.author == "test-user" && help.lastPost?.slug == "3c7f")
        #expect(
            !AlluraPaging.hasMore(after: page.page, limit: page.limit, returned: page.items.count, total: page.total))
    }

    @Test func topicListMapsRepliesViewsAndLastPosts() async throws {
        let (forge, _) = try Self.forge([
            Self.rest + "discussion/general/?page=0&limit=25": try Self.fixture("forum-topics.json")
        ])
        let (forum, topics) = try await forge.topics(
            Self.project, mount: "discussion", forum: "general", page: 0, limit: 25)
        #expect(forum.shortname == "general" && forum.name == "General Discussion")
        #expect(forum.description == "Forum about anything you want to talk about.")
        #expect(forum.topicCount == 2)
        #expect(forum.lastPost == nil)

        #expect(topics.total == .atMost(2))
        #expect(topics.page == 0 && topics.limit == 25)
        #expect(topics.items.map(\.id) == ["ae39ba4dde", "b81f5e2071"])
        // num_replies counts the first post.
        #expect(topics.items.map(\.replyCount) == [2, 160])
        #expect(topics.items.map(\.viewCount) == [0, 0])
        let welcome = try #require(topics.items.first)
        #expect(welcome.subject == "Welcome to the Test Project forums 👋")
        #expect(welcome.lastPost?.author == "dmitri")
        #expect(welcome.lastPost?.slug == "8227/4fb8")
        #expect(welcome.lastPost?.threadID == "ae39ba4dde")
        #expect(Self.close(welcome.lastPost?.timestamp, utc(2026, 9, 1, 14)))
        // The API says nothing about these markers.
        #expect(topics.items.allSatisfy { $0.isSticky == nil && $0.isAnnouncement == nil && $0.isClosed == nil })
    }

    @Test func replyCountIsNeverNegative() throws {
        let decoder = JSONDecoder()
        let zero = try decoder.decode(AlluraTopicJSON.self, from: Data(#"{"_id": "a", "num_replies": 0}"#.utf8))
        let missing = try decoder.decode(AlluraTopicJSON.self, from: Data(#"{"_id": "b", "num_views": 7}"#.utf8))
        #expect(AlluraMapping.topic(zero).replyCount == 0)
        #expect(AlluraMapping.topic(missing).replyCount == 0)
        #expect(AlluraMapping.topic(missing).viewCount == 7)
        #expect(AlluraMapping.topic(missing).subject == "")
    }

    // MARK: Topic posts

    @Test func aPagesPostsAreOfferedAsTheyAreReadUntilNoMoreAreWanted() async throws {
        let thread = Self.rest + "discussion/general/thread/b81f5e2071/"
        let (forge, _) = try Self.forge([thread + "?page=0&limit=25": try Self.fixture("thread-page0-limit25.json")])
        let offered = Mutex<[(slug: String, page: ThreadPage)]>([])
        let taker = EarlyPosts { post, page in
            offered.withLock { $0.append((post.slug, page)) }
            return offered.withLock { $0.count } < 4
        }
        let whole = try await EarlyPosts.$current.withValue(taker) {
            try await forge.topicPosts(
                Self.project, mount: "discussion", forum: "general", thread: "b81f5e2071", page: 0, limit: 25)
        }
        let early = offered.withLock { $0 }
        // The first four posts, as the whole page has them, then none: the page is still read whole.
        #expect(early.map(\.slug) == whole.posts.prefix(4).map(\.slug))
        #expect(whole.posts.count == 25)
        #expect(!taker.wantsMore)
        let page = try #require(early.last?.page)
        #expect(page.threadID == "b81f5e2071" && page.subject == whole.subject)
        #expect(page.page == 0 && page.limit == 25 && page.posts.isEmpty)
        // Without a taker, nothing is offered.
        let again = try await forge.topicPosts(
            Self.project, mount: "discussion", forum: "general", thread: "b81f5e2071", page: 0, limit: 25)
        #expect(again == whole)
        #expect(offered.withLock { $0.count } == 4)
    }

    @Test func topicPostsPagesCarryAnExactTotalAndNesting() async throws {
        let thread = Self.rest + "discussion/general/thread/b81f5e2071/"
        let (forge, recorder) = try Self.forge([
            thread + "?page=0&limit=25": try Self.fixture("thread-page0-limit25.json"),
            thread + "?page=1&limit=25": try Self.fixture("thread-page1-limit25.json"),
        ])
        let first = try await forge.topicPosts(
            Self.project, mount: "discussion", forum: "general", thread: "b81f5e2071", page: 0, limit: 25)
        #expect(first.threadID == "b81f5e2071")
        #expect(first.subject == "Big thread: roadmap discussion (150+ posts)")
        #expect(first.total == .exact(161))
        #expect(first.page == 0 && first.limit == 25)
        #expect(first.posts.count == 25)
        #expect(first.posts.first?.slug == "925a" && first.posts.first?.author == "test-admin")
        #expect(Self.close(first.posts.first?.timestamp, utc(2026, 9, 6, 9)))
        #expect(first.posts.map(\.depth).prefix(9) == [0, 0, 1, 0, 1, 1, 2, 2, 3])
        let deep = try #require(first.posts.first { $0.slug == "925a/62cb/336d/4109" })
        #expect(deep.depth == 3 && deep.parentSlug == "925a/62cb/336d" && deep.author == "bob-dev")
        let edited = try #require(first.posts.first { $0.slug == "0c52/dd5d/4b4c" })
        #expect(Self.close(edited.lastEdited, utc(2026, 9, 16, 15, 41)))
        #expect(
            AlluraPaging.hasMore(after: first.page, limit: first.limit, returned: first.posts.count, total: first.total)
        )

        let second = try await forge.topicPosts(
            Self.project, mount: "discussion", forum: "general", thread: "b81f5e2071", page: 1, limit: 25)
        #expect(second.page == 1 && second.total == .exact(161))
        #expect(second.posts.first?.slug == "925a/62cb/336d/4109/18f0" && second.posts.first?.depth == 4)
        // Pages are disjoint, and a reply's parent may be on an earlier page.
        #expect(Set(first.posts.map(\.slug)).isDisjoint(with: second.posts.map(\.slug)))
        #expect(first.posts.contains { $0.slug == second.posts.first?.parentSlug })
        #expect(recorder.requests.count == 2)
    }

    // MARK: Tool threads

    @Test func toolThreadHasNoTotalAndBorrowsThePostSubject() async throws {
        let url = Self.rest + "bugs/_discuss/thread/3dcadc3341/?page=0&limit=5"
        let (forge, recorder) = try Self.forge([url: try Self.fixture("tool-discussion-thread-limit5.json")])
        let page = try await forge.toolThread(Self.project, mount: "bugs", thread: "3dcadc3341", page: 0, limit: 5)
        #expect(recorder.requests.map(\.url.absoluteString) == [url])
        #expect(page.total == .unknown)
        #expect(page.threadID == "3dcadc3341")
        // Ticket threads have an empty subject; the posts carry "#31 …".
        #expect(page.subject == "#31 Ticket with many comments and nested replies")
        #expect(page.posts.map(\.slug) == ["e638", "740d", "e638/03c2", "e638/03c2/9f6d", "e638/03c2/9f6d/5453"])
        #expect(page.posts.map(\.depth) == [0, 0, 1, 2, 3])
        #expect(page.posts.map(\.author) == ["alice", "bob-dev", "bob-dev", "alice", "test-admin"])
        #expect(Self.close(page.posts.first?.timestamp, utc(2026, 11, 21, 20, 21, 38, ms: 640)))
        // A full page of a count-less thread: there may be more.
        #expect(
            AlluraPaging.hasMore(after: page.page, limit: page.limit, returned: page.posts.count, total: page.total))
    }

    @Test func pagingParametersAreClampedAndTheEchoIsTrusted() async throws {
        // The server echoes page 0 / limit 25 whatever was asked; the client believes it.
        let (forge, recorder) = try Self.forge([
            Self.rest + "discussion/?page=0&limit=500": try Self.fixture("forums.json"),
            Self.rest + "discussion/?page=0&limit=1": try Self.fixture("forums.json"),
        ])
        let big = try await forge.forums(Self.project, mount: "discussion", page: -4, limit: 10_000)
        let small = try await forge.forums(Self.project, mount: "discussion", page: 0, limit: 0)
        #expect(
            recorder.requests.map(\.url.absoluteString) == [
                Self.rest + "discussion/?page=0&limit=500", Self.rest + "discussion/?page=0&limit=1",
            ])
        #expect(big.limit == 25 && big.page == 0 && small.limit == 25)
    }

    @Test func missingEchoFallsBackToTheClampedRequest() throws {
        let json = try JSONDecoder().decode(AlluraForumListJSON.self, from: Data(#"{"forums": []}"#.utf8))
        let page = AlluraMapping.forumPage(json, requestedPage: 3, requestedLimit: 40)
        #expect(page.page == 3 && page.limit == 40 && page.total == .unknown)
    }

    // MARK: Posting

    @Test func replyIsPostedWithoutATrailingSlashAndReadBack() async throws {
        let action = Self.rest + "bugs/_discuss/thread/3dcadc3341/e638/03c2/reply"
        let created = Self.rest + "bugs/_discuss/thread/3dcadc3341/e638/03c2/77ab/"
        let post =
            ##"{"post": {"_id": "x", "thread_id": "3dcadc3341", "slug": "e638/03c2/77ab", "subject": "#31", "status": "ok", "text": "Agreed\r\nfully", "timestamp": "2026-11-22 08:00:00", "last_edited": null, "author_id": "1", "author": "alice"}}"##
        let (forge, recorder) = try Self.forge([
            "POST " + action: HTTPResponse(status: 302, headers: ["Location": created]),
            "GET " + created: .json(post),
        ])
        // Stray slashes around the parent slug do not leak into the URL.
        let outcome = try await forge.postComment(
            Self.project, mount: "bugs", thread: "3dcadc3341", replyTo: "/e638/03c2/", text: "Agreed\nfully")
        guard case .posted(let posted) = outcome else { Issue.record("not posted: \(outcome)"); return }
        #expect(posted.slug == "e638/03c2/77ab" && posted.depth == 2 && posted.parentSlug == "e638/03c2")
        #expect(posted.text == "Agreed\nfully" && posted.author == "alice")
        let requests = recorder.requests
        #expect(requests.map(\.method) == ["POST", "GET"])
        #expect(requests.first?.url.absoluteString == action)
        #expect(requests.first?.url.absoluteString.hasSuffix("/") == false)
        #expect(requests.first?.body == Data("text=Agreed%0Afully".utf8))
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer 0123456789abcdef0123" })
    }

    @Test func aRedirectToA404IsHeldForModeration() async throws {
        let action = Self.rest + "wiki/_discuss/thread/e98bcbd83f/new"
        let created = Self.rest + "wiki/_discuss/thread/e98bcbd83f/ab12/"
        let recorder = RecordingTransport(
            StubTransport { request in
                switch (request.method, request.url.absoluteString) {
                case ("POST", action): return HTTPResponse(status: 302, headers: ["Location": created])
                case ("GET", created):
                    return HTTPResponse(
                        status: 404, headers: ["Content-Type": "text/html"], body: Data("<h1>Error 404</h1>".utf8))
                default: return HTTPResponse(status: 500)
                }
            })
        let forge: any CommentWriting = try AlluraForge(
            baseURL: Self.base, token: "0123456789abcdef0123", transport: recorder)
        let outcome = try await forge.postComment(
            Self.project, mount: "wiki", thread: "e98bcbd83f", replyTo: nil, text: "buy now")
        #expect(outcome == .awaitingModeration)
        #expect(recorder.requests.map(\.method) == ["POST", "GET"])
        #expect(recorder.requests.map(\.url.absoluteString) == [action, created])
    }

    @Test func emptyTextAndEmptyParentsAreRefusedWithoutARequest() async throws {
        let (forge, recorder) = try Self.forge([:])
        for text in ["", "   ", "\n\t \n"] {
            do {
                _ = try await forge.postComment(Self.project, mount: "wiki", thread: "e98b", replyTo: nil, text: text)
                Issue.record("empty text was accepted")
            } catch let error as ForgeError {
                guard case .unsupported(let reason) = error else { Issue.record("\(error)"); continue }
                #expect(reason.contains("empty"))
            }
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.postComment(Self.project, mount: "wiki", thread: "e98b", replyTo: "/", text: "hi")
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.postComment(Self.project, mount: "wiki", thread: "", replyTo: nil, text: "hi")
        }
        await #expect(throws: ForgeError.self) {
            _ = try await forge.toolThread(Self.project, mount: "wiki", thread: "", page: 0, limit: 5)
        }
        #expect(recorder.requests.isEmpty)
    }

    @Test func threadDepthIsUnbounded() throws {
        let (forge, _) = try Self.forge([:])
        #expect(forge.maximumThreadDepth == nil)
    }
}

/// The loop-termination rule of §3.4, endpoint by endpoint.
@Suite struct AlluraPagingTests {
    @Test func forumsAndTopicsFollowTheCountNotShortPages() {
        // 4 forums counted, one members-only and hidden: a short page is not the end.
        #expect(AlluraPaging.hasMore(after: 0, limit: 2, returned: 1, total: .atMost(4)))
        #expect(!AlluraPaging.hasMore(after: 1, limit: 2, returned: 2, total: .atMost(4)))
        // A page made only of hidden forums comes back empty, yet more follow.
        #expect(AlluraPaging.hasMore(after: 0, limit: 2, returned: 0, total: .atMost(5)))
        #expect(!AlluraPaging.hasMore(after: 0, limit: 25, returned: 4, total: .atMost(4)))
        #expect(!AlluraPaging.hasMore(after: 0, limit: 25, returned: 0, total: .atMost(0)))
    }

    @Test func exactTotalsStopAtTheCountOrAnEmptyPage() {
        #expect(AlluraPaging.hasMore(after: 0, limit: 25, returned: 25, total: .exact(161)))
        #expect(AlluraPaging.hasMore(after: 5, limit: 25, returned: 25, total: .exact(161)))
        #expect(!AlluraPaging.hasMore(after: 6, limit: 25, returned: 11, total: .exact(161)))
        #expect(!AlluraPaging.hasMore(after: 19, limit: 100, returned: 100, total: .exact(2000)))
        #expect(!AlluraPaging.hasMore(after: 2, limit: 25, returned: 0, total: .exact(161)))
    }

    @Test func toolThreadsStopAtAShortPage() {
        #expect(AlluraPaging.hasMore(after: 0, limit: 5, returned: 5, total: .unknown))
        #expect(!AlluraPaging.hasMore(after: 0, limit: 5, returned: 4, total: .unknown))
        #expect(!AlluraPaging.hasMore(after: 3, limit: 5, returned: 0, total: .unknown))
    }

    @Test func nonsenseNeverLoops() {
        #expect(!AlluraPaging.hasMore(after: 0, limit: 0, returned: 0, total: .unknown))
        #expect(!AlluraPaging.hasMore(after: -1, limit: 5, returned: 5, total: .exact(100)))
        #expect(!AlluraPaging.hasMore(after: Int.max, limit: 500, returned: 500, total: .atMost(Int.max)))
        #expect(AlluraPaging.clamped(limit: 0) == 1 && AlluraPaging.clamped(limit: 501) == 500)
        #expect(AlluraPaging.clamped(page: -3) == 0 && AlluraPaging.clamped(page: 7) == 7)
    }
}
