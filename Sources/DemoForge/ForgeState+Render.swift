import HTTP

/// JSON shapes of projects, users, threads and posts.
extension ForgeState {
    func categoryJSON(_ category: DemoCategory) -> DemoJSON {
        .object([
            "id": .int(category.id), "shortname": .string(category.shortname),
            "fullname": .string(category.fullname), "fullpath": .string(category.fullpath),
        ])
    }

    func socialJSON(_ networks: [DemoSocialNetwork]) -> DemoJSON {
        .array(networks.map { .object(["socialnetwork": .string($0.network), "accounturl": .string($0.accountURL)]) })
    }

    func toolJSON(_ tool: DemoTool, project: DemoProject, withProjectName: Bool = false) -> DemoJSON {
        let path = project.webPath + tool.mountPoint + "/"
        var object: [String: DemoJSON] = [
            "name": .string(tool.name), "mount_point": .string(tool.mountPoint),
            "mount_label": .string(tool.mountLabel), "url": .string(web(path)),
        ]
        if tool.hasREST { object["api_url"] = .string(rest(path)) }
        if tool.isRepository {
            let bare = String(path.dropLast())
            object["clone_url_https_anon"] = .string(root + "/git" + bare + ".git")
            object["clone_url_ro"] = .string("git://git.\(host)" + bare)
        }
        if withProjectName { object["project_name"] = .string(project.name) }
        return .object(object)
    }

    func projectJSON(_ project: DemoProject) -> DemoJSON {
        let isMain = project.shortname == DemoNames.mainProject
        var object: [String: DemoJSON] = [
            "shortname": .string(project.isUserProject ? project.key : project.shortname),
            "name": .string(project.name),
            "_id": .string(project.id),
            "url": .string(web(project.webPath)),
            "private": .bool(false),
            "short_description": .string(project.shortDescription),
            "creation_date": .string(DemoTime.date(project.creationDate)),
            "summary": .string(project.summary),
            "external_homepage": .string(project.homepage),
            "video_url": .string(""),
            "socialnetworks": socialJSON(project.socialNetworks),
            "status": .string("active"),
            "moved_to_url": .string(""),
            "preferred_support_tool": .string(isMain ? "discussion" : ""),
            "preferred_support_url": .string(""),
            "developers": .array(
                project.developers.map { name in
                    .object([
                        "username": .string(name), "name": .string(data.users[name]?.name ?? name),
                        "url": .string(web("/u/\(name)/")),
                    ])
                }),
            "tools": .array(project.tools.map { toolJSON($0, project: project) }),
            "labels": .array(project.labels.map { .string($0) }),
            "categories": .object(project.categories.mapValues { .array($0.map(categoryJSON)) }),
            "icon_url": isMain ? .string(web(project.webPath + "icon")) : .null,
            "screenshots": .array(
                isMain
                    ? [
                        .object([
                            "url": .string(web(project.webPath + "screenshot/thread-view.png")),
                            "thumbnail_url": .string(web(project.webPath + "screenshot/thread-view.png/thumb")),
                            "caption": .string("The thread view, 2,000 posts deep"),
                        ])
                    ] : []),
        ]
        if project.isUserProject { object["profile_api_url"] = .string(rest(project.webPath + "profile/")) }
        return .object(object)
    }

    func profile(username: String) -> HTTPResponse {
        guard let user = data.users[username] else { return DemoResponses.errorPage(404) }
        let memberOf = DemoNames.projects.compactMap { data.projects["p/" + $0] }.filter {
            $0.developers.contains(username)
        }
        let json = DemoJSON.object([
            "username": .string(user.username),
            "name": .string(user.name),
            "joined": .string(DemoTime.timestamp(user.joined)),
            "localization": .object(["city": .optional(user.city), "country": .optional(user.country)]),
            "sex": .string(user.sex),
            "telnumbers": .array(user.telnumbers.map { .string($0) }),
            "webpages": .array(user.webpages.map { .string($0) }),
            "availability": .array(
                user.availability.map { slot in
                    .object([
                        "week_day": .string(slot.day),
                        "start_time": .object(["h": .int(slot.start.0), "m": .int(slot.start.1)]),
                        "end_time": .object(["h": .int(slot.end.0), "m": .int(slot.end.1)]),
                    ])
                }),
            "skills": .array(
                user.skills.map { entry in
                    .object([
                        "skill": categoryJSON(entry.skill), "level": .string(entry.level),
                        "comment": .string(entry.comment),
                    ])
                }),
            "socialnetworks": socialJSON(user.socialNetworks),
            "projects": .array(
                memberOf.map { project in
                    .object([
                        "name": .string(project.name), "url": .string(project.webPath),
                        "summary": .string(project.summary),
                        "last_updated": .string(DemoTime.timestamp(project.lastUpdated)),
                    ])
                }),
        ])
        return DemoResponses.json(json)
    }

