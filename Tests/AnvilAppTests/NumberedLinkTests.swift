import DemoForge
import ForgeModel
import Foundation
import TerminalUI
import Testing
import Text

@testable import AnvilApp

/// Numbered links (`f N`, `:link N`), `Tab` wrapping around, OSC 8 addresses on the canvas, and
/// the ways an item leaves Anvil: `o`, `y`, `Y`, `|` and `:save`.
@Suite struct NumberedLinkTests {
    static let home = "p/\(DemoNames.mainProject)/wiki/\(DemoNames.homePage)/"
    static let homeURL = "https://demo.anvil.test/p/anvil-demo/wiki/Home/"

    /// Types `text` into the open prompt and submits it.
    private func type(_ h: DemoHarness, _ text: String) {
        for c in text { h.app.handle(.key(.char(c))) }
        h.press(.enter)
    }

    @Test func fFollowedByANumberFollowsThatLink() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open(Self.home)
            #expect(h.screen.contains("[FAQ & Tips (v2)] [3] answers"), "\(h.screen)")
            h.press(.char("f"))
            #expect(h.app.prompt?.prompt == "Follow link number: ")
            type(h, "3")
            #expect(h.title.hasSuffix("› FAQ & Tips (v2)"), "\(h.title)")
            h.press(.char("q"))
            h.submit(":", "link 8")
            #expect(h.app.top is TicketView, "\(h.title)")
            #expect(h.title.contains("#12"))
            h.press(.char("q"))
            h.submit(":", "link 99")
            #expect(h.status.contains("No link [99] here"))
            h.submit(":", "link x")
            #expect(h.status.contains("Usage"))
        }
    }

    @Test func linksOfEmbeddedCommentsNumberOnFromThePage() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 100, height: 60)
            try h.open("p/\(DemoNames.mainProject)/bugs/12/")
            let view = try #require(h.app.top as? TicketView)
            _ = view.rows(width: 100)
            let numbers = view.links.compactMap { placed -> Int? in
                if case .document(let link) = placed.target { return link.number }
                return nil
            }
            #expect(!numbers.isEmpty)
            #expect(numbers == Array(1...numbers.count), "one numbering for the page: \(numbers)")
        }
    }

    @Test func tabWrapsAroundAtTheLastLinkAndBackTabAtTheFirst() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open(Self.home)
            let view = try #require(h.app.top as? WikiPageView)
            h.press(.tab)
            #expect(view.selectedLink == 0)
            h.press(.backTab)
            #expect(view.selectedLink == view.links.count - 1, "BackTab at the first link goes to the last")
            #expect(h.app.message?.text.hasSuffix("(wrapped to the last link)") == true)
            h.press(.tab)
            #expect(view.selectedLink == 0, "Tab at the last link goes to the first")
            #expect(h.app.message?.text.hasSuffix("(wrapped to the first link)") == true)
            h.press(.tab)
            #expect(view.selectedLink == 1)
            #expect(h.app.message?.text.contains("(wrapped") == false)
        }
    }

    @Test func linksCarryTheirWebAddressOnlyWhenHyperlinksAreOn() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.hyperlinks = true
            let h = try DemoHarness(height: 40, options: options)
            try h.open(Self.home)
            let canvas = h.canvas
            let y = try #require((0..<canvas.height).first { canvas.rowText($0).contains("[Getting Started] [1]") })
            let x = try #require(canvas.rowText(y).range(of: "[Getting Started]")).lowerBound.utf16Offset(
                in: canvas.rowText(y))
            #expect(canvas[x + 1, y].hyperlink == "https://demo.anvil.test/p/anvil-demo/wiki/Getting%20Started/")
            #expect(canvas[x + "[Getting Started]".count, y].hyperlink == nil, "the number is not part of the link")
            #expect(canvas[0, y].hyperlink == nil)
            let mentions = try #require((0..<canvas.height).first { canvas.rowText($0).contains("@ingrid [10]") })
            let m = try #require(canvas.rowText(mentions).range(of: "@ingrid")).lowerBound.utf16Offset(
                in: canvas.rowText(mentions))
            #expect(canvas[m, mentions].hyperlink == "https://demo.anvil.test/u/ingrid/profile/")

            let plain = try DemoHarness()
            try plain.open(Self.home)
            #expect(plain.canvas.cells.allSatisfy { $0.hyperlink == nil })
        }
    }

    @Test func yCopiesTheAddressAndShowsItYCopiesTheText() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open(Self.home)
            h.press(.char("y"))
            #expect(h.device.clipboard == [Self.homeURL])
            #expect(h.status.contains("Copied " + Self.homeURL))
            h.press(.char("Y"))
            let text = try #require(h.device.clipboard.last)
            #expect(text.hasPrefix("# Welcome to Anvil Demo\n"))
            #expect(text.contains("[FAQ & Tips (v2)]"))
            #expect(h.status.contains("Copied the text of page Home"))

            var off = AppOptions()
            off.clipboard = false
            let quiet = try DemoHarness(options: off)
            try quiet.open(Self.home)
            quiet.press(.char("y"))
            #expect(quiet.device.clipboard.isEmpty)
            #expect(quiet.status.contains(Self.homeURL), "the address is still shown: \(quiet.status)")
        }
    }

    @Test func inAListYCopiesTheAddressOfTheRowUnderTheCursor() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/bugs/")
            h.press(.char("y"))
            let copied = try #require(h.device.clipboard.last)
            #expect(copied.hasPrefix("https://demo.anvil.test/p/anvil-demo/bugs/"))
            #expect(Int(copied.split(separator: "/").last ?? "") != nil, "a ticket's address: \(copied)")
        }
    }

    @Test func inAThreadYCopiesThePostUnderTheCursor() async throws {
        try await onUIThread {
            let h = try DemoHarness()
            try h.open("p/\(DemoNames.mainProject)/bugs/12/")
            let ticket = try #require(h.app.top as? TicketView)
            let thread = try #require(ticket.ticket?.threadID)
            h.app.open(.discussionThread(DemoHarness.mainProject, mount: "bugs", thread: thread))
            h.settle()
            let view = try #require(h.app.top as? ThreadView)
            _ = h.screen
            let item = try #require(view.itemText)
            h.press(.char("Y"))
            #expect(h.device.clipboard.last == ItemExport.exported(item.text))
            #expect(item.name.hasSuffix("'s post"))
        }
    }

    @Test func saveWritesTheItemAndSaysWhyWhenItCannot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("anvil-save-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.path
        try await onUIThread {
            var options = AppOptions()
            options.homeDirectory = home
            let h = try DemoHarness(options: options)
            try h.open(Self.home)
            h.submit(":", "save ~/home.md")
            let saved = try String(contentsOfFile: home + "/home.md", encoding: .utf8)
            #expect(saved.hasPrefix("# Welcome to Anvil Demo\n"))
            #expect(saved.hasSuffix("\n"))
            #expect(h.status.contains("Saved page Home to \(home)/home.md"))
            h.submit(":", "save \(home)/missing/dir/x.md")
            #expect(h.app.messageLog.last?.text.hasPrefix("Cannot save to \(home)/missing/dir/x.md: ") == true)
            #expect(h.app.message?.isError == true)
            h.submit(":", "save")
            #expect(h.status.contains("Usage: :save PATH"))
        }
        #expect(ItemExport.expand("~/a", home: "/h") == "/h/a")
        #expect(ItemExport.expand("~", home: "/h") == "/h")
        #expect(ItemExport.expand("~x/a", home: "/h") == "~x/a")
        #expect(!ItemExport.exported("a\u{1B}[2Jb\n\n").contains("\u{1B}"), "no escape sequence leaves Anvil")
        #expect(ItemExport.exported("a\nb\n\n").hasSuffix("a\nb\n"))
    }

    @Test func pipeHandsTheItemToTheCommandTyped() async throws {
        let calls = Calls()
        try await onUIThread {
            var options = AppOptions()
            options.pipe = { command, input in
                calls.append(command, input)
                return command == "false" ? "The command exited with status 1: false" : nil
            }
            let h = try DemoHarness(options: options)
            try h.open(Self.home)
            h.press(.char("|"))
            #expect(h.app.prompt?.prompt == "Pipe page Home to: ")
            type(h, "wc -l")
            #expect(calls.all.first?.0 == "wc -l")
            #expect(calls.all.first?.1.hasPrefix("# Welcome to Anvil Demo\n") == true)
            #expect(h.status.contains("Piped page Home to wc -l"))
            h.press(.char("|"))
            type(h, "false")
            #expect(h.status.contains("status 1"))
        }
    }

    @Test func whenNoBrowserRunsTheFullAddressIsShownAndKept() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.openInBrowser = { _ in "no browser here (no $BROWSER and no display)" }
            let h = try DemoHarness(width: 40, height: 10, options: options)
            try h.open(Self.home)
            h.press(.char("o"))
            #expect(h.status.hasPrefix("https://demo.anvil.test/p/anvil-demo/"), "\(h.status)")
            let logged = try #require(h.app.messageLog.last?.text)
            #expect(logged.hasPrefix(Self.homeURL + " — no browser here"))
        }
    }

    @Test func hyperlinksAreOnOnlyWhereTheTerminalIsKnownToHaveThem() {
        #expect(HyperlinkSupport.enabled(configured: nil, environment: ["TERM": "xterm-256color"]) == false)
        #expect(HyperlinkSupport.enabled(configured: nil, environment: ["TERM": "xterm-kitty"]))
        #expect(HyperlinkSupport.enabled(configured: nil, environment: ["TERM_PROGRAM": "WezTerm", "TERM": "xterm"]))
        #expect(HyperlinkSupport.enabled(configured: nil, environment: ["VTE_VERSION": "6003", "TERM": "xterm"]))
        #expect(
            HyperlinkSupport.enabled(configured: nil, environment: ["VTE_VERSION": "4205", "TERM": "xterm"]) == false)
        #expect(
            HyperlinkSupport.enabled(
                configured: nil, environment: ["VTE_VERSION": "6003", "TERM": "tmux-256color", "TMUX": "/tmp/x"])
                == false, "inside tmux the outer terminal's word does not count")
        #expect(HyperlinkSupport.enabled(configured: true, environment: ["TERM": "tmux-256color"]))
        #expect(HyperlinkSupport.enabled(configured: false, environment: ["TERM": "xterm-kitty"]) == false)
    }
}

