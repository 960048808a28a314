import ForgeModel
import Foundation
import Store
import TerminalUI
import Text

/// `:outbox`: every text written that no forge has accepted yet (comments, replies, ticket and
/// wiki edits, new tickets and pages), on every forge, with why the last send failed. `e` edits
/// one in the editor, `d` discards one after asking, `S` sends one from the place it was written.
final class OutboxView: ScreenView {
    private(set) var drafts: [Draft] = []

    init(session: ForgeSession) {
        super.init(session: session, mode: .list)
    }

    override var crumbs: [String] { ["outbox"] }

    override func start(_ app: App) { reload(app) }

    /// Back from sending: the drafts sent are gone.
    override func reappeared(_ app: App) { reload(app) }

    /// Reads the drafts again, the cursor staying on `key`'s draft when it is still there.
    private func reload(_ app: App, keeping key: DraftKey? = nil) {
        drafts = app.options.state?.allDrafts() ?? []
        invalidate()
        guard let key, let index = drafts.firstIndex(where: { $0.key == key }) else { return }
        let rows = self.rows(width: app.device.width)
        let selectable = selectableRows(rows)
        guard selectable.indices.contains(index) else { return }
        scroll.select(selectable[index], rowCount: rows.count, height: app.contentHeight) { rows[$0].selectable }
    }

    /// What each kind of draft is, for the list.
    static func describe(_ kind: DraftKey.Kind) -> String {
        switch kind {
        case .comment: return "comment"
        case .reply: return "reply"
        case .ticketEdit: return "ticket edit"
        case .ticketNew: return "new ticket"
        case .ticketComment: return "ticket comment"
        case .wikiEdit: return "page edit"
        case .wikiNew: return "new page"
        case .blogEdit: return "blog post edit"
        case .blogNew: return "new blog post"
        }
    }

    override func buildRows(width: Int) -> [Row] {
        var b = RowBuilder(width: width)
        b.heading("Not sent yet")
        guard !drafts.isEmpty else {
            b.rows.append(Row("  Nothing: every text you wrote reached its forge.", .muted))
            return b.rows
        }
        for draft in drafts {
            let host = URL(string: draft.key.forge)?.host ?? draft.key.forge
            let place = draft.key.target + (draft.key.parent.map { " ← " + $0 } ?? "")
            b.columns(
                [
                    (Self.describe(draft.key.kind), .label, 16), (host + " " + place, .normal, 0),
                ], target: nil)
            b.rows[b.rows.count - 1].selectable = true
            let first = draft.text.split(separator: "\n").first.map(String.init) ?? ""
            var detail = "    " + DateText.relative(draft.updated, now: now()) + ": " + first
            if let error = draft.lastError { detail += "  (last try: \(error))" }
            b.rows.append(Row(DisplayWidth.truncate(Sanitizer.clean(detail), to: width), .muted))
        }
        b.blank()
        b.paragraph(
            "S sends the draft under the cursor from the place it was written (:outbox send sends them all, oldest "
                + "first); Enter opens that place instead, where the key it was written with (c, R, e, C) offers it "
                + "again. e edits the text, d discards it.", role: .muted, indent: 2)
        return b.rows
    }

    /// The draft under the cursor.
    private var current: Draft? {
        let rows = self.rows(width: max(20, cachedWidth))
        let selectable = selectableRows(rows)
        guard let index = selectable.firstIndex(of: scroll.cursor), drafts.indices.contains(index) else { return nil }
        return drafts[index]
    }

    private var cachedWidth = 80

    override func handle(_ action: Action, app: App) -> Bool {
        cachedWidth = app.device.width
        switch action {
        case .edit:
            guard let draft = current else { return true }
            guard let outcome = app.edit(draft.text) else {
                app.note("No editor available", error: true)
                return true
            }
            if case .saved(let text) = outcome, text != draft.text {
                app.options.state?.saveDraft(draft.key, text: text)
                app.note("Draft saved; it is sent from where it was written")
            }
            reload(app, keeping: draft.key)
            return true
        case .discard:
            guard let draft = current else { return true }
            app.confirm("Discard this \(Self.describe(draft.key.kind))? It cannot be brought back.") {
                [unowned self] in
                app.options.state?.deleteDraft(draft.key)
                app.note("Discarded")
                reload(app)
            }
            return true
        case .open:
            guard let draft = current else { return true }
            guard let place = draft.place else {
                app.note(
                    "Anvil does not know where this was written; open the place and press the key you wrote it with")
                return true
            }
            app.open(address: place)
            return true
        case .send:
            guard let draft = current else { return true }
            app.send([draft])
            return true
        case .reload:
            reload(app)
            return true
        default:
            return false
        }
    }
}
