import DemoForge
import ForgeModel
import Foundation
import Store
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// The thread view on the demo forge's 2,000-post thread and on tool comment threads.
@Suite struct ThreadViewTests {
    static let bigThread =
        "p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/\(DemoNames.bigThreadID)/"

    /// Requests the demo forge saw for the big thread.
    static func threadRequests(_ forge: DemoForge) -> [DemoForge.LoggedRequest] {
        forge.requestLog.filter { $0.path.contains("/thread/\(DemoNames.bigThreadID)") }
    }

    static func harness(width: Int = 100, height: Int = 30, edit: ((String) -> String?)? = nil) throws -> DemoHarness {
        var options = AppOptions()
        options.state = LocalState(store: try StateStore.inMemory())
        options.editText = edit
        return try DemoHarness(width: width, height: height, options: options)
    }

    @Test(arguments: [(80, 24), (120, 40)]) func firstScreenNeedsOneRequestAndDrawsTheTree(
        width: Int, height: Int
    )
        async throws
    {
        try await onUIThread {
            let h = try Self.harness(width: width, height: height)
            try h.open(Self.bigThread)
            #expect(Self.threadRequests(h.forge).count == 1)
            let lines = h.lines
            #expect(h.title.hasSuffix("Roadmap to 2.0: the big thread 🧵"))
            #expect(lines[1].contains("noor"), "the first post's header: \(lines[1])")
            #expect(lines.contains { $0.hasPrefix("├─") || $0.hasPrefix("│ ├─") }, "tree glyphs")
            #expect(h.allRows.last?.contains("posts not loaded yet") == true)
            #expect(h.cursorLine?.contains("noor") == true)
        }
    }

