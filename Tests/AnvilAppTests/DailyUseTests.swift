import DemoForge
import ForgeModel
import Foundation
import Store
import TerminalUI
import TestSupport
import Testing
import Text

@testable import AnvilApp

/// A view with fixed rows, to test what the renderer and the app do for every view.
final class FixedRowsView: ScreenView {
    let lines: [Row]

    init(session: ForgeSession, mode: ScrollState.Mode = .list, rows: [Row]) {
        self.lines = rows
        super.init(session: session, mode: mode)
    }

    override var crumbs: [String] { ["fixed"] }
    override func buildRows(width: Int) -> [Row] { lines }
}

/// Shared mechanisms every view gets: cut text, the title position, messages, prompts, redraw.
@Suite struct RendererMechanismTests {
    @Test func textCutAtTheEdgeEndsWithAnEllipsis() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 40, height: 10)
            let long = String(repeating: "abcdefghij", count: 6)
            let rows = [Row("  " + long, .normal, target: .note("x")), Row("  short", .normal, target: .note("y"))]
            h.app.push(FixedRowsView(session: h.session, rows: rows))
            let lines = h.lines
            #expect(lines[1] == "▶ " + String(long.prefix(37)) + "…", "\(lines[1])")
            #expect(lines[2].hasSuffix("short"), "a short row is not cut: \(lines[2])")
            #expect(!lines[2].contains("…"))
        }
    }

    @Test func theTitleShowsWhereTheCursorIsInAList() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 60, height: 10)
            let rows = (1...30).map { Row("row \($0)", .normal, target: .note("\($0)")) }
            h.app.push(FixedRowsView(session: h.session, rows: [Row("heading", .heading)] + rows))
            #expect(TitleLine.position(h.lines[0]) == "1/30", "\(h.lines[0])")
            #expect(h.title == "demo › fixed")
            h.press(.char("j"), .char("j"))
            #expect(TitleLine.position(h.lines[0]) == "3/30")
            h.press(.char("G"))
            #expect(TitleLine.position(h.lines[0]) == "30/30")
        }
    }

    @Test func theTitleShowsHowFarIntoAPage() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 60, height: 11)
            let rows = (1...100).map { Row("line \($0)") }
            h.app.push(FixedRowsView(session: h.session, mode: .pager, rows: rows))
            #expect(TitleLine.position(h.lines[0]) == "Top")
            h.press(.char(" "))
            // 10 content rows; a page moves 9: rows 10...19 are on screen, 19% of 100.
            #expect(TitleLine.position(h.lines[0]) == "19%", "\(h.lines[0])")
            h.press(.char("G"))
            #expect(TitleLine.position(h.lines[0]) == "Bot")
        }
    }

    @Test func aLongMessageIsCutWithAnEllipsisAndReadInFullInTheLog() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 50, height: 12)
            try h.open("p/\(DemoNames.mainProject)/")
            let long =
                "Not authorised (401): the forge refused the token; check token_command in the config and try again"
            h.app.note(long, error: true)
            #expect(h.status.hasSuffix("…"), "\(h.status)")
            #expect(h.status.count == 50)
            h.press(.char("P"))
            #expect(h.app.top is MessagesView)
            #expect(h.title.hasSuffix("› messages"))
            let shown = h.allRows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(shown.contains("check token_command in the config and try again"), "\(shown)")
            #expect(h.allRows.allSatisfy { DisplayWidth.of($0) <= 50 })
            h.press(.char("q"))
            h.submit(":", "messages")
            #expect(h.app.top is MessagesView)
        }
    }

    @Test func controlLRedrawsTheWholeScreen() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/")
            #expect(h.device.fullRedraws == 0)
            h.press(.ctrl("l"))
            #expect(h.device.fullRedraws == 1)
            #expect(!h.status.contains("does nothing"))
        }
    }

    @Test func aYesNoQuestionTakesOneKeyAndEscapeCancelsAnyPrompt() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/")
            let answers = Recorder()
            h.app.confirm("Go ahead?") { answers.append("yes") }
            #expect(h.status.hasPrefix("Go ahead? (y/n)"))
            h.press(.char("x"))
            #expect(h.app.prompt != nil, "other keys leave the question open")
            h.press(.char("y"))
            #expect(answers.items == ["yes"], "y answers without Enter")
            #expect(h.app.prompt == nil)
            h.app.confirm("Again?") { answers.append("again") }
            h.press(.escape)
            #expect(h.app.prompt == nil)
            #expect(answers.items == ["yes"])
            h.app.confirm("Once more?") { answers.append("more") }
            h.press(.char("n"))
            #expect(answers.items == ["yes"])
            #expect(h.status.contains("Nothing changed"))
            for prompt: Character in [":", "/"] {
                h.press(.char(prompt), .char("x"), .escape)
                #expect(h.app.prompt == nil, "Escape closes the \(prompt) prompt")
            }
            h.app.ask("Name: ", choices: ["a"]) { answers.append($0) }
            h.press(.char("a"), .escape)
            #expect(h.app.prompt == nil)
            #expect(answers.items == ["yes"])
        }
    }

    @Test func helpColumnsNeverRunIntoEachOtherAt80Columns() async throws {
        try await onUIThread {
            var keymap = Keymap()
            try keymap.rebind(.moveDown, to: ["j", "Down", "C-n", "F5", "F6", "F7", "F8", "F9"])
            let h = try DemoHarness(width: 80, height: 24)
            h.app.keymap = keymap
            try h.open("p/\(DemoNames.mainProject)/")
            h.press(.char("?"))
            let rows = h.allRows
            #expect(rows.allSatisfy { DisplayWidth.of($0) <= 80 })
            // Every action's summary is there in full, after its name and a gap.
            let text = rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            for action in Action.allCases {
                #expect(text.contains(":\(action.rawValue) "), "\(action.rawValue)")
                #expect(text.contains(action.summary), "\(action.summary)")
            }
            for command in Commands.builtIn {
                #expect(text.contains(":" + command.usage + " "), "\(command.usage)")
                #expect(text.contains(command.summary), "\(command.summary)")
            }
            #expect(text.contains("j Down C-n F5 F6 F…"), "keys too long for the column are cut visibly")
        }
    }
}

