import DemoForge
import ForgeModel
import Foundation
import Store
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// Every view rendered through the headless canvas at pinned sizes.
@Suite struct ScreenTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40)]

    @Test(arguments: sizes) func projectViewShowsTheProjectAndItsTools(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            let project = try blocking { [allura = h.allura] in try await allura.project(DemoHarness.mainProject) }
            try h.open("p/\(DemoNames.mainProject)/")
            let lines = h.lines
            #expect(lines.count == height)
            #expect(lines[0].hasPrefix("demo › \(project.name)"))
            #expect(lines[1].contains(project.name))
            let rows = h.allRows.joined(separator: "\n")
            for tool in project.tools { #expect(rows.contains(tool.label), "tool \(tool.label)") }
            for developer in project.developers { #expect(rows.contains("@" + developer.username)) }
            #expect(rows.contains("Tools"))
            // The cursor starts on the first tool.
            #expect(h.cursorLine?.contains(project.tools[0].label) == true, "cursor: \(h.cursorLine ?? "none")")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
        }
    }

    @Test(arguments: sizes) func wikiIndexIsSortedAndOpensPages(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open("p/\(DemoNames.mainProject)/wiki/")
            let titles = h.forge.data.wikiTitles().sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            #expect(h.title.hasSuffix("› Wiki"))
            let shown = h.allRows.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(shown.count == titles.count)
            for (row, title) in zip(shown, titles) {
                #expect(title.hasPrefix(row.replacingOccurrences(of: "…", with: "")), "\(row) vs \(title)")
            }
            h.moveCursor(to: DemoNames.homePage)
            h.press(.enter)
            #expect(h.title.hasSuffix("› \(DemoNames.homePage)"))
            #expect(h.screen.contains("Last edit"))
        }
    }

    @Test func backReturnsToTheSameCursorAndScroll() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 12)
            try h.open("p/\(DemoNames.mainProject)/wiki/")
            for _ in 0..<14 { h.press(.char("j")) }
            let before = h.screen
            let cursor = h.cursorLine
            h.press(.enter)
            #expect(h.screen != before)
            h.press(.char("q"))
            #expect(h.screen == before)
            #expect(h.cursorLine == cursor)
        }
    }

    @Test(arguments: sizes) func wikiPageRendersMarkdownAndPagesWithTheKeys(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.largePage)/")
            #expect(h.title.hasSuffix("› \(DemoNames.largePage)"))
            let first = h.lines[1]
            #expect(first.contains(DemoNames.largePage))
            h.press(.char("j"))
            let scrolledOnce = h.lines
            #expect(scrolledOnce[1] != first || h.allRows[1].isEmpty, "j scrolls the page by a line")
            // Exactly one line: the screen shows rows 1... of the page (a blank row passes only
            // when the page's row is blank too).
            let contentRows = h.app.contentHeight
            for i in 0..<contentRows {
                #expect(scrolledOnce[1 + i] == h.allRows[1 + i].trimmingTrailingSpaces, "row \(i + 1) after j")
            }
            h.press(.char(" "))
            #expect(h.lines[1] != scrolledOnce[1])
            h.press(.char("G"))
            let end = h.lines
            let lastContentRow = h.app.showsStatusLine ? height - 2 : height - 1
            #expect(end[lastContentRow] == (h.allRows.last ?? "").trimmingTrailingSpaces)
            // The whole bottom of the page, not just a last row that may be blank.
            let tail = h.allRows.suffix(lastContentRow).map(\.trimmingTrailingSpaces)
            #expect(Array(end[1...lastContentRow]) == tail)
            #expect(tail.contains { !$0.isEmpty })
            h.press(.char("g"))
            #expect(h.lines[1] == first)
        }
    }

    @Test func escapesInServerTextAreShownNeverEmitted() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 60)
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.escapesPage)/")
            let canvas = h.canvas
            var sawPicture = false
            for cell in canvas.cells {
                for scalar in cell.text.unicodeScalars {
                    let v = scalar.value
                    #expect(!(v < 0x20 || (0x7F...0x9F).contains(v)), "control U+\(String(v, radix: 16)) in a cell")
                    #expect(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v), "bidi control in a cell")
                    if v == 0x241B { sawPicture = true }
                }
            }
            #expect(sawPicture, "ESC is made visible as ␛")
        }
    }

    @Test(arguments: sizes) func profileShowsTheUserAndOpensTheirProjects(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            let project = try blocking { [allura = h.allura] in try await allura.project(DemoHarness.mainProject) }
            let user = project.developers[0].username
            let profile = try blocking { [allura = h.allura] in try await allura.profile(username: user) }
            try h.open("/u/\(user)/profile/")
            #expect(h.title == "demo › users › \(user)")
            let rows = h.allRows.joined(separator: "\n")
            #expect(rows.contains("@" + user))
            #expect(rows.contains("Joined"))
            #expect(rows.contains("Projects"))
            for p in profile.projects { #expect(rows.contains(String(p.name.prefix(20)))) }
            h.moveCursor(to: String(profile.projects[0].name.prefix(20)))
            h.press(.enter)
            #expect(h.app.top is ProjectView)
        }
    }

    @Test(arguments: sizes) func toolWithoutAnAPISaysWhatItIsWithItsFullAddress(width: Int, height: Int) async throws {
        try await onUIThread {
            var options = AppOptions()
            let opened = BrowserCalls()
            options.openInBrowser = opened.open
            let h = try DemoHarness(width: width, height: height, options: options)
            try h.open("p/\(DemoNames.mainProject)/")
            h.moveCursor(to: "Chat")
            h.press(.enter)
            #expect(h.app.top is ToolInfoView)
            #expect(h.title == "demo › Anvil Demo › Chat")
            let address = "https://demo.anvil.test/p/\(DemoNames.mainProject)/chat/"
            #expect(h.screen.contains("A chat room"))
            #expect(h.allRows.joined().contains(address))
            #expect(h.lines.allSatisfy { DisplayWidth.of($0) <= width })
            h.press(.char("o"))
            #expect(opened.urls == [address])
            h.press(.char("q"))
            h.moveCursor(to: "Code")
            h.press(.enter)
            #expect(h.screen.contains("git source code repository"))
        }
    }

    @Test func theProfileToolOfAUserProjectOpensTheProfile() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let user = h.forge.data.usernames[0]
            try h.open("u/\(user)/")
            #expect(h.app.top is ProjectView)
            h.moveCursor(to: "Profile")
            h.press(.enter)
            #expect(h.app.top is ProfileView)
            #expect(h.title == "demo › users › \(user)")
            h.press(.char("q"))
            h.moveCursor(to: "Activity")
            h.press(.enter)
            #expect(h.app.top is ToolInfoView)
        }
    }

    @Test func blogURLsOpenTheBlogAndTicketURLsTheirTicket() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("https://demo.anvil.test/p/\(DemoNames.mainProject)/blog/")
            #expect(h.app.top is BlogView)
            try h.open("https://demo.anvil.test/rest/p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/12/")
            #expect(h.app.top is TicketView)
        }
    }

    @Test func linkToolShowsItsTarget() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            let project = try blocking { [allura = h.allura] in try await allura.project(DemoHarness.mainProject) }
            let link = try #require(project.tools.first { $0.kind == .link })
            let target = try blocking { [allura = h.allura] in
                try await allura.linkTarget(DemoHarness.mainProject, mount: link.mountPoint)
            }
            try h.open("p/\(DemoNames.mainProject)/\(link.mountPoint)/")
            #expect(h.app.top is LinkView)
            #expect(h.screen.contains(try #require(target)))
        }
    }

    @Test func missingProjectShowsTheErrorAndCanRetry() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/no-such-project/")
            #expect(h.screen.contains("Not found (404)"))
            #expect(h.status.contains("404"))
            h.press(.char("r"))
            #expect(h.screen.contains("Not found (404)"))
        }
    }

    @Test func searchHighlightsMatchesAndMovesBetweenThem() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 30)
            try h.open("p/\(DemoNames.mainProject)/wiki/")
            h.submit("/", "e")
            let rowsWithE = h.allRows.filter { $0.lowercased().contains("e") }.count
            #expect(h.status.contains("/e: \(rowsWithE) matching line"))
            let canvas = h.canvas
            #expect(canvas.cells.contains { $0.role == .searchMatch && $0.text.lowercased() == "e" })
            let first = h.cursorLine
            h.press(.char("n"))
            #expect(h.cursorLine != first)
            // n moved to the next row with an "e" after the first match.
            let matching = h.allRows.filter { $0.lowercased().contains("e") }
            let firstIndex = try #require(
                matching.firstIndex { $0.trimmingTrailingSpaces == first?.trimmingTrailingSpaces })
            #expect(h.cursorLine?.trimmingTrailingSpaces == matching[firstIndex + 1].trimmingTrailingSpaces)
            h.press(.char("N"))
            #expect(h.cursorLine == first)
            h.submit("/", "no-such-thing-at-all")
            #expect(h.status.contains("Pattern not found"))
        }
    }

    @Test func resizeReflowsTheView() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 120, height: 40)
            try h.open("p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/")
            let wide = h.allRows
            h.device.feed([.resize(width: 50, height: 20)])
            if let event = h.device.nextEvent(timeoutMilliseconds: 0) { h.app.handle(event) }
            let narrow = h.allRows
            #expect(h.lines.count == 20)
            #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 50 })
            #expect(narrow.count > wide.count)
        }
    }

    @Test func helpIsGeneratedFromTheKeymap() async throws {
        try await onUIThread {
            var keymap = Keymap()
            try keymap.rebind(.moveDown, to: ["j", "C-n"])
            let h = try DemoHarness()
            h.app.keymap = keymap
            try h.open("p/\(DemoNames.mainProject)/")
            h.press(.char("?"))
            let rows = h.allRows.joined(separator: "\n")
            #expect(h.title.hasSuffix("› help"))
            #expect(rows.contains("j C-n"))
            for action in Action.allCases { #expect(rows.contains(":" + action.rawValue)) }
            #expect(rows.contains(":open URL"))
            h.press(.char("q"))
            #expect(h.app.top is ProjectView)
        }
    }

    @Test func commandPromptOpensURLsAndReportsMistakes() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/")
            h.submit(":", "open p/\(DemoNames.mainProject)/wiki/")
            #expect(h.app.top is WikiIndexView)
            h.submit(":", "frobnicate")
            #expect(h.status.contains("Unknown command: frobnicate"))
            h.submit(":", "theme nope")
            #expect(h.status.contains("Themes cannot change here"))
            h.submit(":", "open")
            #expect(h.status.contains("Usage: :open URL"))
            h.press(.char(":"))
            for c in "rel" { h.app.handle(.key(.char(c))) }
            h.app.handle(.key(.tab))
            #expect(h.status.hasPrefix(":reload"))
            h.press(.escape)
            h.submit(":", "quit")
            #expect(!h.app.isRunning)
        }
    }

    @Test func startViewListsRecentPlaces() async throws {
        try await onUIThread {
            let state = LocalState(store: try StateStore.inMemory())
            let history = HistoryStore(state: state)
            var options = AppOptions()
            options.history = history
            let h = try DemoHarness(options: options)
            try h.open("p/\(DemoNames.mainProject)/wiki/")
            let address = "https://demo.anvil.test/p/\(DemoNames.mainProject)/wiki/"
            #expect(history.entries.first == address)
            let name = try #require(history.name(of: address))
            #expect(name.hasPrefix("demo › Anvil Demo › "), "kept under the name the title line showed: \(name)")
            h.app.openStart(session: h.session)
            #expect(h.screen.contains("Recent places"))
            #expect(h.allRows.contains { $0.hasPrefix("  " + name) }, "places are listed by name")
            h.moveCursor(to: name)
            h.press(.enter)
            #expect(h.app.top is WikiIndexView)
            let reloaded = HistoryStore(state: state)
            #expect(reloaded.entries == history.entries)
            #expect(reloaded.name(of: address) == name)
        }
    }

    @Test func quitAtTheBottomOfTheStack() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/")
            h.press(.char("q"))
            #expect(!h.app.isRunning)
        }
    }

    @Test func dumpMatchesTheScreenLayout() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 200)
            try h.open("p/\(DemoNames.mainProject)/")
            let text = try Dump.render(.project(DemoHarness.mainProject), session: h.session, width: 80)
            let dumped = text.components(separatedBy: "\n")
            #expect(dumped[0] == h.title.trimmingTrailingSpaces)
            // Same rows as on screen (the screen marks the cursor row only by colour).
            for (i, row) in h.allRows.enumerated() { #expect(dumped[i + 1] == row.trimmingTrailingSpaces) }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
