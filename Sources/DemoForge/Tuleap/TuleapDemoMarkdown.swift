/// The HTML Tuleap stores for a Markdown text: paragraphs, bullet lists, numbered lists, bold
/// and code spans; enough for the demo's own texts.
enum TuleapDemoMarkdown {
    static func html(_ markdown: String) -> String {
        let blocks = markdown.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        return blocks.map { block -> String in
            let lines = block.split(separator: "\n").map(String.init)
            if !lines.isEmpty, lines.allSatisfy({ $0.hasPrefix("- ") }) {
                return "<ul>" + lines.map { "<li>" + inline(String($0.dropFirst(2))) + "</li>" }.joined() + "</ul>"
            }
            if !lines.isEmpty, lines.allSatisfy({ $0.first?.isNumber == true && $0.contains(". ") }) {
                return "<ol>"
                    + lines.map { line in
                        "<li>" + inline(String(line[line.range(of: ". ")!.upperBound...])) + "</li>"
                    }.joined() + "</ol>"
            }
            return "<p>" + inline(lines.joined(separator: "\n")) + "</p>"
        }.joined(separator: "\n")
    }

    /// Escapes HTML, then `**bold**` and `` `code` ``.
    static func inline(_ text: String) -> String {
        var escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        escaped = wrap(escaped, marker: "**", tag: "strong")
        return wrap(escaped, marker: "`", tag: "code")
    }

    static func wrap(_ text: String, marker: String, tag: String) -> String {
        let parts = text.components(separatedBy: marker)
        guard parts.count >= 3 else { return text }
        var result = ""
        for (index, part) in parts.enumerated() {
            if index == 0 {
                result = part
            } else if index % 2 == 1, index < parts.count - 1 {
                result += "<\(tag)>" + part
            } else if index % 2 == 0 {
                result += "</\(tag)>" + part
            } else {
                result += marker + part
            }
        }
        return result
    }
}