/// `/`: extended regular expressions, a match counter, wrapping, and unloaded parts of a thread.
@Suite struct ViewSearchTests {
    static let rows = ["alpha one", "beta two", "alpha three", "gamma", "C++ rocks", "alpha four"].map {
        Row("  " + $0, .normal, target: .note($0))
    }

    @Test func nAndNMoveToTheNextMatchCountAndWrap() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 60, height: 12)
            h.app.push(FixedRowsView(session: h.session, rows: Self.rows))
            h.press(.char("j"))
            h.submit("/", "alpha")
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "alpha three", "from the cursor on")
            #expect(h.status.contains("/alpha: 3 matching lines (2 of 3)"), "\(h.status)")
            h.press(.char("n"))
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "alpha four")
            #expect(h.status.contains("(3 of 3)"))
            #expect(!h.status.contains("wrapped"))
            h.press(.char("n"))
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "alpha one")
            #expect(h.status.contains("(1 of 3; wrapped to the top)"), "\(h.status)")
            h.press(.char("N"))
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "alpha four")
            #expect(h.status.contains("(3 of 3; wrapped to the bottom)"), "\(h.status)")
        }
    }

    @Test func aQueryIsAnExtendedRegularExpressionAndPlainTextStillWorks() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 60, height: 12)
            h.app.push(FixedRowsView(session: h.session, rows: Self.rows))
            h.submit("/", "^ *(beta|gamma)$")
            #expect(h.status.contains("1 matching line (1 of 1)"), "\(h.status)")
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "gamma")
            h.submit("/", "t(wo|hree)")
            #expect(h.status.contains("2 matching lines"))
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "beta two")
            let canvas = h.canvas
            let y = try #require(h.cursorRow)
            let marked = (0..<canvas.width).filter { canvas[$0, y].role == .searchMatch }
            #expect(marked.count == 3, "the match 'two' is highlighted, not the whole row")
            h.submit("/", "C++")
            #expect(h.cursorLine?.trimmingCharacters(in: .whitespaces) == "C++ rocks", "not a valid expression: text")
            h.submit("/", "ALPHA")
            #expect(h.status.contains("Pattern not found"), "upper case in the query: case matters")
        }
    }

    @Test func inAThreadSearchSaysItCoveredTheLoadedPostsAndOffersToLoadTheRest() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(ThreadViewTests.bigThread)
            let view = try #require(h.app.top as? ThreadView)
            #expect(view.tree.postCount == 100)
            h.submit("/", "Post 1[0-9]\\b")
            #expect(h.status.contains("searched what is loaded, 1900 posts not loaded"), "\(h.status)")
            h.submit("/", "Post 1999\\b")
            #expect(h.status.contains("not found in what is loaded (1900 posts not loaded)"), "\(h.status)")
            #expect(h.status.contains("(y/n)"))
            h.press(.char("y"))
            h.settle()
            #expect(view.tree.postCount >= DemoNames.bigThreadPosts)
            #expect(h.status.contains("/Post 1999\\b: 1 matching line (1 of 1)"), "\(h.status)")
            let y = try #require(h.cursorRow)
            let below = h.lines[y...].prefix(12).joined(separator: "\n")
            #expect(below.contains("Post 1999"), "the matching post is on screen under the cursor")
        }
    }
}

