import Testing

@testable import Text

@Suite struct MarkdownBlockTests {
    @Test func headings() {
        let doc = rendered("# Title\n\nText\n\n## Section\n\n### Small\n\nSetext\n======", width: 40)
        #expect(
            doc.texts == ["Title", "═════", "", "Text", "", "Section", "───────", "", "Small", "", "Setext", "══════"])
        #expect(doc.lines[0].spans == [StyledSpan("Title", .heading)])
        #expect(doc.lines[8].spans == [StyledSpan("Small", .heading)])
        #expect(
            doc.headings == [
                DocumentHeading(level: 1, text: "Title", line: 0), DocumentHeading(level: 2, text: "Section", line: 5),
                DocumentHeading(level: 3, text: "Small", line: 8), DocumentHeading(level: 1, text: "Setext", line: 10),
            ])
    }

    @Test func headingUnderlineFitsTheWidth() {
        let doc = rendered("# A heading long enough to wrap around", width: 12)
        #expect(doc.texts == ["A heading", "long enough", "to wrap", "around", "═══════════"])
        #expect(doc.headings.first?.text == "A heading long enough to wrap around")
    }

    @Test func paragraphsAreSeparatedByOneBlankLine() {
        let doc = rendered("one\n\n\n\ntwo\n\nthree")
        #expect(doc.texts == ["one", "", "two", "", "three"])
    }

    @Test func everyNewlineInAParagraphIsALineBreak() {
        let doc = rendered("first line\nsecond line\r\nthird\rfourth")
        #expect(doc.texts == ["first line", "second line", "third", "fourth"])
    }

    @Test func longParagraphsWrap() {
        let doc = rendered(String(repeating: "word ", count: 40), width: 20)
        #expect(doc.lines.count > 5)
        #expect(doc.texts.allSatisfy { !$0.hasPrefix(" ") })
    }

    @Test func blockQuotes() {
        let doc = rendered("> quoted *text*\n>\n> > nested\n\nafter", width: 30)
        #expect(doc.texts == ["│ quoted text", "│", "│ │ nested", "", "after"])
        #expect(doc.lines[0].spans == [StyledSpan("│ quoted ", .quote), StyledSpan("text", .emphasis)])
        #expect(doc.has("nested", .quote))
        #expect(doc.lines[4].spans == [StyledSpan("after")])
    }

    @Test func quotedLinesWrapInsideTheBar() {
        let doc = rendered("> " + String(repeating: "quoted words ", count: 10), width: 20)
        #expect(doc.texts.allSatisfy { $0.hasPrefix("│ ") })
    }

    @Test func bulletListsNestWithHangingIndents() {
        let doc = rendered(
            "* one\n* two is a longer item that wraps\n    * nested\n        * deeper\n* three", width: 24)
        #expect(
            doc.texts == [
                "• one", "• two is a longer item", "  that wraps", "  ◦ nested", "    ▪ deeper", "• three",
            ])
    }

    @Test func orderedLists() {
        let doc = rendered("1. first\n2. second\n    * nested bullet\n    * another one", width: 40)
        #expect(doc.texts == ["1. first", "2. second", "   ◦ nested bullet", "   ◦ another one"])
        let long = rendered((1...10).map { "\($0). item" }.joined(separator: "\n"), width: 40)
        #expect(long.texts.first == " 1. item")
        #expect(long.texts.last == "10. item")
        let started = rendered("7) seven\n8) eight", width: 40)
        #expect(started.texts == ["7) seven", "8) eight"])
    }

    @Test func looseListsKeepBlankLinesBetweenItems() {
        let doc = rendered("- a\n\n- b\n\n  second paragraph", width: 40)
        #expect(doc.texts == ["• a", "", "• b", "", "  second paragraph"])
    }

    @Test func listsMayStartWithoutABlankLine() {
        let doc = rendered("Steps:\n1. run it\n2. observe\n\nThings:\n- one\n- two", width: 40)
        #expect(doc.texts == ["Steps:", "", "1. run it", "2. observe", "", "Things:", "", "• one", "• two"])
        // Not a list: a setext underline, a thematic break, a word with a dash.
        #expect(rendered("Title\n-", width: 40).texts == ["Title", "─────"])
        #expect(rendered("well-known -- fact", width: 40).texts == ["well-known -- fact"])
    }

    @Test func checklists() {
        let doc = rendered("- [ ] todo\n- [x] done\n1. [X] numbered", width: 40)
        #expect(doc.texts == ["☐ todo", "☑ done", "", "1. ☑ numbered"])
    }

    @Test func fencedCodeIsIndentedAndNeverWrapped() {
        let code = "```bash\npip install test-project==1.1\nx = \"" + String(repeating: "y", count: 60) + "\"\n\n```"
        let doc = rendered(code, width: 40)
        #expect(doc.texts[0] == "  pip install test-project==1.1")
        #expect(doc.lines[0].spans == [StyledSpan("  "), StyledSpan("pip install test-project==1.1", .code)])
        #expect(doc.texts[1].count == 40)
        #expect(doc.texts[1].hasSuffix("…"))
        #expect(doc.lines[1].spans.last == StyledSpan("…", .muted))
        #expect(doc.lines.count == 2)
    }

    @Test func tildeFencesAndIndentedCode() {
        #expect(rendered("~~~\nx < y && z\n~~~").texts == ["  x < y && z"])
        #expect(rendered("text\n\n    indented\n      more").texts == ["text", "", "  indented", "    more"])
    }

    @Test func indentedCodeLanguageLines() {
        #expect(rendered("    :::python\n    x = 1").texts == ["  x = 1"])
        #expect(rendered("    #!python\n    x = 1").texts == ["  x = 1"])
        #expect(rendered("    #!/usr/bin/env python\n    x = 1").texts == ["  #!/usr/bin/env python", "  x = 1"])
        #expect(rendered("    :::python hl_lines=\"1\"\n    x = 1").texts == ["  x = 1"])
        #expect(rendered("text\n\n    [TOC]\n\n# H").texts == ["text", "", "  [TOC]", "", "H", "═"])
        // In a fenced block the first line is code.
        #expect(rendered("```\n:::python\n```").texts == ["  :::python"])
    }

    @Test func codeKeepsMarkupLiteral() {
        let doc = rendered("```\n[[include ref=Home]] **not bold** @alice :smile: &amp;\n```")
        #expect(doc.texts == ["  [[include ref=Home]] **not bold** @alice :smile: &amp;"])
        #expect(doc.links.isEmpty)
    }

    @Test func tabsExpandToFourColumns() {
        #expect(rendered("\tcode\twith tab").texts == ["  code    with tab"])
    }

    @Test func thematicBreak() {
        let doc = rendered("above\n\n***\n\nbelow", width: 10)
        #expect(doc.texts == ["above", "", String(repeating: "─", count: 10), "", "below"])
        #expect(doc.lines[2].spans.first?.role == .muted)
    }

    @Test func tableWithBoxCharacters() {
        let doc = rendered(
            "| Command | What it does |\n|---------|--------------|\n| `tp init` | create a config |\n| `tp run`  | run it |",
            width: 60)
        #expect(
            doc.texts == [
                "┌─────────┬─────────────────┐",
                "│ Command │ What it does    │",
                "├─────────┼─────────────────┤",
                "│ tp init │ create a config │",
                "│ tp run  │ run it          │",
                "└─────────┴─────────────────┘",
            ])
        #expect(doc.has("Command", .strong))
        #expect(doc.has("tp init", .code))
        #expect(doc.lines[0].spans == [StyledSpan(doc.texts[0], .muted)])
    }

    @Test func tableColumnsUseDisplayWidth() {
        let doc = rendered("| 名前 | 値 |\n|------|----|\n| 幅   | ２ |", width: 40)
        #expect(doc.texts == ["┌──────┬────┐", "│ 名前 │ 値 │", "├──────┼────┤", "│ 幅   │ ２ │", "└──────┴────┘"])
    }

    @Test func tableAlignment() {
        let doc = rendered("| left | centre | right |\n|:-----|:------:|------:|\n| a | b | c |", width: 40)
        #expect(doc.texts[3] == "│ a    │   b    │     c │")
    }

    @Test func wideTablesShrinkAndWrapCells() {
        let md =
            "| Name | Description |\n|---|---|\n| short | " + String(repeating: "a long description ", count: 6) + "|"
        for width in [20, 30, 40, 60] {
            let doc = rendered(md, width: width)
            #expect(doc.texts.first?.hasPrefix("┌") == true)
            #expect(doc.texts.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(doc.texts.count > 5)
            // Every row line has the same borders.
            let widths = Set(doc.texts.map { DisplayWidth.of($0) })
            #expect(widths.count == 1)
        }
    }

    @Test func tooNarrowTablesBecomeRecords() {
        let md = "| a | b | c | d | e |\n|---|---|---|---|---|\n| one | two | three | four | five |"
        let doc = rendered(md, width: 16)
        #expect(doc.texts == ["a: one", "b: two", "c: three", "d: four", "e: five"])
    }

    @Test func tableCellsMayHoldLinks() {
        let doc = rendered("| x | y |\n|---|---|\n| [#3] | [site](https://example.org) |", width: 60)
        #expect(doc.links.map(\.target) == ["#3", "https://example.org"])
        #expect(doc.links.allSatisfy { $0.line == 3 })
    }

    @Test func footnotesComeLast() {
        let doc = rendered("Text[^n] and more[^2].\n\n[^2]: Second.\n[^n]: First note.\n\nAfter.", width: 40)
        #expect(
            doc.texts == [
                "Text[1] and more[2].", "", "After.", "", "────────────────────", "[1] First note.", "", "[2] Second.",
            ])
        let refs = doc.links.filter { $0.kind == .footnote }
        #expect(refs.map(\.text) == ["[1]", "[2]"])
        #expect(refs.map(\.targetLine) == [5, 7])
    }

    @Test func htmlBlocksAreStrippedToText() {
        let doc = rendered(
            "<div markdown=\"1\">\n<b>Bold</b> &amp; <i>it</i><br>next\n</div>\n\n<!-- hidden -->\n\nend", width: 40)
        #expect(doc.texts == ["Bold & it", "next", "", "end"])
        #expect(doc.has("Bold", .strong))
        #expect(doc.has("it", .emphasis))
    }

    @Test func preBlocksAreCode() {
        let doc = rendered("<pre>\nif a &lt; b:\n    pass\n</pre>", width: 40)
        #expect(doc.texts == ["  if a < b:", "      pass"])
        #expect(doc.has("if a < b:", .code))
    }

    @Test func definitionLists() {
        let doc = rendered("Apple\n: A fruit\n: A company\n\nplain", width: 40)
        #expect(doc.texts == ["Apple", "    A fruit", "    A company", "", "plain"])
        #expect(doc.lines[0].spans == [StyledSpan("Apple", .strong)])
    }

    @Test func abbreviationDefinitionsAreRemoved() {
        let doc = rendered("The HTML spec.\n\n*[HTML]: Hyper Text Markup Language", width: 40)
        #expect(doc.texts == ["The HTML spec."])
    }

    @Test func tableOfContents() {
        let doc = rendered("# Top\n\n[TOC]\n\n## Install\n\n### Details\n\n## Usage", width: 40)
        #expect(Array(doc.texts[3...6]) == ["Top", "  Install", "    Details", "  Usage"])
        let entries = doc.links.filter { $0.kind == .heading }
        #expect(entries.map(\.text) == ["Top", "Install", "Details", "Usage"])
        #expect(entries.map(\.targetLine) == doc.headings.map(\.line))
        #expect(entries.map(\.target) == ["#top", "#install", "#details", "#usage"])
        #expect(doc.has("Install", .link))
    }

    @Test func headingTextLeavesOutURLs() {
        let doc = rendered("## See [the docs](https://example.org/docs) now", width: 80)
        #expect(doc.texts.first == "See the docs <https://example.org/docs> now")
        #expect(doc.headings.first?.text == "See the docs now")
    }

    @Test func tocInsideAParagraphRun() {
        let doc = rendered("Intro\n[TOC]\n# Only", width: 40)
        #expect(doc.texts == ["Intro", "", "Only", "", "Only", "════"])
    }

    @Test func emptyAndBlankDocuments() {
        #expect(rendered("").lines.isEmpty)
        #expect(rendered("\n\n   \n").lines.isEmpty)
    }
}

