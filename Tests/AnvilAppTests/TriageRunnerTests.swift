import ForgeModel
import Foundation
import Testing

@testable import AnvilApp

/// A tracker in memory that writes like a forge: applies the edit to its own copy, bumps the stamp,
/// refuses a write whose expected stamp is stale, ignores assignees who are not members, and fails
/// on chosen tickets. Counts every update call.
actor FakeTracker: TicketWriting {
    nonisolated var displayName: String { "fake" }
    nonisolated func webURL(for route: Route) -> String { "https://fake.example/" }
    nonisolated var baseURL: URL { URL(string: "https://fake.example") ?? URL(fileURLWithPath: "/") }
    nonisolated var traits: ForgeTraits { ForgeTraits() }
    nonisolated func route(for address: String) throws -> Route { throw ForgeError.invalidURL(address) }

    private(set) var tickets: [Int: Ticket]
    private(set) var updateCalls = 0
    /// The number and expected stamp of each update call, in order.
    private(set) var calls: [(number: Int, stamp: String?)] = []
    private var failures: [Int: ForgeError] = [:]
    private var members: Set<String>
    private var clock = 0

    init(_ tickets: [Ticket], members: Set<String> = ["mara", "noor", "ines"]) {
        self.tickets = Dictionary(uniqueKeysWithValues: tickets.map { ($0.number, $0) })
        self.members = members
    }

    /// Makes every write to ticket `number` fail with `error`.
    func fail(_ number: Int, with error: ForgeError) {
        failures[number] = error
    }

    /// Someone else edits ticket `number` on the forge.
    @discardableResult
    func changeBehindTheScenes(_ number: Int, _ edit: TicketEdit) -> Ticket? {
        guard let ticket = tickets[number] else { return nil }
        return store(edit.applied(to: ticket))
    }

    func updateTicket(
        _ project: ProjectPath, mount: String, number: Int, edit: TicketEdit, expectedStamp: String?
    ) async throws -> TicketWriteResult {
        updateCalls += 1
        calls.append((number, expectedStamp))
        if let error = failures[number] { throw error }
        guard let current = tickets[number] else { throw ForgeError.notFound(what: "ticket \(number)") }
        if let expectedStamp, expectedStamp != current.modifiedStamp { throw TicketConflict(current: current) }
        var edit = edit
        var ignored: [String] = []
        if let assignee = edit.assignee, !members.contains(assignee) {
            edit.assignee = nil
            ignored.append("assignee \(assignee)")
        }
        return TicketWriteResult(ticket: store(edit.applied(to: current)), ignored: ignored)
    }

    func createTicket(_ project: ProjectPath, mount: String, edit: TicketEdit) async throws -> Ticket {
        throw ForgeError.unsupported("not in this fake")
    }

    private func store(_ ticket: Ticket) -> Ticket {
        clock += 1
        var ticket = ticket
        ticket.modifiedStamp = "2025-01-01 10:00:\(clock)"
        tickets[ticket.number] = ticket
        return ticket
    }
}

/// Shared fixtures for the triage runner and undo tests.
enum TriageFixture {
    static let project = ProjectPath(neighborhood: "p", name: "nimbus")
    static let mount = "bugs"

    static func ticket(
        _ number: Int, status: String = "open", assignee: String? = "noor", labels: [String] = ["ui", "core"],
        milestone: String? = "1.1", fields: [String: FieldValue] = ["priority": .number(3)]
    ) -> Ticket {
        Ticket(
            number: number, summary: "Ticket \(number)", description: "Steps for \(number)", status: status,
            reporter: "ines", assignee: assignee, labels: labels, milestone: milestone, customFields: fields,
            modifiedStamp: "2025-01-01 09:00:\(number)")
    }

    static func apply(_ action: TriageAction, _ tickets: [Ticket], _ tracker: FakeTracker) async -> TriageOutcome {
        await TriageRunner().apply(action, to: tickets, project: project, mount: mount, writer: tracker)
    }
}

