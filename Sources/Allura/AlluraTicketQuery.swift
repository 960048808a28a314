import ForgeModel
import Foundation

/// Compiles a `TicketQuery` into Allura's Solr search (allura-rest.md §6.3): the structured part
/// as field clauses ANDed with the raw query, and the neutral sort names as Solr fields.
public enum AlluraTicketQuery {
    /// Matches every ticket: Allura's search needs a query, and an empty one finds nothing.
    public static let everything = "ticket_num:[0 TO *]"

    /// Neutral sort names and the Solr fields they sort by.
    public static let sortFields: [(String, String)] = [
        ("number", "ticket_num_i"), ("status", "status_s"), ("assignee", "assigned_to_s"),
        ("milestone", "_milestone_s"), ("updated", "mod_date_dt"), ("created", "created_date_dt"),
        ("summary", "snippet_s"), ("reporter", "reported_by_s"),
    ]

    /// The `q` and `sort` parameters for `query`; `closedStatuses` decide what `state` means.
    public static func compile(
        _ query: TicketQuery, closedStatuses: [String] = ["closed", "wont-fix", "invalid"]
    )
        -> (q: String, sort: String?)
    {
        var clauses: [String] = []
        if let raw = query.raw?.trimmedOfSpaces, !raw.isEmpty {
            clauses.append(clauses.isEmpty && query.isEverything ? raw : "(" + raw + ")")
        }
        if let text = query.text, !text.isEmpty { clauses.append(quoted(text)) }
        switch query.state {
        case .open?: clauses.append("!status:(" + closedStatuses.map(quoted).joined(separator: " OR ") + ")")
        case .closed?: clauses.append("status:(" + closedStatuses.map(quoted).joined(separator: " OR ") + ")")
        case .all?, nil: break
        }
        if let assignee = query.assignee { clauses.append("assigned_to:" + quoted(assignee)) }
        clauses += query.labels.map { "labels:" + quoted($0) }
        if let milestone = query.milestone { clauses.append("_milestone:" + quoted(milestone)) }
        let q = clauses.isEmpty ? everything : clauses.joined(separator: " AND ")
        let sort = query.sort.flatMap { sort in
            sortFields.first { $0.0 == sort.field }.map { "\($0.1) \(sort.descending ? "desc" : "asc")" }
        }
        return (q, sort)
    }

    /// A Solr term: bare when it is one plain word, else in double quotes.
    static func quoted(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return plain && !value.isEmpty ? value : "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
