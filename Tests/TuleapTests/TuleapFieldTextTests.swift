import ForgeModel
import Foundation
import TestSupport
import Testing

@testable import Tuleap

/// Every field type of artifact 211 (the fixture with every value filled) rendered as one line.
@Suite("Tuleap field rendering")
struct TuleapFieldTextTests {
    let artifact: ArtifactJSON

    init() throws {
        artifact = try JSONDecoder().decode(ArtifactJSON.self, from: Fixtures.tuleap("artifacts-211.json"))
    }

    func shown(_ id: Int) throws -> String {
        TuleapFieldText.display(try #require(artifact.value(id)))
    }

    @Test("texts, numbers and dates: as written, date-only fields without a time or a zone shift")
    func scalars() throws {
        #expect(try shown(1532) == "Hello World!")
        #expect(try shown(4004) == "**extemporizing** art #210")
        #expect(try shown(4009) == "# **Hello _World!_** See art #213", "Markdown by its source")
        #expect(try shown(1533).hasPrefix("Lorem ipsum dolor sit amet"), "HTML as text")
        #expect(
            try shown(1558) == "12" && TuleapFieldText.fieldValue(try #require(artifact.value(1558))) == .number(12))
        #expect(try shown(1534) == "2.56")
        #expect(try shown(1535) == "2026-02-03")
        #expect(try shown(1542) == "2026-02-19 17:08")
        #expect(try shown(1572) == "2025-01-20 16:35" && shown(1573) == "2026-02-09 12:27")
        #expect(try shown(1570) == "211" && shown(1571) == "1" && shown(1580) == "249")
        #expect(try shown(1581) == "0", "a manual computed value")
    }

    @Test("lists by their bound values: static labels, usernames, group names, open lists; None is empty")
    func lists() throws {
        #expect(try shown(1550) == "g" && shown(1546) == "e" && shown(1555) == "j, l")
        #expect(try shown(1536) == "" && TuleapFieldText.fieldValue(try #require(artifact.value(1536))) == .empty)
        #expect(try shown(1537) == "fred" && shown(1547) == "alice")
        #expect(try shown(1551).contains("admin"))
        #expect(try shown(1557).hasPrefix("Project members, Project administrators, Registered and restricted users"))
        #expect(try shown(1548) == "Project administrators")
        #expect(try shown(1561) == "1")
        #expect(try shown(1562) == "john@example.com, fred")
        #expect(try shown(1563) == "Project members")
        let none = try JSONDecoder().decode(ArtifactJSON.self, from: Fixtures.tuleap("artifacts-212.json"))
        #expect(TuleapFieldText.display(try #require(none.value(1537))) == "", "the anonymous placeholder is None")
    }

    @Test("users, links, files, permissions, cross references, and types Anvil does not show")
    func others() throws {
        #expect(try shown(1574) == "fred" && shown(1575) == "fred")
        #expect(try shown(1564).hasPrefix("#9 (User Stories), #33 (Test 1) [_covered_by]"))
        #expect(try shown(1553) == "photo-1664205721306-728bf0f4c3e5.avif (773 KiB)")
        #expect(try shown(1565) == "registered_users, Custom")
        #expect(try shown(1576).hasPrefix("test_1 #33, task #318, story #9"))
        #expect(try shown(1585) == "(ttmstepdef field: not shown)")
    }

    @Test("a changeset as the spec shows it: an edited, private comment and a field change")
    func changesets() throws {
        let json = """
            [{"id": 9, "submitted_by": 102, "submitted_by_details": {"id": 102, "username": "fred",
              "display_name": "Fred Bob (fred)", "is_anonymous": false}, "submitted_on": "2026-02-09T12:00:00+01:00",
              "email": null, "last_comment": {"body": "", "post_processed_body": "", "format": "text", "ugroups": null},
              "last_modified_date": "2026-02-09T12:00:00+01:00",
              "values": [{"field_id": 1536, "type": "sb", "label": "static_select", "values": [], "bind_value_ids": []}]},
             {"id": 10, "submitted_by": 0, "submitted_by_details": null, "submitted_on": "2026-02-09T13:00:00+01:00",
              "email": "someone@example.org",
              "last_comment": {"body": "Only for \\u00e9quipe", "post_processed_body": "x", "format": "text",
                "ugroups": [{"id": "102_3", "uri": "user_groups/102_3", "label": "Project members"}]},
              "last_modified_date": "2026-02-09T14:00:00+01:00",
              "values": [{"field_id": 1536, "type": "sb", "label": "static_select",
                "values": [{"id": 473, "label": "a", "color": null, "tlp_color": "fiesta-red", "is_hidden": false}],
                "bind_value_ids": [473]}]}]
            """
        let changesets = try JSONDecoder().decode([ChangesetJSON].self, from: Data(json.utf8))
        #expect(
            changesets[1].lastComment.privateTo == ["Project members"] && changesets[0].lastComment.privateTo == nil)
        let posts = TuleapMapping.posts(changesets, previous: nil, tracker: nil)
        #expect(posts[0].text == "*created*" && posts[0].author == "fred" && posts[0].isMeta)
        #expect(posts[1].author == "someone@example.org" && posts[1].lastEdited != nil)
        #expect(posts[1].text == "*Private comment, for Project members*\n\nOnly for équipe\n\n- static_select: – → a")
    }

    @Test("the ticket: summary, status, assignee, description by semantics; fields by their short name")
    func ticket() throws {
        let tracker = try JSONDecoder().decode(TrackerJSON.self, from: Fixtures.tuleap("trackers-82.json"))
        let ticket = TuleapMapping.ticket(artifact, tracker: tracker)
        #expect(ticket.summary == "Hello World!" && ticket.status == "" && ticket.assignee == "admin")
        #expect(ticket.description?.hasPrefix("Lorem ipsum") == true)
        #expect(ticket.customFields["string_field"] == nil, "the title is not repeated as a field")
        #expect(ticket.customFields["date_field"] == .text("2026-02-03"))
        #expect(ticket.customFields["Assignees"] == .text("admin, fred"), "several assignees are listed")
        #expect(ticket.customFields["Reference"] == .text("all_fields_tracker #211"))
        #expect(ticket.modifiedStamp == "1770636460", "the Etag Tuleap would send: the last update's Unix time")
        let specs = TuleapMapping.fieldSpecs(tracker)
        #expect(specs.first { $0.key == "static_radio" }?.kind == .choice)
        #expect(specs.first { $0.key == "static_radio" }?.choices == ["d", "e", "f"])
        #expect(specs.first { $0.key == "int_field" }?.kind == .number)
        #expect(specs.first { $0.key == "artifact_id" }?.isWritable == false)
        #expect(!specs.contains { $0.key == "static_select" || $0.key == "left" }, "status and layout are not fields")
    }
}