/// Commands handed to a fake pipe.
private final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(String, String)] = []
    func append(_ command: String, _ input: String) { lock.withLock { calls.append((command, input)) } }
    var all: [(String, String)] { lock.withLock { calls } }
}

/// The numbered links of a wiki page, drawn at the pinned sizes: whole frames, then the roles.
@Suite struct NumberedLinkScreenTests {
    static let frame80: [String] = [
        "demo › Anvil Demo › Wiki › Home                                              Top",
        "Home",
        "Last edit 2026-09-02 03:19 UTC (2 months ago)  ·  Labels start",
        "",
        "Welcome to Anvil Demo",
        "═════════════════════",
        "",
        "This wiki belongs to a fictional project. Every page exists to exercise a corner",
        "of the",
        "Anvil renderer.",
        "",
        "Welcome to Anvil Demo",
        "  Start here",
        "  Trackers",
        "",
        "Start here",
        "──────────",
        "",
        "• [Getting Started] [1] explains the first steps",
        "• [wiki:Markdown Showcase] [2] shows every Markdown feature",
        "• [FAQ & Tips (v2)] [3] answers common questions",
        "• [Terminal Escapes] [4] is a page a terminal must render safely",
        "• The [Field Manual] [5] is very long",
        "",
    ]

    static let frame120: [String] = [
        "demo › Anvil Demo › Wiki › Home                                                                                      Top",
        "Home",
        "Last edit 2026-09-02 03:19 UTC (2 months ago)  ·  Labels start",
        "",
        "Welcome to Anvil Demo",
        "═════════════════════",
        "",
        "This wiki belongs to a fictional project. Every page exists to exercise a corner of the",
        "Anvil renderer.",
        "",
        "Welcome to Anvil Demo",
        "  Start here",
        "  Trackers",
        "",
        "Start here",
        "──────────",
        "",
        "• [Getting Started] [1] explains the first steps",
        "• [wiki:Markdown Showcase] [2] shows every Markdown feature",
        "• [FAQ & Tips (v2)] [3] answers common questions",
        "• [Terminal Escapes] [4] is a page a terminal must render safely",
        "• The [Field Manual] [5] is very long",
        "",
        "Trackers",
        "────────",
        "",
        "Bugs go to the tracker [6] </p/anvil-demo/bugs/>, ideas to [features:#2] [7].",
        "The oldest open bug is [#12] [8]; see also [anvil-demo:bugs:#3] [9].",
        "",
        "Maintained by @ingrid [10] and @kenji [11].",
        "",
        "Comments",
        "",
        "ingrid  2026-08-13 07:57 UTC (2 months ago)",
        "  Could you attach the output of anvil --version?",
        "",
        "lena  2026-08-13 19:56 UTC (2 months ago)",
        "  Fixed in the main branch, please retest.",
        "",
        "  oskar  2026-08-13 23:44 UTC (2 months ago)",
    ]