/// Triage in daily use: own writes are not conflicts, follow-ups finish the action they follow,
/// and prompts say what they accept.
@Suite struct TriageDailyUseTests {
    static let tracker = TicketViewTests.tracker

    @Test func anEditFromTheTicketIsNotAConflictBackInTheList() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker)
            h.press(.char("j"))
            let ticketNumber = try #require(h.cursorLine.flatMap { number(after: "#", in: $0) })
            h.press(.enter)
            #expect(h.title.hasSuffix("› #\(ticketNumber)"))
            h.press(.char("m"))
            TicketViewTests.type(h, "2.0")
            h.press(.enter)
            #expect(h.forge.ticket(number: ticketNumber)?.customFields["_milestone"] == .string("2.0"), "\(h.status)")
            h.press(.char("q"))
            #expect(h.app.top is TicketListView)
            h.press(.char("s"))
            TicketViewTests.type(h, "pending")
            h.press(.enter, .enter)
            #expect(!h.status.contains("changed on the forge"), "\(h.status)")
            #expect(h.forge.ticket(number: ticketNumber)?.status == "pending", "\(h.status)")
        }
    }

    @Test func aCommentFromTheThreadIsNotAConflictBackInTheTicket() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 120, height: 30) { _ in "My own comment" }
            try h.open(Self.tracker + "12/")
            h.press(.char("c"))
            #expect(h.app.top is ThreadView)
            #expect(h.status.contains("Posted"), "\(h.status)")
            h.press(.char("q"))
            #expect(h.app.top is TicketView)
            h.press(.char("s"))
            TicketViewTests.type(h, "pending")
            h.press(.enter, .enter)
            #expect(!h.status.contains("changed on the forge"), "\(h.status)")
            #expect(h.forge.ticket(number: 12)?.status == "pending", "\(h.status)")
        }
    }

    @Test func writingAConflictAnywayJoinsTheActionForUndoAndResults() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker)
            h.press(.char("j"), .char("t"), .char("t"), .char("t"))
            let numbers = [199, 198, 197]
            let before = numbers.map { h.forge.ticket(number: $0)?.customFields["_milestone"] }
            let other = h.allura
            _ = try blocking {
                try await other.updateTicket(
                    DemoHarness.mainProject, mount: DemoNames.mainTracker, number: 198,
                    edit: TicketEdit(summary: "Changed by someone else"), expectedStamp: nil)
            }
            h.press(.char(";"), .char("m"))
            TicketViewTests.type(h, "1.0")
            h.press(.enter)
            #expect(h.status.contains("Apply?"))
            h.press(.char("y"))
            #expect(h.status.contains("Write anyway?"), "\(h.status)")
            h.press(.char("y"))
            #expect(numbers.allSatisfy { h.forge.ticket(number: $0)?.customFields["_milestone"] == .string("1.0") })
            if h.app.top is TriageResultsView {
                let shown = h.allRows.joined(separator: "\n")
                #expect(!shown.contains("changed on the forge"), "the results on screen follow: \(shown)")
                h.press(.char("q"))
            }
            h.submit(":", "results")
            let results = h.allRows.joined(separator: "\n")
            #expect(!results.contains("changed on the forge"), "the conflict was settled: \(results)")
            #expect(results.contains("#198"))
            h.press(.char("q"))
            h.press(.char("u"))
            #expect(h.status.contains("3 tickets restored"), "\(h.status)")
            #expect(numbers.map { h.forge.ticket(number: $0)?.customFields["_milestone"] } == before)
        }
    }

    @Test func setRefusesAFieldTheTrackerDoesNotHave() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker + "12/")
            let fields = h.forge.ticket(number: 12)?.customFields
            h.forge.resetLog()
            h.submit(":", "set foo bar")
            #expect(h.status.contains("no field foo"), "\(h.status)")
            #expect(h.status.contains("priority"))
            #expect(h.forge.ticket(number: 12)?.customFields == fields)
            #expect(!h.forge.requestLog.contains { $0.method == "POST" })
        }
    }

    @Test func removingALabelTheTicketDoesNotHaveIsNotReportedAsDone() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker + "12/")
            let labels = h.forge.ticket(number: 12)?.labels ?? []
            #expect(!labels.contains("bogus"))
            h.press(.char("L"))
            TicketViewTests.type(h, "-bogus")
            h.press(.enter)
            #expect(h.status.contains("no label bogus"), "\(h.status)")
            #expect(!h.status.contains("−bogus"))
            h.press(.char("L"))
            TicketViewTests.type(h, "+triaged -bogus")
            h.press(.enter)
            #expect(h.status.contains("+triaged"), "\(h.status)")
            #expect(!h.status.contains("−bogus"), "\(h.status)")
            #expect(h.forge.ticket(number: 12)?.labels.contains("triaged") == true)
        }
    }

    @Test func theStatusPromptListsItsChoicesAndTabStepsThroughThem() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(Self.tracker + "12/")
            h.press(.char("s"))
            let choices = h.lines[h.lines.count - 2]
            #expect(choices.hasPrefix("Tab: "), "\(choices)")
            #expect(choices.contains("open") && choices.contains("closed"), "\(choices)")
            h.press(.tab)
            let first = h.status
            #expect(first != "Status of #12: ", "Tab on an empty prompt offers a choice")
            h.press(.tab)
            #expect(h.status != first, "Tab again offers the next choice")
            h.press(.escape)
            #expect(h.app.prompt == nil)
            #expect(!h.lines[h.lines.count - 2].hasPrefix("Tab: "))
        }
    }
}

