import Allura
import ForgeModel
import Foundation
import HTTP
import TestSupport
import Testing

/// The `save` and `new` forms (§6.5) and the status choices (§6.1), as pure functions.
@Suite struct TicketFormTests {
    static let ticket = Ticket(
        number: 12, summary: "Crash when config file is empty", description: "Steps:\n\n1. run\n", status: "open",
        reporter: "kofi", assignee: "mara", labels: ["crash", "good first issue"], milestone: "1.1",
        customFields: [
            "priority": .text("high"), "estimate": .number(3), "effort": .number(2.5), "regression": .bool(false),
            "security": .bool(true), "reviewer": .text("kofi"), "notes": .empty,
        ], modifiedStamp: "2025-03-14 09:26:53.589000")

    static func dictionary(_ form: [(String, String)]) -> [String: String] {
        Dictionary(form, uniquingKeysWith: { first, _ in first })
    }

    @Test func saveFormHasEveryFieldKindInOrder() {
        let form = AlluraTicketForm.fields(for: Self.ticket)
        #expect(
            form.map(\.0) == [
                "ticket_form.summary", "ticket_form.description", "ticket_form.status", "ticket_form.assigned_to",
                "ticket_form.labels", "ticket_form.private", "ticket_form.discussion_disabled",
                "ticket_form._milestone",
                "ticket_form.custom_fields._effort", "ticket_form.custom_fields._estimate",
                "ticket_form.custom_fields._notes", "ticket_form.custom_fields._priority",
                "ticket_form.custom_fields._regression", "ticket_form.custom_fields._reviewer",
                "ticket_form.custom_fields._security",
            ])
        let values = Self.dictionary(form)
        #expect(values["ticket_form.summary"] == "Crash when config file is empty")
        #expect(values["ticket_form.description"] == "Steps:\n\n1. run\n")
        #expect(values["ticket_form.status"] == "open")
        #expect(values["ticket_form.assigned_to"] == "mara")
        #expect(values["ticket_form.labels"] == "crash,good first issue")
        #expect(values["ticket_form.private"] == "false")
        #expect(values["ticket_form.discussion_disabled"] == "false")
        #expect(values["ticket_form._milestone"] == "1.1")
        #expect(values["ticket_form.custom_fields._milestone"] == nil)
        #expect(values["ticket_form.custom_fields._priority"] == "high")
        #expect(values["ticket_form.custom_fields._estimate"] == "3")
        #expect(values["ticket_form.custom_fields._effort"] == "2.5")
        #expect(values["ticket_form.custom_fields._regression"] == "false")
        #expect(values["ticket_form.custom_fields._security"] == "true")
        #expect(values["ticket_form.custom_fields._reviewer"] == "kofi")
        #expect(values["ticket_form.custom_fields._notes"] == "")
    }

    @Test func emptyLabelsAndNoMilestoneAreStillSentButNoAssigneeIsNot() {
        var ticket = Self.ticket
        ticket.labels = []
        ticket.milestone = nil
        ticket.assignee = nil
        ticket.isPrivate = true
        ticket.discussionDisabled = true
        let values = Self.dictionary(AlluraTicketForm.fields(for: ticket))
        #expect(values["ticket_form.labels"] == "")
        #expect(values["ticket_form._milestone"] == "")
        #expect(values["ticket_form.assigned_to"] == nil)
        #expect(values["ticket_form.status"] == "open")
        #expect(values["ticket_form.private"] == "true")
        #expect(values["ticket_form.discussion_disabled"] == "true")
    }

    @Test func summaryAndStatusAreLeftOutOnlyWhenEmpty() {
        // A ticket created without summary or status: sending "" would be rejected.
        let ticket = Ticket(number: 7, summary: "", description: "", status: "")
        let names = AlluraTicketForm.fields(for: ticket).map(\.0)
        #expect(!names.contains("ticket_form.summary") && !names.contains("ticket_form.status"))
        #expect(names.contains("ticket_form.labels") && names.contains("ticket_form._milestone"))
        #expect(names.contains("ticket_form.description"))
    }

    @Test func editAppliedToTheTicketOnlyChangesWhatItSets() {
        let edit = TicketEdit(
            status: "closed", labelsAdded: ["fixed"], labelsRemoved: ["crash"], milestone: .some("2.0"),
            fields: ["priority": .text("low")])
        let before = Self.dictionary(AlluraTicketForm.fields(for: Self.ticket))
        let after = Self.dictionary(AlluraTicketForm.fields(for: edit.applied(to: Self.ticket)))
        #expect(after["ticket_form.status"] == "closed")
        #expect(after["ticket_form.labels"] == "good first issue,fixed")
        #expect(after["ticket_form._milestone"] == "2.0")
        #expect(after["ticket_form.custom_fields._priority"] == "low")
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(
            changed == [
                "ticket_form.status", "ticket_form.labels", "ticket_form._milestone",
                "ticket_form.custom_fields._priority",
            ])
    }

    @Test(arguments: [
        (FieldValue.number(3), "3"), (.number(-4), "-4"), (.number(2.5), "2.5"), (.number(0), "0"),
        (.bool(true), "true"), (.bool(false), "false"), (.empty, ""), (.text("a, b"), "a, b"),
    ])
    func fieldValuesAsFormText(value: FieldValue, text: String) {
        #expect(AlluraTicketForm.text(of: value) == text)
    }

    @Test func newFormAlwaysSendsSummaryAndStatus() {
        let minimal = AlluraTicketForm.newFields(for: TicketEdit(summary: "Crash"))
        #expect(minimal.map(\.0) == ["ticket_form.summary", "ticket_form.status"])
        #expect(minimal.map(\.1) == ["Crash", "open"])

        let full = AlluraTicketForm.newFields(
            for: TicketEdit(
                summary: "Crash", description: "It crashes", status: "accepted", assignee: "mara",
                labelsAdded: ["a", "b", "a"], milestone: .some("1.1"),
                fields: ["estimate": .number(2), "regression": .bool(true)]))
        #expect(
            Self.dictionary(full) == [
                "ticket_form.summary": "Crash", "ticket_form.status": "accepted",
                "ticket_form.description": "It crashes", "ticket_form.assigned_to": "mara",
                "ticket_form.labels": "a,b", "ticket_form._milestone": "1.1",
                "ticket_form.custom_fields._estimate": "2", "ticket_form.custom_fields._regression": "true",
            ])
    }

    @Test func ignoredPartsNameWhatDidNotStick() {
        var result = Self.ticket
        result.labels = ["crash"]
        result.customFields["reviewer"] = .empty
        result.customFields["regression"] = nil
        let edit = TicketEdit(
            status: "open", assignee: "nobody", labelsAdded: ["x"], labelsRemoved: ["crash"], milestone: .some("1.1"),
            fields: ["reviewer": .text("ghost"), "regression": .bool(false)])
        #expect(
            AlluraTicketForm.ignoredParts(of: edit, result: result) == [
                "assignee nobody was not accepted", "label x was not added", "label crash was not removed",
                "reviewer ghost was not accepted",
            ])
        #expect(
            AlluraTicketForm.ignoredParts(of: TicketEdit(assignee: ""), result: result) == [
                "unassigning is not possible over REST; still assigned to mara"
            ])
        #expect(AlluraTicketForm.ignoredParts(of: TicketEdit(status: "open"), result: result).isEmpty)
        #expect(
            AlluraTicketForm.ignoredParts(of: TicketEdit(summary: ""), result: result) == [
                "an empty summary is not accepted"
            ])
    }

    // MARK: Status choices

    static let defaultBins = [
        SavedSearch(name: "Changes", query: "!status:closed && !status:wont-fix", sort: "mod_date_dt desc"),
        SavedSearch(name: "Closed Tickets", query: "status:closed OR status:wont-fix"),
        SavedSearch(name: "Open Tickets", query: "!status:closed && !status:wont-fix"),
    ]

    @Test func statusChoicesFromDefaultsTicketsAndFacets() {
        let choices = AlluraStatusChoices.build(
            tickets: [
                Ticket(number: 1, summary: "", status: "needs-info"), Ticket(number: 2, summary: "", status: ""),
            ],
            facets: [FacetValue(value: "open", count: 9), FacetValue(value: "blocked", count: 2)],
            savedSearches: Self.defaultBins, override: nil)
        #expect(choices.open == ["open", "unread", "accepted", "pending", "needs-info", "blocked"])
        #expect(choices.closed == ["closed", "wont-fix", "invalid"])
    }

    @Test func statusChoicesFromCustomBinsDropTheDefaults() {
        let bins = [
            SavedSearch(name: "Closed Tickets", query: "status:done OR status:\"declined\""),
            SavedSearch(name: "Open Tickets", query: "!status:done && -status:declined && NOT status:archived"),
        ]
        #expect(AlluraStatusChoices.closedStatuses(in: bins) == ["done", "declined", "archived"])
        let choices = AlluraStatusChoices.build(
            tickets: [
                Ticket(number: 1, summary: "", status: "planned"), Ticket(number: 2, summary: "", status: "done"),
            ],
            facets: [FacetValue(value: "open", count: 3), FacetValue(value: "in-progress", count: 1)],
            savedSearches: bins, override: nil)
        #expect(choices.open == ["planned", "open", "in-progress"])
        #expect(choices.closed == ["done", "declined", "archived"])
    }

    @Test func statusChoicesOverrideWins() {
        let choices = AlluraStatusChoices.build(
            tickets: [Ticket(number: 1, summary: "", status: "wont-fix")], facets: [],
            savedSearches: Self.defaultBins, override: (open: ["wont-fix", "triage"], closed: ["shipped"]))
        #expect(choices.open.prefix(2) == ["wont-fix", "triage"])
        #expect(choices.closed == ["shipped", "closed", "invalid"])
        #expect(!choices.closed.contains("wont-fix"))
    }

    @Test func statusChoicesWithoutBinsAreTheDefaults() {
        let choices = AlluraStatusChoices.build(tickets: [], facets: [], savedSearches: [], override: nil)
        #expect(choices.open == AlluraStatusChoices.defaultOpen)
        #expect(choices.closed == AlluraStatusChoices.defaultClosed)
    }

    @Test func allowedValuesFromAValidationMessage() {
        let lines = [
            "_milestone: Value must be one of: 1.0; 1.1; 2.0 (not '9.9')",
            "status: Value must be one of: open; unread; accepted; pending; closed; wont-fix (not 'bogus')",
        ]
        #expect(
            AlluraStatusChoices.fromValidation(lines)
                == ["open", "unread", "accepted", "pending", "closed", "wont-fix"])
        #expect(AlluraStatusChoices.fromValidation(lines, field: "_milestone") == ["1.0", "1.1", "2.0"])
        #expect(AlluraStatusChoices.fromValidation(["summary: You must provide a Title"]) == nil)
        #expect(AlluraStatusChoices.fromValidation([]) == nil)
    }
}