    @Test func jumpingToTheEndFetchesTheLastPageDirectly() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            h.press(.char("G"))
            let requests = Self.threadRequests(h.forge)
            #expect(requests.count == 2, "\(requests)")
            #expect(requests.last?.query?.contains("page=\(DemoNames.bigThreadPosts / 100 - 1)") == true)
            let lastHeader = try #require(h.cursorLine)
            #expect(lastHeader.contains("ago"), "the cursor is on a post header: \(lastHeader)")
            let rows = h.allRows
            let lastHeaderIndex = try #require(rows.lastIndex { $0.contains(" ago (") })
            #expect(rows[lastHeaderIndex].trimmingTrailingSpaces == lastHeader.trimmingTrailingSpaces)
        }
    }

    @Test func thePostUnderTheCursorStaysPutWhilePagesArrive() async throws {
        try await onUIThread {
            let h = try Self.harness(width: 100, height: 30)
            try h.open(Self.bigThread)
            for _ in 0..<8 { h.press(.char("j")) }
            let before = h.lines
            let row = try #require(h.cursorRow)
            // Off the bottom line, which the status line takes while pages load.
            #expect(row < 29)
            let text = before[row]
            // Load every other page: replies to posts on screen slot in above and below.
            h.press(.char("A"))
            let after = h.lines
            // The same post on the same screen row; only its tree glyphs may change (a later
            // sibling can arrive).
            #expect(withoutTree(after[row]) == withoutTree(text), "\(after[row]) vs \(text)")
            #expect(h.allRows.last?.contains("not loaded yet") != true)
            let headers = h.allRows.filter { $0.contains(" ago (") }.count
            #expect(headers >= DemoNames.bigThreadPosts)
            #expect(Self.threadRequests(h.forge).count == DemoNames.bigThreadPosts / 100)
        }
    }

    @Test func collapseHidesTheSubtreeAndCountsIt() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            let rowsBefore = h.allRows.count
            h.press(.char("z"))
            let header = try #require(h.cursorLine)
            let hidden = try #require(number(after: "(+", in: header))
            #expect(hidden > 0)
            let shownHeaders = h.allRows.filter { $0.contains(" ago (") }.count
            let view = try #require(h.app.top as? ThreadView)
            #expect(shownHeaders + hidden == view.tree.postCount)
            h.press(.char("z"))
            #expect(h.allRows.count == rowsBefore)
            h.press(.char("Z"))
            #expect(h.allRows.filter { $0.contains("hidden)") }.count > 1, "collapse all")
            h.press(.char("Z"))
            #expect(h.allRows.count == rowsBefore, "expand all")
        }
    }

    @Test func parentSiblingAndTopLevelJumps() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            h.press(.char("j"))  // the first reply
            let reply = try #require(h.cursorLine)
            #expect(reply.hasPrefix("├─") || reply.hasPrefix("└─"))
            h.press(.char("]"))
            let sibling = try #require(h.cursorLine)
            #expect(sibling != reply)
            #expect(sibling.hasPrefix("├─") || sibling.hasPrefix("└─"), "a sibling has the same depth")
            h.press(.char("["))
            #expect(h.cursorLine == reply)
            h.press(.char("p"))
            #expect(h.cursorLine?.contains("noor") == true, "back at the top-level post")
            h.press(.char("}"))
            let next = try #require(h.cursorLine)
            #expect(!next.hasPrefix("├") && !next.hasPrefix("│") && !next.hasPrefix("└"), "top level: \(next)")
            h.press(.char("{"))
            #expect(h.cursorLine?.contains("noor") == true)
        }
    }

    @Test func chronologicalModeShowsServerOrderAndWhomEachPostAnswers() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            h.press(.char("v"))
            let headers = h.allRows.filter { $0.contains(" ago (") }
            #expect(headers.allSatisfy { !$0.hasPrefix("├") && !$0.hasPrefix("│") })
            #expect(headers.contains { $0.contains("↳ ") })
            #expect(h.status.contains("Server order"))
            // Post numbers in the demo text follow server order.
            let numbers = h.allRows.compactMap { number(after: "Post ", in: $0) }
            #expect(numbers == numbers.sorted())
            h.press(.char("v"))
            #expect(h.status.contains("Threaded order"))
        }
    }

    @Test func rowsKeptUpPageByPageMatchRowsBuiltAfresh() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            h.press(.char("z"))  // a collapsed post, for replies to hide under
            h.press(.char("A"))
            let kept = h.allRows
            #expect(kept.filter { $0.contains(" ago (") }.count > 1000)
            h.press(.char("v"))
            h.press(.char("v"))  // back to threaded order: every row built again
            #expect(h.allRows == kept)
        }
    }

    /// A post's header is made when something reads it: loading 2,000 posts makes those drawn,
    /// not the thread's; printing every row makes the rest, once.
    @Test func headersAreMadeWhenDrawnNotWhenLoaded() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            h.press(.char("A"))
            h.press(.char("G"))
            let view = try #require(h.app.top as? ThreadView)
            #expect(view.tree.postCount == DemoNames.bigThreadPosts)
            #expect(view.headersMade == 0)
            // Drawing the screen makes the headers on it, thirty rows at most.
            #expect(h.lines.contains { $0.contains(" ago (") })
            #expect(view.headersMade > 0 && view.headersMade <= 30, "\(view.headersMade) headers made")
            let all = h.allRows
            #expect(all.filter { $0.contains(" ago (") }.count >= DemoNames.bigThreadPosts - 100)
            let made = view.headersMade
            #expect(made >= DemoNames.bigThreadPosts)
            #expect(h.allRows == all)
            #expect(view.headersMade == made)
        }
    }

    @Test func aPageArrivingMakesTheRowsOfItsPostsNotOfTheThread() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            let view = try #require(h.app.top as? ThreadView)
            #expect(view.threadRowsMadeByLastBuild == view.tree.rows().count)
            var pages = 1
            while view.tree.postCount < 1000 {
                // Moving near the end of what is loaded asks for the next page.
                let rows = view.rows(width: h.device.width)
                view.scroll.place(cursor: rows.count - 2, top: max(0, rows.count - 20))
                view.cursorMoved(h.app)
                h.settle()
                pages += 1
                let made = view.threadRowsMadeByLastBuild
                // The page's 100 posts, the placeholders they hang under, and the rows of posts
                // they changed (their ancestors' counts, tree lines): bounded by the page and the
                // thread's depth, not by what came before.
                #expect(made >= 100 && made <= 400, "page \(pages): \(made) rows made")
            }
            #expect(view.threadRowsMadeByLastBuild * 3 < view.tree.rows().count)
            #expect(pages == 10)
            let kept = h.allRows
            #expect(kept.filter { $0.contains(" ago (") }.count >= 1000)
            h.press(.char("v"))
            h.press(.char("v"))  // back to threaded order: every row built again
            #expect(view.threadRowsMadeByLastBuild == view.tree.rows().count)
            #expect(h.allRows == kept)
        }
    }

    @Test func headersShowTheAgeOfPostsAtEachFrame() async throws {
        try await onUIThread {
            let h = try Self.harness()
            try h.open(Self.bigThread)
            let view = try #require(h.app.top as? ThreadView)
            let post = try #require(view.tree.rows().first?.post)
            let timestamp = try #require(post.timestamp)
            let before = try #require(h.cursorLine)
            #expect(before.contains(DateText.relative(timestamp, now: DemoHarness.now)))
            let later = DemoHarness.now.addingTimeInterval(86_400 * 400)
            view.now = { later }
            view.invalidate()
            let after = try #require(h.cursorLine)
            #expect(after.contains(DateText.relative(timestamp, now: later)), "\(after)")
            #expect(after != before)
        }
    }

    @Test func readMarksSurviveAndTabFindsUnreadPosts() async throws {
        try await onUIThread {
            let store = try StateStore.inMemory()
            var options = AppOptions()
            options.state = LocalState(store: store)
            let h = try DemoHarness(width: 100, height: 30, options: options)
            try h.open(Self.bigThread)
            #expect(h.lines[1].contains("●"), "everything is new on the first visit")
            _ = h.screen  // shows the first screen: those posts are seen
            h.press(.char("q"))
            let marked = try store.readSlugs(forge: h.session.baseURL.absoluteString, thread: DemoNames.bigThreadID)
            #expect(!marked.isEmpty)

            let again = try DemoHarness(width: 100, height: 30, options: options)
            try again.open(Self.bigThread)
            #expect(!again.lines[1].contains("●"), "seen last time: not new")
            again.press(.tab)
            let unread = try #require(again.cursorLine)
            #expect(unread.contains("●"))
        }
    }

    @Test func aCommentIsPostedAndItsDraftDropped() async throws {
        try await onUIThread {
            let offered = Recorder()
            let h = try Self.harness { text in
                offered.append(text)
                return "Posted from the thread view ✓"
            }
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/")
            h.press(.char("c"))
            #expect(h.app.top is ThreadView)
            #expect(h.status.contains("Posted"), "\(h.status)")
            #expect(h.allRows.contains { $0.contains("Posted from the thread view ✓") })
            #expect(offered.items == [""])
        }
    }

    @Test func aFailedCommentIsKeptAsADraftAndOfferedAgain() async throws {
        try await onUIThread {
            let offered = Recorder()
            let h = try Self.harness { text in
                offered.append(text)
                return text.isEmpty ? "My important reply" : text
            }
            h.forge.addFault(
                DemoForge.FaultRule(pathContains: "/_discuss/thread/", method: "POST", status: 500, times: 1))
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/")
            h.press(.char("c"))
            #expect(h.status.contains("Not sent"), "\(h.status)")
            #expect(h.status.contains("draft"))
            #expect(!h.allRows.contains { $0.contains("My important reply") })
            // Try again: the editor gets the draft back, and this time the forge accepts it.
            h.press(.char("c"))
            #expect(offered.items == ["", "My important reply"])
            #expect(h.status.contains("Posted"))
            #expect(h.allRows.contains { $0.contains("My important reply") })
        }
    }

    @Test func forumTopicsCannotBeWrittenOverREST() async throws {
        try await onUIThread {
            let h = try Self.harness { _ in
                Issue.record("the editor must not open for a forum topic")
                return nil
            }
            try h.open(Self.bigThread)
            h.press(.char("c"))
            #expect(h.status.contains("cannot be written"))
            #expect(h.status.contains("press o"))
        }
    }

    @Test func dumpWithAllPrintsTheWholeTree() async throws {
        try await onUIThread {
            let h = try Self.harness()
            h.app.options.loadEverything = true
            let (_, route) = try h.session.parse(Self.bigThread)
            var options = AppOptions()
            options.loadEverything = true
            let text = try Dump.render(route, session: h.session, width: 100, options: options)
            let headers = text.components(separatedBy: "\n").filter { $0.contains(" ago (") }
            #expect(headers.count == DemoNames.bigThreadPosts)
            #expect(text.contains("[hidden post"), "replies to deleted posts hang under placeholders")
            #expect(!text.contains("not loaded yet"))
        }
    }
}

