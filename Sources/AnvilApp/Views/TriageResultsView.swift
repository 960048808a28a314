import ForgeModel
import TerminalUI
import Text

/// What a triage action did to each ticket: written, unchanged, or why not. Enter opens a ticket.
/// It follows the triage it came from: a conflict written anyway shows as written here too.
final class TriageResultsView: ToolView {
    private let first: TriageOutcome
    private weak var triage: TicketTriage?

    init(session: ForgeSession, project: ProjectPath, tool: Tool, outcome: TriageOutcome, triage: TicketTriage? = nil) {
        self.first = outcome
        self.triage = triage
        super.init(session: session, project: project, tool: tool, mode: .list)
    }

    /// The results as they stand now.
    var outcome: TriageOutcome { triage?.lastOutcome ?? first }

    override var itemCrumbs: [String] { ["results"] }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        b.heading(outcome.summary)
        for result in outcome.results {
            let (mark, role, text): (String, Role, String)
            switch result.kind {
            case .updated(let ticket, let ignored):
                let note = ignored.isEmpty ? "" : " (" + ignored.joined(separator: "; ") + ")"
                (mark, role, text) = ("✓", ignored.isEmpty ? .ticketOpen : .error, "written: \(ticket.status)" + note)
            case .unchanged: (mark, role, text) = ("·", .muted, "already so: nothing written")
            default: (mark, role, text) = ("✗", .error, result.message ?? "not written")
            }
            b.columns(
                [(mark, role, 2), ("#\(result.number)", .muted, 7), (text, role, 0)],
                target: .route(.ticket(project, mount: tool.mountPoint, number: result.number)))
        }
        return b.rows
    }
}
