import ForgeModel
import Testing

@testable import AnvilApp

/// Change summaries, from the tickets as shown, for one ticket, several, grouped and unchanged ones,
/// and each kind of field.
@Suite struct TriageSummaryTests {
    static func ticket(
        _ number: Int, status: String = "open", assignee: String? = nil, labels: [String] = [],
        milestone: String? = nil, fields: [String: FieldValue] = [:], summary: String = "A ticket",
        description: String? = "Text"
    ) -> Ticket {
        Ticket(
            number: number, summary: summary, description: description, status: status, assignee: assignee,
            labels: labels, milestone: milestone, customFields: fields, modifiedStamp: "s\(number)")
    }

    static func text(_ action: TriageAction, _ tickets: [Ticket]) -> String {
        ChangeSummary(action: action, tickets: tickets).text
    }

    @Test func fieldNamesForDisplay() {
        #expect(FieldSpec.humanName("priority") == "Priority")
        #expect(FieldSpec.humanName("found_in") == "Found in")
        #expect(FieldSpec.humanName("Due date") == "Due date")
        #expect(FieldSpec.humanName("_") == "_")
    }

    @Test func statusOnOneTicket() {
        #expect(Self.text(.setStatus("closed"), [Self.ticket(12)]) == "#12 status: open → closed")
    }

    @Test func statusOnSeveralTicketsWithTheSameOldValue() {
        let tickets = [Self.ticket(1), Self.ticket(2), Self.ticket(3)]
        #expect(Self.text(.setStatus("closed"), tickets) == "3 tickets: status open → closed")
    }

    @Test func statusGroupedByOldValueMostCommonFirst() {
        let tickets = [
            Self.ticket(1, status: "pending"), Self.ticket(2), Self.ticket(3), Self.ticket(4, status: "pending"),
            Self.ticket(5),
        ]
        let summary = ChangeSummary(action: .setStatus("closed"), tickets: tickets)
        #expect(summary.text == "5 tickets: status open → closed (3), pending → closed (2)")
        #expect(summary.groups.map(\.numbers) == [[2, 3, 5], [1, 4]])
        #expect(summary.changed == [1, 2, 3, 4, 5])
    }

