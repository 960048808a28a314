import ForgeModel
import Foundation
import HTTP

/// The blog (§10), wiki writing (§5.3) and the link tool's target (§11).
extension AlluraForge: BlogWriting, WikiLabelWriting, LinkWriting {
    // MARK: Blog

    public func blogEntries(
        _ project: ProjectPath, mount: String, page: Int, limit: Int
    ) async throws -> Page<BlogEntry> {
        let json = try await blogListJSON(project, mount: mount, page: page, limit: limit)
        return AlluraMapping.blogEntries(json, requestedPage: page, limit: limit)
    }

    public func blogPost(_ project: ProjectPath, mount: String, path: String) async throws -> BlogPost {
        AlluraMapping.blogPost(try await blogPostJSON(project, mount: mount, path: path), path: path)
    }

    /// `POST {blog}` (§10.3). The answer is a 201 whose `Location` may carry raw ISO-8859-1 or be
    /// missing altogether for slugs outside it, though the post exists: when following it fails,
    /// the newest posts are searched for the title before the error is passed on, so that a
    /// post that was created is never reported as lost (and never sent twice).
    public func createBlogPost(_ project: ProjectPath, mount: String, draft: BlogPostDraft) async throws -> BlogPost {
        let fields = Self.blogFields(draft)
        do {
            let response = try await postForm(project.segments + [mount], fields: fields)
            let json = try decode(AlluraBlogPostJSON.self, from: response.body)
            return AlluraMapping.blogPost(json, path: "")
        } catch let error as ForgeError {
            switch error {
            case .notFound, .server, .invalidResponse, .timeout, .offline:
                if let found = try? await newestPost(project, mount: mount, titled: draft.title) { return found }
            default: break
            }
            throw error
        }
    }

    /// The newest post titled `title` among the latest 25, if any.
    private func newestPost(_ project: ProjectPath, mount: String, titled title: String) async throws -> BlogPost? {
        let entries = try await blogEntries(project, mount: mount, page: 0, limit: 25)
        guard let entry = entries.items.first(where: { $0.title == title }) else { return nil }
        return try await blogPost(project, mount: mount, path: entry.path)
    }

    /// `POST {blog}/{YYYY}/{MM}/{slug}` (§10.4) with every field, answered with the post.
    public func updateBlogPost(
        _ project: ProjectPath, mount: String, path: String, draft: BlogPostDraft, expectedModified: Date?
    ) async throws -> BlogPost {
        if let expectedModified {
            let fresh = try await blogPost(project, mount: mount, path: path)
            if fresh.modified != expectedModified { throw EditConflict(current: fresh) }
        }
        let segments = path.split(separator: "/").map(String.init)
        let response = try await postForm(project.segments + [mount] + segments, fields: Self.blogFields(draft))
        return AlluraMapping.blogPost(try decode(AlluraBlogPostJSON.self, from: response.body), path: path)
    }

    /// The form of a blog write: labels joined by `,` alone, since the server does not trim them.
    static func blogFields(_ draft: BlogPostDraft) -> [(String, String)] {
        [
            ("title", draft.title), ("text", draft.text), ("state", draft.state.rawValue),
            ("labels", draft.labels.joined(separator: ",")),
        ]
    }

    // MARK: Wiki

    public func saveWikiPage(
        _ project: ProjectPath, mount: String, title: String, text: String, isNew: Bool
    ) async throws -> String {
        try await saveWikiPage(
            project, mount: mount, title: title, text: text, labels: nil, isNew: isNew, expectedModified: nil)
    }

    /// `POST {wiki}/{title}` (§5.3). The server has no conflict detection and creates a page by
    /// writing to a title that does not exist, so a new page is looked for first (one that exists
    /// is a conflict) and an edit compares `mod_date` when asked to.
    public func saveWikiPage(
        _ project: ProjectPath, mount: String, title: String, text: String, labels: [String]?, isNew: Bool,
        expectedModified: Date?
    ) async throws -> String {
        if let reason = Self.unwritableTitleReason(title) { throw ForgeError.unsupported(reason) }
        if isNew {
            do {
                throw EditConflict(current: try await wikiPage(project, mount: mount, title: title))
            } catch ForgeError.notFound {}
        } else if let expectedModified {
            let fresh = try await wikiPage(project, mount: mount, title: title)
            if fresh.modified != expectedModified { throw EditConflict(current: fresh) }
        }
        var fields = [("text", text)]
        if let labels { fields.append(("labels", labels.joined(separator: ","))) }
        _ = try await postForm(project.segments + [mount, title], fields: fields)
        return title
    }

    /// Why a page of this title cannot be written over REST, or nil.
    static func unwritableTitleReason(_ title: String) -> String? {
        if title.contains("/") { return "A wiki title cannot contain / on this forge" }
        if ["has_access", "_discuss"].contains(title) { return "\(title) is reserved by the forge" }
        return nil
    }

    // MARK: Link

    /// `POST {link}` with `url` (§11); the server adds a missing scheme and refuses other
    /// schemes with 400.
    public func setLinkTarget(_ project: ProjectPath, mount: String, url: String) async throws -> String? {
        let response = try await postForm(project.segments + [mount], fields: [("url", url)])
        return try decode(AlluraLinkJSON.self, from: response.body).url.flatMap { $0.isEmpty ? nil : $0 }
    }
}
