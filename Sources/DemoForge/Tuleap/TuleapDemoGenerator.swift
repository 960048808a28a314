import Foundation

/// Builds the Tuleap demo's deterministic data: two projects, three trackers (one with every
/// field type, one with a workflow), artifacts with changesets in every comment format, a wiki.
enum TuleapDemoGenerator {
    static let users = [
        TuleapDemoUser(id: 101, username: "alice", realName: "Alice Martin"),
        TuleapDemoUser(id: 102, username: "bob", realName: "Bob Keller"),
        TuleapDemoUser(id: 103, username: "carol", realName: "Carol Diaz"),
    ]

    static let start = DemoTime.millis(year: 2026, month: 3, day: 2, hour: 9)

    static func bugTracker() -> TuleapDemoTracker {
        let fields = [
            TuleapDemoField(id: 1001, name: "summary", label: "Summary", type: "string", required: true),
            TuleapDemoField(id: 1002, name: "details", label: "Details", type: "text"),
            TuleapDemoField(
                id: 1003, name: "status", label: "Status", type: "sb",
                values: [(2001, "New"), (2002, "In progress"), (2003, "Fixed"), (2004, "Won't fix")]),
            TuleapDemoField(id: 1004, name: "assigned_to", label: "Assigned to", type: "sb", boundToUsers: true),
            TuleapDemoField(
                id: 1005, name: "severity", label: "Severity", type: "sb",
                values: [(2101, "Minor"), (2102, "Major"), (2103, "Critical")]),
            TuleapDemoField(
                id: 1006, name: "components", label: "Components", type: "msb",
                values: [(2201, "ui"), (2202, "network"), (2203, "docs")]),
            TuleapDemoField(
                id: 1020, name: "platform", label: "Platform", type: "rb", values: [(2301, "Linux"), (2302, "macOS")]),
            TuleapDemoField(
                id: 1021, name: "checks", label: "Checks", type: "cb", values: [(2401, "reproduced"), (2402, "tested")]),
            TuleapDemoField(id: 1019, name: "tags", label: "Tags", type: "tbl"),
            TuleapDemoField(id: 1007, name: "effort", label: "Effort", type: "float"),
            TuleapDemoField(id: 1008, name: "story_points", label: "Story points", type: "int"),
            TuleapDemoField(id: 1009, name: "due_date", label: "Due date", type: "date"),
            TuleapDemoField(id: 1017, name: "remaining", label: "Remaining effort", type: "computed"),
            TuleapDemoField(id: 1014, name: "links", label: "Links", type: "art_link"),
            TuleapDemoField(id: 1015, name: "attachments", label: "Attachments", type: "file"),
            TuleapDemoField(id: 1018, name: "references", label: "References", type: "cross"),
            TuleapDemoField(id: 1010, name: "artifact_id", label: "Artifact ID", type: "aid"),
            TuleapDemoField(id: 1011, name: "submitted_by", label: "Submitted by", type: "subby"),
            TuleapDemoField(id: 1012, name: "submitted_on", label: "Submitted on", type: "subon"),
            TuleapDemoField(id: 1013, name: "last_update_date", label: "Last update", type: "lud"),
        ]
        return TuleapDemoTracker(
            id: TuleapDemoNames.bugTracker, projectID: TuleapDemoNames.mainProjectID, label: "Bugs", itemName: "bug",
            colorName: "fiesta-red", fields: fields, titleField: 1001, descriptionField: 1002, statusField: 1003,
            openValues: [2001, 2002], contributorField: 1004, transitions: nil)
    }

    static func taskTracker() -> TuleapDemoTracker {
        let fields = [
            TuleapDemoField(id: 1101, name: "title", label: "Title", type: "string", required: true),
            TuleapDemoField(id: 1102, name: "description", label: "Description", type: "text"),
            TuleapDemoField(
                id: 1103, name: "status", label: "Status", type: "sb",
                values: [(2501, "Todo"), (2502, "Doing"), (2503, "Done")]),
            TuleapDemoField(id: 1104, name: "assignee", label: "Assignee", type: "sb", boundToUsers: true),
            TuleapDemoField(id: 1110, name: "artifact_id", label: "Artifact ID", type: "aid"),
        ]
        return TuleapDemoTracker(
            id: TuleapDemoNames.taskTracker, projectID: TuleapDemoNames.mainProjectID, label: "Tasks", itemName: "task",
            colorName: "acid-green", fields: fields, titleField: 1101, descriptionField: 1102, statusField: 1103,
            openValues: [2501, 2502], contributorField: 1104,
            transitions: [(nil, 2501), (2501, 2502), (2502, 2503), (2503, 2501), (2501, 2503)])
    }

