import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import Testing

/// The discussion capability against the demo forge, in process.
@Suite struct DiscussionDemoTests {
    static let project = ProjectPath(neighborhood: "p", name: DemoNames.mainProject)
    /// Shared by the tests that only read.
    static let sharedDemo = DemoForge()

    /// An Allura forge over `demo` (a fresh demo forge unless one is given), with its recorder.
    static func forge(
        _ demo: DemoForge = sharedDemo, token: String? = DemoNames.demoToken
    ) throws -> (AlluraForge, RecordingTransport) {
        let recorder = RecordingTransport(DemoTransport(forge: demo))
        return (try AlluraForge(baseURL: DemoForge.defaultBaseURL, token: token, transport: recorder), recorder)
    }

    @Test func forumCountsIncludeForumsTheCallerCannotSee() async throws {
        let (anonymous, _) = try Self.forge(token: nil)
        let reader: any DiscussionReading = anonymous
        let page = try await reader.forums(Self.project, mount: "discussion", page: 0, limit: 25)
        guard case .atMost(let count) = page.total else { Issue.record("\(page.total)"); return }
        #expect(page.items.count < count, "the members-only forum is counted but not listed")
        #expect(page.items.map(\.shortname) == page.items.map(\.shortname).sorted())
        let general = try #require(page.items.first { $0.shortname == DemoNames.bigForum })
        #expect(general.name == "General Discussion")
        #expect(general.topicCount == 130)
        #expect(general.lastPost?.author.isEmpty == false)
        #expect(general.lastPost?.timestamp != nil)

        let (member, _) = try Self.forge()
        let all: Page<Forum> = try await member.forums(Self.project, mount: "discussion", page: 0, limit: 25)
        #expect(all.total == page.total)
        #expect(all.items.count == count)
    }

    @Test func topicsArePagedByCountUntilAllAreSeen() async throws {
        let (forge, recorder) = try Self.forge()
        let reader: any DiscussionReading = forge
        var page = 0
        var ids: [String] = []
        var forum: Forum?
        while true {
            let (f, topics) = try await reader.topics(
                Self.project, mount: "discussion", forum: DemoNames.bigForum, page: page, limit: 50)
            forum = f
            ids += topics.items.map(\.id)
            #expect(topics.total == .atMost(130))
            #expect(topics.page == page && topics.limit == 50)
            guard
                AlluraPaging.hasMore(
                    after: topics.page, limit: topics.limit, returned: topics.items.count, total: topics.total)
            else { break }
            page += 1
        }
        #expect(recorder.requests.count == 3)
        #expect(ids.count == 130 && Set(ids).count == 130)
        #expect(forum?.shortname == DemoNames.bigForum && forum?.topicCount == 130)
        #expect(ids.contains(DemoNames.bigThreadID))
    }

    @Test func topicOfTheBigThreadCountsRepliesWithoutTheFirstPost() async throws {
        let (forge, _) = try Self.forge()
        let reader: any DiscussionReading = forge
        var found: Topic?
        for page in 0..<3 where found == nil {
            let (_, topics) = try await reader.topics(
                Self.project, mount: "discussion", forum: DemoNames.bigForum, page: page, limit: 50)
            found = topics.items.first { $0.id == DemoNames.bigThreadID }
        }
        let topic = try #require(found)
        #expect(topic.replyCount == DemoNames.bigThreadPosts - 1)
        #expect(topic.subject == "Roadmap to 2.0: the big thread 🧵")
        #expect(topic.lastPost?.threadID == DemoNames.bigThreadID)
        #expect(topic.isSticky == nil && topic.isAnnouncement == nil && topic.isClosed == nil)
    }

    @Test func bigThreadPagesInTwentyRequestsToTwoThousandPosts() async throws {
        let (forge, recorder) = try Self.forge()
        let reader: any DiscussionReading = forge
        var page = 0
        var slugs: [String] = []
        var seen = Set<String>()
        var maxDepth = 0
        var missingParents = Set<String>()
        while true {
            let chunk = try await reader.topicPosts(
                Self.project, mount: "discussion", forum: DemoNames.bigForum, thread: DemoNames.bigThreadID,
                page: page, limit: 100)
            #expect(chunk.total == .exact(DemoNames.bigThreadPosts))
            #expect(chunk.threadID == DemoNames.bigThreadID)
            #expect(chunk.page == page && chunk.limit == 100)
            for post in chunk.posts {
                slugs.append(post.slug)
                seen.insert(post.slug)
                maxDepth = max(maxDepth, post.depth)
                if let parent = post.parentSlug, !seen.contains(parent) { missingParents.insert(parent) }
            }
            guard
                AlluraPaging.hasMore(
                    after: chunk.page, limit: chunk.limit, returned: chunk.posts.count, total: chunk.total)
            else { break }
            page += 1
            if page > 40 { Issue.record("paging did not stop"); break }
        }
        #expect(recorder.requests.count == 20)
        #expect(slugs.count == DemoNames.bigThreadPosts)
        #expect(seen.count == DemoNames.bigThreadPosts)
        #expect(maxDepth == 7, "eight levels: depths 0…7")
        // A parent is older than its replies: it arrives first, or never (hidden by moderation).
        #expect(missingParents.isDisjoint(with: seen))
        #expect(recorder.requests.allSatisfy { $0.url.query?.hasSuffix("&limit=100") == true })
    }

