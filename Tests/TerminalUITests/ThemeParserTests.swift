import Testing
import Text

@testable import TerminalUI

@Suite struct ThemeParserTests {
    @Test func parsesRulesCommentsAndBlankLines() throws {
        let text = """
            # a comment
              # an indented comment

            color title  bright-white  #1a2B3c  bold underline
            color ticket-open 2 default
            color cursor default default reverse
            """
        let theme = try ThemeParser.parse(text, file: "themes/mine.theme")
        #expect(theme.name == "mine")
        #expect(theme.styles.count == 3)
        #expect(
            theme.style(for: .title)
                == TextStyle(
                    foreground: .indexed(15), background: .rgb(0x1A, 0x2B, 0x3C), attributes: [.bold, .underline]))
        #expect(theme.style(for: .ticketOpen) == TextStyle(foreground: .indexed(2), background: .default))
        #expect(theme.style(for: .cursor).attributes == .reverse)
    }

    /// A file saved with Windows line ends reads as the same rules, and errors count its lines.
    @Test func readsWindowsLineEnds() throws {
        let text = "# comment\r\n\r\ncolor title bright-white #1a2B3c bold\r\ncolor cursor default default reverse\r\n"
        let theme = try ThemeParser.parse(text, file: "crlf.theme")
        #expect(theme.styles.count == 2)
        #expect(
            theme.style(for: .title)
                == TextStyle(foreground: .indexed(15), background: .rgb(0x1A, 0x2B, 0x3C), attributes: .bold))
        #expect(theme.style(for: .cursor).attributes == .reverse)
        #expect(throws: ThemeError(file: "crlf.theme", line: 3, reason: "unknown role 'nope'")) {
            try ThemeParser.parse("# x\r\n\r\ncolor nope red default\r\n", file: "crlf.theme")
        }
    }

    /// Rules whose words are not ASCII keep them whole in the messages.
    @Test func keepsUnicodeWordsWhole() {
        #expect(throws: ThemeError(file: "u.theme", line: 1, reason: "unknown colour 'röd'")) {
            try ThemeParser.parse("color title röd default", file: "u.theme")
        }
    }

    @Test func laterRuleForSameRoleWins() throws {
        let theme = try ThemeParser.parse("color error red default\ncolor error blue default bold\n", file: "x.theme")
        #expect(theme.style(for: .error) == TextStyle(foreground: .indexed(4), attributes: .bold))
    }

    @Test(arguments: [
        ("default", Color.default), ("black", .indexed(0)), ("white", .indexed(7)), ("magenta", .indexed(5)),
        ("bright-black", .indexed(8)), ("bright-cyan", .indexed(14)), ("0", .indexed(0)), ("255", .indexed(255)),
        ("#ff8000", .rgb(255, 128, 0)), ("RED", .indexed(1)),
    ])
    func colours(text: String, expected: Color) {
        #expect(ThemeParser.parseColor(text) == expected)
    }

    @Test(arguments: ["256", "-1", "#fff", "#gg0000", "bright-", "orange", "bright-bright-red", "", "#ff00001"])
    func badColours(text: String) {
        #expect(ThemeParser.parseColor(text) == nil)
    }

    @Test func unknownRoleNamesFileAndLine() {
        let text = "color normal default default\n\n# note\n\n\n\ncolor foo red default\n"
        #expect(throws: ThemeError(file: "themes/x.theme", line: 7, reason: "unknown role 'foo'")) {
            try ThemeParser.parse(text, file: "themes/x.theme")
        }
        do {
            _ = try ThemeParser.parse(text, file: "themes/x.theme")
        } catch {
            #expect(error.message == "themes/x.theme:7: unknown role 'foo'")
        }
    }

    @Test(arguments: [
        ("color title orange default", "unknown colour 'orange'"),
        ("color title red nope", "unknown colour 'nope'"),
        ("color title", "missing foreground colour"),
        ("color title red", "missing background colour"),
        ("color", "missing role"),
        ("color title red default blink", "unknown attribute 'blink'"),
        ("colour title red default", "unknown rule 'colour'"),
    ])
    func badLines(line: String, expectedStart: String) {
        do {
            _ = try ThemeParser.parse("# first\n" + line, file: "t.theme")
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.line == 2)
            #expect(error.reason.hasPrefix(expectedStart), "\(error.message)")
            #expect(error.message.hasPrefix("t.theme:2: "))
        }
    }

    @Test func withoutColorsKeepsAttributesAndVisibleCursorAndMatches() throws {
        let theme = try ThemeParser.parse(
            """
            color title white blue bold
            color cursor black cyan
            color search-match black yellow
            """, file: "c.theme")
        let mono = theme.withoutColors()
        #expect(mono.style(for: .title) == TextStyle(attributes: .bold))
        #expect(mono.style(for: .cursor) == TextStyle(attributes: .reverse))
        #expect(mono.style(for: .searchMatch).attributes.contains(.underline))
        #expect(mono.style(for: .searchMatch) != mono.style(for: .cursor))
        for role in Role.allCases {
            #expect(mono.style(for: role).foreground == .default)
            #expect(mono.style(for: role).background == .default)
        }
    }
}
