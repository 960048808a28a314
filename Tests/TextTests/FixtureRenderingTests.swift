import Foundation
import Testing

@testable import Text

/// The real texts recorded from an Allura server, at every width the UI is likely to use.
@Suite struct FixtureRenderingTests {
    static let widths = [20, 40, 80, 120]

    @Test(arguments: [
        "wiki-page.json", "wiki-page-unicode.json", "blog-post.json", "thread-page0-limit25.json",
        "thread-page1-limit25.json", "ticket-with-change-posts.json", "ticket-nested-comments.json",
        "tool-discussion-thread-limit5.json", "forum-topics.json", "forums.json",
    ])
    func everyFixtureKeepsTheInvariants(name: String) throws {
        let texts = try fixtureTexts(name)
        #expect(!texts.isEmpty)
        for text in texts {
            for width in Self.widths {
                let doc = rendered(text, width: width)
                if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { #expect(!doc.lines.isEmpty) }
            }
        }
    }

    @Test func wikiPage() throws {
        let text = try #require(try fixtureTexts("wiki-page.json").first)
        let doc = rendered(text, width: 80)
        #expect(
            Array(doc.texts.prefix(9)) == [
                "Getting Started", "═══════════════", "",
                "Welcome to Test Project. This page exercises lots of Markdown.", "",
                "Getting Started", "  Install", "  Usage", "",
            ])
        #expect(doc.headings.map(\.text) == ["Getting Started", "Install", "Usage"])
        #expect(doc.headings.map(\.level) == [1, 2, 2])
        for heading in doc.headings { #expect(doc.texts[heading.line] == heading.text) }
        #expect(doc.texts.contains("  pip install test-project==1.1"))
        #expect(doc.texts.contains("  git clone https://example.org/test-project.git"))
        #expect(doc.texts.contains("│ tp init │ create a config │"))
        #expect(doc.texts.contains("2. second"))
        #expect(doc.texts.contains("   ◦ nested bullet"))
        #expect(doc.texts.contains("│ Note: see [[FAQ & Tips (v2)]] and the tracker </p/test/bugs/> and ticket [#3]."))
        #expect(doc.texts.contains("Inline HTML is sanitized: alert(\"x\") bold."))
        #expect(doc.texts.last == "Emoji and symbols: ✓ ✗ → ∞ 😀")
        #expect(doc.has("Test Project", .strong))
        #expect(doc.has("lots", .emphasis))
        #expect(doc.has("[#3]", .reference))
        #expect(doc.has("Note:", .strong))
        let targets = doc.links.map(\.target)
        #expect(targets.contains("/p/test/bugs/"))
        #expect(targets.contains("#3"))
        #expect(doc.links.filter { $0.kind == .heading }.map(\.targetLine) == doc.headings.map(\.line))
        // No Markdown syntax or HTML survives.
        #expect(!doc.text.contains("<script>"))
        #expect(!doc.text.contains("**"))
        #expect(!doc.text.contains("```"))
        #expect(!doc.text.contains("[TOC]"))
    }

    @Test func wikiPageAtTwentyColumns() throws {
        let text = try #require(try fixtureTexts("wiki-page.json").first)
        let doc = rendered(text, width: 20)
        // Code is clipped, not wrapped.
        #expect(doc.texts.contains("  pip install test-…"))
        // The table still has box characters.
        #expect(doc.texts.contains { $0.hasPrefix("┌") })
    }

    @Test func unicodeWikiPage() throws {
        let text = try #require(try fixtureTexts("wiki-page-unicode.json").first)
        let doc = rendered(text, width: 80)
        #expect(
            doc.texts == [
                "Ünïcödé Tëst ☃", "══════════════", "",
                "Japanese: 日本語のテキストです。", "Chinese: 中文文本。", "Russian: Русский текст.",
                "Arabic (RTL): النص العربي", "Combining: é (e + COMBINING ACUTE), zero-width joiner: 👩‍💻", "",
                "Wide chars in a table:", "",
                "┌──────┬────┐", "│ 名前 │ 値 │", "├──────┼────┤", "│ 幅   │ ２ │", "└──────┴────┘",
            ])
        let narrow = rendered(text, width: 20)
        #expect(Array(narrow.texts[3...4]) == ["Japanese: 日本語のテ", "キストです。"])
    }

    @Test func blogPost() throws {
        let text = try #require(try fixtureTexts("blog-post.json").first)
        let doc = rendered(text, width: 40)
        #expect(doc.texts == ["We are proud to announce 1.0!", "", "  pip install test-project==1.0"])
        #expect(doc.has("proud", .strong))
        #expect(doc.has("pip install", .code))
    }

    @Test func threadPosts() throws {
        let texts = try fixtureTexts("thread-page0-limit25.json")
        #expect(texts.count == 25)
        let long = try #require(texts.first { $0.hasPrefix("Post #1:") })
        let doc = rendered(long, width: 40)
        #expect(doc.texts.first == "Post #1: long-ish reply.")
        #expect(doc.texts.contains("│ quoted text from the parent"))
        #expect(Array(doc.texts.suffix(2)) == ["• bullet one", "• bullet two"])
        #expect(doc.lines.count > 12)

        let mention = try #require(texts.first { $0.contains("@bob-dev") })
        let mentionDoc = rendered(mention, width: 80)
        #expect(mentionDoc.texts == ["Post #6: I agree with @bob-dev — ünïcödé test ✓"])
        #expect(mentionDoc.has("@bob-dev", .mention))
        #expect(mentionDoc.links == [DocumentLink(line: 0, text: "@bob-dev", target: "@bob-dev", kind: .mention)])

        let edited = try #require(texts.first { $0.contains("_edit") })
        #expect(rendered(edited, width: 80).has("edit: fixed a typo", .emphasis))
    }

    @Test func changeLogPost() throws {
        let text = try #require(try fixtureTexts("ticket-with-change-posts.json").first { $0.contains("-->") })
        let doc = rendered(text, width: 80)
        #expect(
            doc.texts == [
                "• status: open --> closed", "• assigned_to: Bob \"the Builder\" Dev", "• Milestone:  --> 1.1",
            ])
    }

    @Test func ticketDescriptionWithSteps() throws {
        let text = try #require(
            try fixtureTexts("ticket-nested-comments.json").first { $0.contains("Steps to reproduce") })
        let doc = rendered(text, width: 80)
        #expect(doc.texts.contains("1. run tp --debug"))
        #expect(doc.texts.contains("  Traceback (most recent call last):"))
        #expect(doc.texts.contains("    File \"tp.py\", line 41"))
    }

    /// A cheap guard against accidental quadratic behaviour; real benchmarks live elsewhere.
    @Test func renderingIsQuick() throws {
        let text = try #require(try fixtureTexts("wiki-page.json").first)
        let big = Array(repeating: text, count: 20).joined(separator: "\n\n")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for width in [40, 80, 120] { _ = MarkdownRenderer.render(big, width: width) }
        }
        #expect(elapsed < .seconds(5), "rendering 3 × 20 wiki pages took \(elapsed)")
    }
}
