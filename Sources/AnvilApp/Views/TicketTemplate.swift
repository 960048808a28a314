import ForgeModel

/// The text a new ticket is written as in the editor: `Field: value` lines, a `---` line, then
/// the description in Markdown. Lines starting with `#` before the `---` are comments.
enum TicketTemplate {
    /// A template with every field, the tracker's writable fields included, each after a comment
    /// saying what it takes. `status` is the first status offered (the tracker's first open one
    /// when the forge lists them).
    static func text(trackerLabel: String, fields: [FieldSpec], milestone: String?, status: String = "open") -> String {
        var lines = [
            "# New ticket in \(trackerLabel). Fill in the values; lines starting with # are ignored.",
            "# The summary is required. The description goes below the --- line.",
            "Summary: ",
            "Status: \(status)",
            "Assignee: ",
            "Labels: ",
            "Milestone: \(milestone ?? "")",
        ]
        for field in fields where field.isWritable {
            lines.append("# \(field.name): \(field.hint)")
            lines.append("\(field.name): ")
        }
        lines.append("---")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    enum ParseError: Error, Equatable {
        case missingSummary
        case unknownField(String)
        case badValue(String)

        var message: String {
            switch self {
            case .missingSummary: return "The summary is empty: nothing sent (the draft is kept)"
            case .unknownField(let name): return "Unknown field '\(name)': nothing sent (the draft is kept)"
            case .badValue(let reason): return "\(reason): nothing sent (the draft is kept)"
            }
        }
    }

    /// The edit a filled-in template describes. `fields` are the tracker's fields; a line may
    /// name one by its name or its key, and its value must suit the field.
    static func parse(_ text: String, fields: [FieldSpec] = []) throws(ParseError) -> TicketEdit {
        var edit = TicketEdit()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first {
            lines = lines.dropFirst()
            let trimmed = line.trimmedOfSpaces
            if trimmed == "---" { break }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { throw .unknownField(trimmed) }
            var name = trimmed[..<colon].trimmedOfSpaces
            let value = trimmed[trimmed.index(after: colon)...].trimmedOfSpaces
            var key: String?
            // `Priority [priority]`: a name followed by the field's key.
            if let open = name.lastIndex(of: "["), name.hasSuffix("]") {
                key = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                name = name[..<open].trimmedOfSpaces
            }
            switch name.lowercased() {
            case "summary": edit.summary = value
            case "status": edit.status = value.isEmpty ? nil : value
            case "assignee": edit.assignee = value.isEmpty ? nil : value
            case "labels":
                edit.labelsAdded = value.split(separator: ",").map { $0.trimmedOfSpaces }
                    .filter { !$0.isEmpty }
            case "milestone": edit.milestone = value.isEmpty ? nil : .some(value)
            default:
                guard let field = fields.first(where: { $0.isNamed(name) || key.map($0.isNamed) == true }) else {
                    throw .unknownField(name)
                }
                guard !value.isEmpty else { continue }
                switch field.value(parsing: value) {
                case .success(let parsed): edit.fields[field.key] = parsed
                case .failure(let rejection): throw .badValue(rejection.message)
                }
            }
        }
        let description = lines.joined(separator: "\n").trimmedOfWhitespace
        if !description.isEmpty { edit.description = description }
        guard let summary = edit.summary, !summary.isEmpty else { throw .missingSummary }
        return edit
    }
}
