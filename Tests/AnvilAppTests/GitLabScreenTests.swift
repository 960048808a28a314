import DemoForge
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing
import Text

@testable import AnvilApp

/// The same views on the GitLab demo: a project with its tools, the issue list, an issue with its
/// discussions as a depth-1 thread, wiki pages by slug, and triage writes checked on the forge.
@Suite("GitLab screens", .serialized)
struct GitLabScreenTests {
    static let project = "acme/tools/anvil-demo"
    static let sizes = [(80, 24), (120, 40)]

    static func type(_ h: DemoHarness, _ text: String) {
        for character in text { h.press(.char(character)) }
    }

    @Test("the project shows its GitLab facts and its two tools", arguments: sizes)
    func project(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: GitLabDemoForge())
            try h.open(Self.project)
            #expect(h.title == "gitlab › Anvil Demo")
            #expect(h.lines[1] == "Anvil Demo")
            #expect(h.screen.contains("open issues") && h.screen.contains("default branch main"))
            #expect(h.lines.contains { $0.hasPrefix("▶ Issues") })
            #expect(h.lines.contains { $0.hasPrefix("  Wiki") })
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        }
    }

    @Test("the issue list counts what GitLab said and pages to the end", arguments: sizes)
    func issueList(size: (Int, Int)) async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: demo)
            try h.open(Self.project + "/-/issues")
            #expect(h.title == "gitlab › Anvil Demo › Issues")
            let open = (1...GitLabDemoNames.mainIssueCount).filter { demo.issue(iid: $0)?.state == "opened" }
            #expect(h.lines[0].hasSuffix("1/\(open.count)"), "\(h.lines[0])")
            #expect(h.cursorLine?.contains("#\(open.last ?? 0)") == true, "\(h.cursorLine ?? "")")
            h.press(.char("G"))
            #expect(h.lines[0].hasSuffix("\(open.count)/\(open.count)"), "\(h.lines[0])")
            #expect(h.cursorLine?.contains("#\(open.first ?? 0) ") == true, "\(h.cursorLine ?? "")")
            let requests = demo.requestLog.filter { $0.path.hasSuffix("/issues") }
            #expect(requests.count <= 3, "\(requests)")
        }
    }

    @Test("without a total from the forge, the position says more may follow")
    func unknownTotal() async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: GitLabDemoForge(totalsLimit: 20))
            try h.open(Self.project + "/-/issues")
            #expect(h.lines[0].hasSuffix("1/50+"), "\(h.lines[0])")
            h.press(.char("G"))
            let open = (1...GitLabDemoNames.mainIssueCount).filter {
                GitLabDemoForge().issue(iid: $0)?.state == "opened"
            }
            var last = ""
            for _ in 0..<10 where !h.lines[0].hasSuffix("\(open.count)/\(open.count)") {
                h.press(.char("G"))
                last = h.lines[0]
            }
            #expect(h.lines[0].hasSuffix("\(open.count)/\(open.count)"), "loading to the end ends the +: \(last)")
        }
    }

    @Test("an issue shows GitLab's fields and follows its references", arguments: sizes)
    func issue(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: GitLabDemoForge())
            try h.open(Self.project + "/-/issues/7")
            #expect(h.title == "gitlab › Anvil Demo › Issues › #7")
            #expect(h.screen.contains("Reference    acme/tools/anvil-demo#7"))
            #expect(h.screen.contains("Tasks        0 of 3 done"))
            // Tab steps through the text's links: the description's `#42`, then `#3`.
            var statuses: [String] = []
            for _ in 0..<6 where !h.status.contains("[#3]") {
                h.press(.tab)
                statuses.append(h.status)
            }
            #expect(h.status.contains("[#3]"), "\(statuses)")
            h.press(.enter)
            #expect(h.title == "gitlab › Anvil Demo › Issues › #3", "\(h.title) / \(h.status)")
        }
    }

    @Test("an issue's discussions are a thread of depth one; a reply goes to its discussion")
    func thread() async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: demo)
            try h.open(Self.project + "/-/issues/7")
            #expect(h.allRows.contains { $0.contains("Open the comment thread") })
            // At the end of the page the thread's line is the one row that leads somewhere: Enter opens it.
            h.press(.char("G"), .enter)
            #expect(h.app.top is ThreadView, "\(h.title)")
            h.press(.char("A"))
            let rows = h.allRows
            #expect(rows.contains { $0.contains("└─") || $0.contains("├─") }, "replies hang under their discussion")
            let deeper = rows.filter { $0.range(of: #"^.{2}(│ |  )[├└]─"#, options: .regularExpression) != nil }
            #expect(deeper.isEmpty, "no second level: \(deeper.prefix(3))")
        }
    }

    @Test("close with a comment: one PUT with state_event, one note, and undo reopens", arguments: [(120, 40)])
    func closeWithComment(size: (Int, Int)) async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: demo)
            let open = try #require(
                (1...GitLabDemoNames.mainIssueCount).first { demo.issue(iid: $0)?.state == "opened" })
            try h.open(Self.project + "/-/issues/\(open)")
            let before = try #require(demo.issue(iid: open))
            demo.resetLog()
            h.press(.char("s"))
            Self.type(h, "closed")
            h.press(.enter)
            Self.type(h, "Fixed on main")
            h.press(.enter)
            let after = try #require(demo.issue(iid: open))
            #expect(after.state == "closed" && after.labels == before.labels && after.title == before.title)
            #expect(after.notes.last == "Fixed on main")
            let writes = demo.requestLog.filter { $0.method != "GET" }
            #expect(
                writes.map { "\($0.method) \($0.path.split(separator: "/").suffix(2).joined(separator: "/"))" } == [
                    "PUT issues/\(open)", "POST \(open)/notes",
                ])
            #expect(writes.first?.body?.contains("\"state_event\":\"close\"") == true)
            h.press(.char("u"))
            #expect(demo.issue(iid: open)?.state == "opened", "\(h.status)")
        }
    }

    @Test("the start view lists the user's projects, most recently active first, and opens one", arguments: sizes)
    func start(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: GitLabDemoForge())
            h.app.openStart(session: h.session)
            h.settle()
            let rows = h.allRows
            let heading = try #require(rows.firstIndex { $0.contains("Your projects") })
            var listed: [String] = []
            for row in rows[(heading + 1)...] {
                if row.allSatisfy({ $0 == " " }) { break }
                listed.append(row)
            }
            #expect(listed.count == 3)
            #expect(listed.contains { $0.contains("Anvil Demo") && $0.contains("acme/tools/anvil-demo") })
            #expect(listed.contains { $0.contains("dotfiles") && $0.contains("alice/dotfiles") })
            h.moveCursor(to: "acme/tools/anvil-demo")
            h.press(.enter)
            #expect(h.title == "gitlab › Anvil Demo")
        }
    }

    @Test("C creates an issue from the editor template, with GitLab's fields")
    func createFromTemplate() async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            var options = AppOptions()
            options.editor = { template in
                var lines = template.components(separatedBy: "\n").map { line -> String in
                    if line.hasPrefix("Summary:") { return "Summary: Made in the editor" }
                    if line.hasPrefix("Labels:") { return "Labels: ui, docs" }
                    if line == "Confidential: " { return "Confidential: yes" }
                    if line == "Due date: " { return "Due date: 2027-01-15" }
                    return line
                }
                lines.append("The description, *in Markdown*.")
                return .saved(lines.joined(separator: "\n"))
            }
            let h = try DemoHarness.gitlab(width: 120, height: 40, demo: demo, options: options)
            try h.open(Self.project + "/-/issues")
            h.press(.char("C"))
            let iid = GitLabDemoNames.mainIssueCount + 1
            let created = try #require(demo.issue(iid: iid), "\(h.status)")
            #expect(created.title == "Made in the editor" && created.labels == ["docs", "ui"])
            #expect(created.description == "The description, *in Markdown*.")
            #expect(created.confidential && created.dueDate == "2027-01-15", "the template offers GitLab's fields")
        }
    }

    @Test("an address with #note_N opens the issue's thread with that comment selected")
    func noteAnchor() async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: demo)
            let url = try #require(
                URL(
                    string: GitLabDemoForge.defaultBaseURL.absoluteString
                        + "/api/v4/projects/42/issues/7/discussions?per_page=100"))
            let answer = demo.respond(
                to: HTTPRequest(url: url, headers: ["PRIVATE-TOKEN": GitLabDemoNames.demoToken]))
            let discussions = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]])
            let notes = try #require(discussions.last?["notes"] as? [[String: Any]])
            let note = try #require(notes.last)
            let id = try #require(note["id"] as? Int)
            let author = try #require((note["author"] as? [String: Any])?["username"] as? String)
            try h.open(GitLabDemoForge.defaultBaseURL.absoluteString + "/" + Self.project + "/-/issues/7#note_\(id)")
            #expect(h.app.top is ThreadView)
            #expect(h.cursorLine?.contains(author) == true, "\(h.cursorLine ?? "") should be \(author)'s comment")
            #expect(h.session.forge.webURL(for: try #require(h.app.top?.route)).hasSuffix("/-/issues/7"))
        }
    }

    @Test("a notice from the network side, such as a rate-limit countdown, shows on the status line")
    func notice() async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: 80, height: 24, demo: GitLabDemoForge())
            try h.open(Self.project)
            h.app.mailbox.post(.notice("Rate limited by the forge: retrying in 7 s (Esc cancels)"))
            h.app.deliverMail()
            #expect(h.status.contains("retrying in 7 s"), "\(h.status)")
        }
    }

    @Test("e edits a wiki page and C creates one with an odd title, both in the editor")
    func wikiWriting() async throws {
        try await onUIThread {
            let demo = GitLabDemoForge()
            var options = AppOptions()
            options.editor = { text in
                .saved(text.isEmpty ? "A page made from Anvil.\n" : text + "\nOne more line from Anvil.\n")
            }
            let h = try DemoHarness.gitlab(width: 100, height: 30, demo: demo, options: options)
            try h.open(Self.project + "/-/wikis/guides/FAQ-page")
            h.press(.char("e"))
            #expect(demo.wikiContent(slug: "guides/FAQ-page")?.contains("One more line from Anvil.") == true)
            #expect(h.screen.contains("One more line from Anvil."), "the page shows what was saved")
            try h.open(Self.project + "/-/wikis/pages")
            h.press(.char("C"))
            for character in "Notes & Ideas (draft) Ünï" { h.press(.char(character)) }
            h.press(.enter)
            #expect(demo.wikiContent(slug: "Notes-&-Ideas-(draft)-Ünï") == "A page made from Anvil.\n")
            #expect(h.title.hasSuffix("Notes-&-Ideas-(draft)-Ünï"), "\(h.title)")
        }
    }

    @Test("wiki pages open by nested slug and list by slug", arguments: sizes)
    func wiki(size: (Int, Int)) async throws {
        try await onUIThread {
            let h = try DemoHarness.gitlab(width: size.0, height: size.1, demo: GitLabDemoForge())
            try h.open(Self.project + "/-/wikis/guides/getting-started")
            #expect(h.title == "gitlab › Anvil Demo › Wiki › guides/getting-started")
            #expect(h.screen.contains("Run anvil --demo gitlab."))
            try h.open(Self.project + "/-/wikis/pages")
            #expect(h.screen.contains("guides/FAQ-page") && h.screen.contains("Ünïcode-page"))
        }
    }
}
