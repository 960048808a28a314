import Foundation
import TestSupport
import Testing

@testable import Text

/// Renders and checks the invariants every rendering must keep: no line wider than the width,
/// no control character, bidi control or newline in any span.
func rendered(
    _ markdown: String, width: Int = 60, sourceLocation: SourceLocation = #_sourceLocation
) -> RenderedDocument {
    let document = MarkdownRenderer.render(markdown, width: width)
    checkInvariants(document, width: width, sourceLocation: sourceLocation)
    return document
}

func checkInvariants(_ document: RenderedDocument, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, line) in document.lines.enumerated() {
        let w = DisplayWidth.of(line.text)
        #expect(
            w <= width, "line \(index) is \(w) cells wide at width \(width): \(line.text)",
            sourceLocation: sourceLocation)
        for span in line.spans {
            #expect(
                SanitizerTests.isInert(span.text),
                "line \(index) has a control character: \(span.text.debugDescription)", sourceLocation: sourceLocation)
        }
    }
    for link in document.links {
        #expect(
            document.lines.indices.contains(link.line), "link \(link) outside the document",
            sourceLocation: sourceLocation)
        #expect(
            SanitizerTests.isInert(link.text) && SanitizerTests.isInert(link.target), sourceLocation: sourceLocation)
        if let target = link.targetLine {
            #expect(document.lines.indices.contains(target), sourceLocation: sourceLocation)
        }
    }
    for heading in document.headings {
        #expect(document.lines.indices.contains(heading.line), sourceLocation: sourceLocation)
    }
}

extension RenderedDocument {
    var texts: [String] { lines.map(\.text) }

    /// The roles of the spans holding `text` (which must lie within one span).
    func roles(of text: String) -> [Role] {
        lines.flatMap(\.spans).filter { $0.text.contains(text) }.map(\.role)
    }

    /// Whether some span of `role` contains `text`.
    func has(_ text: String, _ role: Role) -> Bool {
        lines.contains { $0.spans.contains { $0.role == role && $0.text.contains(text) } }
    }
}

/// The `text` fields of a fixture (a top-level `text`, or every post's).
func fixtureTexts(_ name: String) throws -> [String] {
    let json = try JSONSerialization.jsonObject(with: try Fixtures.allura(name))
    var texts: [String] = []
    func collect(_ value: Any) {
        if let object = value as? [String: Any] {
            // An object's own text before the texts of what it holds.
            for key in ["text", "description"] { if let s = object[key] as? String { texts.append(s) } }
            for (key, inner) in object.sorted(by: { $0.key < $1.key }) where key != "text" && key != "description" {
                collect(inner)
            }
        } else if let array = value as? [Any] {
            array.forEach(collect)
        }
    }
    collect(json)
    return texts
}