/// The runner: successes, conflicts with a field diff, failures naming the ticket, and its economy.
@Suite struct TriageRunnerTests {
    typealias F = TriageFixture

    @Test func oneTicketSucceeds() async throws {
        let shown = F.ticket(12)
        let tracker = FakeTracker([shown])
        let outcome = await F.apply(.setStatus("closed"), [shown], tracker)
        #expect(outcome.summary == "#12 closed")
        #expect(outcome.isComplete)
        let result = try #require(outcome.results.first)
        guard case .updated(let ticket, let ignored) = result.kind else {
            Issue.record("expected an update, got \(result.kind)")
            return
        }
        #expect(ticket.status == "closed")
        #expect(ticket.modifiedStamp != shown.modifiedStamp)
        #expect(ignored.isEmpty)
        #expect(result.message == nil)
        #expect(await tracker.tickets[12]?.status == "closed")
        #expect(await tracker.calls.map(\.stamp) == [shown.modifiedStamp], "the shown stamp guards the write")
        #expect(outcome.freshTickets == [ticket])
    }

    @Test func severalTicketsSucceed() async {
        let tickets = [F.ticket(1), F.ticket(2), F.ticket(3)]
        let tracker = FakeTracker(tickets)
        let outcome = await F.apply(.setStatus("closed"), tickets, tracker)
        #expect(outcome.summary == "3 tickets closed")
        #expect(outcome.updatedCount == 3)
        #expect(await tracker.tickets.values.allSatisfy { $0.status == "closed" })
    }

    @Test func summariesNameWhatWasDone() async {
        let tickets = [F.ticket(1), F.ticket(2)]
        let cases: [(TriageAction, String)] = [
            (.setStatus("pending"), "2 tickets set to pending"),
            (.setAssignee("mara"), "2 tickets assigned to mara"),
            (.changeLabels(add: ["crash"], remove: ["ui"]), "2 tickets labelled +crash −ui"),
            (.setMilestone("2.0"), "2 tickets moved to milestone 2.0"),
            (.setMilestone(nil), "2 tickets: milestone cleared"),
            (.setField("priority", .number(5)), "2 tickets: Priority → 5"),
            (.editSummary("New"), "2 tickets retitled"),
        ]
        for (action, expected) in cases {
            let outcome = await F.apply(action, tickets, FakeTracker(tickets))
            #expect(outcome.summary == expected)
        }
    }

