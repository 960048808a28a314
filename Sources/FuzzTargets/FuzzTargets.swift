import Allura
import ForgeModel
import Foundation
import HTTP
import Text
import Tuleap

/// Entry points for fuzzing: each takes arbitrary bytes, runs one part of Anvil that reads what
/// a server or a user sent, and checks what must hold for any input. A broken property is a
/// `FuzzFailure`; a crash is a crash. Used by the seeded property tests and by `make fuzz`.
public enum FuzzTargets {
    /// A property that did not hold, and for which input.
    public struct FuzzFailure: Error, CustomStringConvertible {
        public let target: String
        public let problem: String
        public var description: String { "\(target): \(problem)" }
    }

    /// Every target by name.
    public static let all: [(name: String, run: @Sendable (Data) throws -> Void)] = [
        ("sanitizer", sanitizer),
        ("markdown", markdown),
        ("allura-decoders", alluraDecoders),
        ("allura-quick-reader", alluraQuickReader),
        ("post-tree", postTree),
        ("router", router),
        ("tuleap-decoders", tuleapDecoders),
        ("tuleap-router", tuleapRouter),
    ]

    /// The target called `name`, if there is one.
    public static func target(named name: String) -> (@Sendable (Data) throws -> Void)? {
        all.first { $0.name == name }?.run
    }

    static func check(_ condition: Bool, _ target: String, _ problem: @autoclosure () -> String) throws {
        if !condition { throw FuzzFailure(target: target, problem: problem()) }
    }

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    // MARK: Targets

    /// The sanitiser's output never drives a terminal, and cleaning twice changes nothing.
    public static func sanitizer(_ data: Data) throws {
        let input = text(data)
        for keepNewlines in [false, true] {
            let once = Sanitizer.clean(input, keepNewlines: keepNewlines)
            try check(Sanitizer.isClean(once, keepNewlines: keepNewlines), "sanitizer", "output not clean")
            try check(Sanitizer.clean(once, keepNewlines: keepNewlines) == once, "sanitizer", "not idempotent")
            for scalar in once.unicodeScalars {
                let v = scalar.value
                let bad =
                    (v < 0x20 && !(keepNewlines && v == 0x0A)) || (0x7F...0x9F).contains(v)
                    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
                try check(!bad, "sanitizer", "U+\(String(v, radix: 16)) survived")
            }
        }
    }

    /// Rendered Markdown fits its width, carries no control characters, and its links and
    /// headings point inside the document.
    public static func markdown(_ data: Data) throws {
        let source = text(data)
        for width in [12, 80] {
            let document = MarkdownRenderer.render(source, width: width)
            for line in document.lines {
                try check(DisplayWidth.of(line.text) <= width, "markdown", "a line wider than \(width)")
                for span in line.spans {
                    try check(Sanitizer.isClean(span.text), "markdown", "a control character in a span")
                }
            }
            for link in document.links {
                try check(document.lines.indices.contains(link.line), "markdown", "a link outside the document")
                try check(Sanitizer.isClean(link.text), "markdown", "an unclean link text")
            }
            for heading in document.headings {
                try check(document.lines.indices.contains(heading.line), "markdown", "a heading outside the document")
            }
        }
    }

