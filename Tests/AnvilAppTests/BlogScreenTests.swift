import DemoForge
import ForgeModel
import Foundation
import Store
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// The addresses handed to the browser.
final class BrowserCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var opened: [String] = []
    var urls: [String] { lock.withLock { opened } }
    func open(_ url: String) -> String? {
        lock.withLock { opened.append(url) }
        return nil
    }
}

/// The blog: its list and posts on screen, and writing posts in the editor with drafts kept.
@Suite struct BlogScreenTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40)]
    static let blog = "p/\(DemoNames.mainProject)/blog/"

    static func harness(
        width: Int = 120, height: Int = 30, demo: DemoForge = DemoForge(), edit: ((String) -> String?)? = nil
    ) throws -> DemoHarness {
        var options = AppOptions()
        options.state = LocalState(store: try StateStore.inMemory())
        options.editText = edit
        return try DemoHarness(width: width, height: height, forge: demo, options: options)
    }

    @Test(arguments: sizes) func theListShowsTitleAuthorDateStateAndLabels(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try Self.harness(width: width, height: height)
            try h.open(Self.blog)
            let posts = h.forge.data.blogPosts()
            // Drawing the rows asks for their posts' details.
            #expect(h.screen.contains("…"))
            h.settle()
            #expect(h.title == "demo › Anvil Demo › Blog")
            let lines = h.lines
            #expect(lines.count == height && lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(lines[1].contains("Title") && lines[1].contains("Author") && lines[1].contains("Changed"))
            #expect(lines[1].contains("Labels") == (width >= 100))
            let first = try #require(lines.first { $0.contains(String(posts[0].title.prefix(18))) })
            #expect(first.contains(posts[0].author))
            let draft = try #require(posts.first { $0.state == "draft" })
            #expect(lines.contains { $0.contains("draft") && $0.contains(String(draft.title.prefix(18))) })
            if width >= 100, let labelled = posts.prefix(height - 3).first(where: { !$0.labels.joined().isEmpty }) {
                let row = try #require(lines.first { $0.contains(String(labelled.title.prefix(18))) })
                #expect(row.contains(labelled.labels[0]))
            }
            // 25 a page: the second page loads once the cursor nears it.
            #expect(h.allRows.count == posts.count + 1)
            #expect(h.app.top?.notLoadedSummary != nil)
            h.press(.char("G"))
            #expect(h.app.top?.notLoadedSummary == nil)
            #expect(h.screen.contains(String(posts.last!.title.prefix(18))))
        }
    }

    @Test(arguments: sizes) func aPostShowsItsTextAndCommentsAndOpensItsThread(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try Self.harness(width: width, height: height)
            try h.open(Self.blog)
            let posts = h.forge.data.blogPosts()
            let title = try #require(posts.first { $0.title.hasPrefix("Ça marche") }).title
            h.moveCursor(to: "Ça marche")
            h.press(.enter)
            let view = try #require(h.app.top as? BlogPostView)
            #expect(h.title == "demo › Anvil Demo › Blog › \(title)")
            let rows = h.allRows.joined(separator: "\n")
            #expect(rows.contains("Author") && rows.contains("State        published"))
            #expect(rows.contains("What changed"))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= width })
            let comments = try #require(view.post?.thread?.posts)
            #expect(!comments.isEmpty)
            #expect(rows.contains("Comments"))
            h.press(.char("G"))
            h.press(.tab)
            h.press(.enter)
            let thread = try #require(h.app.top as? ThreadView)
            #expect(
                thread.route == .discussionThread(DemoHarness.mainProject, mount: "blog", thread: view.post!.thread!.id)
            )
            #expect(h.screen.contains(Sanitizer.clean(comments[0].author)))
        }
    }

    @Test func aDraftSaysWhoSeesIt() async throws {
        try await onUIThread {
            let h = try Self.harness()
            let draft = try #require(h.forge.data.blogPosts().first { $0.state == "draft" })
            try h.open(Self.blog + draft.slug + "/")
            #expect(h.screen.contains("draft (only those who may write to the blog see it)"))
        }
    }

    @Test func createWritesThePostFromTheTemplateAndOpensIt() async throws {
        try await onUIThread {
            let seen = BrowserCalls()
            let h = try Self.harness { template in
                _ = seen.open(template)
                return template.replacingOccurrences(of: "Title: ", with: "Title: Ünïcode news & more")
                    .replacingOccurrences(of: "Labels: ", with: "Labels: news, big day")
                    .replacingOccurrences(of: "State: draft", with: "State: published") + "Hello *world*."
            }
            try h.open(Self.blog)
            h.press(.char("C"))
            #expect(seen.urls.first?.contains("Title: \nLabels: \nState: draft\n---") == true)
            #expect(h.status.contains("Created (published)"), "\(h.status)")
            let view = try #require(h.app.top as? BlogPostView)
            #expect(view.post?.title == "Ünïcode news & more")
            let stored = try #require(h.forge.data.blogPosts().first)
            #expect(stored.title == "Ünïcode news & more" && stored.state == "published")
            #expect(stored.labels == ["news", "big day"] && stored.text == "Hello *world*.\n")
            #expect(
                h.app.options.state?.draft(
                    DraftKey(forge: h.session.baseURL.absoluteString, kind: .blogNew, target: "p/anvil-demo/blog"))
                    == nil)
        }
    }

    @Test func aFailedCreateKeepsTheDraftAndOffersItAgain() async throws {
        try await onUIThread {
            let demo = DemoForge()
            demo.addFault(DemoForge.FaultRule(pathContains: "/blog", method: "POST", status: 403, times: 1))
            let offered = BrowserCalls()
            let h = try Self.harness(demo: demo) { text in
                _ = offered.open(text)
                return text.contains("Kept title")
                    ? text : text.replacingOccurrences(of: "Title: ", with: "Title: Kept title")
            }
            let count = demo.data.blogPosts().count
            try h.open(Self.blog)
            h.press(.char("C"))
            #expect(h.status.contains("draft kept"), "\(h.status)")
            #expect(demo.data.blogPosts().count == count)
            h.press(.char("C"))
            #expect(offered.urls.last?.contains("Title: Kept title") == true)
            #expect(h.status.contains("Created"), "\(h.status)")
            #expect(demo.data.blogPosts().count == count + 1)
        }
    }

    @Test func editAsksBeforeOverwritingAChangeMadeMeanwhile() async throws {
        try await onUIThread {
            let h = try Self.harness { text in text.replacingOccurrences(of: "State: published", with: "State: draft") }
            let stored = try #require(h.forge.data.blogPosts().first { $0.state == "published" })
            try h.open(Self.blog + stored.slug + "/")
            // Someone else renames the post after it was shown.
            let other = h.allura
            _ = try blocking {
                try await other.updateBlogPost(
                    DemoHarness.mainProject, mount: "blog", path: stored.slug,
                    draft: BlogPostDraft(title: "Renamed elsewhere", text: stored.text, labels: [], state: .published),
                    expectedModified: nil)
            }
            h.press(.char("e"))
            #expect(h.status.contains("The post changed on the forge since you opened it"), "\(h.status)")
            #expect(h.status.contains("title"))
            #expect(h.forge.data.blogPosts().first { $0.slug == stored.slug }?.state == "published")
            h.press(.char("y"))
            #expect(h.status.contains("Saved (draft)"), "\(h.status)")
            let after = try #require(h.forge.data.blogPosts().first { $0.slug == stored.slug })
            #expect(after.state == "draft" && after.title == stored.title)
        }
    }

    @Test func eInTheListEditsThePostUnderTheCursor() async throws {
        try await onUIThread {
            let h = try Self.harness { text in text.replacingOccurrences(of: "Labels: ", with: "Labels: edited, ") }
            try h.open(Self.blog)
            _ = h.screen
            h.settle()
            let first = try #require(h.forge.data.blogPosts().first)
            h.press(.char("e"))
            #expect(h.status.contains("Saved (\(first.state))"), "\(h.status)")
            #expect(h.forge.data.blogPosts().first?.labels.first == "edited")
            #expect(h.app.top is BlogView)
            #expect(h.lines.contains { $0.contains(String(first.title.prefix(18))) && $0.contains("edited") })
        }
    }

    @Test func cCommentsOnThePostInItsThread() async throws {
        try await onUIThread {
            let h = try Self.harness { _ in "A comment from the blog post view." }
            let stored = try #require(h.forge.data.blogPosts().first { $0.state == "published" })
            try h.open(Self.blog + stored.slug + "/")
            let before = try #require((h.app.top as? BlogPostView)?.post?.thread?.posts.count)
            h.press(.char("c"))
            #expect(h.app.top is ThreadView)
            let allura = h.allura
            let post = try blocking {
                try await allura.blogPost(DemoHarness.mainProject, mount: "blog", path: stored.slug)
            }
            #expect(post.thread?.posts.count == before + 1)
            #expect(post.thread?.posts.last?.text == "A comment from the blog post view.")
            #expect(h.screen.contains("A comment from the blog post view."))
        }
    }

    @Test func templateRoundTrip() throws {
        let post = BlogPost(
            title: "A: b", path: "2026/11/a-b", author: "lena", text: "Text\n\n---\nmore\n", state: .published,
            labels: ["x", "y z"])
        let draft = try BlogTemplate.parse(BlogTemplate.text(for: post, blogLabel: "Blog"))
        #expect(
            draft == BlogPostDraft(title: "A: b", text: "Text\n\n---\nmore\n", labels: ["x", "y z"], state: .published))
        #expect(throws: BlogTemplate.ParseError.missingTitle) {
            try BlogTemplate.parse(BlogTemplate.text(for: nil, blogLabel: "B"))
        }
        #expect(throws: BlogTemplate.ParseError.badState("live")) {
            try BlogTemplate.parse("Title: x\nState: live\n---\n")
        }
    }
}