    @Test func conflictListsTheFieldsThatChangedOnTheForge() async throws {
        let shown = F.ticket(12)
        let tracker = FakeTracker([shown])
        await tracker.changeBehindTheScenes(12, TicketEdit(status: "pending", labelsAdded: ["regression"]))
        let outcome = await F.apply(.setStatus("closed"), [shown], tracker)

        let result = try #require(outcome.results.first)
        guard case .conflict(let current, let report) = result.kind else {
            Issue.record("expected a conflict, got \(result.kind)")
            return
        }
        #expect(current.status == "pending")
        #expect(
            report.lines == [
                "status open → pending (changed on the forge)", "labels +regression (changed on the forge)",
            ])
        #expect(report.message == "#12 changed on the forge: status open → pending, labels +regression")
        #expect(outcome.summary == report.message)
        #expect(await tracker.tickets[12]?.status == "pending", "not overwritten")
        #expect(outcome.freshTickets == [current], "the view can show the current ticket")
    }

    @Test func conflictWithoutFieldChangesSaysSo() {
        var current = F.ticket(3)
        current.modifiedStamp = "later"
        let report = ConflictReport(shown: F.ticket(3), current: current)
        #expect(report.changes.isEmpty)
        #expect(report.message == "#3 changed on the forge")
        #expect(report.lines.count == 1)
    }

    @Test func failureNamesTheTicketAndTheOthersGoOn() async throws {
        let tickets = [F.ticket(12), F.ticket(14), F.ticket(15)]
        let tracker = FakeTracker(tickets)
        await tracker.fail(14, with: .forbidden(reason: nil))
        let outcome = await F.apply(.setStatus("closed"), tickets, tracker)
        #expect(outcome.summary == "2 of 3 changed; #14: No permission (403)")
        #expect(outcome.messages == ["#14: No permission (403)"])
        #expect(!outcome.isComplete)
        #expect(outcome.results[1].kind == .failed(.forbidden(reason: nil)))
        #expect(await tracker.updateCalls == 3)
        #expect(await tracker.tickets[15]?.status == "closed")
    }

    @Test func severalProblemsShowTheFirstAndHowManyMore() async {
        let tickets = [F.ticket(1), F.ticket(2), F.ticket(3)]
        let tracker = FakeTracker(tickets)
        await tracker.fail(2, with: .forbidden(reason: nil))
        await tracker.changeBehindTheScenes(3, TicketEdit(status: "pending"))
        let outcome = await F.apply(.setStatus("closed"), tickets, tracker)
        #expect(outcome.summary == "1 of 3 changed; #2: No permission (403) (+1 more)")
        #expect(outcome.messages == ["#2: No permission (403)", "#3 changed on the forge: status open → pending"])
    }

    @Test func aFailureEveryTicketWouldShareStopsTheBatch() async {
        let tickets = (1...5).map { F.ticket($0) }
        let tracker = FakeTracker(tickets)
        await tracker.fail(2, with: .unauthorized(detail: nil))
        let outcome = await F.apply(.setStatus("closed"), tickets, tracker)
        #expect(await tracker.updateCalls == 2, "no point sending the other three")
        #expect(outcome.results.suffix(3).allSatisfy { $0.kind == .notAttempted("stopped after #2 failed") })
        #expect(
            outcome.summary
                == "1 of 5 changed; #2: Not authorised (401): log in or check the token; 3 not attempted (stopped after #2 failed)"
        )
    }

    @Test func unchangedTicketsAreNotWritten() async {
        let tickets = [F.ticket(1), F.ticket(2, status: "closed"), F.ticket(3)]
        let tracker = FakeTracker(tickets)
        let outcome = await F.apply(.setStatus("closed"), tickets, tracker)
        #expect(await tracker.updateCalls == 2)
        #expect(outcome.summary == "2 tickets closed; 1 unchanged")
        #expect(outcome.isComplete)
        let none = await F.apply(.setStatus("closed"), [F.ticket(2, status: "closed")], tracker)
        #expect(none.summary == "#2 unchanged")
    }

    @Test func whatTheForgeIgnoredIsReported() async {
        let tickets = [F.ticket(1), F.ticket(2)]
        let tracker = FakeTracker(tickets, members: ["noor"])
        let outcome = await F.apply(.setAssignee("stranger"), tickets, tracker)
        #expect(
            outcome.summary
                == "2 tickets assigned to stranger; #1: not applied: assignee stranger; #2: not applied: assignee stranger"
        )
    }

    @Test func aBulkActionOnTenTicketsMakesExactlyTenCalls() async {
        let tickets = (1...10).map { F.ticket($0) }
        let tracker = FakeTracker(tickets)
        let outcome = await F.apply(.changeLabels(add: ["triaged"], remove: []), tickets, tracker)
        #expect(await tracker.updateCalls == 10)
        #expect(await tracker.calls.map(\.number) == Array(1...10), "one after another, in list order")
        #expect(outcome.summary == "10 tickets labelled +triaged")
    }

    @Test func aTicketGivenTwiceIsWrittenOnce() async {
        let tracker = FakeTracker([F.ticket(1)])
        let outcome = await F.apply(.setStatus("closed"), [F.ticket(1), F.ticket(1)], tracker)
        #expect(await tracker.updateCalls == 1)
        #expect(outcome.results.count == 1)
    }
}