/// The start view's recent places and `:open NAME`.
@Suite struct StartViewDailyUseTests {
    @Test func recentPlacesAreReadableIndentedCutVisiblyAndOpenOnTheirOwnForge() async throws {
        try await onUIThread {
            let history = HistoryStore(state: LocalState(store: try StateStore.inMemory()))
            let long = "https://demo.anvil.test/p/anvil-demo/wiki/" + String(repeating: "Long%20Title%20", count: 8)
            history.record(long)
            history.record("https://other.example.org/p/elsewhere/")
            history.record("https://demo.anvil.test/p/anvil-demo/wiki/Getting%20Started/")
            let asked = Recorder()
            var options = AppOptions()
            options.history = history
            let h = try DemoHarness(width: 80, height: 24, options: options)
            let session = h.session
            h.app.options.sessionForBase = { base, _ in
                asked.append(base.absoluteString)
                return session
            }
            h.app.openStart(session: h.session)
            let rows = h.allRows
            let places = try #require(rows.firstIndex { $0.contains("Recent places") }).advanced(by: 1)
            let shown = Array(rows[places..<(places + 3)])
            #expect(shown[0] == "  demo.anvil.test/p/anvil-demo/wiki/Getting Started/", "\(shown[0])")
            #expect(shown[1] == "  other.example.org/p/elsewhere/")
            #expect(shown[2].hasPrefix("  demo.anvil.test/p/anvil-demo/wiki/Long Title"))
            #expect(shown[2].hasSuffix("…") && DisplayWidth.of(shown[2]) == 80, "\(shown[2])")
            #expect(!rows.contains { $0.contains("%20") })
            h.moveCursor(to: "other.example.org")
            h.press(.enter)
            // The factory gets the whole address, so the forge serving it (a path below the host included)
            // is the one chosen.
            #expect(
                asked.items == ["https://other.example.org/p/elsewhere/"], "opened on its own forge: \(asked.items)")
        }
    }

    @Test func openTakesAProjectName() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            h.app.openStart(session: h.session)
            h.submit(":", "open \(DemoNames.mainProject)")
            #expect(h.app.top is ProjectView, "\(h.status)")
            #expect(h.allRows.contains { $0.contains("Tools") })
        }
    }
}