    /// What the quick reader of a thread's page takes, `JSONDecoder` takes too, as an equal value.
    public static func alluraQuickReader(_ data: Data) throws {
        let decoder = JSONDecoder()
        if let read = AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: data) {
            try check(
                read == (try? decoder.decode(AlluraTopicPostsJSON.self, from: data)), "allura-quick-reader",
                "a topic page read otherwise than JSONDecoder reads it")
        }
        if let read = AlluraForge.readQuickly(AlluraDiscussThreadJSON.self, from: data) {
            try check(
                read == (try? decoder.decode(AlluraDiscussThreadJSON.self, from: data)), "allura-quick-reader",
                "a thread read otherwise than JSONDecoder reads it")
        }
    }

    /// Any bytes decode to Allura's wire types or fail cleanly, and what decodes maps to a model
    /// whose numbers are in range.
    public static func alluraDecoders(_ data: Data) throws {
        let decoder = JSONDecoder()
        let base = URL(fileURLWithPath: "/")
        let limit = ServerNumbers.maximumCount
        if let json = try? decoder.decode(AlluraTicketSearchJSON.self, from: data) {
            let page = AlluraMapping.ticketSearchPage(json, requestedPage: 3, requestedLimit: 25)
            try check((1...500).contains(page.limit) && page.page >= 0, "allura-decoders", "ticket page numbers")
            if case .atMost(let n) = page.total { try check(n <= limit, "allura-decoders", "ticket total \(n)") }
        }
        if let json = try? decoder.decode(AlluraTicketListJSON.self, from: data) {
            let page = AlluraMapping.ticketListPage(json, requestedPage: 0, requestedLimit: 10)
            try check((1...500).contains(page.limit) && page.page >= 0, "allura-decoders", "ticket list numbers")
        }
        if let json = try? decoder.decode(AlluraTicketResponseJSON.self, from: data) {
            _ = AlluraMapping.ticket(json.ticket)
        }
        if let json = try? decoder.decode(AlluraTopicPostsJSON.self, from: data) {
            let page = AlluraMapping.topicPostsPage(json, requestedPage: 0, requestedLimit: 25)
            try check(page.page * page.limit <= limit * 500, "allura-decoders", "topic page \(page.page)")
            if case .exact(let n) = page.total { try check(n <= limit, "allura-decoders", "topic total \(n)") }
        }
        if let json = try? decoder.decode(AlluraForumListJSON.self, from: data) {
            _ = AlluraMapping.forumPage(json, requestedPage: 0, requestedLimit: 25)
        }
        if let json = try? decoder.decode(AlluraTopicListJSON.self, from: data) {
            _ = AlluraMapping.topicPage(json, requestedForum: "general", requestedPage: 0, requestedLimit: 25)
        }
        if let json = try? decoder.decode(AlluraDiscussThreadJSON.self, from: data) {
            _ = AlluraMapping.toolThreadPage(json.thread, requestedPage: 0, requestedLimit: 25)
        }
        if let json = try? decoder.decode(AlluraProjectJSON.self, from: data) {
            _ = AlluraMapping.project(json, base: base, requested: ProjectPath(neighborhood: "p", name: "x"))
        }
        if let json = try? decoder.decode(AlluraWikiPageJSON.self, from: data) { _ = AlluraMapping.wikiPage(json) }
        if let json = try? decoder.decode(AlluraUserProfileJSON.self, from: data) {
            _ = AlluraMapping.userProfile(json)
        }
        if let json = try? decoder.decode(AlluraBlogListJSON.self, from: data) {
            let page = AlluraMapping.blogEntries(json, requestedPage: 2, limit: 25)
            try check((1...500).contains(page.limit) && page.page >= 0, "allura-decoders", "blog page numbers")
            for entry in page.items {
                try check(
                    entry.path.split(separator: "/").count <= 3, "allura-decoders", "a blog path of more than 3 parts")
            }
        }
        if let json = try? decoder.decode(AlluraBlogPostJSON.self, from: data) {
            let post = AlluraMapping.blogPost(json, path: "2025/01/x")
            try check(
                !post.labels.contains { $0.trimmedOfWhitespace.isEmpty }, "allura-decoders",
                "an empty blog label")
        }
    }

    /// Posts with any slugs, inserted a page at a time, come out once each in the threaded and
    /// the server order, no deeper than the tree shows; rows kept up to date page by page are the
    /// rows built at the end.
    public static func postTree(_ data: Data) throws {
        let lines = text(data).split(separator: "\n", omittingEmptySubsequences: false).prefix(400)
        let posts = lines.enumerated().map { index, line in
            Post(
                slug: String(line.prefix(2_000)), text: "post \(index)", author: "a\(index % 7)",
                timestamp: Date(timeIntervalSince1970: Double((index * 7919) % 97)))
        }
        var tree = PostTree(maximumDepth: data.first.map { $0 % 3 == 0 ? Int($0 % 5) : nil } ?? nil)
        var offset = 0
        var kept = ThreadRowList()
        kept.rebuild(tree, collapsed: [])
        for page in stride(from: 0, to: posts.count, by: 7).reversed() {
            let slice = Array(posts[page..<min(page + 7, posts.count)])
            let change = tree.insert(slice, serverOffset: page)
            kept.update(tree, after: change)
            offset += slice.count
        }
        let rows = tree.rows()
        try check(kept.rows == rows, "post-tree", "rows kept page by page differ from rows built afresh")
        let shownPosts = rows.filter { $0.post != nil }.count
        try check(shownPosts == tree.postCount, "post-tree", "\(shownPosts) post rows for \(tree.postCount) posts")
        try check(rows.count == tree.postCount + tree.placeholderCount, "post-tree", "rows and nodes differ")
        try check(
            rows.allSatisfy { $0.depth <= PostTree.deepestNesting }, "post-tree", "a row deeper than the tree shows")
        try check(tree.chronologicalRows().count == tree.postCount, "post-tree", "server order lost a post")
        let collapsed = tree.rows(collapsed: tree.collapseAll())
        try check(collapsed.count <= rows.count, "post-tree", "collapsing added rows")
        _ = rows.map { $0.treePrefix(ascii: true) }
    }

    /// Any text parses to a route or fails cleanly; a route's web address parses again, back to
    /// the same route when its project name is plain.
    public static func router(_ data: Data) throws {
        let input = text(data)
        let base = URL(string: "https://forge.example.org") ?? URL(fileURLWithPath: "/")
        guard let (_, route) = try? AlluraRouter.parse(input, defaultBase: base) else { return }
        let path = AlluraRouter.webPath(for: route).map(PathSegment.encode).joined(separator: "/")
        var address = base.absoluteString + "/" + path + "/"
        if case .ticketSearch(_, _, let query) = route { address += "?q=" + PathSegment.encode(query) }
        guard let (_, again) = try? AlluraRouter.parse(address, defaultBase: base) else {
            throw FuzzFailure(target: "router", problem: "the web address of a route does not parse")
        }
        // Nested project names (`nimbus/plugins`) are told apart by the forge's answer, not by the
        // address alone: only a plain project name must come back the same.
        guard !(route.project?.name.contains("/") ?? false) else { return }
        // An address is read by its shape, and the project's tool list settles what the shape
        // leaves open (`refine`): a wiki page named "search" reads as a tracker's search until the
        // mount is known to be a wiki.
        let settled =
            route.mount.flatMap { mount in
                toolKind(of: route).map {
                    AlluraRouter.refine(again, tools: [Tool(kind: $0, mountPoint: mount, label: mount)])
                }
            } ?? again
        try check(settled == route, "router", "\(route) came back as \(again)")
    }

    /// The kind of tool a route's mount is, as far as the route tells.
    static func toolKind(of route: Route) -> ToolKind? {
        switch route {
        case .wikiPage: .wiki
        case .forum, .topic, .topicPost: .discussion
        case .ticket, .ticketComment, .ticketSearch: .tickets
        case .blogPost: .blog
        default: nil
        }
    }

    /// Any bytes decode to Tuleap's wire types or fail cleanly; what decodes maps to tickets,
    /// flat threads and one-line error messages.
    public static func tuleapDecoders(_ data: Data) throws {
        if let problem = TuleapFuzzing.decoders(data).first {
            throw FuzzFailure(target: "tuleap-decoders", problem: problem)
        }
    }

    /// Any text parses to a Tuleap location or fails cleanly, and a location's web address parses
    /// back to it.
    public static func tuleapRouter(_ data: Data) throws {
        if let problem = TuleapFuzzing.router(text(data)).first {
            throw FuzzFailure(target: "tuleap-router", problem: problem)
        }
    }
}
