import ForgeModel
import Foundation

/// Compiles a neutral `TicketQuery` into TQL (tuleap-rest.md §6.3) with the field names the
/// tracker's semantics point to; a raw query is passed through as the user typed it.
enum TuleapQuery {
    /// The TQL for `query` on `tracker`; nil when it asks for everything.
    static func tql(_ query: TicketQuery, tracker: TrackerJSON) throws(ForgeError) -> String? {
        var terms: [String] = []
        if let raw = query.raw?.trimmedOfWhitespace, !raw.isEmpty {
            terms.append("(" + raw + ")")
        }
        let semantics = tracker.semantics
        if let text = query.text?.trimmedOfSpaces, !text.isEmpty {
            let names = [semantics?.title?.fieldID, semantics?.description?.fieldID].compactMap {
                tracker.field($0)?.name
            }
            guard !names.isEmpty else { throw ForgeError.unsupported("This tracker has no title field to search") }
            terms.append("(" + names.map { "\($0) = \(quoted(text))" }.joined(separator: " OR ") + ")")
        }
        if let state = query.state, state != .all {
            guard let status = semantics?.status, let field = tracker.field(status.fieldID) else {
                throw ForgeError.unsupported("This tracker has no status semantic: it cannot tell open from closed")
            }
            let open = TuleapMapping.statuses(tracker).open
            let list = open.map(quoted).joined(separator: ", ")
            if open.isEmpty {
                if state == .open { terms.append("\(field.name) = \"\" AND \(field.name) != \"\"") }
            } else {
                terms.append("\(field.name) \(state == .open ? "IN" : "NOT IN") (\(list))")
            }
        }
        if let assignee = query.assignee?.trimmedOfSpaces, !assignee.isEmpty {
            guard let field = tracker.field(semantics?.contributor?.fieldID) else {
                throw ForgeError.unsupported("This tracker has no assignee field")
            }
            terms.append("\(field.name) = \(quoted(assignee))")
        }
        if !query.labels.isEmpty { throw ForgeError.unsupported("Tuleap trackers have no labels; search a list field") }
        if query.milestone != nil { throw ForgeError.unsupported("Tuleap trackers have no milestones to search") }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    /// A TQL string literal: double quotes, with `\` and `"` escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
