import Foundation
import Testing

@testable import Text

/// Rendering grows in step with the text: a hostile description cannot freeze the screen.
@Suite struct RenderingCostTests {
    static func seconds(_ body: () -> Void) -> Double {
        let start = Date()
        body()
        return Date().timeIntervalSince(start)
    }

    @Test("links cost the same each, however many come before them")
    func manyLinksRenderInLinearTime() {
        func text(_ links: Int) -> String {
            (0..<links).map { "[l\($0)](https://example.com/\($0))" }.joined(separator: " ")
        }
        _ = MarkdownRenderer.render(text(200), width: 80)
        var small = 0.0
        var large = 0.0
        small = Self.seconds { _ = MarkdownRenderer.render(text(2_000), width: 80) }
        large = Self.seconds { _ = MarkdownRenderer.render(text(32_000), width: 80) }
        // Sixteen times the links: linear work takes about sixteen times as long, quadratic 256.
        #expect(large < max(small, 0.01) * 48, "2,000 links: \(small) s, 32,000 links: \(large) s")
    }
}
