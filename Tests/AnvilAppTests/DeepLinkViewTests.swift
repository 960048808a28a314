import DemoForge
import ForgeModel
import Foundation
import TerminalUI
import Testing

@testable import AnvilApp

/// Pasted addresses of comments and posts open their thread with that post selected.
@Suite struct DeepLinkViewTests {
    @Test func aTicketCommentAnchorOpensTheCommentAboveItsTicket() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let project = DemoHarness.mainProject
            let number = DemoNames.busyTicket
            let ticket: Ticket = try blocking { [allura = h.allura] () async throws -> Ticket in
                try await allura.ticket(project, mount: DemoNames.mainTracker, number: number)
            }
            let thread = try #require(ticket.threadID)
            let page: ThreadPage = try blocking { [allura = h.allura] () async throws -> ThreadPage in
                try await allura.toolThread(project, mount: DemoNames.mainTracker, thread: thread, page: 0, limit: 100)
            }
            let post = try #require(page.posts.dropFirst(30).first { $0.id.contains("/") })
            try h.open("https://demo.anvil.test/p/\(DemoNames.mainProject)/bugs/\(number)/#\(post.id)")
            let view = try #require(h.app.top as? ThreadView)
            _ = h.screen
            #expect(view.itemText?.text == post.text, "the comment is selected")
            #expect(h.cursorLine?.contains(post.author) == true, "\(h.cursorLine ?? "")")
            #expect(
                view.webURL == "https://demo.anvil.test/p/anvil-demo/bugs/_discuss/thread/\(thread)/\(post.id)/")
            h.press(.char("q"))
            #expect(h.app.top is TicketView, "back goes to the ticket")
            #expect(h.title.contains("#\(number)"))
        }
    }

    @Test func aForumPostBySlugLoadsItsPageAndSelectsIt() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let project = DemoHarness.mainProject
            let page: ThreadPage = try blocking { [allura = h.allura] () async throws -> ThreadPage in
                try await allura.topicPosts(
                    project, mount: "discussion", forum: DemoNames.bigForum, thread: DemoNames.bigThreadID, page: 7,
                    limit: 100)
            }
            let post = try #require(page.posts.last)
            let address =
                "https://demo.anvil.test/p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/"
                + "\(DemoNames.bigThreadID)/\(post.id)/"
            try h.open(address)
            let view = try #require(h.app.top as? ThreadView)
            _ = h.screen
            #expect(view.itemText?.text == post.text, "the post on page 7 is selected")
            #expect(view.webURL == address, "and y copies the same address back")
        }
    }
}
