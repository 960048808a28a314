import DemoForge
import ForgeModel
import Foundation
import TerminalUI
import TestSupport
import Testing
import Text

@testable import AnvilApp

/// The same views on the Tuleap demo: a project with its trackers and wiki, a tracker's
/// artifacts paged lazily past a page that permissions emptied, an artifact with every field type
/// and its changesets as a flat thread, triage writes with If-Match, and the conflict flow.
@Suite("Tuleap screens", .serialized)
struct TuleapScreenTests {
    static let sizes = [(80, 24), (120, 40)]
    static let project = "/projects/\(TuleapDemoNames.mainProject)/"
    static let bugs = "/plugins/tracker/?tracker=\(TuleapDemoNames.bugTracker)"

    static func type(_ h: DemoHarness, _ text: String) {
        for character in text { h.press(.char(character)) }
    }

    @Test("the project shows its label, description and tools: each tracker and the wiki", arguments: sizes)
    func project(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: size.0, height: size.1, demo: TuleapDemoForge())
            try h.open(Self.project)
            #expect(h.title == "tuleap › Anvil Demo")
            #expect(h.lines[1] == "Anvil Demo")
            #expect(h.screen.contains("A Tuleap project that only exists to be browsed."))
            #expect(h.lines.contains { $0.hasPrefix("▶ Bugs (bug · fiesta-red)") })
            #expect(h.lines.contains { $0.hasPrefix("  Tasks (task · acid-green)") })
            #expect(h.lines.contains { $0.hasPrefix("  Wiki") })
            #expect(!h.screen.lowercased().contains("forum"))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        }
    }

    @Test("the artifact list counts at most the server's size and pages past an emptied page", arguments: sizes)
    func list(size: (Int, Int)) async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            let h = try DemoHarness.tuleap(width: size.0, height: size.1, demo: demo)
            try h.open(Self.bugs)
            #expect(h.title == "tuleap › Anvil Demo › Bugs (bug · fiesta-red)", "\(h.title)")
            #expect(h.lines[0].hasSuffix("1/≤\(TuleapDemoNames.bugCount)"), "\(h.lines[0])")
            #expect(h.cursorLine?.contains("#130") == true, "\(h.cursorLine ?? "")")
            #expect(h.screen.contains("In progress") || h.screen.contains("In progre…"))
            // The tracker's own select fields are columns when there is room.
            #expect(h.lines[1].contains("Severity") && !h.lines[1].contains("Labels"), "\(h.lines[1])")
            #expect(h.cursorLine?.contains("Critical") == true, "\(h.cursorLine ?? "")")
            for _ in 0..<6 where h.cursorLine?.contains("#1 ") != true { h.press(.char("G")) }
            #expect(h.cursorLine?.contains("#1 ") == true, "the bugs after the hidden page load: \(h.cursorLine ?? "")")
            // The end is known, but a page between was skipped: the count is still a bound.
            #expect(h.lines[0].hasSuffix("130/≤130"), "\(h.lines[0])")
            for _ in 0..<60 { h.press(.char("k")) }
            // Every page has arrived: only the bugs the caller may see are left, counted exactly.
            #expect(h.lines[0].hasSuffix("/80"), "\(h.lines[0])")
            #expect(!h.lines[1].contains("Miles."), "Tuleap trackers have no milestones: \(h.lines[1])")
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        }
    }

    @Test("an artifact shows every field by its label, then the follow-ups", arguments: sizes)
    func artifact(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: size.0, height: size.1, demo: TuleapDemoForge())
            try h.open("/plugins/tracker/?aid=\(TuleapDemoNames.busyBug)")
            #expect(h.title.hasSuffix("› #130"), "\(h.title)")
            let rows = h.allRows.joined(separator: "\n")
            for expected in [
                "Wrong date in follow-ups (130)", "In progress", "Critical", "ui, network", "regression", "4.5",
                "2026-12-14", "#129 (Bugs)", "trace.log (20 KiB)", "bug #130", "I can reproduce it with an empty file.",
                "Looks like the parser fails first.", "Status: New → In progress", "Fixed in abc123",
            ] {
                #expect(rows.contains(expected), "\(expected) in\n\(rows)")
            }
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        }
    }

    @Test("the follow-ups open as a flat thread: no post hangs under another")
    func flatThread() async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: 100, height: 30, demo: TuleapDemoForge())
            try h.open("/plugins/tracker/?aid=\(TuleapDemoNames.busyBug)")
            h.press(.char("G"), .enter)
            #expect(h.app.top is ThreadView, "\(h.title)")
            let rows = h.allRows
            #expect(rows.contains { $0.contains("I can reproduce it with an empty file.") }, "\(rows)")
            #expect(!rows.contains { $0.contains("└─") || $0.contains("├─") }, "a flat thread: \(rows.prefix(12))")
        }
    }

    @Test("the PhpWiki lists its pages and shows one, read-only", arguments: sizes)
    func wiki(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: size.0, height: size.1, demo: TuleapDemoForge())
            try h.open("/wiki/?group_id=\(TuleapDemoNames.mainProjectID)")
            #expect(h.title == "tuleap › Anvil Demo › Wiki", "\(h.title)")
            #expect(h.screen.contains("WithContent") && h.screen.contains("With Space"))
            h.moveCursor(to: "With Space")
            h.press(.enter)
            #expect(h.screen.contains("A page whose name has a space."), "\(h.screen)")
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        }
    }

    @Test("an artifact link opens the linked artifact in Anvil")
    func followLink() async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: 100, height: 30, demo: TuleapDemoForge())
            try h.open("/plugins/tracker/?aid=\(TuleapDemoNames.busyBug)")
            #expect(h.screen.contains("Links to     #129 (Bugs)"))
            var seen: [String] = []
            for _ in 0..<8 where !h.status.contains("aid=129") {
                h.press(.tab)
                seen.append(h.status)
            }
            #expect(h.status.contains("aid=129"), "Tab reaches the link: \(seen)")
            h.press(.enter)
            #expect(h.title.hasSuffix("› #129"), "\(h.title)")
            #expect(h.screen.contains("Tracker list flickers on resize (129)"))
        }
    }

    @Test("status with a comment: one PUT guarded by the Etag, the artifact updated, undo restores")
    func statusWithComment() async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            let h = try DemoHarness.tuleap(width: 120, height: 40, demo: demo)
            try h.open("/plugins/tracker/?aid=128")
            let etag = demo.artifact(128)?.etag
            demo.resetLog()
            h.press(.char("s"))
            Self.type(h, "Fixed")
            h.press(.enter)
            Self.type(h, "Fixed on main")
            h.press(.enter)
            #expect(demo.artifact(128)?.status == "Fixed", "\(h.status)")
            #expect(demo.artifact(128)?.comments.last == "Fixed on main")
            let writes = demo.requestLog.filter { $0.method == "PUT" }
            #expect(writes.count == 1, "\(writes)")
            #expect(writes.first?.ifMatch == etag)
            #expect(writes.first?.body?.contains(#""bind_value_ids":[2003]"#) == true)
            #expect(writes.first?.body?.contains(#""comment":{"body":"Fixed on main","format":"commonmark"}"#) == true)
            h.press(.char("u"))
            #expect(demo.artifact(128)?.status == "New", "\(h.status)")
        }
    }

    @Test("bulk: tagged artifacts get one guarded PUT each, and undo puts both back")
    func bulk() async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            let h = try DemoHarness.tuleap(width: 120, height: 40, demo: demo)
            try h.open(Self.bugs)
            let before = [129, 128].map { demo.artifact($0)?.status }
            demo.resetLog()
            var steps: [String] = []
            for key in [Key.char("j"), .char("t"), .char("t"), .char(";"), .char("s")] {
                h.press(key)
                steps.append(h.status)
            }
            Self.type(h, "Won't fix")
            h.press(.enter)
            steps.append(h.status)
            h.press(.enter)
            steps.append(h.status)
            if h.status.contains("Apply?") { h.press(.char("y")) }
            steps.append(h.status + " | " + h.title)
            #expect([129, 128].allSatisfy { demo.artifact($0)?.status == "Won't fix" }, "\(steps)")
            let puts = demo.requestLog.filter { $0.method == "PUT" }
            #expect(puts.count == 2 && puts.allSatisfy { $0.ifMatch != nil }, "\(puts)")
            h.press(.char("u"))
            #expect([129, 128].map { demo.artifact($0)?.status } == before, "\(h.status)")
        }
    }

    @Test("a change made meanwhile is a conflict: the app asks, and writing anyway works")
    func conflict() async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            let h = try DemoHarness.tuleap(width: 120, height: 40, demo: demo)
            try h.open("/plugins/tracker/?aid=124")
            demo.touch(artifact: 124, comment: "someone else was here")
            h.press(.char("s"))
            Self.type(h, "Fixed")
            h.press(.enter, .enter)
            #expect(h.status.contains("Write anyway?"), "\(h.status)")
            #expect(demo.artifact(124)?.status == "New")
            h.press(.char("y"))
            #expect(demo.artifact(124)?.status == "Fixed", "\(h.status)")
        }
    }

    @Test("the start view lists the user's projects and opens one", arguments: sizes)
    func start(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.tuleap(width: size.0, height: size.1, demo: TuleapDemoForge())
            h.app.openStart(session: h.session)
            h.settle()
            let rows = h.allRows
            #expect(rows.contains { $0.contains("Anvil Demo") }, "\(rows)")
            #expect(rows.contains { $0.contains("Website") })
            h.moveCursor(to: "Anvil Demo")
            h.press(.enter)
            #expect(h.title == "tuleap › Anvil Demo")
        }
    }

    @Test(":search passes TQL through; the server's refusal is shown as worded")
    func search() async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            let h = try DemoHarness.tuleap(width: 120, height: 40, demo: demo)
            try h.open(Self.bugs)
            h.submit(":", "search severity = \"Critical\" AND status = \"New\"")
            let rows = h.allRows.filter { $0.range(of: #"^  #\d"#, options: .regularExpression) != nil }
            #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("New") }, "\(rows)")
            #expect(demo.requestLog.last?.query?.contains("expert_query") == true)
            h.submit(":", "search status = \"pouet\"")
            #expect(h.status.contains("The value 'pouet' doesn't exist for the list field 'status'."), "\(h.status)")
        }
    }
}

