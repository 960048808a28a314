import ForgeModel
import Foundation
import HTTP

/// A field value as one line of text, by the field's type (tuleap-rest.md §5.3): texts by their
/// format, lists by their bound values (None left out), numbers, dates as written (no zone
/// conversion, date-only fields without the time), users, artifact links, files by name and
/// size, permissions, cross references and computed values.
enum TuleapFieldText {
    /// The value for `Ticket.customFields`: numbers stay numbers, empty values are `.empty`.
    static func fieldValue(_ value: ValueJSON) -> FieldValue {
        switch value.type ?? "" {
        case "int", "float", "aid", "atid", "priority":
            guard let number = value.value?.number else { return .empty }
            return .number(number)
        default:
            let text = display(value)
            return text.isEmpty ? .empty : .text(text)
        }
    }

    /// One line for the value, empty when the field holds nothing.
    static func display(_ value: ValueJSON) -> String {
        switch value.type ?? "" {
        case "string": return value.value?.string ?? ""
        case "text": return HTMLText.oneLine(text(value), limit: 200)
        case "int", "float", "aid", "atid", "priority":
            return value.value?.number.map { FieldValue.number($0).display } ?? ""
        case "date", "subon", "lud":
            return value.value?.string.map { date($0, withTime: value.isTimeDisplayed ?? (value.type != "date")) } ?? ""
        case "sb", "msb", "rb", "cb":
            return (value.values ?? []).filter { !$0.isNone }.map(\.name).joined(separator: ", ")
        case "tbl":
            return (value.bindValueObjects ?? []).filter { !$0.isNone }.map(\.name).joined(separator: ", ")
        case "subby", "luby":
            return value.value?["username"]?.string ?? value.value?["display_name"]?.string ?? ""
        case "art_link":
            return (value.links ?? []).map { link in
                "#\(link.id)" + (link.trackerLabel.map { " (\($0))" } ?? "")
                    + (link.type.map { $0.isEmpty ? "" : " [\($0)]" } ?? "")
            }.joined(separator: ", ")
        case "file":
            return (value.fileDescriptions ?? []).map { file in
                file.name + (file.size.map { " (\(size($0)))" } ?? "")
            }.joined(separator: ", ")
        case "perm": return (value.grantedGroups ?? []).joined(separator: ", ")
        case "cross":
            guard case .array(let references)? = value.value else { return "" }
            return references.compactMap { $0["ref"]?.string }.joined(separator: ", ")
        case "computed":
            if value.isAutocomputed == true {
                return (value.value?.number.map { FieldValue.number($0).display } ?? "–") + " (computed)"
            }
            return (value.manualValue ?? value.value?.number).map { FieldValue.number($0).display } ?? ""
        default:
            return "(\(value.type ?? "unknown") field: not shown)"
        }
    }

    /// A text value as Markdown: the Markdown source when written as Markdown, HTML as plain
    /// text, plain text as it is.
    static func text(_ value: ValueJSON) -> String {
        let raw = value.value?.string ?? ""
        if let source = value.commonmark { return normalised(source) }
        if value.format == "html" { return HTMLText.plainText(raw).trimmedOfWhitespace }
        return normalised(raw)
    }

    /// A comment the same way: `commonmark` source, `html` as text, `text` as it is.
    static func comment(_ comment: CommentJSON) -> String {
        if let source = comment.commonmark { return normalised(source) }
        if comment.format == "html" {
            return HTMLText.plainText(comment.body).trimmedOfWhitespace
        }
        return normalised(comment.body)
    }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// `2026-02-03T00:00:00+01:00` as written: `2026-02-03`, or `2026-02-19 17:08` with the time.
    static func date(_ text: String, withTime: Bool) -> String {
        guard text.count >= 10 else { return text }
        let day = String(text.prefix(10))
        guard withTime, text.count >= 16 else { return day }
        let start = text.index(text.startIndex, offsetBy: 11)
        let end = text.index(text.startIndex, offsetBy: 16)
        return day + " " + text[start..<end]
    }

    /// `792251` → `774 KiB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KiB" }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