/// A ticket's links and its comment thread are reachable from the ticket view.
@Suite struct TicketLinkTests {
    @Test(arguments: [(80, 24), (120, 40)]) func referencesInTheTicketAndTheThreadLineCanBeFollowed(
        width: Int, height: Int
    ) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open(TicketViewTests.tracker + "150/")
            #expect(h.title.hasSuffix("› #150"))
            h.press(.char("G"))
            #expect(h.screen.contains("Only the first 10 comments are shown here."))
            h.press(.enter)
            #expect(h.app.top is ThreadView, "Enter on the last screen opens the whole thread: \(h.status)")
            h.press(.char("q"))
            h.press(.char("G"), .char("l"))
            #expect(h.app.top is ThreadView)
            h.press(.char("q"), .char("g"))
            var seen: [String] = []
            for _ in 0..<8 where !h.status.contains("[#140]") {
                h.press(.tab)
                seen.append(h.status)
            }
            #expect(h.status.contains("[#140]"), "\(seen)")
            let canvas = h.canvas
            let marked = canvas.cells.filter { $0.role == .cursor }.map(\.text).joined()
            #expect(marked.contains("#140"), "the selected link is marked: \(marked)")
            h.press(.enter)
            #expect(h.title.hasSuffix("› #140"), "\(h.title)")
            h.press(.char("q"))
            #expect(h.title.hasSuffix("› #150"))
        }
    }
}

/// Threads and topic lists in daily reading: Tab, read marks, reload, paging notes, J/K.
@Suite struct ReadingDailyUseTests {
    static let forum = "p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/"