@Suite struct MarkdownInlineTests {
    @Test func emphasisStrongStrikeCode() {
        let doc = rendered("a *em* __strong__ ~~gone~~ `code` ***both***")
        #expect(doc.texts == ["a em strong gone code both"])
        #expect(
            doc.lines[0].spans == [
                StyledSpan("a "), StyledSpan("em", .emphasis), StyledSpan(" "), StyledSpan("strong", .strong),
                StyledSpan(" "), StyledSpan("gone", .strike), StyledSpan(" "), StyledSpan("code", .code),
                StyledSpan(" "), StyledSpan("both", .strong),
            ])
    }

    @Test func linksShowTheirURLWhenItDiffers() {
        let doc = rendered(
            "[the tracker](/p/test/bugs/) and [https://x.org](https://x.org) and [x.org](https://x.org/)")
        #expect(doc.texts == ["the tracker </p/test/bugs/> and https://x.org and x.org"])
        #expect(doc.lines[0].spans[0] == StyledSpan("the tracker", .link))
        #expect(doc.lines[0].spans[1] == StyledSpan(" </p/test/bugs/>", .muted))
        #expect(
            doc.links == [
                DocumentLink(line: 0, text: "the tracker", target: "/p/test/bugs/"),
                DocumentLink(line: 0, text: "https://x.org", target: "https://x.org"),
                DocumentLink(line: 0, text: "x.org", target: "https://x.org/"),
            ])
    }

    @Test func referenceLinksAndArtifactTargets() {
        let doc = rendered("[text][id] and [ticket](#123) and [other](bugs:#4)\n\n[id]: https://example.org \"Title\"")
        #expect(doc.links.map(\.target) == ["https://example.org", "#123", "bugs:#4"])
        #expect(doc.links.allSatisfy { $0.kind == .url })
    }

    @Test func bareURLsAreLinks() {
        let doc = rendered("see https://example.org/path?q=1, www.example.com and <https://auto.link>.")
        #expect(doc.texts == ["see https://example.org/path?q=1, www.example.com and", "https://auto.link."])
        #expect(
            doc.links.map(\.target) == ["https://example.org/path?q=1", "http://www.example.com", "https://auto.link"])
        #expect(doc.has("www.example.com", .link))
    }

    @Test func linksRecordTheLineTheyStartOn() {
        let doc = rendered("words words words words [a link](https://example.org/one) more [#42]", width: 30)
        let link = doc.links.first { $0.target == "https://example.org/one" }
        let ref = doc.links.first { $0.target == "#42" }
        #expect(link.map { doc.texts[$0.line].contains("a link") } == true)
        #expect(ref.map { doc.texts[$0.line].contains("[#42]") } == true)
    }

    @Test func images() {
        let doc = rendered("![a diagram](img/d.png) ![](dir/pic.jpg) [![badge](b.svg)](https://ci.example)", width: 100)
        #expect(doc.texts == ["[image: a diagram] [image: pic.jpg] [image: badge] <https://ci.example>"])
        #expect(doc.links.map(\.kind) == [.image, .image, .image, .url])
        #expect(doc.links.map(\.target) == ["img/d.png", "dir/pic.jpg", "b.svg", "https://ci.example"])
    }

    @Test func artifactReferences() {
        let doc = rendered(
            "see [#123], [bugs:#12], [proj:bugs:#12], [wiki:Page], [Page Name], [r1234] and [3b9d48f]", width: 120)
        for ref in ["[#123]", "[bugs:#12]", "[proj:bugs:#12]", "[wiki:Page]", "[Page Name]", "[r1234]", "[3b9d48f]"] {
            #expect(doc.has(ref, .reference), "\(ref)")
        }
        #expect(
            doc.links.map(\.target) == [
                "#123", "bugs:#12", "proj:bugs:#12", "wiki:Page", "Page Name", "r1234", "3b9d48f",
            ])
        #expect(doc.links.allSatisfy { $0.kind == .reference })
        #expect(doc.links.map(\.text).first == "[#123]")
    }

    @Test func referencesWithSpacesStayOnOneLineWhenTheyFit() {
        let doc = rendered("some words then [wiki:Some Page Name] after", width: 24)
        #expect(doc.texts == ["some words then", "[wiki:Some Page Name]", "after"])
        #expect(doc.links.first?.line == 1)
    }

    @Test func bracketsThatAreNotReferences() {
        let doc = rendered("a [x] b [1] c [ spaced ] d [^note] e")
        #expect(doc.links.isEmpty)
        #expect(doc.texts == ["a [x] b [1] c [ spaced ] d [^note] e"])
    }

    @Test func macros() {
        let doc = rendered(
            "[[include ref=Home]] [[include ref=\"Page Name\"]] [[img src=x.png]] [[embed url=https://www.youtube.com/watch?v=a_b]] [[members limit=20]] [[project_admins]]",
            width: 200)
        #expect(
            doc.texts == [
                "⟦include: Home⟧ ⟦include: Page Name⟧ ⟦img: x.png⟧ ⟦embed: https://www.youtube.com/watch?v=a_b⟧ ⟦members⟧ ⟦project_admins⟧"
            ])
        #expect(doc.has("⟦include: Home⟧", .macro))
        #expect(doc.has("⟦members⟧", .macro))
        #expect(doc.links.map(\.target) == ["Home", "Page Name", "x.png", "https://www.youtube.com/watch?v=a_b"])
        #expect(doc.links.allSatisfy { $0.kind == .macro })
    }

    @Test func unknownMacrosAreVerbatim() {
        let doc = rendered("see [[FAQ & Tips (v2)]] and [[Page Name]] and [[quote some text]]")
        #expect(doc.texts == ["see [[FAQ & Tips (v2)]] and [[Page Name]] and [[some text]]"])
        #expect(doc.links.isEmpty)
        #expect(!doc.lines.flatMap(\.spans).contains { $0.role == .macro || $0.role == .reference })
    }

    @Test func macrosInsideCodeSpansStayLiteral() {
        let doc = rendered("`[[include ref=x]]` and [link](http://a.b/[[x]])")
        #expect(doc.texts == ["[[include ref=x]] and link <http://a.b/[[x]]>"])
        #expect(doc.has("[[include ref=x]]", .code))
    }

    @Test func mentions() {
        let doc = rendered("I agree with @bob-dev and @alice_1, not me@example.com, @ab, @12345, @-dash or @Upper.")
        #expect(doc.has("@bob-dev", .mention))
        #expect(doc.has("@alice_1", .mention))
        #expect(doc.links.filter { $0.kind == .mention }.map(\.target) == ["@bob-dev", "@alice_1"])
        for not in ["@ab", "@12345", "@-dash", "@Upper", "@example"] {
            #expect(!doc.has(not, .mention), "\(not)")
        }
    }

    @Test func mentionsStopAtPunctuation() {
        let doc = rendered("thanks @dmitri-dev-!")
        #expect(doc.has("@dmitri-dev", .mention))
        #expect(doc.texts == ["thanks @dmitri-dev-!"])
    }

    @Test func emojiShortcodes() {
        let doc = rendered(":smile: :+1: :tada: :heart: :-1: :not_an_emoji: 12:30:45 `:smile:`")
        #expect(doc.texts == ["😄 👍 🎉 ❤ 👎 :not_an_emoji: 12:30:45 :smile:"])
        #expect(rendered("# Done :tada:").headings.first?.text == "Done 🎉")
    }

    @Test func emojiHaveNoVariationSelectors() {
        for (name, emoji) in Emoji.table {
            #expect(emoji.unicodeScalars.count == 1, "\(name)")
            #expect(DisplayWidth.of(emoji) >= 1, "\(name)")
        }
        #expect(Emoji.table.count >= 50)
    }

    @Test func entitiesAreDecoded() {
        let doc = rendered("Bob &#34;the Builder&#34; &amp; co &lt;tag&gt; &copy; &#x1F600; &nbsp;x")
        #expect(doc.texts == ["Bob \"the Builder\" & co <tag> © 😀 \u{A0}x"])
    }

    @Test func inlineHTML() {
        let doc = rendered(
            "<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <s>x</s> <del>d</del> <code>c</code> <span class=\"x\">plain</span> <u>u</u>"
        )
        #expect(doc.texts == ["b s i e x d c plain u"])
        #expect(
            doc.lines[0].spans.map(\.role) == [
                .strong, .normal, .strong, .normal, .emphasis, .normal, .emphasis, .normal, .strike, .normal, .strike,
                .normal, .code, .normal,
            ])
    }

    @Test func inlineHTMLLineBreaksAndLinks() {
        let doc = rendered("one<br>two<br/>three <a href=\"https://x.org\">site</a>")
        #expect(doc.texts == ["one", "two", "three site <https://x.org>"])
        #expect(doc.links == [DocumentLink(line: 2, text: "site", target: "https://x.org")])
    }

    @Test func scriptTagsAreStrippedAndTheirTextKept() {
        let doc = rendered("Inline HTML is sanitized: <script>alert(\"x\")</script> <b>bold</b>.")
        #expect(doc.texts == ["Inline HTML is sanitized: alert(\"x\") bold."])
        #expect(doc.has("bold", .strong))
        #expect(!doc.text.contains("<"))
    }

    @Test func unclosedInlineHTMLDoesNotLeak() {
        let doc = rendered("<b>open\n\nnext paragraph")
        #expect(doc.lines.last?.spans == [StyledSpan("next paragraph")])
    }

    @Test func changeLogPosts() {
        let doc = rendered(
            "- **status**: open --> closed\n- **assigned_to**: Bob &#34;the Builder&#34; Dev\n- **Milestone**:  --> 1.1\n"
        )
        #expect(
            doc.texts == [
                "• status: open --> closed", "• assigned_to: Bob \"the Builder\" Dev", "• Milestone:  --> 1.1",
            ])
        #expect(doc.has("status", .strong))
    }
}