/// Creating an artifact from the editor template built from the tracker's fields.
@Suite("Tuleap create", .serialized)
struct TuleapCreateTests {
    @Test("C opens a template with the tracker's writable fields; the artifact is created from it")
    func createFromTemplate() async throws {
        try await onUIThread {
            let demo = TuleapDemoForge()
            var options = AppOptions()
            let seen = TemplateBox()
            options.editor = { template in
                seen.text = template
                var lines = template.components(separatedBy: "\n").map { line -> String in
                    if line.hasPrefix("Summary:") { return "Summary: Made in the editor" }
                    if line.hasPrefix("Severity:") { return "Severity: Critical" }
                    if line.hasPrefix("Story points:") { return "Story points: 3" }
                    return line
                }
                lines.append("The description, *in Markdown*.")
                return .saved(lines.joined(separator: "\n"))
            }
            let h = try DemoHarness.tuleap(width: 120, height: 40, demo: demo, options: options)
            try h.open(TuleapScreenTests.bugs)
            h.press(.char("C"))
            let template = seen.text
            #expect(template.contains("Severity:") && template.contains("Story points:"), "\(template)")
            #expect(!template.contains("Artifact ID:"), "read-only fields are not offered: \(template)")
            #expect(template.contains("Status: New"), "the tracker's first open status: \(template)")
            let id = 305  // after the demo's highest artifact id, 304
            let created = try #require(demo.artifact(id), "\(h.status)")
            #expect(created.title == "Made in the editor" && created.status == "New", "\(h.status)")
            let post = try #require(demo.requestLog.last { $0.method == "POST" })
            #expect(post.body?.contains(#""bind_value_ids":[2103]"#) == true, "\(post.body ?? "")")
            #expect(post.body?.contains(#""value":3"#) == true)
            #expect(post.body?.contains("The description, *in Markdown*.") == true)
        }
    }
}

/// The template the editor was handed, for the test to read back.
final class TemplateBox: @unchecked Sendable {
    var text = ""
}
