import DemoForge
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// GitLab groups: `/groups/PATH`, and paths without `/-/` that name a group rather than a
/// project (`/acme/tools`) or a user (`/acme`).
@Suite struct GitLabGroupTests {
    static let root = GitLabDemoForge.defaultBaseURL.absoluteString

    @Test(arguments: [(80, 24), (120, 40)]) func aGroupListsItsSubgroupsAndProjects(
        width: Int, height: Int
    )
        async throws
    {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: width, height: height, demo: GitLabDemoForge())
            try h.open(Self.root + "/groups/acme")
            #expect(h.app.top is GroupView)
            #expect(h.title == "gitlab › Acme")
            let rows = h.allRows
            #expect(rows.contains("Everything Acme builds."))
            let subgroups = try #require(rows.firstIndex(of: "Subgroups"))
            #expect(rows[subgroups + 1].contains("Tools") && rows[subgroups + 1].contains("acme/tools"))
            let projects = try #require(rows.firstIndex(of: "Projects"))
            #expect(rows[(projects + 1)...].contains { $0.contains("Website") && $0.contains("acme/website") })
            #expect(!rows[(projects + 1)...].contains { $0.contains("anvil-demo") }, "only the group's own projects")
            h.moveCursor(to: "acme/tools")
            h.press(.enter)
            #expect(h.title == "gitlab › Tools")
            h.moveCursor(to: "acme/tools/anvil-demo")
            h.press(.enter)
            #expect(h.title == "gitlab › Anvil Demo")
        }
    }

    @Test func aPathThatIsNoProjectOpensTheGroup() async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: GitLabDemoForge())
            try h.open(Self.root + "/acme/tools")
            #expect(h.app.top is GroupView, "\(h.status)")
            #expect(h.title == "gitlab › Tools")
            #expect(h.status.contains("acme/tools is a group of projects"), "\(h.status)")
            #expect(h.app.top?.webURL == Self.root + "/groups/acme/tools")
            #expect(h.app.stack.count == 1, "the group takes the place of the project that was not there")
        }
    }

    @Test func aNameThatIsNoUserOpensTheGroup() async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: GitLabDemoForge())
            try h.open(Self.root + "/acme")
            #expect(h.app.top is GroupView, "\(h.status)")
            #expect(h.title == "gitlab › Acme")
        }
    }

    @Test func aPathThatIsNeitherSaysSo() async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: GitLabDemoForge())
            try h.open(Self.root + "/acme/nothing-here")
            #expect(h.app.top is ProjectView)
            #expect(
                h.allRows.first?.contains("Not found") == true || h.allRows.first?.contains("404") == true,
                "\(h.allRows)")
        }
    }
}
