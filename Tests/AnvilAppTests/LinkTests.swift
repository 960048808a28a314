import Allura
import DemoForge
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// Links in rendered pages: where each kind leads, and selecting and following them in a page.
@Suite struct LinkTests {
    static let project = ProjectPath(neighborhood: "p", name: "nimbus")
    static let wiki = Tool(kind: .wiki, mountPoint: "wiki", label: "Wiki")

    static func resolver(tool: Tool = wiki) throws -> LinkResolver {
        let base = try #require(URL(string: "https://forge.example.org"))
        let forge = try AlluraForge(baseURL: base, token: nil, transport: StubTransport([:]), displayName: "forge")
        let session = ForgeSession(forge: forge, baseURL: base)
        session.remember(
            Project(
                path: project, shortname: "nimbus", name: "Nimbus",
                tools: [
                    Tool(kind: .wiki, mountPoint: "wiki", label: "Wiki"),
                    Tool(kind: .tickets, mountPoint: "issues", label: "Issues"),
                    Tool(kind: .tickets, mountPoint: "features", label: "Features"),
                    Tool(kind: .blog, mountPoint: "news", label: "News"),
                ]))
        return LinkResolver(
            session: session, project: project, tool: tool, pageURL: "https://forge.example.org/p/nimbus/wiki/Home/")
    }

    static func reference(_ text: String) -> DocumentLink {
        DocumentLink(line: 0, text: "[\(text)]", target: text, kind: .reference)
    }

    static func url(_ target: String) -> DocumentLink { DocumentLink(line: 0, text: "x", target: target) }

