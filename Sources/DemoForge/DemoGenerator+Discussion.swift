extension DemoGenerator {
    // MARK: Forums

    mutating func makeForums(project: DemoProject, full: Bool, into data: inout DemoData) {
        let key = project.toolKey("discussion")
        let specs: [(String, String, String, Int, Bool)] =
            full
            ? [
                ("announce", "Announcements", "Release news. Only the team posts here.", 4, false),
                ("dev", "Développement ☕", "Design, code review and *architecture*.", 12, false),
                (
                    DemoNames.bigForum, "General Discussion",
                    "Anything about **Anvil**: questions, ideas, show and tell.", 130, false
                ),
                ("help", "Help & Support", "Ask about installing and using Anvil.", 20, false),
                ("team", "Core Team", "Members only.", 2, true),
            ]
            : [
                ("general", "General", "Talk about \(project.name).", 3, false),
                ("help", "Help", "Questions and answers.", 3, false),
            ]
        var forums: [DemoForum] = []
        for (shortname, name, description, topicCount, membersOnly) in specs {
            var forum = DemoForum(
                id: objectID(), shortname: shortname, name: name, description: description,
                membersOnly: membersOnly, topics: [])
            for index in 0..<topicCount {
                let isBig = full && shortname == DemoNames.bigForum && index == 0
                let id = isBig ? DemoNames.bigThreadID : threadID(avoiding: data)
                let subject = isBig ? "Roadmap to 2.0: the big thread 🧵" : topicSubject(index: index)
                let start = jitter(DemoTime.now - Int64(rng.int(2...360)) * DemoTime.day, minutes: 0...1400)
                var posts: [DemoPost] = []
                var hidden: [DemoPost] = []
                var deferred: DeferredPosts?
                if isBig, defersBigThread {
                    deferred = deferBigThread(authors: data.userOrder)
                } else if isBig {
                    (posts, hidden) = makeBigThread(authors: data.userOrder)
                } else {
                    posts = makePosts(
                        count: rng.int(1...6), start: start, stepMinutes: 10...2000, authors: data.userOrder,
                        maxDepth: 3, replyChance: 0.5
                    ) { rng, index, _ in
                        index == 0 ? rng.pick(DemoText.topicOpenings) : rng.pick(DemoText.comments)
                    }
                }
                var topic = DemoTopic(
                    threadID: id, subject: subject, numViews: rng.int(0...500),
                    sticky: shortname == "announce" && index == 0 || shortname == "help" && index == 0)
                if shortname == "help", index == 1, let last = posts.last {
                    topic.pendingPost = DemoPost(
                        slug: rng.hex(4), text: "Buy cheap watches at …", author: "*anonymous",
                        timestamp: last.timestamp + DemoTime.hour, hash: rng.hex(40))
                }
                if shortname == "help", index == 2 {
                    topic.hidden = true
                    hidden = posts
                    posts = []
                }
                forum.topics.append(topic)
                let owner = DemoThreadOwner.topic(subject: subject)
                addThread(
                    deferred.map {
                        DemoThread(id: id, discussionID: forum.id, toolKey: key, owner: owner, deferred: $0)
                    }
                        ?? DemoThread(
                            id: id, discussionID: forum.id, toolKey: key, owner: owner, posts: posts,
                            hiddenPosts: hidden),
                    into: &data)
            }
            forums.append(forum)
        }
        data.forumTools[key] = DemoForumTool(key: key, forums: forums.sorted { $0.shortname < $1.shortname })
    }

    private mutating func topicSubject(index: Int) -> String {
        let base = rng.pick(DemoText.topicSubjects)
        return index % 7 == 3 ? base + " (\(rng.pick(["again", "solved", "続き", "ещё раз"])))" : base
    }

    /// The big thread, made when first read: from here, the generator draws what making it would
    /// draw (`skipBigThread`) and goes on; the thread is made later from a copy of it as it is now.
    private mutating func deferBigThread(authors: [String]) -> DeferredPosts {
        let before = self
        skipBigThread()
        return DeferredPosts {
            var generator = before
            let (posts, hidden) = generator.makeBigThread(authors: authors)
            return DemoThreadPosts(posts: posts, hidden: hidden)
        }
    }

    private static let bigThreadRemoved = 6
    private static let bigThreadMaxDepth = 8
    private static let bigThreadChain = 40
    private static let bigThreadReplyChance = 0.8

    /// 2,000 visible posts up to 8 levels deep, plus six deleted posts whose replies remain.
    mutating func makeBigThread(authors: [String]) -> ([DemoPost], [DemoPost]) {
        let removed = Self.bigThreadRemoved
        var posts = makePosts(
            count: DemoNames.bigThreadPosts + removed, start: DemoTime.now - 150 * DemoTime.day, stepMinutes: 1...120,
            authors: authors, maxDepth: Self.bigThreadMaxDepth, replyChance: Self.bigThreadReplyChance,
            chain: Self.bigThreadChain
        ) { rng, index, depth in
            if index == 0 { return "Let's collect ideas for 2.0 here. Reply to a post to keep sub-threads together. 🧵" }
            let line = rng.pick(DemoText.threadLines)
            return "Post \(index) (depth \(depth)): \(line)"
                + (index % 5 == 0 ? "\n\n> quoting the parent\n\n* one\n* two" : "")
        }
        let parents = Set(posts.compactMap(\.parentSlug))
        let candidates = posts.indices.filter { $0 > 50 && parents.contains(posts[$0].slug) && posts[$0].depth <= 3 }
        let chosen = Set(rng.sample(candidates, count: removed))
        let hidden = chosen.sorted().map { posts[$0] }
        posts = posts.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
        return (posts, hidden)
    }

    /// Draws from the generator exactly what `makeBigThread` draws, in the same order, keeping only
    /// what decides the draws: each post's parent and depth, and which slugs are taken. A slug is
    /// its parent's slug and four hex digits, the top 16 bits of one draw, so two collide exactly
    /// when they share a parent and those bits. `DeferredThreadTests` holds the two to each other.
    mutating func skipBigThread() {
        let count = DemoNames.bigThreadPosts + Self.bigThreadRemoved
        let maxDepth = Self.bigThreadMaxDepth
        let chain = Self.bigThreadChain
        var depths: [Int] = []
        depths.reserveCapacity(count)
        var hasChild = [Bool](repeating: false, count: count)
        var used = Set<Int>()
        for index in 0..<count {
            for _ in 0..<3 { _ = rng.next() }  // the time's jitter
            var parent: Int?
            if index > chain, index < chain + maxDepth {
                parent = index - 1
            } else if index > 0, index != chain, rng.chance(Self.bigThreadReplyChance) {
                let recent = rng.chance(0.5)
                for _ in 0..<6 {
                    let low = recent ? max(0, index - 8) : 0
                    let candidate = rng.int(low...(index - 1))
                    if depths[candidate] < maxDepth { parent = candidate; break }
                }
            }
            // The slug: the parent's index (or -1) and the four digits, until the pair is new.
            while !used.insert(((parent ?? -1) + 1) << 16 | Int(rng.next() >> 48)).inserted {}
            depths.append((parent.map { depths[$0] } ?? 0) + 1)
            if let parent { hasChild[parent] = true }
            if rng.chance(0.05) { _ = rng.next() }  // edited, and when
            if index > 0 { _ = rng.next() }  // the text's line
            _ = rng.next()  // the author
            for _ in 0..<3 { _ = rng.next() }  // the hash's 40 digits
        }
        let candidates = (0..<count).filter { $0 > 50 && hasChild[$0] && depths[$0] <= 3 }
        _ = rng.sample(candidates, count: Self.bigThreadRemoved)
    }

    // MARK: Blog

    mutating func makeBlog(project: DemoProject, count: Int, into data: inout DemoData) {
        let key = project.toolKey("blog")
        var blog = DemoBlog(key: key, discussionID: objectID(), posts: [])
        var slugs = Set<String>()
        for index in 0..<count {
            let created = jitter(DemoTime.now - Int64(index * 11 + 1) * DemoTime.day, minutes: 0...1000)
            let title =
                index < DemoText.blogTitles.count ? DemoText.blogTitles[index] : "Weekly notes #\(count - index)"
            var slug = DemoTime.yearMonth(created) + "/" + Self.blogSlug(title)
            while !slugs.insert(slug).inserted { slug += "-" + String(rng.int(100...999)) }
            let post = DemoBlogPost(
                id: objectID(), title: title, slug: slug, author: rng.pick(project.developers),
                text:
                    "\(rng.pick(DemoText.blogBodies))\n\n## What changed\n\n* \(rng.pick(DemoText.summaryObjects))\n* \(rng.pick(DemoText.summaryObjects))\n",
                state: index == 1 ? "draft" : "published",
                labels: index % 4 == 3
                    ? [""] : rng.sample(["release", "news", "howto", "community"], count: rng.int(1...2)),
                modDate: created, threadID: threadID(avoiding: data))
            let posts = makeComments(count: rng.int(0...4), start: created + DemoTime.hour, authors: data.userOrder)
            addThread(
                DemoThread(
                    id: post.threadID, discussionID: blog.discussionID, toolKey: key,
                    owner: .blogPost(blog: key, title: title), posts: posts), into: &data)
            blog.posts.append(post)
        }
        data.blogs[key] = blog
    }

    /// The slug rule of Allura's blog: spaces to `-`, keep letters, digits and `-`, lower case.
    static func blogSlug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    // MARK: Activity

    mutating func makeActivity(project: DemoProject, into data: inout DemoData) {
        var entries: [DemoActivity] = []
        let tracker = data.trackers[project.toolKey(project.tools.first { $0.name == "tickets" }?.mountPoint ?? "")]
        let tickets = tracker.map { Array($0.tickets.values.filter { !$0.isPrivate }) } ?? []
        for ticket in tickets.sorted(by: { ($0.createdDate, $0.ticketNum) > ($1.createdDate, $1.ticketNum) }).prefix(40)
        {
            entries.append(
                DemoActivity(
                    published: ticket.createdDate, actor: ticket.reportedBy, verb: "created",
                    objectName: "Ticket #\(ticket.ticketNum): \(ticket.summary ?? "")",
                    objectPath: "\(project.webPath)\(tracker?.mountPoint ?? "")/\(ticket.ticketNum)/",
                    summary: ticket.summary, targetName: project.name, targetPath: project.webPath))
        }
        data.activities[project.key] = entries
    }
}