/// Allura's REST API does not describe custom fields: they are learnt from the tickets seen.
@Suite struct FieldInferenceTests {
    @Test func kindsAndValuesInUseComeFromTheTicketsAndFacets() throws {
        let json: AlluraTicketSearchJSON = try fixture("tickets-search-status-open.json")
        let page = AlluraMapping.ticketSearchPage(json, requestedPage: 0, requestedLimit: 10)
        let forge = try AlluraForge(
            baseURL: URL(string: "https://forge.example.org")!, token: nil,
            transport: RecordingTransport(StubTransport([:])))
        let facets = ["_priority": [FacetValue(value: "urgent", count: 1)]]
        let specs = forge.fieldSpecs(seen: page.tickets, facets: facets, tracker: TrackerInfo())
        #expect(specs.map(\.key) == ["component", "estimate", "priority", "regression", "reviewer"])
        #expect(specs.map(\.name) == ["Component", "Estimate", "Priority", "Regression", "Reviewer"])
        let byKey = Dictionary(uniqueKeysWithValues: specs.map { ($0.key, $0) })
        #expect(byKey["estimate"]?.kind == .number, "numbers (and empty values) only")
        #expect(byKey["regression"]?.kind == .flag)
        #expect(byKey["priority"]?.kind == .text)
        #expect(byKey["priority"]?.choices.prefix(2) == ["urgent", "normal"], "facet values, then values seen")
        #expect(specs.allSatisfy { $0.isWritable })
        #expect(!specs.contains { $0.key == "milestone" || $0.key.hasPrefix("_") })
    }
}
