import Foundation
import TestSupport
import Testing

@testable import Text

/// Rendering grows in step with the text: a hostile description cannot freeze the screen.
@Suite struct RenderingCostTests {
    static func seconds(_ body: () -> Void) -> Double {
        let start = ThreadClock.seconds()
        body()
        return ThreadClock.seconds() - start
    }

    @Test("links cost the same each, however many come before them")
    func manyLinksRenderInLinearTime() {
        func text(_ links: Int) -> String {
            (0..<links).map { "[l\($0)](https://example.com/\($0))" }.joined(separator: " ")
        }
        _ = MarkdownRenderer.render(text(200), width: 80)
        var small = 0.0
        var large = 0.0
        // The fastest of three runs each, so a busy machine does not decide the outcome.
        let (few, many) = (text(1_000), text(14_000))
        small = (0..<3).map { _ in Self.seconds { _ = MarkdownRenderer.render(few, width: 80) } }.min() ?? 0
        large = (0..<3).map { _ in Self.seconds { _ = MarkdownRenderer.render(many, width: 80) } }.min() ?? 0
        // Fourteen times the links (all under the source limit): linear work takes about fourteen
        // times as long, quadratic about 196.
        #expect(text(14_000).utf8.count < MarkdownRenderer.maximumSourceBytes)
        #expect(large < max(small, 0.01) * 42, "1,000 links: \(small) s, 14,000 links: \(large) s")
    }

    @Test("a source past the limit is cut at a line break and the document says how much is left out")
    func hugeSourceIsBounded() {
        let line = String(repeating: "word ", count: 20) + "\n"
        let source = String(repeating: line, count: (MarkdownRenderer.maximumSourceBytes / line.utf8.count) * 3)
        let document = MarkdownRenderer.render(source, width: 80)
        let last = document.lines.last?.text ?? ""
        #expect(last.contains("KB more not shown"), "\(last)")
        #expect(document.lines.allSatisfy { DisplayWidth.of($0.text) <= 80 })
        let tail = MarkdownRenderer.render(line, width: 80).lines.last?.text ?? ""
        #expect(!tail.contains("not shown"))
    }
}
