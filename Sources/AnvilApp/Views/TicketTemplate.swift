import ForgeModel

/// The text a new ticket is written as in the editor: `Field: value` lines, a `---` line, then
/// the description in Markdown. Lines starting with `#` before the `---` are comments.
enum TicketTemplate {
    /// A template with every field, the custom fields the tracker is known to use included.
    static func text(trackerLabel: String, customFields: [String], milestone: String?) -> String {
        var lines = [
            "# New ticket in \(trackerLabel). Fill in the values; lines starting with # are ignored.",
            "# The summary is required. The description goes below the --- line.",
            "Summary: ",
            "Status: open",
            "Assignee: ",
            "Labels: ",
            "Milestone: \(milestone ?? "")",
        ]
        for name in customFields.sorted() where name != "_milestone" {
            lines.append("\(FieldName.display(name)) [\(name)]: ")
        }
        lines.append("---")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    enum ParseError: Error, Equatable {
        case missingSummary
        case unknownField(String)

        var message: String {
            switch self {
            case .missingSummary: return "The summary is empty: nothing sent (the draft is kept)"
            case .unknownField(let name): return "Unknown field '\(name)': nothing sent (the draft is kept)"
            }
        }
    }

    /// The edit a filled-in template describes. `fields` are the custom fields the template
    /// offered (their keys); Allura's own keys (`_priority`) are always accepted.
    static func parse(_ text: String, fields: Set<String> = []) throws(ParseError) -> TicketEdit {
        var edit = TicketEdit()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first {
            lines = lines.dropFirst()
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" { break }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { throw .unknownField(trimmed) }
            var name = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let open = name.lastIndex(of: "["), name.hasSuffix("]") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            }
            switch name.lowercased() {
            case "summary": edit.summary = value
            case "status": edit.status = value.isEmpty ? nil : value
            case "assignee": edit.assignee = value.isEmpty ? nil : value
            case "labels":
                edit.labelsAdded = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            case "milestone": edit.milestone = value.isEmpty ? nil : .some(value)
            default:
                guard name.hasPrefix("_") || fields.contains(name) else { throw .unknownField(name) }
                if !value.isEmpty { edit.fields[name] = .text(value) }
            }
        }
        let description = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !description.isEmpty { edit.description = description }
        guard let summary = edit.summary, !summary.isEmpty else { throw .missingSummary }
        return edit
    }
}
