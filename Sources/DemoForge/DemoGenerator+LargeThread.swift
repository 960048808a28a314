extension DemoGenerator {
    /// A topic of `count` posts up to 12 levels deep whose replies land many pages after their
    /// parents, added to the demo project's big forum under `id` (for benchmarks).
    mutating func addLargeTopic(id: String, count: Int, into data: inout DemoData) {
        let key = "p/" + DemoNames.mainProject + "/discussion"
        guard var tool = data.forumTools[key],
            let forumIndex = tool.forums.firstIndex(where: { $0.shortname == DemoNames.bigForum })
        else { return }
        let subject = "Benchmark thread: \(count) posts"
        let posts = makePosts(
            count: count, start: DemoTime.now - 400 * DemoTime.day, stepMinutes: 1...60,
            authors: data.userOrder, maxDepth: 12, replyChance: 0.8
        ) { rng, index, depth in
            "Post \(index) (depth \(depth)): \(rng.pick(DemoText.threadLines))"
        }
        tool.forums[forumIndex].topics.append(DemoTopic(threadID: id, subject: subject, numViews: 0, sticky: false))
        data.forumTools[key] = tool
        addThread(
            DemoThread(
                id: id, discussionID: tool.forums[forumIndex].id, toolKey: key, owner: .topic(subject: subject),
                posts: posts),
            into: &data)
    }
}
