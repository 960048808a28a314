import ForgeModel
import Testing

@testable import Text

/// GitLab Flavored Markdown's references become followable links; Allura's brackets do not.
@Suite("GitLab dialect")
struct GitLabDialectTests {
    func links(_ text: String) -> [DocumentLink] {
        MarkdownRenderer.render(text, width: 80, dialect: .gitlab).links
    }

    @Test("issues, merge requests, labels, milestones and mentions are references")
    func references() {
        let found = links(
            #"See #12, acme/tools#7 and !3; labelled ~bug and ~"needs review", due %"v1.1" or %v2, cc @bob."#)
        #expect(
            found.filter { $0.kind == .reference }.map(\.target) == [
                "#12", "acme/tools#7", "!3", "~bug", "~needs review", "%v1.1", "%v2",
            ])
        #expect(found.contains { $0.kind == .mention && $0.target == "@bob" })
        let text = MarkdownRenderer.render("Fixed in #12.", width: 80, dialect: .gitlab).text
        #expect(text == "Fixed in #12.")
    }

    @Test("look-alikes are plain text")
    func notReferences() {
        let found = links("a#1 &#39; issue#2 C# x~y 100% [Page] `#4`")
        #expect(found.filter { $0.kind == .reference }.isEmpty, "\(found.map(\.target))")
    }

    @Test("the Allura dialect keeps its bracketed references")
    func alluraUnchanged() {
        let allura = MarkdownRenderer.render("See [#3] and #4", width: 80, dialect: .allura).links
        #expect(allura.map(\.target) == ["#3"])
    }
}