    static func requestTracker() -> TuleapDemoTracker {
        let fields = [
            TuleapDemoField(id: 1201, name: "title", label: "Title", type: "string", required: true),
            TuleapDemoField(id: 1202, name: "body", label: "Body", type: "text"),
            TuleapDemoField(
                id: 1203, name: "state", label: "State", type: "sb", values: [(2601, "Open"), (2602, "Closed")]),
            TuleapDemoField(id: 1204, name: "owner", label: "Owner", type: "sb", boundToUsers: true),
        ]
        return TuleapDemoTracker(
            id: TuleapDemoNames.requestTracker, projectID: TuleapDemoNames.otherProjectID, label: "Requests",
            itemName: "request", colorName: "deep-blue", fields: fields, titleField: 1201, descriptionField: 1202,
            statusField: 1203, openValues: [2601], contributorField: 1204, transitions: nil)
    }

    static let subjects = [
        "Crash on empty config", "Tracker list flickers on resize", "Wrong date in follow-ups",
        "Login loops after expiry",
        "Search ignores quotes", "Wiki page renders tables badly", "Assignee picker is slow", "Status colours missing",
    ]

    static func make() -> TuleapDemoData {
        let trackers = [bugTracker(), taskTracker(), requestTracker()]
        var data = TuleapDemoData(
            users: users,
            projects: [
                TuleapDemoProject(
                    id: TuleapDemoNames.mainProjectID, shortname: TuleapDemoNames.mainProject, label: "Anvil Demo",
                    icon: "🔨", description: "A Tuleap project that only exists to be browsed.", hasWiki: true),
                TuleapDemoProject(
                    id: TuleapDemoNames.otherProjectID, shortname: TuleapDemoNames.otherProject, label: "Website",
                    icon: "", description: "The public website.", hasWiki: false),
            ],
            trackers: trackers, artifacts: [:], wiki: wiki(), nextChangeset: 5000)
        for id in 1...TuleapDemoNames.bugCount { add(bug(id), to: &data, tracker: trackers[0]) }
        for id in 200..<212 { add(task(id), to: &data, tracker: trackers[1]) }
        for id in 300..<305 {
            let values: [Int: TuleapDemoValue] = [
                1201: .string("Request \(id - 299): " + subjects[id % subjects.count].lowercased()),
                1202: .text("Please look at this.", format: "text"), 1203: .list([id % 2 == 0 ? 2601 : 2602]),
                1204: .list([]),
            ]
            add((id, values, [], false), to: &data, tracker: trackers[2])
        }
        return data
    }

    typealias Seed = (id: Int, values: [Int: TuleapDemoValue], followUps: [FollowUp], isPrivate: Bool)

    /// A follow-up: a comment in a format, and the values it changes.
    struct FollowUp {
        let by: Int
        let comment: String
        let format: String
        let changes: [Int: TuleapDemoValue]
    }

