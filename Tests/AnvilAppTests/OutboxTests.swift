import DemoForge
import ForgeModel
import Foundation
import Store
import Testing

@testable import AnvilApp

/// `:outbox` lists every text no forge has accepted yet, on every forge; `e` edits one, `d`
/// discards one after asking.
@Suite struct OutboxTests {
    @Test(arguments: [(80, 24), (120, 40)]) func listsEditsAndDiscardsDrafts(width: Int, height: Int) async throws {
        try await onUIThread {
            var options = AppOptions()
            let state = LocalState(store: try StateStore.inMemory())
            options.state = state
            options.editText = { $0 + " (edited)" }
            let h = try DemoHarness(width: width, height: height, options: options)
            try h.open("p/\(DemoNames.mainProject)/")
            h.submit(":", "outbox")
            #expect(h.allRows.contains { $0.contains("Nothing: every text you wrote reached its forge.") })
            h.press(.char("q"))

            let comment = DraftKey(forge: "https://forge.example.org", kind: .comment, target: "p/x/discussion/t1")
            let ticket = DraftKey(forge: "https://gitlab.example.com", kind: .ticketNew, target: "acme/tools/issues")
            state.saveDraft(comment, text: "A comment that never left")
            state.saveDraft(ticket, text: "Summary: Crash\n---\nbody")
            state.recordFailure(comment, message: "Cannot reach the forge")
            h.submit(":", "outbox")
            let rows = h.allRows
            #expect(rows.contains { $0.contains("comment") && $0.contains("forge.example.org p/x/discussion/t1") })
            #expect(rows.contains { $0.contains("new ticket") && $0.contains("gitlab.example.com acme/tools/issues") })
            #expect(rows.contains { $0.contains("A comment that never left") && $0.contains("Cannot reach the forge") })

            h.moveCursor(to: "discussion/t1")
            h.press(.char("e"))
            #expect(state.draft(comment)?.text == "A comment that never left (edited)")
            h.press(.char("d"))
            #expect(h.status.contains("Discard this comment?"), "\(h.status)")
            h.press(.char("y"))
            #expect(state.draft(comment) == nil)
            #expect(state.draft(ticket) != nil, "only the draft under the cursor goes")
            #expect(!h.allRows.contains { $0.contains("discussion/t1") })
        }
    }

    @Test func enterOpensThePlaceADraftWasWrittenIn() async throws {
        try await onUIThread {
            var options = AppOptions()
            let state = LocalState(store: try StateStore.inMemory())
            options.state = state
            let h = try DemoHarness(width: 100, height: 30, options: options)
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/12/")
            let key = DraftKey(forge: h.session.baseURL.absoluteString, kind: .ticketEdit, target: "somewhere")
            state.saveDraft(key, text: "An edit that was not sent")
            #expect(state.draft(key)?.place?.hasSuffix("/\(DemoNames.mainTracker)/12/") == true)
            h.submit(":", "outbox")
            h.moveCursor(to: "ticket edit")
            h.press(.enter)
            #expect((h.app.top as? TicketView)?.number == 12, "\(h.status)")
        }
    }
}