@Suite struct MarkdownSafetyTests {
    @Test func controlCharactersNeverComeOut() {
        let evil = """
            # Title \u{1B}[2J
            Text \u{1B}]0;pwned\u{07} and \u{1B}]2;x\u{1B}\\ and \u{1B}[31mred\u{1B}[0m and \u{9B}2J
            &#27;[2J &#x1b;[31m &#155;2J &#x202E;evil &#7;
            `code \u{1B}[2J` [link \u{1B}[1m](http://x/\u{1B}[2J) ![alt \u{1B}](src\u{1B})
            \u{202E}reversed\u{202C} \u{2066}isolate\u{2069}

            ```
            fenced \u{1B}[2J \u{7F}
            ```

                indented \u{1B}[H

            <div>\u{1B}[2J &#27;</div>

            | a\u{1B} | b |
            |---|---|
            | \u{1B}[2J | &#27; |

            [^1]: note \u{1B}[2J
            """
        for width in [10, 40, 80] {
            let doc = rendered(evil, width: width)
            #expect(doc.text.contains("␛"))
        }
    }

    @Test func escapesAreVisible() {
        let doc = rendered("a \u{1B}[2J b &#27;[31m")
        #expect(doc.texts == ["a ␛[2J b ␛[31m"])
    }

    @Test func deepNestingIsSafe() {
        let quotes = String(repeating: ">", count: 5000) + " deep"
        let doc = rendered(quotes, width: 40)
        #expect(doc.text.contains("deep"))
        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n")
        let listDoc = rendered(lists, width: 40)
        #expect(listDoc.text.contains("199"))
        let emphasis = String(repeating: "*", count: 3000) + "x" + String(repeating: "*", count: 3000)
        _ = rendered(emphasis, width: 40)
    }

    @Test func noncharacterPlaceholdersCannotBeForged() {
        var forged = "a "
        forged.unicodeScalars.append(MarkdownSource.placeholderOpen)
        forged += "0"
        forged.unicodeScalars.append(MarkdownSource.placeholderClose)
        forged += " b [[include ref=x]]"
        let doc = rendered(forged)
        #expect(doc.texts == ["a 0 b ⟦include: x⟧"])
    }
}