    @Test func tabShowsTheUnreadPostWithItsBodyOnScreen() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 80, height: 24)
            try h.open(ThreadViewTests.bigThread)
            var rowsSeen: [Int] = []
            for _ in 0..<6 {
                h.press(.tab)
                let row = try #require(h.cursorRow)
                rowsSeen.append(row)
                let lines = h.lines
                // The header is not on the last rows: its body follows it on screen.
                #expect(row <= 20, "cursor rows: \(rowsSeen)")
                #expect(!lines[row + 1].trimmingCharacters(in: .whitespaces).isEmpty, "\(lines[row + 1])")
            }
        }
    }

    @Test func aPostIsReadOnlyOnceItsBodyWasOnScreen() async throws {
        try await onUIThread {
            let store = try StateStore.inMemory()
            var options = AppOptions()
            options.state = LocalState(store: store)
            // Find a height where a post's header is on the bottom row with its body below it.
            var found: (height: Int, header: String)?
            for height in 16...40 where found == nil {
                let probe = try DemoHarness(width: 80, height: height)
                try probe.open(ThreadViewTests.bigThread)
                let lines = probe.lines
                let last = lines[height - 1]
                if last.contains(" ago (") {
                    found = (height, withoutTree(last).replacingOccurrences(of: "● ", with: ""))
                }
            }
            let (height, header) = try #require(found)
            let first = try DemoHarness(width: 80, height: height, options: options)
            try first.open(ThreadViewTests.bigThread)
            _ = first.screen
            first.press(.char("q"))
            let again = try DemoHarness(width: 80, height: height, options: options)
            try again.open(ThreadViewTests.bigThread)
            let bottom = again.allRows.first { withoutTree($0).replacingOccurrences(of: "● ", with: "") == header }
            #expect(bottom?.contains("●") == true, "a header seen without its body is still new: \(bottom ?? "-")")
            #expect(!again.lines[1].contains("●"), "the first post was read whole")
        }
    }

    @Test func yourOwnPostIsNotNew() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30) { _ in "A reply of my own" }
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/")
            h.press(.char("c"))
            let rows = h.allRows
            let body = try #require(rows.firstIndex { $0.contains("A reply of my own") })
            let header = try #require(rows[..<body].lastIndex { $0.contains(" ago (") || $0.contains("now") })
            #expect(!rows[header].contains("●"), "\(rows[header])")
        }
    }

    @Test func markReadAndTabToTheNextTopicWithUnreadPosts() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(Self.forum)
            h.settle()
            h.press(.char("j"))
            let firstTopic = try #require(h.cursorLine)
            #expect(firstTopic.contains("new"), "never visited: every post is new: \(firstTopic)")
            h.press(.enter)
            let thread = try #require(h.app.top as? ThreadView)
            let subject = h.title
            h.press(.char("M"))
            #expect(h.status.contains("Marked the thread read"), "\(h.status)")
            #expect(!h.screen.contains("●"))
            h.press(.tab)
            #expect(h.app.top is ThreadView)
            #expect(h.app.top !== thread, "Tab at the end of a read thread opens the next topic with unread posts")
            #expect(h.title != subject)
            h.press(.char("q"))
            #expect(h.app.top is TopicListView)
            let rows = h.allRows
            let marked = try #require(rows.first { $0.hasPrefix(String(firstTopic.prefix(20))) })
            #expect(!marked.contains("new"), "the topic list shows the marks at once: \(marked)")
        }
    }

    @Test func markATopicReadFromTheListWithoutOpeningIt() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(Self.forum)
            h.settle()
            h.press(.char("j"), .char("j"))
            #expect(h.cursorLine?.contains("new") == true)
            h.press(.char("M"))
            #expect(h.app.top is TopicListView)
            #expect(h.status.contains("Marked read"), "\(h.status)")
            #expect(h.cursorLine?.contains("new") == false, "\(h.cursorLine ?? "")")
        }
    }

    @Test func markUnreadMakesThePostNewAgain() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(ThreadViewTests.bigThread)
            h.press(.char("M"))
            h.settle()
            #expect(!h.screen.contains("●"))
            h.press(.char("j"))
            h.submit(":", "mark-unread")
            #expect(h.cursorLine?.contains("●") == true, "\(h.cursorLine ?? "")")
        }
    }

    @Test func reloadKeepsTheItemUnderTheCursor() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(Self.forum)
            h.settle()
            for _ in 0..<60 { h.press(.char("j")) }
            let topic = try #require(h.cursorLine)
            #expect(topic.trimmingCharacters(in: .whitespaces) != "…")
            h.press(.char("r"))
            h.settle()
            #expect(h.cursorLine?.prefix(40) == topic.prefix(40), "\(h.cursorLine ?? "") vs \(topic)")

            try h.open(ThreadViewTests.bigThread)
            for _ in 0..<12 { h.press(.char("j")) }
            let post = try #require(h.cursorLine)
            let row = h.cursorRow
            h.press(.char("r"))
            h.settle()
            #expect(h.cursorLine.map(withoutTree) == withoutTree(post), "\(h.cursorLine ?? "") vs \(post)")
            #expect(h.cursorRow == row)
        }
    }

    @Test func pagesArrivingAtTheEndAndLoadingAllSaySo() async throws {
        try await onUIThread {
            let h = try ThreadViewTests.harness(width: 100, height: 30)
            try h.open(ThreadViewTests.bigThread)
            var presses = 0
            while !h.status.contains("more posts loaded"), presses < 200 {
                h.press(.char(" "))
                presses += 1
            }
            #expect(h.status.contains("more posts loaded"), "\(h.status)")
            #expect(h.status.contains("above") || h.status.contains("below"))
            h.press(.char("A"))
            h.settle()
            #expect(h.status.contains("Every post is loaded"), "\(h.status)")
            #expect(!h.status.contains("Loading every page"))
        }
    }

    @Test func jAndKGoFromTopicToTopic() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open(Self.forum)
            h.press(.enter)
            #expect(h.app.top is ThreadView)
            let first = h.title
            h.press(.char("J"))
            #expect(h.app.top is ThreadView)
            #expect(h.title != first)
            h.press(.char("K"))
            #expect(h.title == first)
            h.press(.char("K"))
            #expect(h.status.contains("No previous item"), "\(h.status)")
            #expect(h.title == first)
        }
    }

    @Test func jAndKGoToTheNextAndPreviousItemOfTheList() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 30)
            try h.open(TicketViewTests.tracker)
            h.press(.char("j"))
            let first = try #require(h.cursorLine.flatMap { number(after: "#", in: $0) })
            h.press(.enter)
            #expect(h.title.hasSuffix("› #\(first)"))
            h.press(.char("J"))
            let second = try #require(number(after: "› #", in: h.title))
            #expect(second != first)
            #expect(h.app.stack.count == 2, "J replaces the item, it does not stack another")
            h.press(.char("K"))
            #expect(h.title.hasSuffix("› #\(first)"))
            h.press(.char("q"))
            #expect(h.cursorLine?.contains("#\(first) ") == true, "the list's cursor followed")
        }
    }
}

