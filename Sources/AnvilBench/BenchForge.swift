import DemoForge
import ForgeModel
import Foundation
import Synchronization

/// A forge that serves one generated forum topic, counting the requests for it.
final class BenchForge: ProjectReading, DiscussionReading {
    static let project = ProjectPath(neighborhood: "p", name: "bench")
    let posts: [Post]
    private let requests = Atomic<Int>(0)

    init(posts: [Post]) {
        self.posts = posts
    }

    var threadRequests: Int { requests.load(ordering: .relaxed) }
    var displayName: String { "bench" }
    var maximumThreadDepth: Int? { nil }

    var baseURL: URL { URL(string: "https://bench.anvil.test") ?? URL(fileURLWithPath: "/") }
    var traits: ForgeTraits { ForgeTraits(maximumPageSize: 500) }

    func webURL(for route: Route) -> String { "https://bench.anvil.test/" }

    func route(for address: String) throws -> Route { .project(Self.project) }

    func project(_ path: ProjectPath) async throws -> Project {
        Project(
            path: path, shortname: "bench", name: "Bench",
            tools: [Tool(kind: .discussion, mountPoint: "discussion", label: "Discussion")])
    }

    func forums(_ project: ProjectPath, mount: String, page: Int, limit: Int) async throws -> Page<Forum> {
        Page(items: [], page: page, limit: limit, total: .exact(0))
    }

    func topics(
        _ project: ProjectPath, mount: String, forum: String, page: Int, limit: Int
    ) async throws -> (
        forum: Forum, topics: Page<Topic>
    ) {
        (Forum(shortname: forum, name: forum), Page(items: [], page: page, limit: limit, total: .exact(0)))
    }

    func topicPosts(
        _ project: ProjectPath, mount: String, forum: String, thread: String, page: Int, limit: Int
    )
        async throws -> ThreadPage
    {
        requests.add(1, ordering: .relaxed)
        let start = min(posts.count, page * limit)
        let slice = Array(posts[start..<min(posts.count, start + limit)])
        return ThreadPage(
            threadID: thread, subject: "Generated thread", posts: slice, page: page, limit: limit,
            total: .exact(posts.count))
    }

    func toolThread(
        _ project: ProjectPath, mount: String, thread: String, page: Int, limit: Int
    ) async throws
        -> ThreadPage
    {
        try await topicPosts(project, mount: mount, forum: "", thread: thread, page: page, limit: limit)
    }
}

/// A reproducible thread: posts in timestamp order, replies to earlier posts anywhere in the thread.
enum GeneratedThread {
    static func make(count: Int, maxDepth: Int, seed: UInt64) -> [Post] {
        var random = SplitMix64(seed: seed)
        var slugs: [String] = []
        var depths: [Int] = []
        var used = Set<String>()
        var posts: [Post] = []
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let words = ["thread", "reply", "terminal", "forge", "patch", "review", "idea", "ticket", "page", "render"]
        for i in 0..<count {
            var slug = ""
            var depth = 0
            if i > 0, random.next() % 5 != 0 {
                // Reply to a random earlier post (so replies land pages after their parents).
                let parent = Int(random.next() % UInt64(i))
                if depths[parent] < maxDepth {
                    slug = slugs[parent] + "/"
                    depth = depths[parent] + 1
                }
            }
            var part: String
            repeat {
                part = String(format: "%04x", Int(random.next() % 65536))
            } while used.contains(slug + part)
            slug += part
            used.insert(slug)
            slugs.append(slug)
            depths.append(depth)
            let length = 8 + Int(random.next() % 40)
            let text = (0..<length).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
            posts.append(
                Post(
                    slug: slug, text: "Post \(i): \(text).", subject: "Generated thread",
                    author: ["ingrid", "kenji", "amara", "zoe"][i % 4],
                    timestamp: start.addingTimeInterval(Double(i) * 60)))
        }
        return posts
    }
}
