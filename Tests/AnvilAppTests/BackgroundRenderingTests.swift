import Allura
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing
import Text

@testable import AnvilApp

/// A long text renders off the UI thread: the screen says so and keys work meanwhile; `dump`
/// waits for it.
@Suite struct BackgroundRenderingTests {
    static let paragraph = "A paragraph with *emphasis*, `code` and [a link](https://example.org/).\n\n"
    static let copies = 3_000

    static func server() throws -> (FaultServer, ForgeSession) {
        var page = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.allura("wiki-page.json")) as? [String: Any])
        page["title"] = "Big"
        page["text"] = "# Big\n\n" + String(repeating: paragraph, count: copies) + "THE-END"
        let body = String(decoding: try JSONSerialization.data(withJSONObject: page), as: UTF8.self)
        return try fakeAlluraSession(["/rest/p/test/wiki/Big/": .json(body)])
    }

    static let route = Route.wikiPage(ProjectPath(neighborhood: "p", name: "test"), mount: "wiki", title: "Big")

    @Test func aLongPageRendersInTheBackground() async throws {
        try await onUIThread {
            let (server, session) = try Self.server()
            defer { server.stop() }
            let app = App(device: HeadlessTerminal(width: 100, height: 24), mailbox: Mailbox())
            app.open(Self.route, session: session)
            #expect(app.settle(seconds: 60))
            let first = app.render().text
            #expect(first.contains("Rendering 2"), "\(first)")
            #expect(app.loadsInFlight == 1, "the rendering runs as a background load")
            app.handle(.key(.char("?")))
            #expect(app.top is HelpView, "keys work while it renders")
            app.handle(.key(.char("q")))
            #expect(app.settle(seconds: 60))
            let screen = app.render().text
            #expect(!screen.contains("Rendering"), "\(screen)")
            #expect(screen.contains("A paragraph with emphasis"), "\(screen)")
        }
    }

    @Test func dumpWaitsForTheRendering() async throws {
        // Off the test runner's threads, like `anvil dump` on its main thread: it waits for
        // renderings that run on the shared pool.
        try await onUIThread {
            let (server, session) = try Self.server()
            defer { server.stop() }
            let text = try Dump.render(Self.route, session: session, width: 100)
            #expect(text.contains("THE-END") && !text.contains("Rendering"))
            #expect(text.components(separatedBy: "A paragraph with emphasis").count - 1 == Self.copies)
        }
    }

    @Test func aLongPostRendersInTheBackgroundAndIsKeptOnceItArrives() async throws {
        try await onUIThread {
            let long = String(repeating: Self.paragraph, count: 1_000) + "POST-END"
            let posts = [("p0", "short first post"), ("p1", long), ("p2", "short last post")].enumerated().map {
                index, post in
                [
                    "slug": post.0, "text": post.1, "subject": "Topic", "author": "alice",
                    "timestamp": "2026-09-06 09:00:0\(index)", "attachments": [Any](),
                ] as [String: Any]
            }
            let topic: [String: Any] = [
                "topic": ["_id": "t1", "discussion_id": "d1", "subject": "Topic", "posts": posts],
                "count": 3, "page": 0, "limit": 25,
            ]
            let body = String(decoding: try JSONSerialization.data(withJSONObject: topic), as: UTF8.self)
            let (server, session) = try fakeAlluraSession(["/rest/p/test/discussion/general/thread/t1/": .json(body)])
            defer { server.stop() }
            let app = App(device: HeadlessTerminal(width: 100, height: 40), mailbox: Mailbox())
            let project = ProjectPath(neighborhood: "p", name: "test")
            app.open(.topic(project, mount: "discussion", forum: "general", thread: "t1"), session: session)
            #expect(app.settle(seconds: 60))
            let first = app.render().text
            #expect(first.contains("short first post") && first.contains("Rendering"), "\(first)")
            #expect(app.settle(seconds: 60))
            let rows = try #require(app.top).rows(width: 100).map(\.line.text)
            #expect(!rows.contains { $0.contains("Rendering") })
            #expect(rows.contains { $0.contains("POST-END") } && rows.contains { $0.contains("short last post") })
            app.handle(.key(.char("j")))
            _ = app.render()
            #expect(try #require(app.top).rows(width: 100).contains { $0.line.text.contains("POST-END") })
        }
    }

    @Test func shortTextsRenderAtOnce() {
        let renderer = DocumentRenderer()
        let (document, isReady) = renderer.render("*short*", width: 40, dialect: .allura)
        #expect(isReady && document.text == "short" && !renderer.isWaiting)
        let long = String(repeating: Self.paragraph, count: 400)
        let (standIn, ready) = renderer.render(long, width: 40, dialect: .allura)
        #expect(!ready && standIn.text.hasPrefix("Rendering") && renderer.isWaiting)
        let key = DocumentRenderer.Key(text: long, width: 40, dialect: .allura)
        renderer.store(MarkdownRenderer.render(long, width: 40), for: key)
        #expect(renderer.render(long, width: 40, dialect: .allura).isReady)
    }

    /// Keys go by the text's bytes: the same text finds its document, any other text, width,
    /// dialect or first link number does not, and so does not a canonically equivalent spelling.
    @Test func documentKeysGoByTheTextsBytes() {
        let body = "Ceci dit, la version actuelle fonctionne très bien. Можно сделать это опциональным? 日本語"
        let key = DocumentRenderer.Key(text: body, width: 40, dialect: .allura)
        let copy = DocumentRenderer.Key(
            text: String(decoding: Array(body.utf8), as: UTF8.self), width: 40, dialect: .allura)
        #expect(key == copy && key.hashValue == copy.hashValue)
        var documents = [key: 1]
        documents[DocumentRenderer.Key(text: body + " ", width: 40, dialect: .allura)] = 2
        documents[DocumentRenderer.Key(text: body, width: 41, dialect: .allura)] = 3
        documents[DocumentRenderer.Key(text: body, width: 40, dialect: .commonMark)] = 4
        documents[DocumentRenderer.Key(text: body, width: 40, dialect: .allura, firstLinkNumber: 1)] = 5
        #expect(documents.count == 5 && documents[copy] == 1)
        let composed = DocumentRenderer.Key(text: "caf\u{E9}", width: 40, dialect: .allura)
        let decomposed = DocumentRenderer.Key(text: "cafe\u{301}", width: 40, dialect: .allura)
        #expect(composed.text == decomposed.text && composed != decomposed)
    }
}
