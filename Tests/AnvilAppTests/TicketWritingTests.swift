import DemoForge
import ForgeModel
import Foundation
import Store
import Testing

@testable import AnvilApp

/// Creating and editing tickets through the editor, and custom fields from the prompt.
@Suite struct TicketWritingTests {
    static let tracker = "p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/"

    static func harness(edit: @escaping (String) -> String?) throws -> DemoHarness {
        var options = AppOptions()
        options.state = LocalState(store: try StateStore.inMemory())
        options.editText = edit
        return try DemoHarness(width: 120, height: 30, options: options)
    }

    @Test func templateRoundTrip() throws {
        let fields = [
            FieldSpec(key: "priority", name: "Priority", choices: ["high", "low"]),
            FieldSpec(key: "points", name: "Points", kind: .number),
            FieldSpec(key: "Closed by", name: "Closed by", isWritable: false),
        ]
        let template = TicketTemplate.text(trackerLabel: "Tickets", fields: fields, milestone: "1.1")
        #expect(template.contains("# Priority: in use: high, low\nPriority: \n"))
        #expect(template.contains("# Points: a number\nPoints: \n"))
        #expect(!template.contains("Closed by"), "read-only fields are not offered")
        let filled =
            template
            .replacingOccurrences(of: "Summary: ", with: "Summary: Crash on start")
            .replacingOccurrences(of: "Labels: ", with: "Labels: crash, good first issue")
            .replacingOccurrences(of: "Priority: \n", with: "Priority: high\n")
            .replacingOccurrences(of: "Points: \n", with: "Points: 3\n")
            + "It crashes.\n\nEvery time."
        let edit = try TicketTemplate.parse(filled, fields: fields)
        #expect(edit.summary == "Crash on start")
        #expect(edit.status == "open")
        #expect(edit.labelsAdded == ["crash", "good first issue"])
        #expect(edit.milestone == .some("1.1"))
        #expect(edit.fields == ["priority": .text("high"), "points": .number(3)])
        #expect(edit.description == "It crashes.\n\nEvery time.")
        #expect(throws: TicketTemplate.ParseError.missingSummary) { try TicketTemplate.parse(template, fields: fields) }
        #expect(throws: TicketTemplate.ParseError.unknownField("Colour")) {
            try TicketTemplate.parse("Summary: x\nColour: red", fields: fields)
        }
        #expect(throws: TicketTemplate.ParseError.unknownField("_priority"), "keys are the forge-neutral ones") {
            try TicketTemplate.parse("Summary: x\n_priority: high", fields: fields)
        }
        #expect(throws: TicketTemplate.ParseError.badValue("Points takes a number, not many")) {
            try TicketTemplate.parse("Summary: x\nPoints: many", fields: fields)
        }
        // A field named by its key in brackets, as older templates wrote it.
        let bracketed = try TicketTemplate.parse("Summary: x\nWhatever [priority]: low", fields: fields)
        #expect(bracketed.fields == ["priority": .text("low")])
    }

    @Test func createFromTheTemplateOpensTheNewTicket() async throws {
        try await onUIThread {
            let h = try Self.harness { template in
                template.replacingOccurrences(of: "Summary: ", with: "Summary: Made from the editor")
                    + "Described here."
            }
            try h.open(Self.tracker)
            h.press(.char("C"))
            #expect(h.status.contains("Created #\(DemoNames.mainTicketCount + 1)"), "\(h.status)")
            #expect(h.app.top is TicketView)
            let created = try #require(h.forge.ticket(number: DemoNames.mainTicketCount + 1))
            #expect(created.summary == "Made from the editor")
            #expect(created.description == "Described here.")
            #expect(created.status == "open")
        }
    }

    @Test func aFailedCreateKeepsTheDraft() async throws {
        try await onUIThread {
            let offered = Recorder()
            let h = try Self.harness { template in
                offered.append(template)
                return template.contains("Kept")
                    ? template : template.replacingOccurrences(of: "Summary: ", with: "Summary: Kept")
            }
            h.forge.addFault(DemoForge.FaultRule(pathContains: "/new", method: "POST", status: 500, times: 1))
            try h.open(Self.tracker)
            h.press(.char("C"))
            #expect(h.status.contains("draft kept"), "\(h.status)")
            h.press(.char("C"))
            #expect(offered.items.count == 2)
            #expect(offered.items.last?.contains("Summary: Kept") == true, "the draft comes back")
            #expect(h.status.contains("Created"))
        }
    }

    @Test func editSummaryAndDescriptionInTheEditor() async throws {
        try await onUIThread {
            let h = try Self.harness { text in
                let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                return "Better summary\n" + (lines.count > 1 ? String(lines[1]) : "") + "\nMore detail."
            }
            try h.open(Self.tracker + "12/")
            let before = try #require(h.forge.ticket(number: 12))
            h.press(.char("e"))
            let after = try #require(h.forge.ticket(number: 12))
            #expect(after.summary == "Better summary")
            #expect(after.description.hasSuffix("More detail."))
            #expect(after.status == before.status)
            #expect(after.labels == before.labels)
        }
    }

    @Test func setACustomFieldFromThePrompt() async throws {
        try await onUIThread {
            let h = try Self.harness { _ in nil }
            try h.open(Self.tracker + "12/")
            h.submit(":", "set priority high")
            #expect(h.forge.ticket(number: 12)?.customFields["_priority"] == .string("high"))
            // A value the tracker does not allow comes back with the forge's message, naming the ticket.
            h.submit(":", "set priority urgent")
            #expect(h.forge.ticket(number: 12)?.customFields["_priority"] == .string("high"))
            #expect(h.status.contains("#12"), "\(h.status)")
            h.submit(":", "set")
            #expect(h.status.contains("Usage: :set"))
            // A yes/no field learnt from the ticket refuses another word before anything is sent.
            h.submit(":", "set regression maybe")
            #expect(h.status.contains("Regression takes yes or no, not maybe"), "\(h.status)")
            h.submit(":", "set colour red")
            #expect(h.status.contains("no field colour") && h.status.contains("priority"), "\(h.status)")
        }
    }

    @Test func setNamesAFieldByKeyOrByAMultiWordName() {
        let fields = [
            FieldSpec(key: "found", name: "Found"), FieldSpec(key: "found_in", name: "Found in"),
        ]
        let (byName, value) = try! #require(TicketCommands.fieldAndValue("found in 2.0 beta", fields: fields))
        #expect(byName.key == "found_in" && value == "2.0 beta")
        let (byKey, other) = try! #require(TicketCommands.fieldAndValue("FOUND_IN 3", fields: fields))
        #expect(byKey.key == "found_in" && other == "3")
        #expect(TicketCommands.fieldAndValue("missing 3", fields: fields) == nil)
    }
}

@Suite struct TrackerStatusConfigTests {
    @Test func trackersTableParsesAndOverridesTheStatusSplit() async throws {
        let config = try AnvilConfig.parse(
            "[trackers.\"p/anvil-demo/bugs\"]\nopen = [\"open\", \"triaged\"]\nclosed = [\"done\"]\n", file: "c.toml")
        #expect(
            config.trackerStatuses["p/anvil-demo/bugs"] == TrackerStatuses(open: ["open", "triaged"], closed: ["done"]))
        #expect(throws: ConfigError.self) { try AnvilConfig.parse("[trackers.x]\nopen = [\"a\"]\n", file: "c.toml") }
        #expect(throws: ConfigError.self) {
            try AnvilConfig.parse("[trackers.x]\nopen = []\nclosed = []\nshut = []\n", file: "c.toml")
        }
        try await onUIThread {
            var options = AppOptions()
            options.trackerStatuses = config.trackerStatuses
            let h = try DemoHarness(width: 120, height: 30, options: options)
            try h.open("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/")
            let view = try #require(h.app.top as? TicketListView)
            #expect(view.triage.isClosed("done", seen: []))
            #expect(!view.triage.isClosed("closed", seen: []), "the override replaces the defaults")
        }
    }
}
