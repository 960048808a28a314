// TEMPORARY: stand-ins for APIs being written on other branches; deleted at merge.
import Foundation
import ForgeModel
import Text

struct RenderedDocument { var lines: [StyledLine] }
enum MarkdownRenderer {
    static func render(_ s: String, width: Int) -> RenderedDocument {
        RenderedDocument(lines: s.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(Sanitizer.clean(String($0))) })
    }
}
enum Wrapper {
    static func wrap(_ line: StyledLine, width: Int, firstIndent: [StyledSpan] = [], restIndent: [StyledSpan] = []) -> [StyledLine] {
        [StyledLine(firstIndent + line.spans)]
    }
}
extension DisplayWidth {
    static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String { String(s.prefix(width)) }
    static func pad(_ s: String, to width: Int) -> String {
        let t = String(s.prefix(width)); return t + String(repeating: " ", count: max(0, width - t.count))
    }
}
enum AlluraRouter {
    static func parse(_ input: String, defaultBase: URL?) throws -> (base: URL, route: Route) { throw ForgeError.invalidURL(input) }
    static func refine(_ route: Route, tools: [Tool]) -> Route { route }
}
