import DemoForge
import ForgeModel
import Foundation
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// The administration panel: offered only where the forge says the token's user is an admin, and
/// its export, install and permission tasks against the demo forge.
@Suite struct AdminViewTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40)]

    /// Opens the main project's administration (`j` to the row, Enter).
    static func openAdmin(_ h: DemoHarness) throws -> AdminView {
        try h.open("p/\(DemoNames.mainProject)/")
        h.moveCursor(to: "Administration")
        h.press(.enter)
        let view = try #require(h.app.top as? AdminView)
        view.pollInterval = .milliseconds(5)
        return view
    }

    @Test func shownForAnAdminAndHiddenElsewhere() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 40)
            try h.open("p/\(DemoNames.secondProject)/")
            #expect(!h.allRows.joined().contains("Administration"), "the forge said 403 there")
            try h.open("p/\(DemoNames.mainProject)/")
            #expect(h.allRows.joined().contains("Administration"))
        }
    }

    @Test func anAdminViewOpenedWhereTheForgeSaysNoOffersNothing() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let path = ProjectPath(neighborhood: "p", name: DemoNames.secondProject)
            h.app.push(AdminView(session: h.session, path: path))
            h.settle()
            #expect(h.screen.contains("cannot administer this project"))
            #expect(!h.screen.contains("Export tools"))
        }
    }

    @Test(arguments: sizes) func exportChoosesToolsAndReportsTheFile(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            _ = try Self.openAdmin(h)
            #expect(h.title == "demo › Anvil Demo › admin")
            #expect(
                h.screen.contains("Export tools") && h.screen.contains("Install a tool")
                    && h.screen.contains("Check a permission"))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= width })
            h.moveCursor(to: "Export tools")
            h.press(.enter)
            let offered = try #require(h.app.prompt.map { String($0.text) })
            #expect(offered.contains("wiki") && offered.contains(DemoNames.mainTracker) && !offered.contains("chat"))
            h.press(.enter)
            #expect(h.status.contains("Export finished: anvil-demo-backup-"), "\(h.status)")
            #expect(h.screen.contains("Export started") && h.screen.contains("is on the server"))
        }
    }

    @Test func exportSaysWhenOneIsRunningAndWhenAToolCannotBeExported() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            _ = try Self.openAdmin(h)
            let allura = h.allura
            _ = try blocking {
                try await allura.startExport(DemoHarness.mainProject, mounts: ["wiki"], sendEmail: false)
            }
            h.moveCursor(to: "Export tools")
            h.press(.enter)
            h.press(.enter)
            #expect(h.status.contains("another export of this project is running"), "\(h.status)")
            h.press(.enter)
            h.app.handle(.key(.ctrl("u")))
            h.typeAndSubmit("chat")
            #expect(h.status.contains("cannot be exported"), "\(h.status)")
        }
    }

    @Test func installAToolAndCheckAPermission() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            _ = try Self.openAdmin(h)
            h.moveCursor(to: "Install a tool")
            h.press(.enter)
            h.typeAndSubmit("blog")
            h.app.handle(.key(.ctrl("u")))
            h.typeAndSubmit("news")
            h.app.handle(.key(.ctrl("u")))
            h.typeAndSubmit("News")
            h.press(.enter)
            #expect(
                h.status.contains("Tool blog with mount_point news and mount_label News was created"), "\(h.status)")
            #expect(h.session.knownProject(DemoHarness.mainProject)?.tools.last?.mountPoint == "news")
            h.moveCursor(to: "Check a permission")
            h.press(.enter)
            h.typeAndSubmit(DemoNames.tokenUser)
            h.typeAndSubmit("admin")
            #expect(h.status.contains("\(DemoNames.tokenUser) has admin"), "\(h.status)")
        }
    }

    @Test(arguments: sizes) func webhooksAreAddedChangedAndDeletedAfterAYes(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            _ = try Self.openAdmin(h)
            h.moveCursor(to: "Webhooks of Code (git)")
            h.press(.enter)
            #expect(h.app.top is WebhooksView)
            #expect(h.title == "demo › Anvil Demo › Code › webhooks")
            #expect(h.screen.contains("Push webhooks of Code (0 of 3)"))
            h.press(.char("C"))
            h.typeAndSubmit("https://ci.example.org/hook")
            h.typeAndSubmit("")
            #expect(h.status.contains("Webhook added: https://ci.example.org/hook"), "\(h.status)")
            #expect(h.forge.webhooks().map(\.url) == ["https://ci.example.org/hook"])
            #expect(h.screen.contains("(1 of 3)") && h.screen.contains("https://ci.example.org/hook"))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= width })
            h.press(.char("g"))
            h.moveCursor(to: "https://ci.example.org/hook")
            h.press(.enter)
            h.typeAndSubmit("delete")
            #expect(h.status.contains("Delete the webhook to https://ci.example.org/hook?"), "\(h.status)")
            h.press(.char("n"))
            #expect(h.forge.webhooks().count == 1)
            h.press(.char("g"))
            h.moveCursor(to: "https://ci.example.org/hook")
            h.press(.enter)
            h.typeAndSubmit("url")
            h.app.handle(.key(.ctrl("u")))
            h.typeAndSubmit("https://ci.example.org/new")
            #expect(h.forge.webhooks().map(\.url) == ["https://ci.example.org/new"])
            h.press(.char("g"))
            h.moveCursor(to: "https://ci.example.org/new")
            h.press(.enter)
            h.typeAndSubmit("delete")
            h.press(.char("y"))
            #expect(h.forge.webhooks().isEmpty)
            #expect(h.screen.contains("(none)"))
        }
    }

    @Test func theForgesOwnAdminToolOpensThePanel() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let path = DemoHarness.mainProject
            h.session.remember(
                Project(
                    path: path, shortname: path.name, name: "Anvil Demo",
                    tools: [Tool(kind: .other("admin"), mountPoint: "admin", label: "Admin")]))
            let (view, note) = ViewFactory.view(for: .tool(path, mount: "admin"), session: h.session)
            #expect(view is AdminView && note == nil)
            let (chat, _) = ViewFactory.view(for: .tool(path, mount: "chat"), session: h.session)
            #expect(chat is ProjectView, "chat is not among the tools remembered here")
        }
    }
}