    func authTools(type: String, context: RequestContext) -> HTTPResponse {
        guard context.method == "GET" else { return DemoResponses.errorPage(404) }
        guard let user = context.user else { return DemoResponses.json(.object(["tools": .array([])])) }
        var projects = DemoNames.projects.compactMap { data.projects["p/" + $0] }.filter {
            $0.developers.contains(user)
        }
        if let own = data.projects["u/" + user] { projects.append(own) }
        let tools = projects.flatMap { project in
            project.tools.filter { $0.name == type }.map { toolJSON($0, project: project, withProjectName: true) }
        }
        return DemoResponses.json(.object(["tools": .array(tools)]))
    }

    // MARK: Threads and posts

    /// The subject of the posts of a thread, and the thread's own subject.
    func subjects(_ thread: DemoThread) -> (post: String, thread: String) {
        switch thread.owner {
        case .ticket(let tracker, let number):
            let summary = data.trackers[tracker]?.tickets[number]?.summary ?? ""
            return ("#\(number) \(summary)", "")
        case .wikiPage(_, let title): return ("Discussion for \(title) page", "")
        case .blogPost(_, let title): return ("\(title) discussion", "\(title) discussion")
        case .topic(let subject): return (subject, subject)
        }
    }

    func authorIcon(_ username: String) -> DemoJSON {
        ["ingrid", "kenji", "zoe"].contains(username) ? .string(web("/u/\(username)/user_icon")) : .null
    }

    func postJSON(_ post: DemoPost, subject: String) -> DemoJSON {
        .object([
            "slug": .string(post.slug), "text": .string(post.text), "subject": .string(subject),
            "author": .string(post.author), "author_icon_url": authorIcon(post.author),
            "timestamp": .string(DemoTime.timestamp(post.timestamp)),
            "last_edited": post.lastEdited.map { .string(DemoTime.timestamp($0)) } ?? .null,
            "attachments": .array(post.attachments.map(attachmentJSON)),
            "is_meta": .bool(post.isMeta),
        ])
    }

    func attachmentJSON(_ attachment: DemoAttachment) -> DemoJSON {
        .object(["bytes": .int(attachment.bytes), "url": .string(web(attachment.path))])
    }

    /// The single-post shape (§7.2), also used for `last_post`.
    func singlePostJSON(_ post: DemoPost, thread: DemoThread, status: String = "ok") -> DemoJSON {
        let parts = thread.toolKey.split(separator: "/")
        let address = parts.count == 3 ? "\(parts[2])@\(parts[1]).\(parts[0]).\(host)" : host
        return .object([
            "_id": .string(post.hash + "." + address), "thread_id": .string(thread.id), "slug": .string(post.slug),
            "subject": .string(subjects(thread).post), "status": .string(status), "text": .string(post.text),
            "timestamp": .string(DemoTime.timestamp(post.timestamp)),
            "last_edited": post.lastEdited.map { .string(DemoTime.timestamp($0)) } ?? .null,
            "author_id": .string(data.users[post.author]?.id ?? "None"), "author": .string(post.author),
        ])
    }

    /// A thread object; `page == nil` means the embedded form (the first 10 posts).
    func threadJSON(_ thread: DemoThread, paging: Paging?) -> DemoJSON {
        let (postSubject, threadSubject) = subjects(thread)
        let posts = paging.map { Array($0.slice(thread.posts)) } ?? Array(thread.posts.prefix(10))
        return .object([
            "_id": .string(thread.id), "discussion_id": .string(thread.discussionID), "subject": .string(threadSubject),
            "limit": .int(paging?.limit ?? 10), "page": paging.map { .int($0.page) } ?? .null,
            "posts": .array(posts.map { postJSON($0, subject: postSubject) }),
        ])
    }

    /// `…/{mount}/_discuss/thread/{id}/` as an absolute REST URL.
    func threadURL(_ thread: DemoThread) -> String {
        root + "/rest/" + thread.toolKey + "/_discuss/thread/" + thread.id + "/"
    }
}
