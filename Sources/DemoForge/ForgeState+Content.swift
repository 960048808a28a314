import Foundation
import HTTP

/// Wiki, forums, blog, link and activity endpoints.
extension ForgeState {
    // MARK: Wiki

    mutating func wiki(key: String, path: [String], context: RequestContext) -> HTTPResponse {
        guard var wiki = data.wikis[key] else { return DemoResponses.errorPage(404) }
        if path.isEmpty {
            return context.method == "GET"
                ? DemoResponses.json(.object(["pages": .array(wiki.pages.map { .string($0.title) })]))
                : DemoResponses.errorPage(404)
        }
        guard path.count == 1 else { return DemoResponses.errorPage(404) }
        let title = path[0]
        let index = wiki.pages.firstIndex { $0.title == title }
        if context.method == "GET" {
            guard let index, let thread = data.threads[wiki.pages[index].threadID] else {
                return DemoResponses.errorPage(404)
            }
            let page = wiki.pages[index]
            return DemoResponses.json(
                .object([
                    "_id": .string(page.id), "title": .string(page.title), "text": .string(page.text),
                    "labels": .array(page.labels.map { .string($0) }),
                    "mod_date": .string(DemoTime.timestamp(page.modDate)),
                    "related_artifacts": .array(page.relatedArtifacts.map { .string($0) }),
                    "attachments": .array(page.attachments.map(attachmentJSON)),
                    "discussion_thread": threadJSON(thread, paging: nil),
                    "discussion_thread_url": .string(threadURL(thread)),
                ]))
        }
        guard context.method == "POST" else { return DemoResponses.errorPage(404) }
        guard !context.isAnonymous else { return context.unauthorized() }
        guard let text = context.form["text"] else { return DemoResponses.errorPage(500) }
        let labels = context.form["labels"].map(Self.splitLabels)
        let now = tick()
        if let index {
            wiki.pages[index].text = text
            if let labels { wiki.pages[index].labels = labels }
            wiki.pages[index].modDate = now
        } else {
            let threadID = rng.hex(10)
            data.threads[threadID] = DemoThread(
                id: threadID, discussionID: wiki.discussionID, toolKey: key,
                owner: .wikiPage(wiki: key, title: title), posts: [])
            wiki.pages.append(
                DemoWikiPage(
                    id: rng.hex(24), title: title, text: text, labels: labels ?? [], modDate: now,
                    relatedArtifacts: [], attachments: [], threadID: threadID))
        }
        data.wikis[key] = wiki
        return DemoResponses.json(.object([:]))
    }

