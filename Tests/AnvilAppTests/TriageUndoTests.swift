import ForgeModel
import Testing

@testable import AnvilApp

/// Undo: every field kind restored exactly, no unassigning, and no overwriting of later changes.
@Suite struct TriageUndoTests {
    typealias F = TriageFixture

    /// The fields a user sees, with labels as a set and empty custom fields dropped, to compare a
    /// ticket with itself after an action and its undo.
    struct Visible: Equatable {
        var summary: String
        var description: String?
        var status: String
        var assignee: String?
        var labels: Set<String>
        var milestone: String?
        var fields: [String: FieldValue]

        init(_ t: Ticket) {
            summary = t.summary
            description = t.description
            status = t.status
            assignee = t.assignee
            labels = Set(t.labels)
            milestone = t.milestone
            fields = t.customFields.filter { $0.value != .empty }
        }
    }

    static let actions: [TriageAction] = [
        .setStatus("closed"),
        .setAssignee("mara"),
        .changeLabels(add: ["crash", "regression"], remove: ["ui"]),
        .changeLabels(add: [], remove: ["ui", "core"]),
        .setMilestone("2.0"),
        .setMilestone(nil),
        .setField("priority", .number(5)),
        .setField("priority", .empty),
        .setField("severity", .text("major")),
        .editSummary("Crash when saving"),
        .editDescription("New steps"),
    ]

    @Test(arguments: actions) func undoRestoresEveryFieldKind(action: TriageAction) async throws {
        let shown = [F.ticket(1), F.ticket(2, labels: ["core", "ui", "docs"], milestone: nil, fields: [:])]
        let tracker = FakeTracker(shown)
        let log = UndoLog()
        let outcome = await F.apply(action, shown, tracker)
        #expect(outcome.isComplete)
        await log.record(outcome)
        #expect(await log.canUndo)
        #expect(await log.pendingSummary == outcome.summary)

        let undone = await log.undo(writer: tracker)
        #expect(undone.isComplete, "\(undone.summary)")
        for ticket in shown {
            let now = try #require(await tracker.tickets[ticket.number])
            #expect(Visible(now) == Visible(ticket), "#\(ticket.number) after undoing \(action)")
        }
        #expect(!(await log.canUndo), "the log is cleared")
    }

    @Test func undoSummaryAndStamps() async {
        let shown = [F.ticket(1), F.ticket(2), F.ticket(3)]
        let tracker = FakeTracker(shown)
        let log = UndoLog()
        let outcome = await F.apply(.setStatus("closed"), shown, tracker)
        await log.record(outcome)
        let undone = await log.undo(writer: tracker)
        #expect(undone.summary == "3 tickets restored")
        #expect(undone.origin == .undo)
        let stamps = await tracker.calls.suffix(3).map(\.stamp)
        #expect(stamps == outcome.freshTickets.map(\.modifiedStamp), "each undo expects the stamp the action left")
        #expect(await tracker.updateCalls == 6)
    }

    @Test func undoRefusesToUnassignAndSaysSo() async throws {
        let shown = F.ticket(12, assignee: nil)
        let tracker = FakeTracker([shown])
        let log = UndoLog()
        await log.record(await F.apply(.setAssignee("mara"), [shown], tracker))
        let entry = try #require(await log.pending.first)
        #expect(entry.inverse.isEmpty)
        #expect(entry.notRestorable == ["cannot undo the assignee: the forge cannot unassign"])

        let undone = await log.undo(writer: tracker)
        #expect(await tracker.updateCalls == 1, "no write for the undo")
        #expect(undone.results.first?.kind == .notPossible("cannot undo the assignee: the forge cannot unassign"))
        #expect(undone.summary == "#12: cannot undo the assignee: the forge cannot unassign")
        #expect(await tracker.tickets[12]?.assignee == "mara")
    }

    @Test func bulkUndoRestoresWhatItCanAndReportsTheRest() async {
        let shown = [F.ticket(1, assignee: "noor"), F.ticket(2, assignee: nil), F.ticket(3, assignee: "ines")]
        let tracker = FakeTracker(shown)
        let log = UndoLog()
        await log.record(await F.apply(.setAssignee("mara"), shown, tracker))
        let undone = await log.undo(writer: tracker)
        #expect(undone.summary == "2 of 3 restored; #2: cannot undo the assignee: the forge cannot unassign")
        #expect(await tracker.tickets[1]?.assignee == "noor")
        #expect(await tracker.tickets[2]?.assignee == "mara")
        #expect(await tracker.tickets[3]?.assignee == "ines")
        #expect(await tracker.updateCalls == 5)
    }

    @Test func undoAfterAConcurrentChangeIsAConflictNotAnOverwrite() async throws {
        let shown = [F.ticket(1), F.ticket(2)]
        let tracker = FakeTracker(shown)
        let log = UndoLog()
        await log.record(await F.apply(.setStatus("closed"), shown, tracker))
        await tracker.changeBehindTheScenes(2, TicketEdit(status: "wont-fix", assignee: "ines"))

        let undone = await log.undo(writer: tracker)
        #expect(await tracker.tickets[1]?.status == "open")
        #expect(await tracker.tickets[2]?.status == "wont-fix", "someone else's change stays")
        #expect(await tracker.tickets[2]?.assignee == "ines")
        let result = try #require(undone.results.last)
        guard case .conflict(let current, let report) = result.kind else {
            Issue.record("expected a conflict, got \(result.kind)")
            return
        }
        #expect(current.status == "wont-fix")
        #expect(
            report.lines == [
                "status closed → wont-fix (changed on the forge)", "assignee noor → ines (changed on the forge)",
            ])
        #expect(
            undone.summary == "1 of 2 restored; #2 changed on the forge: status closed → wont-fix, assignee noor → ines"
        )
    }

    @Test func undoIsOnceAndTheLogSkipsActionsThatWroteNothing() async {
        let shown = [F.ticket(1), F.ticket(2)]
        let tracker = FakeTracker(shown)
        let log = UndoLog()
        #expect(await log.undo(writer: tracker).summary == "nothing to undo")

        await log.record(await F.apply(.setStatus("closed"), shown, tracker))
        // A later action that wrote nothing (failed everywhere) keeps the close undoable.
        await tracker.fail(1, with: .forbidden(reason: nil))
        await tracker.fail(2, with: .forbidden(reason: nil))
        let fresh = await Array(tracker.tickets.values)
        await log.record(await F.apply(.setMilestone("2.0"), fresh, tracker))
        #expect(await log.pendingSummary == "2 tickets closed")

        let calls = await tracker.updateCalls
        let concurrentUndo = await log.undo(writer: tracker)
        let second = await log.undo(writer: tracker)
        #expect(second.summary == "nothing to undo")
        #expect(await tracker.updateCalls == calls + 2, "the second undo writes nothing")
        #expect(concurrentUndo.results.count == 2)

        await log.record(concurrentUndo)
        #expect(!(await log.canUndo), "an undo is not recorded: undo is not redo")
    }

    @Test func inverseOfLabelsIsExact() {
        let before = F.ticket(1, labels: ["a", "b", "c"])
        let edit = TicketEdit(labelsAdded: ["d", "a"], labelsRemoved: ["b", "x"])
        let after = edit.applied(to: before)
        let entry = UndoEntry(before: before, after: after, edit: edit)
        #expect(entry.inverse.labelsAdded == ["b"])
        #expect(entry.inverse.labelsRemoved == ["d"])
        #expect(Set(entry.inverse.applied(to: after).labels) == Set(before.labels))
    }
}