    @Test func bracketedReferencesResolveAgainstTheProjectAsAlluraDoes() throws {
        let r = try Self.resolver()
        let p = Self.project
        #expect(r.resolve(Self.reference("#12"), headings: []) == .route(.ticket(p, mount: "issues", number: 12)))
        #expect(
            r.resolve(Self.reference("features:#2"), headings: []) == .route(.ticket(p, mount: "features", number: 2)))
        #expect(
            r.resolve(Self.reference("kaiju:bugs:#3"), headings: [])
                == .route(.ticket(ProjectPath(neighborhood: "p", name: "kaiju"), mount: "bugs", number: 3)))
        #expect(
            r.resolve(Self.reference("Sensor Wiring"), headings: [])
                == .route(.wikiPage(p, mount: "wiki", title: "Sensor Wiring")))
        #expect(
            r.resolve(Self.reference("wiki:Home"), headings: []) == .route(.wikiPage(p, mount: "wiki", title: "Home")))
        #expect(
            r.resolve(Self.reference("kaiju:wiki:Home"), headings: [])
                == .route(.wikiPage(ProjectPath(neighborhood: "p", name: "kaiju"), mount: "wiki", title: "Home")))
        #expect(
            r.resolve(Self.reference("2025/02/hello"), headings: [])
                == .route(.blogPost(p, mount: "news", path: "2025/02/hello")))
        if case .note = r.resolve(Self.reference("r1234"), headings: []) {
        } else {
            Issue.record("a revision is a note")
        }
        if case .note = r.resolve(Self.reference("3b9d48f"), headings: []) {
        } else {
            Issue.record("a commit is a note")
        }
    }

    @Test func inATrackerBareTicketNumbersMeanThatTracker() throws {
        let r = try Self.resolver(tool: Tool(kind: .tickets, mountPoint: "features", label: "Features"))
        #expect(
            r.resolve(Self.reference("#7"), headings: []) == .route(.ticket(Self.project, mount: "features", number: 7))
        )
        #expect(r.resolve(Self.url("#7"), headings: []) == .route(.ticket(Self.project, mount: "features", number: 7)))
    }

    @Test func addressesOnTheForgeOpenInAnvilOthersInTheBrowser() throws {
        let r = try Self.resolver()
        let p = Self.project
        #expect(r.resolve(Self.url("/p/nimbus/issues/"), headings: []) == .route(.tool(p, mount: "issues")))
        #expect(
            r.resolve(Self.url("https://forge.example.org/p/nimbus/issues/4/"), headings: [])
                == .route(.ticket(p, mount: "issues", number: 4)))
        #expect(
            r.resolve(Self.url("https://example.com/a?b=1"), headings: []) == .browser("https://example.com/a?b=1"))
        #expect(r.resolve(Self.url("mailto:a@example.org"), headings: []) == .browser("mailto:a@example.org"))
        #expect(
            r.resolve(Self.url("../Other%20Page/"), headings: [])
                == .route(.wikiPage(p, mount: "wiki", title: "Other Page")))
    }

    @Test func anchorsMentionsAndContentsStayInOrLeaveThePage() throws {
        let r = try Self.resolver()
        let headings = [DocumentHeading(level: 2, text: "Start here", line: 9)]
        #expect(r.resolve(Self.url("#start-here"), headings: headings) == .line(9))
        if case .note = r.resolve(Self.url("#nowhere"), headings: headings) {} else { Issue.record("unknown anchor") }
        #expect(
            r.resolve(
                DocumentLink(line: 0, text: "Start here", target: "#start-here", kind: .heading, targetLine: 9),
                headings: [])
                == .line(9))
        #expect(
            r.resolve(DocumentLink(line: 0, text: "@kenji", target: "@kenji", kind: .mention), headings: [])
                == .route(.userProfile(username: "kenji")))
    }

    @Test func tabSelectsThePagesLinksAndEnterFollowsThem() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 24)
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/")
            func select(_ target: String) throws {
                for _ in 0..<20 where !h.status.contains(target) { h.press(.tab) }
                #expect(h.status.contains(target), "selected: \(h.status)")
                let view = try #require(h.app.top as? WikiPageView)
                let mark = try #require(view.markedCells)
                let canvas = h.canvas
                let y = mark.row - view.scroll.top + 1
                #expect((1..<23).contains(y), "the selected link is on screen")
                #expect(mark.columns.allSatisfy { canvas[$0, y].role == .cursor }, "the link is drawn as selected")
                #expect(canvas[mark.columns.upperBound, y].role != .cursor)
            }
            try select("[Getting Started]")
            h.press(.enter)
            #expect(h.title.hasSuffix("› Getting Started"))
            h.press(.char("q"))
            try select("/p/anvil-demo/bugs/")
            h.press(.enter)
            #expect(h.app.top is TicketListView)
            h.press(.char("q"))
            try select("[#12]")
            h.press(.enter)
            #expect(h.title.contains("#12"), "\(h.title)")
            h.press(.char("q"))
            h.press(.backTab)
            #expect(h.status.contains("[features:#2]"), "BackTab goes back: \(h.status)")
        }
    }

    @Test("links with other schemes than http(s) open only after a yes; web links open at once")
    func nonWebSchemesNeedConfirmation() {
        let opened = OpenedURLs()
        var options = AppOptions()
        options.openInBrowser = { url in
            opened.append(url)
            return nil
        }
        let app = App(device: HeadlessTerminal(width: 80, height: 24), mailbox: Mailbox(), options: options)
        for url in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ssh://host/", "JaVaScRiPt:x"] {
            app.openInBrowser(url)
            #expect(opened.urls.isEmpty, "\(url) opened without asking")
            #expect(app.prompt?.prompt.contains("outside Anvil") == true)
            app.handle(.key(.char("n")))
            app.handle(.key(.enter))
            #expect(opened.urls.isEmpty)
            #expect(app.message?.text == "Not opened")
        }
        app.openInBrowser("ssh://host/")
        app.handle(.key(.char("y")))
        app.handle(.key(.enter))
        #expect(opened.urls == ["ssh://host/"])
        app.openInBrowser("https://example.com/")
        #expect(app.prompt == nil)
        #expect(opened.urls == ["ssh://host/", "https://example.com/"])
    }
}

/// URLs handed to a fake browser.
private final class OpenedURLs: @unchecked Sendable {
    private(set) var urls: [String] = []
    func append(_ url: String) { urls.append(url) }
}
