import DemoForge
import ForgeModel
import Foundation
import Store
import Testing
import Text

@testable import AnvilApp

/// Writing Allura wiki pages in the editor: text and labels, odd titles, and changes made meanwhile.
@Suite struct AlluraWikiWritingTests {
    static let wiki = "p/\(DemoNames.mainProject)/wiki/"

    static func harness(demo: DemoForge = DemoForge(), edit: @escaping (String) -> String?) throws -> DemoHarness {
        var options = AppOptions()
        options.state = LocalState(store: try StateStore.inMemory())
        options.editText = edit
        return try DemoHarness(width: 100, height: 30, forge: demo, options: options)
    }

    @Test func templateKeepsLabelsApartFromTheText() {
        let text = WikiTemplate.text(title: "Home", wiki: "Wiki", labels: ["a", "b c"], text: "# Title\n\n---\nend\n")
        #expect(WikiTemplate.parse(text) == ("# Title\n\n---\nend\n", ["a", "b c"]))
        // Without its header the whole text is the page and the labels stay as they are.
        #expect(WikiTemplate.parse("# Title\n---\nx") == ("# Title\n---\nx", nil))
        #expect(WikiTemplate.parse("Labels:\n---\nx") == ("x", []))
    }

    @Test func eEditsTextAndLabelsOfThePageUnderView() async throws {
        try await onUIThread {
            let h = try Self.harness { text in
                text.replacingOccurrences(of: "Labels: ", with: "Labels: edited, ") + "One more line from Anvil.\n"
            }
            let before = try #require(h.forge.data.wikiPage(title: DemoNames.homePage))
            try h.open(Self.wiki + DemoNames.homePage + "/")
            h.press(.char("e"))
            #expect(h.status.contains("Saved"), "\(h.status)")
            let after = try #require(h.forge.data.wikiPage(title: DemoNames.homePage))
            #expect(after.text == before.text + "One more line from Anvil.\n")
            #expect(after.labels == ["edited"] + before.labels)
            #expect(h.allRows.joined(separator: "\n").contains("One more line from Anvil."))
        }
    }

    @Test func cCreatesAPageWithAnOddTitle() async throws {
        try await onUIThread {
            let h = try Self.harness { text in
                text.replacingOccurrences(of: "Labels: ", with: "Labels: notes") + "A page made from Anvil.\n"
            }
            try h.open(Self.wiki)
            let title = "Notes & Ideas (draft) Ünï"
            h.press(.char("C"))
            for c in title { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            #expect(h.app.top is WikiPageView)
            #expect(h.title.hasSuffix("› \(title)"))
            let stored = try #require(h.forge.data.wikiPage(title: title))
            #expect(stored.text == "A page made from Anvil.\n" && stored.labels == ["notes"])
            #expect(h.screen.contains("A page made from Anvil."))
        }
    }

    @Test func aChangeMadeMeanwhileIsShownAndNoKeepsTheDraft() async throws {
        try await onUIThread {
            let h = try Self.harness { text in text + "Mine.\n" }
            try h.open(Self.wiki + DemoNames.homePage + "/")
            let other = h.allura
            _ = try blocking {
                try await other.saveWikiPage(
                    DemoHarness.mainProject, mount: "wiki", title: DemoNames.homePage, text: "Theirs.\n", labels: nil,
                    isNew: false, expectedModified: nil)
            }
            h.press(.char("e"))
            #expect(h.status.contains("The page changed on the forge since you opened it"), "\(h.status)")
            #expect(h.status.contains("line"))
            h.press(.char("n"))
            #expect(h.status.contains("draft kept"), "\(h.status)")
            #expect(h.forge.data.wikiPage(title: DemoNames.homePage)?.text == "Theirs.\n")
            let key = DraftKey(
                forge: h.session.baseURL.absoluteString, kind: .wikiEdit, target: "p/anvil-demo/wiki/Home")
            #expect(h.app.options.state?.draft(key)?.text.contains("Mine.") == true)
        }
    }

    @Test func creatingAnExistingTitleAsksFirst() async throws {
        try await onUIThread {
            let h = try Self.harness { text in text + "Replacement.\n" }
            try h.open(Self.wiki)
            h.press(.char("C"))
            for c in DemoNames.homePage { h.app.handle(.key(.char(c))) }
            h.press(.enter)
            #expect(h.status.contains("exists already"), "\(h.status)")
            h.press(.char("y"))
            #expect(h.forge.data.wikiPage(title: DemoNames.homePage)?.text == "Replacement.\n")
        }
    }
}
