import ForgeModel

/// Runs a triage action on one or several tickets, one write after another.
///
/// Writes are sequential on purpose: an Allura `save` is not idempotent (it replaces the whole form
/// and bumps the modification time), so a batch never races itself and never hammers the forge.
/// Each write carries the shown ticket's stamp, so a ticket someone changed since it was shown is
/// reported as a conflict instead of being overwritten.
public struct TriageRunner: Sendable {
    /// A runner; it holds no state.
    public init() {}

    /// Applies `action` to `tickets` (as the list shows them: full tickets with their stamps, not the
    /// partial rows of a plain list) on tracker `mount` of `project`. Tickets the action would not
    /// change are not written. A ticket number given twice is handled once. After a failure that
    /// every other ticket would share (offline, not authorised, rate limited, a timeout) or when the
    /// task is cancelled, the remaining tickets are reported as not attempted. A `comment` travels
    /// inside each write (for forges whose edits carry one).
    public func apply(
        _ action: TriageAction, to tickets: [Ticket], project: ProjectPath, mount: String, writer: any TicketWriting,
        comment: String? = nil
    ) async -> TriageOutcome {
        var results: [TicketResult] = []
        var seen = Set<Int>()
        var stop: String?
        for ticket in tickets where seen.insert(ticket.number).inserted {
            var edit = action.edit(for: ticket)
            if !edit.isEmpty { edit.comment = comment }
            if edit.isEmpty {
                results.append(TicketResult(number: ticket.number, before: ticket, edit: nil, kind: .unchanged))
                continue
            }
            if stop == nil && Task.isCancelled { stop = "cancelled" }
            if let stop {
                results.append(
                    TicketResult(number: ticket.number, before: ticket, edit: nil, kind: .notAttempted(stop)))
                continue
            }
            let result = await Self.write(
                edit, to: ticket, expectedStamp: ticket.modifiedStamp, project: project, mount: mount, writer: writer)
            if case .failed(let error) = result.kind, error.stopsBatch {
                stop = "stopped after #\(ticket.number) failed"
            }
            results.append(result)
        }
        return TriageOutcome(origin: .action(action), project: project, mount: mount, results: results)
    }

    /// Writes `edit` to `ticket` and classifies what happened; never throws.
    static func write(
        _ edit: TicketEdit, to ticket: Ticket, expectedStamp: String, project: ProjectPath, mount: String,
        writer: any TicketWriting
    ) async -> TicketResult {
        let kind: TicketResult.Kind
        do {
            let written = try await writer.updateTicket(
                project, mount: mount, number: ticket.number, edit: edit, expectedStamp: expectedStamp)
            kind = .updated(written.ticket, ignored: written.ignored)
        } catch let conflict as TicketConflict {
            kind = .conflict(
                current: conflict.current, report: ConflictReport(shown: ticket, current: conflict.current))
        } catch let error as ForgeError {
            kind = .failed(error)
        } catch is CancellationError {
            kind = .notAttempted("cancelled")
        } catch {
            kind = .failed(.invalidResponse(String(describing: error)))
        }
        return TicketResult(number: ticket.number, before: ticket, edit: edit, kind: kind)
    }
}

extension ForgeError {
    /// Whether the next ticket of a batch would fail the same way, so trying it only loads the forge.
    /// A timeout counts too: the write may have happened, and the forge is struggling.
    var stopsBatch: Bool {
        switch self {
        case .offline, .tls, .timeout, .unauthorized, .rateLimited, .insecureToken, .methodNotAllowed, .unsupported,
            .notCached:
            return true
        case .forbidden, .notFound, .server, .http, .validation, .invalidResponse, .invalidURL:
            return false
        }
    }
}