    /// Comma-separated, not trimmed; an empty value means no labels.
    static func splitLabels(_ raw: String) -> [String] {
        raw.isEmpty ? [] : raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    // MARK: Forums

    func lastPost(of topic: DemoTopic) -> DemoJSON {
        if let pending = topic.pendingPost, let thread = data.threads[topic.threadID] {
            return singlePostJSON(pending, thread: thread, status: "pending")
        }
        guard let thread = data.threads[topic.threadID] else { return .null }
        let hidden = thread.hiddenPosts.max { $0.timestamp < $1.timestamp }
        if let hidden, hidden.timestamp > thread.posts.last?.timestamp ?? 0 {
            return singlePostJSON(hidden, thread: thread, status: "pending")
        }
        return thread.posts.last.map { singlePostJSON($0, thread: thread) } ?? .null
    }

    func lastTime(of topic: DemoTopic) -> Int64 {
        let thread = data.threads[topic.threadID]
        let visible = thread?.posts.last?.timestamp ?? 0
        let hidden = thread?.hiddenPosts.map(\.timestamp).max() ?? 0
        return max(visible, hidden, topic.pendingPost?.timestamp ?? 0)
    }

    func forums(key: String, path: [String], context: RequestContext) -> HTTPResponse {
        guard let tool = data.forumTools[key] else { return DemoResponses.errorPage(404) }
        if path.count == 4, path[1] == "thread", path[3] == "new" { return DemoResponses.errorPage(404) }
        guard context.method == "GET" else { return DemoResponses.errorPage(404) }
        guard let paging = Paging.parse(context.query, defaultLimit: 25, strictPage: true) else {
            return DemoResponses.errorPage(500)
        }
        if path.isEmpty {
            let page = paging.slice(tool.forums).filter { !$0.membersOnly || !context.isAnonymous }
            let forums: [DemoJSON] = page.map { forum in
                let latest = forum.topics.filter { !$0.hidden }.max { lastTime(of: $0) < lastTime(of: $1) }
                return .object([
                    "_id": .string(forum.id), "shortname": .string(forum.shortname), "name": .string(forum.name),
                    "description": .string(forum.description), "num_topics": .int(forum.topics.count),
                    "url": .string(rest("/" + key + "/" + DemoURL.encodeSegment(forum.shortname) + "/")),
                    "last_post": latest.map { lastPost(of: $0) } ?? .null,
                ])
            }
            return DemoResponses.json(
                .object([
                    "forums": .array(forums), "count": .int(tool.forums.count),
                    "limit": .int(paging.limit), "page": .int(paging.page),
                ]))
        }
        guard let forum = tool.forums.first(where: { $0.shortname == path[0] }) else {
            return DemoResponses.errorPage(404)
        }
        if forum.membersOnly, context.isAnonymous { return context.unauthorized() }
        if path.count == 1 {
            let times = Dictionary(forum.topics.map { ($0.threadID, lastTime(of: $0)) }, uniquingKeysWith: max)
            let ordered = forum.topics.sorted { a, b in
                a.sticky != b.sticky ? a.sticky : (times[a.threadID] ?? 0) > (times[b.threadID] ?? 0)
            }
            let topics: [DemoJSON] = paging.slice(ordered).filter { !$0.hidden }.map { topic in
                .object([
                    "_id": .string(topic.threadID), "subject": .string(topic.subject),
                    "num_replies": .int(data.threads[topic.threadID]?.posts.count ?? 0),
                    "num_views": .int(topic.numViews),
                    "url": .string(
                        rest(
                            "/" + key + "/" + DemoURL.encodeSegment(forum.shortname) + "/thread/" + topic.threadID + "/"
                        )),
                    "last_post": lastPost(of: topic),
                ])
            }
            return DemoResponses.json(
                .object([
                    "forum": .object([
                        "_id": .string(forum.id), "shortname": .string(forum.shortname), "name": .string(forum.name),
                        "description": .string(forum.description), "topics": .array(topics),
                    ]),
                    "count": .int(forum.topics.count), "page": .int(paging.page), "limit": .int(paging.limit),
                ]))
        }
        guard path.count == 3, path[1] == "thread",
            forum.topics.contains(where: { $0.threadID == path[2] && !$0.hidden }),
            let thread = data.threads[path[2]]
        else { return DemoResponses.errorPage(404) }
        return DemoResponses.json(
            .object([
                "topic": threadJSON(thread, paging: paging), "count": .int(thread.posts.count),
                "page": .int(paging.page), "limit": .int(paging.limit),
            ]))
    }

    // MARK: Blog

    func blogPostJSON(_ post: DemoBlogPost, key: String) -> DemoJSON {
        let thread = data.threads[post.threadID]
        return .object([
            "_id": .string(post.id), "title": .string(post.title),
            "url": .string(root + "/rest/" + key + "/" + post.slug + "/"),
            "author": .string(post.author), "text": .string(post.text), "state": .string(post.state),
            "labels": .array(post.labels.map { .string($0) }), "mod_date": .string(DemoTime.timestamp(post.modDate)),
            "related_artifacts": .array([]),
            "discussion_thread": thread.map { threadJSON($0, paging: nil) } ?? .null,
            "discussion_thread_url": thread.map { .string(threadURL($0)) } ?? .null,
        ])
    }

    mutating func blog(key: String, project: DemoProject, path: [String], context: RequestContext) -> HTTPResponse {
        guard var blog = data.blogs[key] else { return DemoResponses.errorPage(404) }
        if path.isEmpty {
            if context.method == "POST" {
                guard context.isAnonymous || mayWrite(context, in: project) else { return DemoResponses.errorPage(403) }
                return createBlogPost(key: key, context: context)
            }
            guard context.method == "GET" else { return DemoResponses.errorPage(404) }
            let writer = mayWrite(context, in: project)
            let visible = blog.posts.filter { $0.state == "published" || writer }
            var paging = Paging.parse(context.query, defaultLimit: 10) ?? Paging(page: 0, limit: 10)
            paging.page = min(paging.page, max(0, (visible.count - 1) / paging.limit))
            let entries: [DemoJSON] = paging.slice(visible).map { post in
                .object(["title": .string(post.title), "url": .string(root + "/rest/" + key + "/" + post.slug + "/")])
            }
            return DemoResponses.json(
                .object([
                    "posts": .array(entries), "count": .int(visible.count),
                    "limit": .int(paging.limit), "page": .int(paging.page),
                ]))
        }
        guard path.count == 3, let index = blog.posts.firstIndex(where: { $0.slug == path.joined(separator: "/") })
        else {
            return DemoResponses.errorPage(404)
        }
        if blog.posts[index].state == "draft", !mayWrite(context, in: project) {
            return context.isAnonymous ? context.unauthorized() : DemoResponses.errorPage(403)
        }
        if context.method == "GET" { return DemoResponses.json(blogPostJSON(blog.posts[index], key: key)) }
        guard context.method == "POST" else { return DemoResponses.errorPage(404) }
        guard !context.isAnonymous else { return context.unauthorized() }
        guard mayWrite(context, in: project) else { return DemoResponses.errorPage(403) }
        if context.form.has("delete") {
            blog.posts.remove(at: index)
            data.blogs[key] = blog
            return DemoResponses.json(.object([:]))
        }
        if let state = context.form["state"], !["draft", "published"].contains(state) {
            return DemoResponses.errorPage(500)
        }
        if let title = context.form["title"] { blog.posts[index].title = title }
        if let text = context.form["text"] { blog.posts[index].text = text }
        if let state = context.form["state"] { blog.posts[index].state = state }
        if let labels = context.form["labels"] {
            blog.posts[index].labels = labels.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        blog.posts[index].modDate = tick()
        data.blogs[key] = blog
        return DemoResponses.json(blogPostJSON(blog.posts[index], key: key))
    }

    private mutating func createBlogPost(key: String, context: RequestContext) -> HTTPResponse {
        guard var blog = data.blogs[key] else { return DemoResponses.errorPage(404) }
        guard let user = context.user else { return context.unauthorized() }
        let state = context.form["state"] ?? "draft"
        guard ["draft", "published"].contains(state) else { return DemoResponses.errorPage(500) }
        let title = context.form["title"] ?? ""
        let now = tick()
        var slug = DemoTime.yearMonth(now) + "/" + DemoGenerator.blogSlug(title)
        while blog.posts.contains(where: { $0.slug == slug }) { slug += "-" + String(rng.int(100...999)) }
        let threadID = rng.hex(10)
        data.threads[threadID] = DemoThread(
            id: threadID, discussionID: blog.discussionID, toolKey: key,
            owner: .blogPost(blog: key, title: title), posts: [])
        blog.posts.insert(
            DemoBlogPost(
                id: rng.hex(24), title: title, slug: slug, author: user, text: context.form["text"] ?? "",
                state: state,
                labels: (context.form["labels"] ?? "").split(separator: ",", omittingEmptySubsequences: false).map(
                    String.init),
                modDate: now, threadID: threadID), at: 0)
        data.blogs[key] = blog
        let location = root + "/rest/" + key + "/" + slug + "/"
        return HTTPResponse(
            status: 201, headers: ["Location": location, "Content-Type": "text/html; charset=UTF-8"],
            body: Data("<html><body><h1>201 Created</h1></body></html>".utf8))
    }

    // MARK: Link and activity

    /// Whether the caller may write to the project's blog (`write`: Developers and above).
    func mayWrite(_ context: RequestContext, in project: DemoProject) -> Bool {
        context.user.map { permissions(of: $0, in: project).contains("write") } ?? false
    }

    mutating func link(key: String, project: DemoProject, path: [String], context: RequestContext) -> HTTPResponse {
        guard path.isEmpty, let current = data.links[key] else { return DemoResponses.errorPage(404) }
        if context.method == "GET" { return DemoResponses.json(.object(["url": .optional(current)])) }
        guard context.method == "POST" else { return DemoResponses.errorPage(404) }
        guard let user = context.user else { return context.unauthorized() }
        // Setting the target needs `configure`: the project's admins.
        guard admins(of: project).contains(user) else { return DemoResponses.errorPage(403) }
        guard let raw = context.form["url"], !raw.isEmpty else {
            return DemoResponses.json(.object(["url": .optional(current)]))
        }
        let lowered = raw.lowercased()
        if lowered.hasPrefix("javascript:") || lowered.hasPrefix("data:") || raw.contains(" ") {
            return DemoResponses.generic(400, accept: context.accept)
        }
        let normalised = raw.contains("://") ? raw : "http://" + raw
        data.links[key] = normalised
        return DemoResponses.json(.object(["url": .string(normalised)]))
    }

    func activity(project: DemoProject, context: RequestContext) -> HTTPResponse {
        let paging = Paging.parse(context.query, defaultLimit: 100) ?? Paging(page: 0, limit: 100)
        let entries = paging.slice(data.activities[project.key] ?? []).map { entry -> DemoJSON in
            .object([
                "published": .int(Int(entry.published)),
                "actor": .object([
                    "activity_name": .string(entry.actor), "activity_url": .string("/u/\(entry.actor)/"),
                    "activity_extras": .object(["icon_url": authorIcon(entry.actor)]),
                ]),
                "verb": .string(entry.verb),
                "obj": .object([
                    "activity_name": .string(entry.objectName), "activity_url": .string(entry.objectPath),
                    "activity_extras": .object(entry.summary.map { ["summary": .string($0)] } ?? [:]),
                ]),
                "target": .object([
                    "activity_name": .string(entry.targetName), "activity_url": .string(entry.targetPath),
                    "activity_extras": .object([:]),
                ]),
                "tags": .array([]),
            ])
        }
        return DemoResponses.json(
            .object([
                "following": .bool(false),
                "followee": .object([
                    "activity_name": .string(project.name), "activity_url": .string(project.webPath),
                    "activity_extras": .object([:]),
                ]),
                "timeline": .array(entries),
            ]))
    }
}
