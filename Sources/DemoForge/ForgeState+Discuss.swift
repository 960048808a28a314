import HTTP

/// `…/{mount}/_discuss/…`: comment threads of tickets, wiki pages and blog posts.
extension ForgeState {
    /// Whether the caller may read the thread's artifact (private tickets, draft blog posts).
    func mayRead(_ thread: DemoThread, context: RequestContext) -> Bool {
        guard context.isAnonymous else { return true }
        switch thread.owner {
        case .ticket(let tracker, let number): return !(data.trackers[tracker]?.tickets[number]?.isPrivate ?? false)
        case .blogPost(let blog, _):
            return data.blogs[blog]?.posts.first { $0.threadID == thread.id }?.state != "draft"
        default: return true
        }
    }

    mutating func discuss(toolKey: String, path: [String], context: RequestContext) -> HTTPResponse {
        guard path.count >= 2, path[0] == "thread" else { return DemoResponses.errorPage(404) }
        // An unknown thread id is a server error on the real forge, not a 404.
        guard var thread = data.threads[path[1]], thread.toolKey == toolKey else { return DemoResponses.errorPage(500) }
        guard mayRead(thread, context: context) else { return context.unauthorized() }
        let rest = Array(path.dropFirst(2))
        let action = rest.last.flatMap { ["new", "reply"].contains($0) ? $0 : nil }

        if let action, action == "new" ? rest.count == 1 : rest.count >= 2 {
            guard context.method == "POST" else { return context.notAllowed() }
            guard let user = context.user else { return context.unauthorized() }
            if case .ticket(let tracker, let number) = thread.owner,
                data.trackers[tracker]?.tickets[number]?.discussionDisabled == true,
                user != tokenUser
            {
                return DemoResponses.errorPage(403, detail: "Post access required")
            }
            guard let text = context.form["text"] else { return DemoResponses.errorPage(500) }
            if let subject = context.form["subject"], subject.isEmpty { return DemoResponses.errorPage(500) }
            let parentSlug = action == "reply" ? rest.dropLast().joined(separator: "/") : nil
            if let parentSlug, !thread.posts.contains(where: { $0.slug == parentSlug }) {
                return DemoResponses.errorPage(404)
            }
            var leaf = rng.hex(4)
            while thread.posts.contains(where: { $0.slug == (parentSlug.map { $0 + "/" } ?? "") + leaf }) {
                leaf = rng.hex(4)
            }
            let slug = (parentSlug.map { $0 + "/" } ?? "") + leaf
            thread.posts.append(DemoPost(slug: slug, text: text, author: user, timestamp: tick(), hash: rng.hex(40)))
            data.threads[thread.id] = thread
            touchOwner(of: thread)
            let relative = leaf + "/"
            // Resolved against the request path: correct without a trailing slash, wrong with one.
            let base = context.trailingSlash ? context.rawPath : context.redirectBaseForAction
            return DemoResponses.redirect(to: root + base + relative)
        }

        guard context.method == "GET" else { return DemoResponses.errorPage(404) }
        if rest.isEmpty {
            let paging = Paging.parse(context.query, defaultLimit: 25) ?? Paging(page: 0, limit: 25)
            return DemoResponses.json(.object(["thread": threadJSON(thread, paging: paging)]))
        }
        let slug = rest.joined(separator: "/")
        if let post = thread.posts.first(where: { $0.slug == slug }) {
            return DemoResponses.json(.object(["post": singlePostJSON(post, thread: thread)]))
        }
        if thread.hiddenPosts.contains(where: { $0.slug == slug }) { return DemoResponses.errorPage(404) }
        // An unknown slug redirects to the thread itself.
        return DemoResponses.redirect(to: threadURL(thread))
    }

    /// A new comment changes its artifact's `mod_date`, as on the real forge.
    private mutating func touchOwner(of thread: DemoThread) {
        guard case .ticket(let tracker, let number) = thread.owner else { return }
        data.trackers[tracker]?.tickets[number]?.modDate = clock
    }
}

extension RequestContext {
    /// For `…/new` and `…/{slug}/reply`: the path up to the action's parent directory, so the new
    /// post's slug is appended where the real server would put it.
    var redirectBaseForAction: String {
        var path = rawPath
        if let cut = path.lastIndex(of: "/") { path = String(path[..<cut]) }
        return path + "/"
    }
}
