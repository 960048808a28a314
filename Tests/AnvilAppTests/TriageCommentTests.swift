import DemoForge
import ForgeModel
import Foundation
import Store
import Testing

@testable import AnvilApp

/// A comment typed at the status prompt is a draft like any other text: a failure keeps it, the
/// prompt offers it again, and retrying is not taken for someone else's change.
@Suite struct TriageCommentTests {
    @Test func failedCommentIsKeptAndOfferedAgain() async throws {
        try await onUIThread {
            let rule = DemoForge.FaultRule(pathContains: "_discuss", method: "POST", status: 500, times: 1)
            let forge = DemoForge(seed: 1, options: DemoForge.Options(faults: [rule]))
            var options = AppOptions()
            let state = LocalState(store: try StateStore.inMemory())
            options.state = state
            let h = try DemoHarness(width: 120, height: 30, forge: forge, options: options)
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/1/")
            let view = try #require(h.app.top as? TicketView)
            let ticket = try #require(view.ticket)
            let next = ticket.status == "closed" ? "open" : "closed"

            h.press(.char("s"))
            for c in next { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            for c in "Looks done" { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            #expect(h.status.contains("comment not posted"), "\(h.status)")
            let key = view.triage.commentKey([ticket])
            #expect(state.draft(key)?.text == "Looks done")

            let back = ticket.status
            h.press(.char("s"))
            for c in back { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            #expect(h.app.prompt.map { String($0.text) } == "Looks done", "the kept comment is offered again")
            h.press(.enter)
            #expect(!h.status.contains("changed on the forge"), "\(h.status)")
            #expect(!h.status.contains("comment not posted"), "\(h.status)")
            #expect(state.draft(key) == nil, "posted, so the draft is gone")
        }
    }
}