/// The forum list and the topic list, paged lazily.
@Suite struct ForumViewTests {
    @Test(arguments: [(80, 24), (120, 40)]) func forumsListTheirTopicsAndLastPosts(width: Int, height: Int) async throws
    {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open("p/\(DemoNames.mainProject)/discussion/")
            #expect(h.title.hasSuffix("› Discussion"))
            #expect(h.screen.contains("130 topics"))
            #expect(!h.screen.contains("**"), "descriptions are rendered from Markdown")
            h.moveCursor(to: "General Discussion")
            h.press(.enter)
            #expect(h.app.top is TopicListView)
        }
    }

    @Test func topicsShowWhoStartedThemFetchedForTheRowsOnScreenOnly() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/")
            #expect(h.lines[1].contains("Started by"))
            #expect(h.lines[2].contains("…"), "the author is pending until the first post arrives")
            h.settle()
            let starterRequests = h.forge.requestLog.filter {
                $0.path.contains("/discussion/\(DemoNames.bigForum)/thread/") && $0.query?.contains("limit=1") == true
            }
            let topicRows = h.lines.dropFirst(2).filter { !$0.isEmpty }.count
            #expect(topicRows == 28)
            #expect(starterRequests.count == topicRows, "one request per topic on screen, not per topic loaded")
            let first = try #require(starterRequests.first)
            let thread = try #require(first.path.split(separator: "/").last.map(String.init))
            let posts = try blocking { [allura = h.allura] in
                try await (allura as any DiscussionReading).topicPosts(
                    DemoHarness.mainProject, mount: "discussion", forum: DemoNames.bigForum, thread: thread, page: 0,
                    limit: 1)
            }
            let author = try #require(posts.posts.first?.author)
            #expect(h.lines.contains { $0.contains(author) && !$0.contains("…") })
            #expect(h.lines[2].contains("…") == false)
        }
    }

    @Test func topicListPagesLazilyWithPlaceholdersAndJumpsToTheEnd() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/")
            let topicRequests = {
                h.forge.requestLog.filter { $0.path.hasSuffix("/discussion/\(DemoNames.bigForum)/") }
            }
            #expect(topicRequests().count == 1)
            #expect(h.allRows.contains { $0.trimmingCharacters(in: .whitespaces) == "…" }, "placeholders")
            #expect(h.lines[1].contains("Subject"))
            h.press(.char("G"))
            #expect(topicRequests().count == 2)
            #expect(topicRequests().last?.query?.contains("page=2") == true)
            let cursorLine = h.cursorLine?.trimmingCharacters(in: .whitespaces)
            #expect(cursorLine != "…" && cursorLine?.isEmpty == false, "the last page arrived: \(cursorLine ?? "")")
            h.press(.enter)
            #expect(h.app.top is ThreadView)
        }
    }
}

/// The whole number that follows `marker` in `text`, if any.
func number(after marker: String, in text: String) -> Int? {
    guard let range = text.range(of: marker) else { return nil }
    let digits = text[range.upperBound...].prefix { $0.isNumber }
    return Int(digits)
}

/// Collects what the fake editor was offered.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ text: String) { lock.withLock { stored.append(text) } }
    var items: [String] { lock.withLock { stored } }
}

/// A thread row without its tree glyphs.
func withoutTree(_ line: String) -> String {
    String(line.drop { "│├└─▸ |`-".contains($0) })
}

@Suite struct ThreadGlyphTests {
    @Test func asciiGlyphsWhenAsked() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.asciiGlyphs = true
            let h = try DemoHarness(width: 100, height: 30, options: options)
            try h.open(ThreadViewTests.bigThread)
            let screen = h.screen
            #expect(screen.contains("|-") || screen.contains("`-"))
            #expect(!screen.contains("├") && !screen.contains("│") && !screen.contains("└"))
            #expect(!screen.contains("●"))
        }
    }
}