/// The link tool: its target shown and opened, and changed with `e` where the forge allows it.
@Suite struct LinkToolTests {
    static let link = "p/\(DemoNames.mainProject)/link/"

    @Test(arguments: BlogScreenTests.sizes) func oOpensTheTargetAndEChangesIt(width: Int, height: Int) async throws {
        try await onUIThread {
            var options = AppOptions()
            let opened = BrowserCalls()
            options.openInBrowser = opened.open
            let h = try DemoHarness(width: width, height: height, options: options)
            try h.open(Self.link)
            let target = try #require(h.forge.data.linkTarget())
            #expect(h.screen.contains("Points to") && h.screen.contains(target))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= width })
            h.press(.char("o"))
            #expect(opened.urls == [target])
            h.press(.char("e"))
            #expect(h.app.prompt.map { String($0.text) } == target)
            for _ in target { h.app.handle(.key(.backspace)) }
            h.typeAndSubmit("docs.example.net/anvil")
            #expect(h.forge.data.linkTarget() == "http://docs.example.net/anvil")
            #expect(h.screen.contains("http://docs.example.net/anvil"))
            #expect(h.status.contains("points to http://docs.example.net/anvil"), "\(h.status)")
        }
    }

    @Test func aRefusalSaysWhoMayChangeItAndOffersTheAddressAgain() async throws {
        try await onUIThread {
            let demo = DemoForge()
            demo.addFault(DemoForge.FaultRule(pathContains: "/link", method: "POST", status: 403, times: 1))
            let h = try DemoHarness(width: 100, height: 30, forge: demo)
            try h.open(Self.link)
            let before = demo.data.linkTarget()
            h.press(.char("e"))
            for _ in before ?? "" { h.app.handle(.key(.backspace)) }
            h.typeAndSubmit("https://example.com/new")
            #expect(h.status.contains("only the project's admins may change it"), "\(h.status)")
            #expect(demo.data.linkTarget() == before)
            h.press(.char("e"))
            #expect(h.app.prompt.map { String($0.text) } == "https://example.com/new")
        }
    }
}

