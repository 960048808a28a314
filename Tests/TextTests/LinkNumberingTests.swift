import Testing

@testable import Text

@Suite struct LinkNumberingTests {
    private func render(_ markdown: String, width: Int = 60, first: Int? = 1) -> RenderedDocument {
        MarkdownRenderer.render(markdown, width: width, firstLinkNumber: first)
    }

    @Test func everyLinkGetsItsNumberAfterItsText() {
        let doc = render("See [the docs](https://example.org/docs), [#12] and @alice.\n\n* <https://example.org/x>")
        #expect(doc.lines[0].text == "See the docs [1] <https://example.org/docs>, [#12] [2] and")
        #expect(doc.lines[1].text == "@alice [3].")
        #expect(doc.lines[3].text.hasSuffix("https://example.org/x [4]"))
        #expect(doc.links.map(\.number) == [1, 2, 3, 4])
        #expect(doc.lines[0].spans.contains { $0.role == .muted && $0.text.hasPrefix(" [1]") })
        #expect(doc.lines[0].spans.contains(StyledSpan(" [2]", .muted)))
    }

    @Test func numbersContinueAcrossBlocksHeadingsAndTables() {
        let doc = render("# [Head](/a)\n\n| a | b |\n|---|---|\n| [x](/x) | [y](/y) |\n\nlast [z](/z)")
        #expect(doc.links.map(\.number) == [1, 2, 3, 4])
        #expect(doc.text.contains("Head [1]"))
        #expect(doc.text.contains("x [2]"))
        #expect(doc.text.contains("y [3]"))
        #expect(doc.text.contains("last z [4]"))
    }

    @Test func aDocumentCanContinueAnotherOnesNumbering() {
        let doc = render("[a](/a) and [b](/b)", first: 7)
        #expect(doc.links.map(\.number) == [7, 8])
        #expect(doc.linkNumber(after: 7) == 9)
        #expect(render("no links", first: 7).linkNumber(after: 7) == 7)
    }

    @Test func footnoteMarksAndContentsEntriesAreNotNumbered() {
        let doc = render("[TOC]\n\n# One\n\nText[^n] and [a](/a).\n\n[^n]: The note.")
        let numbered = doc.links.filter { $0.number != nil }
        #expect(numbered.map(\.text) == ["a"])
        #expect(numbered.first?.number == 1)
        #expect(doc.text.contains("Text[1] and a [1] </a>."))
    }

    @Test func aNumberWrapsWithItsLinkButStaysWhole() {
        let doc = render("word word word [link](https://l.ex)", width: 16)
        #expect(doc.texts == ["word word word", "link [1]", "<https://l.ex>"])
    }

    @Test func withoutNumberingNothingChanges() {
        let doc = render("See [the docs](/docs).", first: nil)
        #expect(doc.lines[0].text == "See the docs </docs>.")
        #expect(doc.links.first?.number == nil)
    }
}
