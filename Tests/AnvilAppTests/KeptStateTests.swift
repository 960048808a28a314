import DemoForge
import ForgeModel
import Foundation
import Store
import Testing

@testable import AnvilApp

/// Tags, named searches and the places visited (with their unread posts) live in the state
/// database: another view, or another session on the same database, finds them.
@Suite struct KeptStateTests {
    static func harness(_ state: LocalState) throws -> DemoHarness {
        var options = AppOptions()
        options.state = state
        options.history = HistoryStore(state: state)
        return try DemoHarness(width: 100, height: 30, options: options)
    }

    static let tracker = "p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/"

    @Test func tagsOutliveTheListAndTheSession() async throws {
        try await onUIThread {
            let state = LocalState(store: try StateStore.inMemory())
            let h = try Self.harness(state)
            try h.open(Self.tracker)
            h.press(.char("j"), .char("t"), .char("t"))
            let tagged = try #require(h.app.top as? TicketListView).triage.tags.all
            #expect(tagged.count == 2)
            h.press(.char("q"))

            let next = try Self.harness(state)
            try next.open(Self.tracker)
            #expect(try #require(next.app.top as? TicketListView).triage.tags.all == tagged)
            next.press(.char(";"))
            #expect(next.status.contains("applies to 2 tagged tickets"), "\(next.status)")
        }
    }

    @Test func aSearchSavedByNameIsListedAndForgotten() async throws {
        try await onUIThread {
            let state = LocalState(store: try StateStore.inMemory())
            let h = try Self.harness(state)
            try h.open(Self.tracker)
            h.submit(":", "searches save open ones")
            #expect(h.status.contains("Search first"), "\(h.status)")
            h.submit(":", "search status:open")
            h.submit(":", "searches save open ones")
            #expect(h.status.contains("Saved the search open ones: status:open"), "\(h.status)")

            let next = try Self.harness(state)
            try next.open(Self.tracker)
            next.submit(":", "searches")
            #expect(next.allRows.contains { $0.contains("open ones") && $0.contains("status:open") })
            next.moveCursor(to: "open ones")
            next.press(.enter)
            #expect((next.app.top as? TicketListView)?.query.raw == "status:open")
            next.submit(":", "searches forget open ones")
            #expect(next.status.contains("Forgot the search open ones"), "\(next.status)")
            next.submit(":", "searches forget open ones")
            #expect(next.status.contains("No saved search is named open ones"), "\(next.status)")
            next.submit(":", "searches drop x")
            #expect(next.status.contains("Usage: :searches"), "\(next.status)")
        }
    }

    @Test func theStartViewListsPlacesByNameWithTheirUnreadPosts() async throws {
        try await onUIThread {
            let state = LocalState(store: try StateStore.inMemory())
            let h = try Self.harness(state)
            try h.open(Self.tracker + "\(DemoNames.busyTicket)/")
            h.press(.char("c"))  // no editor here: the comment thread opens, nothing is sent
            let thread = try #require(h.app.top as? ThreadView)
            let unread = try #require(thread.unreadCount)
            #expect(unread > 10)
            h.press(.char("q"))

            let next = try Self.harness(state)
            next.app.openStart(session: next.session)
            let row = try #require(next.allRows.first { $0.contains("\(unread) unread") }, "\(next.allRows)")
            #expect(row.contains("demo › Anvil Demo"), "listed by name: \(row)")
            next.moveCursor(to: "\(unread) unread")
            next.press(.enter)
            #expect(next.app.top is ThreadView)
            next.press(.char("M"))
            next.press(.char("q"))
            next.app.openStart(session: next.session)
            #expect(!next.allRows.contains { $0.contains(" unread") }, "read now: \(next.allRows)")
        }
    }
    /// Opening a thread asks for its first page alone: the breadcrumb's project and the history's
    /// write wait for the first frame (which `settle` stands for here), then both happen.
    @Test func aThreadsFirstFrameWaitsForNothingElse() async throws {
        try await onUIThread {
            let state = LocalState(store: try StateStore.inMemory())
            let h = try Self.harness(state)
            let address = "p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/\(DemoNames.bigThreadID)/"
            let (_, route) = try h.session.parse(address)
            h.app.open(route, session: h.session)
            #expect(h.app.loadsInFlight == 1, "the first page only")
            #expect(HistoryStore(state: state).entries.isEmpty, "nothing written before the first frame")
            #expect(h.session.knownProject(DemoHarness.mainProject) == nil)
            h.settle()
            #expect(h.session.knownProject(DemoHarness.mainProject) != nil, "the project came after")
            let kept = HistoryStore(state: state)
            #expect(kept.entries == ["https://demo.anvil.test/" + address])
            let name = try #require(kept.name(of: "https://demo.anvil.test/" + address))
            #expect(name.hasPrefix("demo › Anvil Demo › "), "kept under the name the title line shows: \(name)")
        }
    }
}