    @Test func ticketThreadPagesUntilAShortPage() async throws {
        let (forge, recorder) = try Self.forge()
        let ticket = try await forge.ticket(Self.project, mount: DemoNames.mainTracker, number: DemoNames.busyTicket)
        let threadID = try #require(ticket.discussionThread?.id)
        let before = recorder.requests.count
        let reader: any DiscussionReading = forge
        var page = 0
        var posts: [Post] = []
        var sizes: [Int] = []
        while true {
            let chunk = try await reader.toolThread(
                Self.project, mount: DemoNames.mainTracker, thread: threadID, page: page, limit: 7)
            #expect(chunk.total == .unknown)
            #expect(chunk.threadID == threadID)
            posts += chunk.posts
            sizes.append(chunk.posts.count)
            guard
                AlluraPaging.hasMore(
                    after: chunk.page, limit: chunk.limit, returned: chunk.posts.count, total: chunk.total)
            else { break }
            page += 1
            if page > 40 { Issue.record("paging did not stop"); break }
        }
        #expect(posts.count >= 40)
        #expect(Set(posts.map(\.slug)).count == posts.count)
        #expect(sizes.dropLast().allSatisfy { $0 == 7 } && (sizes.last ?? 7) < 7)
        #expect(recorder.requests.count - before == sizes.count)
        #expect(posts.contains { $0.depth > 0 })
        #expect(posts.first?.subject.hasPrefix("#\(DemoNames.busyTicket)") == true)
    }

    @Test func commentAndReplyOnAWikiPageThread() async throws {
        let demo = DemoForge()
        let (forge, recorder) = try Self.forge(demo)
        let page = try await forge.wikiPage(Self.project, mount: "wiki", title: DemoNames.homePage)
        let threadID = try #require(page.thread?.id)
        let writer: any CommentWriting = forge

        let first = try await writer.postComment(
            Self.project, mount: "wiki", thread: threadID, replyTo: nil, text: "A comment from the tests ✓")
        guard case .posted(let comment) = first else { Issue.record("not posted: \(first)"); return }
        #expect(comment.depth == 0 && comment.parentSlug == nil)
        #expect(comment.text == "A comment from the tests ✓")
        #expect(comment.author == DemoNames.tokenUser)
        #expect(comment.slug.count == 4)

        let second = try await writer.postComment(
            Self.project, mount: "wiki", thread: threadID, replyTo: comment.slug, text: "And a reply")
        guard case .posted(let reply) = second else { Issue.record("not posted: \(second)"); return }
        #expect(reply.depth == 1 && reply.parentSlug == comment.slug)
        #expect(reply.text == "And a reply")

        let posts = recorder.requests.filter { $0.method == "POST" }
        #expect(posts.count == 2)
        #expect(posts.allSatisfy { !$0.url.absoluteString.hasSuffix("/") })
        #expect(posts.first?.url.path.hasSuffix("/_discuss/thread/\(threadID)/new") == true)
        #expect(posts.last?.url.path.hasSuffix("/_discuss/thread/\(threadID)/\(comment.slug)/reply") == true)

        // Both are in the thread now, in timestamp order, the reply last.
        let reader: any DiscussionReading = forge
        var all: [Post] = []
        var index = 0
        while true {
            let chunk = try await reader.toolThread(
                Self.project, mount: "wiki", thread: threadID, page: index, limit: 500)
            all += chunk.posts
            guard
                AlluraPaging.hasMore(
                    after: chunk.page, limit: chunk.limit, returned: chunk.posts.count, total: chunk.total)
            else { break }
            index += 1
        }
        #expect(all.suffix(2).map(\.slug) == [comment.slug, reply.slug])
    }

    @Test func anonymousCommentsAreRefused() async throws {
        let demo = DemoForge()
        let (member, _) = try Self.forge(demo)
        let threadID = try #require(
            try await member.wikiPage(Self.project, mount: "wiki", title: DemoNames.homePage).thread?.id)
        let (anonymous, _) = try Self.forge(demo, token: nil)
        let writer: any CommentWriting = anonymous
        await #expect(throws: ForgeError.self) {
            _ = try await writer.postComment(Self.project, mount: "wiki", thread: threadID, replyTo: nil, text: "hi")
        }
    }

    @Test func unknownToolThreadIsAServerError() async throws {
        let (forge, _) = try Self.forge()
        let reader: any DiscussionReading = forge
        do {
            _ = try await reader.toolThread(Self.project, mount: "wiki", thread: "ffffffffff", page: 0, limit: 25)
            Issue.record("an unknown thread was read")
        } catch let error as ForgeError {
            guard case .server(let status, _) = error else { Issue.record("\(error)"); return }
            #expect(status == 500)
        }
    }
}
