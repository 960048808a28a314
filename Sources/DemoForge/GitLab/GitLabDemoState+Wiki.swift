import ForgeModel
import Foundation
import HTTP

/// Wiki pages of the GitLab demo (gitlab-rest.md §9): an unpaginated list, pages by slug (one
/// encoded segment that may hold `/`), create, edit (a new title moves the page) and delete.
extension GitLabDemoState {
    mutating func wikiRoute(_ request: GitLabDemoRequest, project index: Int, rest: [String]) -> HTTPResponse {
        let pages = data.projects[index].wiki
        guard let slug = rest.first else {
            switch request.method {
            case "GET":
                let content = request["with_content"]?.bool == true
                return Self.json(.array(pages.map { json.wikiPage($0, content: content) }))
            case "POST": return createWikiPage(request, project: index)
            default: return Self.noRoute()
            }
        }
        guard rest.count == 1, let pageIndex = pages.firstIndex(where: { $0.slug == slug }) else {
            return Self.message("404 Wiki Page Not Found", status: 404)
        }
        switch request.method {
        case "GET":
            return Self.json(json.wikiPage(pages[pageIndex], content: true))
        case "PUT":
            guard let caller = request.caller else { return Self.unauthorized() }
            guard (data.projects[index].members[caller] ?? 0) >= 30 else { return Self.forbidden() }
            guard request["title"] != nil || request["content"] != nil || request["format"] != nil else {
                return Self.error("content, title, format are missing, at least one parameter must be provided")
            }
            var page = pages[pageIndex]
            if let title = request.string("title"), !title.isEmpty {
                page.slug = Self.slug(for: title)
                page.title = String(title.split(separator: "/").last ?? Substring(title))
            }
            if let content = request.string("content") { page.content = content }
            if let format = request.string("format") {
                guard ["markdown", "rdoc", "asciidoc", "org"].contains(format) else {
                    return Self.error("format does not have a valid value")
                }
                page.format = format
            }
            data.projects[index].wiki[pageIndex] = page
            return Self.json(json.wikiPage(page, content: true))
        case "DELETE":
            guard let caller = request.caller else { return Self.unauthorized() }
            guard (data.projects[index].members[caller] ?? 0) >= 30 else { return Self.forbidden() }
            data.projects[index].wiki.remove(at: pageIndex)
            return HTTPResponse(status: 204)
        default:
            return Self.noRoute()
        }
    }

    mutating func createWikiPage(_ request: GitLabDemoRequest, project index: Int) -> HTTPResponse {
        guard let caller = request.caller else { return Self.unauthorized() }
        guard (data.projects[index].members[caller] ?? 0) >= 30 else { return Self.forbidden() }
        guard let title = request.string("title") else { return Self.error("title is missing") }
        guard let content = request.string("content") else { return Self.error("content is missing") }
        let format = request.string("format") ?? "markdown"
        guard ["markdown", "rdoc", "asciidoc", "org"].contains(format) else {
            return Self.error("format does not have a valid value")
        }
        let slug = Self.slug(for: title)
        guard !slug.isEmpty else { return Self.error("title is missing") }
        guard !data.projects[index].wiki.contains(where: { $0.slug.lowercased() == slug.lowercased() }) else {
            return Self.json(
                .object([
                    "message": .object([
                        "base": .array([.string("Duplicate page: A page with that title already exists")])
                    ])
                ]), status: 400)
        }
        let page = GitLabDemoData.WikiPage(
            slug: slug, title: String(title.split(separator: "/").last ?? Substring(title)), format: format,
            content: content)
        data.projects[index].wiki.append(page)
        return Self.json(json.wikiPage(page, content: true), status: 201)
    }

    /// The slug GitLab derives from a title: trimmed, `..` and leading `/` removed, spaces, `<`,
    /// `>` and `+` turned into `-`; case and Unicode kept.
    static func slug(for title: String) -> String {
        var text = title.trimmedOfSpaces.replacingOccurrences(of: "..", with: "")
        while text.hasPrefix("/") { text.removeFirst() }
        return String(text.map { " <>+".contains($0) ? "-" : $0 })
    }
}
