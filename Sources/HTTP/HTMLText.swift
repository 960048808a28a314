import ForgeModel
import Foundation
import Text

/// Turns HTML (error pages, messages with `<br />`) into short plain text. Never returns markup.
public enum HTMLText {
    /// The longest line a summary may have, in characters.
    public static let maximumLength = 160

    /// All the text of `html` with tags removed, entities decoded and whitespace collapsed to
    /// single spaces. `<script>`, `<style>` and comments are dropped with their content;
    /// `<br>` and block ends become line breaks.
    public static func plainText(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count / 2)
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            let afterOpen = rest[open...]
            if afterOpen.hasPrefix("<!--") {
                rest = afterOpen.range(of: "-->").map { afterOpen[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = afterOpen.firstIndex(of: ">") else {
                rest = ""
                break
            }
            let tag = tagName(afterOpen[afterOpen.index(after: open)..<close])
            rest = afterOpen[afterOpen.index(after: close)...]
            if tag == "script" || tag == "style" {
                let end = "</\(tag)"
                if let found = rest.range(of: end, options: .caseInsensitive) {
                    rest = rest[found.upperBound...]
                    if let gt = rest.firstIndex(of: ">") { rest = rest[rest.index(after: gt)...] }
                } else {
                    rest = ""
                }
            } else if lineBreakingTags.contains(tag) {
                out += "\n"
            }
        }
        out += rest
        return decodeEntities(out)
    }

    /// The lines of visible text of `html`, each trimmed, empty ones dropped.
    public static func lines(_ html: String) -> [String] {
        plainText(html).split(whereSeparator: \.isNewline)
            .map { collapseWhitespace(String($0)) }
            .filter { !$0.isEmpty }
    }

    /// One short line describing an HTML page: for an Allura error page the reason under the
    /// `Error NNN` heading, otherwise the first `<h1>`, otherwise the `<title>`, otherwise the
    /// first line of text. Nil when the page has no text at all.
    public static func summary(_ html: String) -> String? {
        if let reason = alluraErrorReason(html) { return reason }
        if let h1 = firstElementText("h1", in: html) { return h1 }
        if let title = firstElementText("title", in: html) { return title }
        return lines(html).first.map { oneLine($0) }
    }

    /// The reason paragraph of an Allura error page (`<span>Error 403</span>` … `<p>Update access
    /// required</p>`), or nil when the page is not one.
    public static func alluraErrorReason(_ html: String) -> String? {
        guard let heading = html.range(of: #"Error [0-9]{3}"#, options: .regularExpression) else {
            return nil
        }
        return firstElementText("p", in: String(html[heading.upperBound...]))
    }

    /// The text of the first `<name>` element, made one line; nil if absent or empty.
    public static func firstElementText(_ name: String, in html: String) -> String? {
        guard let open = html.range(of: "<\(name)", options: .caseInsensitive) else { return nil }
        let after = html[open.upperBound...]
        // `<p` must not match `<pre` or `<param`.
        guard let next = after.first, next == ">" || next == " " || next.isNewline || next == "\t" else {
            return firstElementText(name, in: String(after))
        }
        guard let gt = after.firstIndex(of: ">") else { return nil }
        let body = after[after.index(after: gt)...]
        let end = body.range(of: "</\(name)", options: .caseInsensitive)?.lowerBound ?? body.endIndex
        let text = oneLine(plainText(String(body[..<end])))
        return text.isEmpty ? nil : text
    }

    /// `text` on one line: control characters and line breaks become spaces, bidi controls and
    /// C1 codes go (through the one `Sanitizer`), runs of whitespace collapse, and the result is
    /// cut to `maximumLength` with an ellipsis.
    public static func oneLine(_ text: String, limit: Int = maximumLength) -> String {
        let cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                        ? " " : scalar
                }))
        let collapsed = collapseWhitespace(Sanitizer.clean(cleaned))
        guard collapsed.count > limit else { return collapsed }
        return String(collapsed.prefix(max(limit - 1, 0))) + "…"
    }

    /// Decodes named and numeric entities (one decoder for the whole program: the Text module's).
    public static func decodeEntities(_ text: String) -> String {
        Text.HTMLText.decodeEntities(text)
    }

    private static let lineBreakingTags: Set<String> = [
        "br", "p", "/p", "div", "/div", "h1", "/h1", "h2", "/h2", "h3", "/h3", "li", "/li",
        "tr", "/tr", "title", "/title", "pre", "/pre",
    ]

    private static func tagName(_ inside: Substring) -> String {
        var name = ""
        for ch in inside {
            if ch.isLetter || ch.isNumber || (ch == "/" && name.isEmpty) {
                name.append(ch)
            } else if !name.isEmpty || ch != " " {
                break
            }
        }
        return name.lowercased()
    }

    static func collapseWhitespace(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// An error body as forges send them: a JSON object to read further, or else one line of text
/// (an HTML page's summary, or a plain text's first non-empty line). At most 256 KB are read.
public enum ErrorBody {
    case object([String: Any])
    case text(String?)

    public init(_ response: HTTPResponse) {
        let raw = String(decoding: response.body.prefix(256 * 1024), as: UTF8.self)
        let trimmed = raw.trimmedOfWhitespace
        if trimmed.hasPrefix("{"),
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
        {
            self = .object(object)
            return
        }
        let type = response.header("Content-Type")?.lowercased() ?? ""
        if type.contains("html") || trimmed.hasPrefix("<") {
            self = .text(HTMLText.summary(raw))
        } else {
            self = .text(
                trimmed.split(whereSeparator: \.isNewline).map { HTMLText.oneLine(String($0)) }.first { !$0.isEmpty })
        }
    }
}
