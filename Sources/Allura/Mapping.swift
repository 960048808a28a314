import ForgeModel
import Foundation

/// Conversions from Allura wire types to the forge-neutral model.
public enum AlluraMapping {
    /// The project path of a project or artifact URL (`https://host/p/nimbus/plugins/` →
    /// `p` / `nimbus/plugins`). The base URL's own path prefix and `/rest` are skipped. Nil when
    /// the URL has fewer than two segments.
    public static func projectPath(fromURL url: String, base: URL) -> ProjectPath? {
        let segments = URLParts(url).segments(below: base)
        guard segments.count >= 2 else { return nil }
        return ProjectPath(neighborhood: segments[0], name: segments[1...].joined(separator: "/"))
    }

    /// A project. Its path comes from the JSON `url` (never from `shortname`, §1.2); when the
    /// URL is missing or unusable, `requested` is used.
    public static func project(_ json: AlluraProjectJSON, base: URL, requested: ProjectPath) -> Project {
        let path = json.url.flatMap { projectPath(fromURL: $0, base: base) } ?? requested
        let categories = (json.categories ?? [:]).keys.sorted().compactMap { group -> ForgeModel.Category? in
            let names = (json.categories?[group] ?? []).compactMap { $0.fullname ?? $0.shortname }
            return names.isEmpty ? nil : ForgeModel.Category(group: group, names: names)
        }
        return Project(
            path: path,
            shortname: json.shortname,
            name: json.name ?? json.shortname,
            webURL: json.url ?? "",
            isPrivate: json.isPrivate ?? false,
            summary: json.summary ?? "",
            shortDescription: json.shortDescription ?? "",
            creationDate: json.creationDate ?? "",
            externalHomepage: json.externalHomepage ?? "",
            status: json.status ?? "active",
            movedToURL: json.movedToURL ?? "",
            labels: json.labels ?? [],
            categories: categories,
            developers: (json.developers ?? []).map {
                Developer(username: $0.username, name: $0.name ?? $0.username, webURL: $0.url ?? "")
            },
            tools: (json.tools ?? []).map(tool),
            socialNetworks: (json.socialNetworks ?? []).map(socialNetwork),
            iconURL: json.iconURL)
    }

    public static func tool(_ json: AlluraToolJSON) -> Tool {
        Tool(
            kind: ToolKind(name: json.name), mountPoint: json.mountPoint,
            label: json.mountLabel ?? json.mountPoint, webURL: json.url ?? "", apiURL: json.apiURL)
    }

    public static func socialNetwork(_ json: AlluraSocialNetworkJSON) -> SocialNetwork {
        SocialNetwork(network: json.socialNetwork ?? "", accountURL: json.accountURL ?? "")
    }

    public static func attachment(_ json: AlluraAttachmentJSON) -> Attachment {
        Attachment(url: json.url, bytes: json.bytes ?? 0)
    }

    /// Markdown with `\r\n` (and lone `\r`) normalised to `\n`.
    public static func normalisedText(_ text: String?) -> String {
        guard let text else { return "" }
        // The byte, not `contains("\r")`, which goes through NSString for every post.
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    public static func wikiPage(_ json: AlluraWikiPageJSON) -> WikiPage {
        WikiPage(
            title: json.title,
            text: normalisedText(json.text),
            labels: json.labels ?? [],
            modified: json.modDate?.date,
            attachments: (json.attachments ?? []).map(attachment),
            relatedArtifacts: json.relatedArtifacts ?? [],
            thread: json.discussionThread.map { embeddedThread($0) })
    }

    /// A thread embedded in an artifact: `page` is always nil there.
    public static func embeddedThread(_ json: AlluraThreadJSON) -> DiscussionThread {
        var thread = self.thread(json)
        thread.page = nil
        return thread
    }

    public static func thread(_ json: AlluraThreadJSON) -> DiscussionThread {
        let posts = (json.posts ?? []).map(post)
        return DiscussionThread(
            id: json.id, discussionID: json.discussionID ?? "", subject: json.subject ?? "",
            posts: posts, page: json.page.map { ServerNumbers.page(echoed: $0, requested: 0, limit: 1) },
            limit: ServerNumbers.count(json.limit) ?? posts.count)
    }

    public static func post(_ json: AlluraThreadPostJSON) -> Post {
        Post(
            slug: json.slug, text: normalisedText(json.text), subject: json.subject ?? "",
            author: json.author ?? "", timestamp: json.timestamp?.date, lastEdited: json.lastEdited?.date,
            attachments: (json.attachments ?? []).map(attachment), isMeta: json.isMeta ?? false)
    }

    /// A post from the single-post shape (no attachments, never a change log).
    public static func post(_ json: AlluraSinglePostJSON) -> Post {
        Post(
            slug: json.slug, text: normalisedText(json.text), subject: json.subject ?? "",
            author: json.author ?? "", timestamp: json.timestamp?.date, lastEdited: json.lastEdited?.date)
    }

    public static func userProfile(_ json: AlluraUserProfileJSON) -> UserProfile {
        UserProfile(
            username: json.username,
            name: json.name ?? json.username,
            joined: json.joined?.date,
            city: json.localization?.city,
            country: json.localization?.country,
            sex: json.sex,
            webpages: json.webpages ?? [],
            telephoneNumbers: json.telnumbers ?? [],
            skills: (json.skills ?? []).map {
                Skill(
                    name: $0.skill?.fullname ?? $0.skill?.shortname ?? "", level: $0.level ?? "",
                    comment: $0.comment ?? "")
            },
            socialNetworks: (json.socialNetworks ?? []).map(socialNetwork),
            projects: (json.projects ?? []).map {
                UserProject(
                    name: $0.name, webPath: $0.url ?? "", summary: $0.summary ?? "",
                    lastUpdated: $0.lastUpdated?.date)
            })
    }
}

extension AlluraMapping {
    /// A page of a blog's list. The server clamps a page past the end to the last one and says
    /// so in `page`; the total is `count`.
    public static func blogEntries(_ json: AlluraBlogListJSON, requestedPage: Int, limit: Int) -> Page<BlogEntry> {
        let entries = json.posts.map { BlogEntry(title: $0.title, path: blogPath(of: $0.url) ?? "") }
        let served = ServerNumbers.limit(echoed: json.limit, requested: limit)
        let page = ServerNumbers.page(echoed: json.page, requested: requestedPage, limit: served)
        return Page(
            items: entries, page: page, limit: served,
            total: json.count.map { .exact($0) } ?? .unknown)
    }

    /// `YYYY/MM/slug` of a post's REST or web URL (which may hold raw non-ASCII), decoded.
    public static func blogPath(of url: String?) -> String? {
        guard let url else { return nil }
        let segments = URLParts(url).segments
        guard segments.count >= 3 else { return nil }
        return segments.suffix(3).joined(separator: "/")
    }

    /// A post; `path` is used when the JSON has no URL to take it from.
    public static func blogPost(_ json: AlluraBlogPostJSON, path: String) -> BlogPost {
        BlogPost(
            title: json.title, path: blogPath(of: json.url) ?? path, author: json.author ?? "",
            text: normalisedText(json.text), state: json.state == "draft" ? .draft : .published,
            labels: json.nonEmptyLabels, modified: json.modDate?.date,
            thread: json.discussionThread.map { embeddedThread($0) })
    }
}