    @Test func unchangedTicketsAreCounted() {
        let tickets = [
            Self.ticket(1), Self.ticket(2, status: "closed"), Self.ticket(3), Self.ticket(4, status: "closed"),
            Self.ticket(5),
        ]
        let summary = ChangeSummary(action: .setStatus("closed"), tickets: tickets)
        #expect(summary.text == "3 tickets: status open → closed; 2 unchanged")
        #expect(summary.unchanged == [2, 4])
        #expect(
            Self.text(.setStatus("closed"), [Self.ticket(1), Self.ticket(2, status: "closed")])
                == "#1 status: open → closed; 1 unchanged")
        #expect(Self.text(.setStatus("closed"), [Self.ticket(2, status: "closed")]) == "#2 unchanged")
        #expect(
            Self.text(.setStatus("closed"), [Self.ticket(2, status: "closed"), Self.ticket(4, status: "closed")])
                == "2 tickets unchanged")
        #expect(Self.text(.setStatus("closed"), []) == "no tickets")
    }

    @Test func aTicketListedTwiceCountsOnce() {
        #expect(Self.text(.setStatus("closed"), [Self.ticket(7), Self.ticket(7)]) == "#7 status: open → closed")
    }

    @Test func labels() {
        let action = TriageAction.changeLabels(add: ["crash"], remove: ["ui"])
        #expect(Self.text(action, [Self.ticket(12, labels: ["ui", "core"])]) == "#12 labels: +crash −ui")
        let tickets = [
            Self.ticket(1, labels: ["ui"]), Self.ticket(2, labels: ["ui", "core"]), Self.ticket(3),
            Self.ticket(4, labels: ["crash"]),
        ]
        #expect(Self.text(action, tickets) == "3 tickets: labels +crash −ui (2), +crash (1); 1 unchanged")
        #expect(
            Self.text(action, [Self.ticket(1, labels: ["ui"]), Self.ticket(2, labels: ["ui"])])
                == "2 tickets: labels +crash −ui")
    }

    @Test func milestone() {
        let tickets = [Self.ticket(1, milestone: "1.1"), Self.ticket(2), Self.ticket(3, milestone: "1.1")]
        #expect(Self.text(.setMilestone("2.0"), tickets) == "3 tickets: milestone 1.1 → 2.0 (2), none → 2.0 (1)")
        #expect(Self.text(.setMilestone(nil), [Self.ticket(4, milestone: "1.1")]) == "#4 milestone: 1.1 → none")
        #expect(Self.text(.setMilestone(nil), [Self.ticket(4)]) == "#4 unchanged")

    }

    @Test func assignee() {
        #expect(Self.text(.setAssignee("mara"), [Self.ticket(3)]) == "#3 assignee: none → mara")
        let tickets = [Self.ticket(1, assignee: "noor"), Self.ticket(2, assignee: "mara"), Self.ticket(3)]
        #expect(
            Self.text(.setAssignee("mara"), tickets)
                == "2 tickets: assignee noor → mara (1), none → mara (1); 1 unchanged"
        )
        #expect(Self.text(.setAssignee(""), [Self.ticket(1, assignee: "noor")]) == "#1 unchanged")
    }

    @Test func customFieldsUseTheirDisplayNames() {
        let ticket = Self.ticket(9, fields: ["priority": .number(3)])
        #expect(Self.text(.setField("priority", .number(5)), [ticket]) == "#9 Priority: 3 → 5")
        #expect(Self.text(.setField("priority", .text("3")), [ticket]) == "#9 unchanged", "3 and \"3\" are equal")
        #expect(Self.text(.setField("found_in", .text("1.0")), [ticket]) == "#9 Found in: none → 1.0")
        #expect(Self.text(.setField("priority", .empty), [ticket]) == "#9 Priority: 3 → none")
        let flagged = [Self.ticket(1, fields: ["regression": .text("False")]), Self.ticket(2)]
        #expect(
            Self.text(.setField("regression", .bool(true)), flagged)
                == "2 tickets: Regression False → yes (1), none → yes (1)")
        #expect(Self.text(.setField("regression", .bool(false)), [flagged[0]]) == "#1 unchanged")
    }

    @Test func summaryAndDescription() {
        #expect(
            Self.text(.editSummary("Crash on start"), [Self.ticket(2)]) == "#2 summary: “A ticket” → “Crash on start”")
        #expect(Self.text(.editSummary(""), [Self.ticket(2)]) == "#2 unchanged", "forges reject an empty summary")
        let long = String(repeating: "x", count: 60)
        #expect(
            Self.text(.editSummary(long), [Self.ticket(2)]).hasSuffix("“" + String(repeating: "x", count: 39) + "…”"))
        #expect(Self.text(.editDescription("New text"), [Self.ticket(2)]) == "#2 description: edited")
        #expect(Self.text(.editDescription("Text"), [Self.ticket(2)]) == "#2 unchanged")
    }

    @Test func labelsTypedAtThePrompt() {
        #expect(TriageAction.labels(parsing: "+crash -ui") == .changeLabels(add: ["crash"], remove: ["ui"]))
        #expect(
            TriageAction.labels(parsing: "crash, −ui,core") == .changeLabels(add: ["crash", "core"], remove: ["ui"]))
        #expect(TriageAction.labels(parsing: "  ") == nil)
        #expect(TriageAction.labels(parsing: "- +") == nil)
    }

    @Test func perTicketEditsKeepOnlyWhatChanges() {
        let action = TriageAction.changeLabels(add: ["crash", "ui"], remove: ["old", "absent"])
        let edit = action.edit(for: Self.ticket(1, labels: ["ui", "old"]))
        #expect(edit.labelsAdded == ["crash"])
        #expect(edit.labelsRemoved == ["old"])
        #expect(TriageAction.setStatus("open").edit(for: Self.ticket(1)).isEmpty)
        #expect(TriageAction.changeLabels(add: ["a"], remove: ["a"]).edit == TicketEdit(labelsAdded: ["a"]))
    }
}