    @Test(arguments: [(80, 24), (120, 40)]) func aWikiPageShowsItsLinksNumbered(width: Int, height: Int) async throws {
        try await onUIThread {
            let h = try DemoHarness(width: width, height: height)
            try h.open(NumberedLinkTests.home)
            let lines = h.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
            #expect(lines == (width == 80 ? Self.frame80 : Self.frame120))
            let canvas = h.canvas
            let y = try #require(lines.firstIndex { $0.hasPrefix("• [FAQ & Tips (v2)] [3]") })
            let link = "• [FAQ & Tips (v2)]".count
            #expect((2..<link).allSatisfy { canvas[$0, y].role == .reference })
            #expect((link..<(link + 4)).allSatisfy { canvas[$0, y].role == .muted }, "the number is muted")
            #expect(canvas.cells.allSatisfy { $0.hyperlink == nil }, "no OSC 8 unless the terminal has them")
        }
    }
}

@Suite struct TerminalOptionConfigTests {
    @Test func osc8AndOsc52AreReadFromTheConfig() throws {
        let directory = try TemporaryDirectory()
        let on = try directory.write("on.toml", "osc8 = true\nosc52 = false\n")
        let config = try AnvilConfig.load(path: on, environment: directory.environment)
        #expect(config.osc8 == true)
        #expect(config.osc52 == false)
        let empty = try directory.write("empty.toml", "theme = \"mono\"\n")
        let defaults = try AnvilConfig.load(path: empty, environment: directory.environment)
        #expect(defaults.osc8 == nil, "unset: the terminal decides")
        #expect(defaults.osc52)
        let wrong = try directory.write("wrong.toml", "osc8 = \"yes\"\n")
        #expect(configError { _ = try AnvilConfig.load(path: wrong, environment: directory.environment) } != nil)
    }
}