    static func bug(_ id: Int) -> Seed {
        var values: [Int: TuleapDemoValue] = [
            1001: .string(subjects[id % subjects.count] + (id > subjects.count ? " (\(id))" : "")),
            1002: .text(
                id % 3 == 0
                    ? "<p>Steps:</p><ol><li>open Anvil</li><li>press <b>r</b></li></ol>"
                    : "Steps:\n\n1. open Anvil\n2. press `r`",
                format: id % 3 == 0 ? "html" : "commonmark"),
            1003: .list([[2001, 2002, 2003, 2004][id % 4]]), 1004: .list(id % 5 == 0 ? [] : [users[id % 3].id]),
            1005: .list([[2101, 2102, 2103][id % 3]]), 1006: .list(id % 2 == 0 ? [2201, 2202] : [2203]),
            1020: .list([id % 2 == 0 ? 2301 : 2302]), 1021: .list(id % 4 == 0 ? [2401] : []),
            1019: .tags(id % 2 == 0 ? ["regression"] : []), 1007: .float(Double(id % 7) + 0.5),
            1008: .int(id % 8), 1009: .date(id % 2 == 0 ? "2026-12-\(10 + id % 18)" : nil), 1017: .computed(nil),
            1014: .links(id > 1 ? [id - 1] : []), 1015: .files(id % 10 == 0 ? [("trace.log", 20_480)] : []),
        ]
        var followUps: [FollowUp] = []
        if id == TuleapDemoNames.busyBug {
            values[1003] = .list([2001])
            values[1004] = .list([102])
            followUps = [
                FollowUp(by: 102, comment: "I can reproduce it with an empty file.", format: "text", changes: [:]),
                FollowUp(
                    by: 103, comment: "<p>Looks like the <em>parser</em> fails first.</p>", format: "html",
                    changes: [1003: .list([2002])]),
                FollowUp(by: 101, comment: "", format: "text", changes: [1005: .list([2103]), 1004: .list([101])]),
                FollowUp(
                    by: 101, comment: "Fixed in **abc123**:\n\n- check the file size\n- say so", format: "commonmark",
                    changes: [:]),
            ]
        } else if id % 4 == 1 {
            followUps = [
                FollowUp(by: users[(id + 1) % 3].id, comment: "Seen again today.", format: "text", changes: [:])
            ]
        }
        return (id, values, followUps, TuleapDemoNames.hiddenBugs.contains(id))
    }

    static func task(_ id: Int) -> Seed {
        let values: [Int: TuleapDemoValue] = [
            1101: .string("Task \(id - 199): " + ["write docs", "review paging", "triage bugs", "release"][id % 4]),
            1102: .text("Do it **well**.", format: "commonmark"), 1103: .list([[2501, 2502, 2503][id % 3]]),
            1104: .list([users[id % 3].id]),
        ]
        return (id, values, [], false)
    }

    /// Adds an artifact: its creation changeset, then its follow-ups an hour apart.
    static func add(_ seed: Seed, to data: inout TuleapDemoData, tracker: TuleapDemoTracker) {
        let created = start + Int64(seed.id) * DemoTime.hour
        let author = users[seed.id % 3].id
        var values = seed.values
        var changesets = [
            TuleapDemoChangeset(
                id: data.nextChangeset, by: author, on: created, comment: "", format: "text", values: values)
        ]
        data.nextChangeset += 1
        var time = created
        for followUp in seed.followUps {
            time += DemoTime.hour
            for (field, value) in followUp.changes { values[field] = value }
            changesets.append(
                TuleapDemoChangeset(
                    id: data.nextChangeset, by: followUp.by, on: time, comment: followUp.comment,
                    format: followUp.format, values: values))
            data.nextChangeset += 1
        }
        data.artifacts[seed.id] = TuleapDemoArtifact(
            id: seed.id, trackerID: tracker.id, submittedBy: author, submittedOn: created, lastModified: time,
            lastUpdateBy: changesets.last?.by ?? author, isPrivate: seed.isPrivate, values: values,
            changesets: changesets)
    }

    static func wiki() -> [TuleapDemoWikiPage] {
        [
            TuleapDemoWikiPage(
                id: 6097, projectID: TuleapDemoNames.mainProjectID, name: "WithContent",
                content: "Content v4\n\n_this is a content in italic_\n\n* a\n* b",
                html:
                    "<div class=\"wikitext\"><p>Content v4</p>\n<p><i>this is a content in italic</i></p>\n<ul><li>a</li>\n<li>b</li></ul></div>"
            ),
            TuleapDemoWikiPage(
                id: 6100, projectID: TuleapDemoNames.mainProjectID, name: "With Space",
                content: "A page whose name has a space.",
                html: "<div class=\"wikitext\"><p>A page whose name has a space.</p></div>"),
        ]
    }
}