/// Writing in the editor: replies quote their post; a failing editor keeps what was written.
@Suite struct EditorDailyUseTests {
    static let page = "p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/"

    @Test func aReplyStartsWithThePostQuoted() async throws {
        try await onUIThread {
            let offered = Recorder()
            let h = try ThreadViewTests.harness(width: 100, height: 30) { text in
                offered.append(text)
                return text.isEmpty ? "First line\n\nsecond paragraph" : text + "My answer"
            }
            try h.open(Self.page)
            h.press(.char("c"))
            #expect(h.status.contains("Posted"), "\(h.status)")
            h.press(.char("R"))
            let quote = try #require(offered.items.last)
            #expect(quote.hasSuffix(" wrote:\n> First line\n>\n> second paragraph\n\n"), "\(quote)")
            #expect(h.status.contains("Posted"), "\(h.status)")
            #expect(h.allRows.contains { $0.contains("My answer") })
        }
    }

    @Test func anEditorThatFailsSaysSoAndKeepsTheDraft() async throws {
        try await onUIThread {
            let offered = Recorder()
            var options = AppOptions()
            options.state = LocalState(store: try StateStore.inMemory())
            options.editor = { text in
                offered.append(text)
                if offered.items.count == 1 {
                    return .failed(reason: "The editor exited with status 1", text: "Half of my comment")
                }
                return .abandoned
            }
            let h = try DemoHarness(width: 100, height: 30, options: options)
            try h.open(Self.page)
            h.press(.char("c"))
            #expect(h.status.contains("The editor exited with status 1"), "\(h.status)")
            #expect(h.status.contains("draft is kept"))
            #expect(!h.allRows.contains { $0.contains("Half of my comment") }, "nothing was sent")
            h.press(.char("c"))
            #expect(offered.items == ["", "Half of my comment"])
        }
    }
}
