import Testing

@testable import Text

@Suite struct WrapperTests {
    static let lorem =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."

    func texts(_ lines: [StyledLine]) -> [String] { lines.map(\.text) }

    @Test func wrapsAtSpaces() {
        let lines = Wrapper.wrap(StyledLine("the quick brown fox jumps over the lazy dog"), width: 10)
        #expect(texts(lines) == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test func shortLineIsOneLine() {
        #expect(texts(Wrapper.wrap(StyledLine("hello"), width: 10)) == ["hello"])
        #expect(texts(Wrapper.wrap(StyledLine(""), width: 10)) == [""])
        #expect(texts(Wrapper.wrap(StyledLine("exactly10!"), width: 10)) == ["exactly10!"])
    }

    @Test func keepsRolesAcrossBreaks() {
        let line = StyledLine([StyledSpan("plain "), StyledSpan("bold words here", .strong), StyledSpan(" end")])
        let lines = Wrapper.wrap(line, width: 11)
        #expect(texts(lines) == ["plain bold", "words here", "end"])
        #expect(lines[0].spans == [StyledSpan("plain "), StyledSpan("bold", .strong)])
        #expect(lines[1].spans == [StyledSpan("words here", .strong)])
        #expect(lines[2].spans == [StyledSpan("end")])
    }

    @Test func wordsSpanningRolesStayTogether() {
        // "**bold**," is one word: no break between the strong part and the comma.
        let line = StyledLine([StyledSpan("aaaa "), StyledSpan("bold", .strong), StyledSpan(", next")])
        #expect(texts(Wrapper.wrap(line, width: 8)) == ["aaaa", "bold,", "next"])
    }