extension DemoHarness {
    /// Types `text` into the prompt that is open and submits it.
    func typeAndSubmit(_ text: String) {
        for c in text { app.handle(.key(.char(c))) }
        press(.enter)
    }
}

/// Web address → view → web address, for the views of this part.
@Suite struct ContentRoundTripTests {
    @Test(arguments: [
        "https://demo.anvil.test/p/anvil-demo/blog/",
        "https://demo.anvil.test/p/anvil-demo/blog/2026/10/%C3%A7a-marche-nouvelle-version-fran%C3%A7aise/",
        "https://demo.anvil.test/p/anvil-demo/chat/",
        "https://demo.anvil.test/p/anvil-demo/link/",
        "https://demo.anvil.test/p/anvil-demo/wiki/Notes%20%26%20Ideas%20%28draft%29%20%C3%9Cn%C3%AF/",
    ])
    func aViewGivesBackTheAddressItWasOpenedFrom(address: String) async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open(address)
            let view = try #require(h.app.top)
            #expect(!(view is ProjectView), "\(type(of: view))")
            if let route = view.route {
                #expect(h.session.forge.webURL(for: route) == address)
            } else {
                Issue.record("\(type(of: view)) has no route")
            }
            if !(view is LinkView) { #expect(view.webURL == address) }
        }
    }
}
