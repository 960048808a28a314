import ForgeModel
import Foundation
import Store
import Text

/// What a view did when asked to send a kept draft.
enum DraftSendStart: Equatable {
    /// The send is under way (or a question about it is on the status line).
    case started
    /// What the send needs has not arrived yet: ask again after the next answer.
    case waiting
    /// This view cannot send it; why, for the user.
    case cannot(String)
}

/// Kept drafts sent one after another, each from the place it was written: that view's own
/// send path runs, with its checks (a comment already on the forge is not posted twice; an edit
/// of something changed since it was shown is a conflict the user settles), and the draft's
/// text stands in for the editor.
final class OutboxRun {
    /// Drafts not tried yet, in order.
    var waiting: [Draft]
    /// The draft being sent, and whether its view has started the send.
    var current: (draft: Draft, started: Bool)?
    /// How many views were open when the run began: each draft's place opens above them, and
    /// the run goes back to them after each draft.
    let baseDepth: Int
    var sent = 0
    var notSent = 0
    var skipped: [String] = []

    init(_ drafts: [Draft], baseDepth: Int) {
        self.waiting = drafts
        self.baseDepth = baseDepth
    }
}

extension App {
    /// Sends `drafts` one after another from the places they were written.
    func send(_ drafts: [Draft]) {
        guard outboxRun == nil else { return note("Already sending the outbox…") }
        guard !drafts.isEmpty else { return note("Nothing to send") }
        outboxRun = OutboxRun(drafts, baseDepth: stack.count)
        startNextDraft()
    }

    /// Opens the next draft's place; the send starts once the view has what it needs.
    private func startNextDraft() {
        guard let run = outboxRun else { return }
        while stack.count > run.baseDepth { back() }
        guard !run.waiting.isEmpty else { return finishOutboxRun() }
        let draft = run.waiting.removeFirst()
        guard let place = draft.place else {
            run.skipped.append("\(OutboxView.describe(draft.key.kind)) (where it was written is unknown)")
            return startNextDraft()
        }
        open(address: place)
        guard stack.count > run.baseDepth else {
            run.skipped.append("\(OutboxView.describe(draft.key.kind)) (\(Sanitizer.clean(place)) did not open)")
            return startNextDraft()
        }
        run.current = (draft, false)
        note("Sending the \(OutboxView.describe(draft.key.kind)) from the outbox…")
    }

    /// Moves the run on: starts the current draft's send when its view is ready, and goes to
    /// the next draft when that send has its answer (and no question is open).
    func advanceOutboxRun() {
        guard let run = outboxRun, let current = run.current, prompt == nil else { return }
        guard stack.count > run.baseDepth else {
            outboxRun = nil
            return note("Stopped sending the outbox: \(run.waiting.count + 1) left there")
        }
        // The place opened for the draft (a view that resolved into another sits where it was).
        let view = stack[run.baseDepth]
        let busy = stack[run.baseDepth...].contains { $0.pendingLoads > 0 }
        if !current.started {
            if view.loadError != nil, !busy {
                return endCurrentDraft(run, failure: view.loadError?.message)
            }
            textToSend = current.draft.text
            let start = view.sendDraft(current.draft, app: self)
            textToSend = nil
            switch start {
            case .started:
                run.current = (current.draft, true)
                // A send that finished at once (nothing to send after all) moves on now.
                advanceOutboxRun()
            case .waiting:
                if !busy { endCurrentDraft(run, failure: "the place did not load") }
            case .cannot(let why):
                run.skipped.append("\(OutboxView.describe(current.draft.key.kind)) (\(why))")
                run.current = nil
                startNextDraft()
            }
            return
        }
        guard !busy else { return }
        endCurrentDraft(run, failure: nil)
    }

    /// The current draft's send is over: sent when its draft is gone.
    private func endCurrentDraft(_ run: OutboxRun, failure: String?) {
        guard let current = run.current else { return }
        run.current = nil
        let left = options.state?.draft(current.draft.key)
        if left == nil {
            run.sent += 1
        } else {
            run.notSent += 1
            if let failure { options.state?.recordFailure(current.draft.key, message: failure) }
            // The forge is out of reach again: the rest would fail the same way.
            let place = stack.count > run.baseDepth ? stack[run.baseDepth] : top
            if place?.localCopy?.isOffline == true || (failure ?? left?.lastError ?? "").hasPrefix("Cannot reach") {
                run.notSent += run.waiting.count
                run.waiting.removeAll()
            }
        }
        startNextDraft()
    }

    private func finishOutboxRun() {
        guard let run = outboxRun else { return }
        outboxRun = nil
        var parts: [String] = []
        if run.sent > 0 { parts.append("\(run.sent) sent") }
        if run.notSent > 0 { parts.append("\(run.notSent) not sent (:outbox says why)") }
        if !run.skipped.isEmpty {
            parts.append("to send from their place: " + run.skipped.joined(separator: ", "))
        }
        note("Outbox: " + (parts.isEmpty ? "nothing sent" : parts.joined(separator: "; ")), error: run.notSent > 0)
    }

    /// After a forge answers again: offers to send the texts that wait for it.
    func offerWaitingDrafts() {
        guard outboxRun == nil, let forge = top?.session.baseURL.absoluteString else { return }
        let waiting = (options.state?.allDrafts() ?? []).filter {
            $0.key.forge == forge && $0.lastError != nil && $0.place != nil
        }
        guard !waiting.isEmpty else { return }
        let count = waiting.count == 1 ? "1 text" : "\(waiting.count) texts"
        // A question would take the place of what the user is typing: say it instead.
        guard prompt == nil else {
            return note("Back online: \(count) in the outbox could not be sent; :outbox send sends them")
        }
        confirm("Back online: \(count) in the outbox could not be sent. Send now?", no: "Kept in the outbox (:outbox)")
        { [unowned self] in
            send(waiting.reversed())
        }
    }
}
