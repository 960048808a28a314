import Testing

@testable import DemoForge

/// The demo's big thread is made when first read. What the generator makes after it must not
/// change: skipping the thread draws exactly what making it draws.
struct DeferredThreadTests {
    @Test func skippingTheBigThreadDrawsWhatMakingItDraws() {
        let authors = ["ingrid", "kenji", "amara", "zoe", "lena"]
        for seed in UInt64(0)..<24 {
            var made = DemoGenerator(seed: seed)
            var skipped = made
            let (posts, hidden) = made.makeBigThread(authors: authors)
            skipped.skipBigThread()
            #expect(posts.count == DemoNames.bigThreadPosts)
            #expect(hidden.count == 6)
            for _ in 0..<4 {
                #expect(made.rng.next() == skipped.rng.next(), "seed \(seed)")
            }
        }
    }

    @Test(arguments: [UInt64(1), 7])
    func theDemoIsTheDemoMadeAtOnce(seed: UInt64) throws {
        let deferred = DemoData(seed: seed, defersBigThread: true)
        let atOnce = DemoData(seed: seed, defersBigThread: false)
        #expect(deferred.threads.count == atOnce.threads.count)
        // Every thread made after the big one has posts drawn from the generator after it: had
        // skipping it drawn one number more or less, their slugs and hashes would all differ.
        for (id, thread) in atOnce.threads {
            let other = try #require(deferred.threads[id])
            #expect(other.posts == thread.posts, "thread \(id)")
            #expect(other.hiddenPosts == thread.hiddenPosts, "thread \(id)")
        }
        #expect(deferred.forumTools.mapValues(\.forums.count) == atOnce.forumTools.mapValues(\.forums.count))
        #expect(
            deferred.forumTools.values.flatMap { $0.forums.flatMap { $0.topics.map(\.numViews) } }.sorted()
                == atOnce.forumTools.values.flatMap { $0.forums.flatMap { $0.topics.map(\.numViews) } }.sorted())
        let big = try #require(deferred.threads[DemoNames.bigThreadID])
        #expect(big.posts.count == DemoNames.bigThreadPosts)
    }

    @Test func aDeferredThreadTakesRepliesLikeAnyOther() {
        let made = DemoPost(slug: "ab12", text: "first", author: "zoe", timestamp: 1, hash: "h")
        var thread = DemoThread(
            id: "t", discussionID: "d", toolKey: "p/x/discussion", owner: .topic(subject: "s"),
            deferred: DeferredPosts { DemoThreadPosts(posts: [made], hidden: []) })
        thread.posts.append(DemoPost(slug: "ab12/cd34", text: "reply", author: "kenji", timestamp: 2, hash: "i"))
        #expect(thread.posts.map(\.slug) == ["ab12", "ab12/cd34"])
        #expect(thread.hiddenPosts.isEmpty)
    }
}
