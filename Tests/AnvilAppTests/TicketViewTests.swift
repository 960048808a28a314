import DemoForge
import ForgeModel
import Foundation
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// The ticket list, the ticket view and triage, on the in-process demo forge.
@Suite struct TicketViewTests {
    static let tracker = "p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/"

    static func type(_ h: DemoHarness, _ text: String) {
        for c in text { h.app.handle(.key(.char(c))) }
    }

    @Test(arguments: [(80, 24), (120, 40)]) func listShowsColumnsThatFit(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open(Self.tracker)
            let lines = h.lines
            #expect(h.title.hasSuffix("› Tickets"))
            // Allura counts tickets the user may not see: the total is an upper bound.
            #expect(lines[0].hasSuffix(" 1/≤\(DemoNames.mainTicketCount)"), "\(lines[0])")
            #expect(lines[1].contains("Status") && lines[1].contains("Summary"))
            #expect(lines[1].contains("Labels") == (width >= 110))
            #expect(lines[2].contains("#\(DemoNames.mainTicketCount)"), "newest first: \(lines[2])")
            #expect(h.cursorLine?.contains("#\(DemoNames.mainTicketCount)") == true, "the cursor skips the heading")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(
                h.allRows.contains { $0.trimmingCharacters(in: .whitespaces) == "…" }, "placeholders for later pages")
        }
    }

    @Test func ticketViewShowsEveryField() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 40)
            let ticket = try #require(h.forge.ticket(number: 12))
            try h.open(Self.tracker + "12/")
            let rows = h.allRows.joined(separator: "\n")
            #expect(h.title.hasSuffix("› #12"))
            #expect(rows.contains("#12 \(ticket.summary ?? "")"))
            #expect(rows.contains("Status       \(ticket.status)"))
            #expect(rows.contains("Priority"), "custom fields by their display names")
            #expect(rows.contains("Created"))
            #expect(rows.contains("Open the comment thread"))
        }
    }

    @Test func closeWithAOneLineCommentChangesOnlyTheStatus() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker + "12/")
            let before = try #require(h.forge.ticket(number: 12))
            h.forge.resetLog()
            // s, "cl", Tab, Enter, the comment, Enter: the keystrokes to close with a comment.
            h.press(.char("s"))
            Self.type(h, "cl")
            h.press(.tab, .enter)
            Self.type(h, "Fixed on main")
            h.press(.enter)
            let after = try #require(h.forge.ticket(number: 12))
            #expect(after.status == "closed")
            #expect(after.labels == before.labels)
            // A null number reads back as "" after any save, on Allura too: compare by meaning.
            let normalised = { (fields: [String: DemoJSON]) in
                fields.mapValues { $0 == .null ? DemoJSON.string("") : $0 }
            }
            #expect(normalised(after.customFields) == normalised(before.customFields))
            #expect(after.assignedTo == before.assignedTo)
            #expect(h.status.contains("closed"), "\(h.status)")
            let requests = h.forge.requestLog.map { "\($0.method) \($0.path)" }
            #expect(requests.filter { $0.hasPrefix("POST") && $0.hasSuffix("/save") }.count == 1)
            #expect(requests.filter { $0.hasPrefix("POST") && $0.hasSuffix("/new") }.count == 1, "the comment")
            #expect(h.screen.contains("Status       closed"))
        }
    }

    @Test func bulkActionOnTaggedTicketsPreviewsThenWritesAndUndoes() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker)
            let numbers = [199, 198, 197]
            let before = numbers.compactMap { h.forge.ticket(number: $0) }
            h.press(.char("j"), .char("t"), .char("t"), .char("t"))
            #expect(h.status.contains("3 tagged"))
            h.press(.char(";"), .char("L"))
            Self.type(h, "+triaged -ui")
            h.press(.enter)
            #expect(h.status.contains("3 tickets"), "a preview before writing: \(h.status)")
            #expect(h.status.contains("Apply?"))
            h.forge.resetLog()
            h.press(.char("y"))
            let saves = h.forge.requestLog.filter { $0.method == "POST" }.map(\.path)
            #expect(saves.count == 3, "\(saves) \(h.status)")
            for (old, number) in zip(before, numbers) {
                let now = try #require(h.forge.ticket(number: number))
                #expect(now.labels.contains("triaged"))
                #expect(!now.labels.contains("ui"))
                #expect(now.status == old.status)
            }
            h.press(.char("u"))
            #expect(h.status.contains("restored"), "\(h.status)")
            for (old, number) in zip(before, numbers) {
                #expect(Set(h.forge.ticket(number: number)?.labels ?? []) == Set(old.labels))
            }
        }
    }

    @Test func aTicketChangedElsewhereIsNotOverwrittenWithoutAsking() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker + "12/")
            // Someone else changes the ticket after it was shown.
            let other = h.allura
            _ = try blocking {
                try await other.updateTicket(
                    DemoHarness.mainProject, mount: DemoNames.mainTracker, number: 12,
                    edit: TicketEdit(status: "pending"),
                    expectedStamp: nil)
            }
            h.press(.char("s"))
            Self.type(h, "closed")
            h.press(.enter, .enter)
            #expect(h.status.contains("changed on the forge"), "\(h.status)")
            #expect(h.status.contains("Write anyway?"))
            #expect(h.forge.ticket(number: 12)?.status == "pending")
            h.press(.char("n"))
            #expect(h.forge.ticket(number: 12)?.status == "pending")
        }
    }

    @Test func searchAndSortCommands() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker)
            h.submit(":", "search status:pending")
            #expect(h.title.contains("search: status:pending"))
            let statuses = h.allRows.dropFirst().compactMap { $0.split(separator: " ").dropFirst().first }
            #expect(!statuses.isEmpty)
            #expect(statuses.allSatisfy { $0 == "pending" || $0 == "…" }, "\(statuses)")
            h.submit(":", "sort number asc")
            #expect(h.allRows.dropFirst().first?.contains("#1 ") == true, "\(h.allRows.dropFirst().first ?? "")")
            h.submit(":", "ticket 7")
            #expect(h.title.hasSuffix("› #7"))
            h.submit(":", "searches")
            #expect(h.allRows.contains { $0.contains("Open Tickets") })
        }
    }
}

@Suite struct TriageResultsTests {
    @Test func aBulkActionWithAFailureShowsEachTicketsResult() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            h.forge.addFault(DemoForge.FaultRule(pathContains: "/198/save", method: "POST", status: 403))
            try h.open(TicketViewTests.tracker)
            h.press(.char("j"), .char("t"), .char("t"), .char("t"))
            h.press(.char(";"), .char("m"))
            TicketViewTests.type(h, "1.0")
            h.press(.enter)
            #expect(h.status.contains("Apply?"), "\(h.status)")
            h.press(.char("y"))
            #expect(h.app.top is TriageResultsView, "problems open the per-ticket results")
            let rows = h.allRows.joined(separator: "\n")
            #expect(rows.contains("#198") && rows.contains("No permission (403)"), "\(rows)")
            #expect(rows.contains("✓"))
            h.press(.char("q"))
            h.submit(":", "results")
            #expect(h.app.top is TriageResultsView)
        }
    }
}