    @Test func breaksLongWords() {
        let lines = Wrapper.wrap(StyledLine("see https://example.org/a/very/long/path ok"), width: 10)
        #expect(texts(lines) == ["see", "https://ex", "ample.org/", "a/very/lon", "g/path ok"])
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 10 })
    }

    @Test func preservesInnerSpacesButNotLeadingOnContinuations() {
        #expect(texts(Wrapper.wrap(StyledLine("a  b   c"), width: 20)) == ["a  b   c"])
        #expect(texts(Wrapper.wrap(StyledLine("  indented text"), width: 20)) == ["  indented text"])
        #expect(texts(Wrapper.wrap(StyledLine("aaaa    bbbb"), width: 6)) == ["aaaa", "bbbb"])
        #expect(texts(Wrapper.wrap(StyledLine("trailing   "), width: 20)) == ["trailing"])
    }

    @Test func newlineForcesABreak() {
        #expect(texts(Wrapper.wrap(StyledLine("one\ntwo three"), width: 20)) == ["one", "two three"])
        #expect(texts(Wrapper.wrap(StyledLine("one\n\ntwo"), width: 20)) == ["one", "", "two"])
    }

    @Test func indents() {
        let lines = Wrapper.wrap(
            StyledLine("alpha beta gamma delta"), width: 12,
            firstIndent: [StyledSpan("• ", .muted)], restIndent: [StyledSpan("  ")])
        #expect(texts(lines) == ["• alpha beta", "  gamma", "  delta"])
        #expect(lines[0].spans.first == StyledSpan("• ", .muted))
        // An indent wider than the line is clipped, never overflowing.
        let narrow = Wrapper.wrap(StyledLine("abc"), width: 3, firstIndent: [StyledSpan(">>>>>>")])
        #expect(narrow.allSatisfy { DisplayWidth.of($0.text) <= 3 })
        #expect(narrow.map(\.text).joined().contains("a"))
    }

    @Test func cjkBreaksBetweenCharacters() {
        let lines = Wrapper.wrap(StyledLine("Japanese: 日本語のテキストです。"), width: 16)
        #expect(texts(lines) == ["Japanese: 日本語", "のテキストです。"])
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 16 })
        // Closing punctuation never starts a line.
        let punct = Wrapper.wrap(StyledLine("中文文本。"), width: 8)
        #expect(texts(punct) == ["中文文", "本。"])
    }

    @Test func wideCharacterNeverStraddles() {
        for width in 1...12 {
            let lines = Wrapper.wrap(StyledLine("中文文本中文文本 x 😀😀😀"), width: width)
            for line in lines { #expect(DisplayWidth.of(line.text) <= width, "width \(width): \(line.text)") }
        }
    }

    @Test func combiningMarksStayWithTheirBase() {
        let lines = Wrapper.wrap(StyledLine("e\u{301}e\u{301}e\u{301}e\u{301}"), width: 2)
        #expect(texts(lines) == ["e\u{301}e\u{301}", "e\u{301}e\u{301}"])
    }

    @Test func nothingIsLostAndNothingIsTooWide() {
        let line = StyledLine([
            StyledSpan(Self.lorem + " "), StyledSpan("日本語のテキストです。中文文本。", .emphasis),
            StyledSpan(" 👩‍💻 e\u{301} https://example.org/a/b/c/d/e/f/g/h/i/j/k", .link),
        ])
        let original = line.text.filter { $0 != " " }
        for width in [1, 2, 3, 5, 8, 13, 20, 40, 80, 120] {
            let lines = Wrapper.wrap(line, width: width)
            for l in lines { #expect(DisplayWidth.of(l.text) <= width) }
            if width >= 2 {
                #expect(lines.map(\.text).joined().filter { $0 != " " } == original, "width \(width)")
            }
        }
    }

    @Test func degenerateWidths() {
        #expect(Wrapper.wrap(StyledLine("abc"), width: 0) == [StyledLine()])
        #expect(texts(Wrapper.wrap(StyledLine("abc"), width: 1)) == ["a", "b", "c"])
        #expect(texts(Wrapper.wrap(StyledLine("中"), width: 1)) == ["…"])
    }

    @Test func reportsWhereTagsStart() {
        let spans = [
            TaggedSpan("see the "), TaggedSpan("linked text", .link, tag: 0), TaggedSpan(" and "),
            TaggedSpan("another", .link, tag: 1),
        ]
        let result = Wrapper.layout(spans, width: 12)
        #expect(result.lines.map(\.text) == ["see the", "linked text", "and another"])
        #expect(result.tagLines == [0: 1, 1: 2])
        #expect(result.tagOrder == [0, 1])
    }

    @Test("a line that fits as it is comes out as the general layout makes it")
    func aLineThatFitsIsLaidOutAsEver() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "word", "x-y", " ", "  ", "(", ")", "1.", "#", "", "中", "\n", "\t"]
        let roles: [Role] = [.normal, .emphasis, .link, .code]
        let indents: [[StyledSpan]] = [[], [StyledSpan("> ", .quote)], [StyledSpan("  "), StyledSpan("* ", .normal)]]
        var shortcuts = 0
        for _ in 0..<2000 {
            let spans = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                TaggedSpan(
                    (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                        .joined(),
                    roles.randomElement(using: &generator)!,
                    tag: Bool.random(using: &generator) ? Int.random(in: 0..<3, using: &generator) : -1,
                    keepTogether: Int.random(in: 0..<5, using: &generator) == 0)
            }
            let width = Int.random(in: 1...40, using: &generator)
            let indent = indents.randomElement(using: &generator)!
            let fast = Wrapper.layout(spans, width: width, firstIndent: indent, restIndent: indent)
            let general = Wrapper.layout(spans, width: width, firstIndent: indent, restIndent: indent, shortcut: false)
            #expect(fast.lines == general.lines, "width \(width): \(spans.map(\.text))")
            #expect(fast.tagLines == general.tagLines && fast.tagOrder == general.tagOrder, "\(spans.map(\.text))")
            let clipped = Wrapper.clip(indent, to: width - 1)
            let available = width - DisplayWidth.of(clipped.map(\.text).joined())
            if Wrapper.oneLine(spans, after: clipped, available: available) != nil { shortcuts += 1 }
        }
        // Many of these lines fit: the shortcut was taken, not only the general path.
        #expect(shortcuts > 200)
    }

    @Test("random styled text: every character keeps its role and order, no line is too wide")
    func randomTextKeepsEveryCharacterInItsRole() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "b", "word", " ", " ", "  ", "\n", "中", "文", "。", "e\u{301}", "é", "👩‍💻", "x-y", "(", ")", "\u{7}",
        ]
        let roles: [Role] = [.normal, .emphasis, .link, .code]
        for _ in 0..<400 {
            let spans = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                TaggedSpan(
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                        .joined(),
                    roles.randomElement(using: &generator)!, keepTogether: Int.random(in: 0..<5, using: &generator) == 0
                )
            }
            let width = Int.random(in: 2...24, using: &generator)
            let lines = Wrapper.layout(spans, width: width).lines
            func shown(_ text: String, _ role: Role) -> [String] {
                text.filter { $0 != " " && $0 != "\n" }.map { "\($0)|\(role)" }
            }
            let expected = spans.flatMap { shown($0.text, $0.role) }
            let actual = lines.flatMap { $0.spans.flatMap { shown($0.text, $0.role) } }
            #expect(actual == expected, "width \(width): \(spans.map(\.text))")
            for line in lines { #expect(DisplayWidth.of(line.text) <= width, "\(line.text.debugDescription)") }
        }
    }

    /// Units are characters; a space or a newline is one only as a character of its own. The
    /// flags are read off bytes: they must say exactly what comparing the characters says, next
    /// to marks that join them, wide and multi-byte neighbours, and "\r\n".
    @Test func spaceAndNewlineUnitsAreTheCharactersOfTheirOwn() {
        let pieces = [" ", "\n", "\r", "\r\n", "a", "é", "e\u{301}", "\u{301}", "日", "👩‍💻", "\u{200D}", "\t", "\u{A0}"]
        // Every text of up to three pieces: each piece with each other one on both sides.
        var texts: [String] = []
        for a in pieces {
            texts.append(a)
            for b in pieces {
                texts.append(a + b)
                for c in pieces { texts.append(a + b + c) }
            }
        }
        for text in texts {
            var units: [Wrapper.Unit] = []
            Wrapper.appendUnits(of: text, span: 0, to: &units)
            #expect(units.map(\.character) == Array(text), "\(text.unicodeScalars.map(\.value))")
            for unit in units {
                #expect(unit.isSpace == (unit.character == " "), "\(text.unicodeScalars.map(\.value))")
                #expect(unit.isNewline == (unit.character == "\n"), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }
}