@Suite struct ThreadLinkTests {
    @Test func inAThreadLinksAreNumberedPerPostAndFollowedFromThePostUnderTheCursor() async throws {
        try await onUIThread {
            var options = AppOptions()
            options.hyperlinks = true
            let h = try DemoHarness(width: 100, height: 30, options: options)
            try h.open(NumberedLinkTests.home)
            let page = try #require(h.app.top as? WikiPageView)
            let thread = try #require(page.page?.thread?.id)
            h.app.open(.discussionThread(DemoHarness.mainProject, mount: "wiki", thread: thread))
            h.settle()
            #expect(h.app.top is ThreadView)
            h.submit("/", "started a patch")
            let canvas = h.canvas
            let y = try #require(
                (0..<canvas.height).first { canvas.rowText($0).contains("@lena [1] could you review") })
            let text = canvas.rowText(y)
            let x = try #require(text.range(of: "@lena")).lowerBound.utf16Offset(in: text)
            #expect(canvas[x, y].hyperlink == "https://demo.anvil.test/u/lena/profile/")
            #expect(canvas[x + 5, y].hyperlink == nil)
            h.press(.char("f"))
            for c in "1" { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            #expect(h.app.top is ProfileView, "\(h.title)")
            #expect(h.title.contains("lena"))
        }
    }
}
