import ForgeModel
import Foundation
import Store
import Text

/// A wiki page on its way to the forge: its draft and what is sent.
struct WikiWrite {
    var key: DraftKey
    var title: String
    var text: String
    /// The labels to set; nil leaves them as they are (or the forge has none).
    var labels: [String]?
    var isNew: Bool
    /// The page as it was shown, for an edit: its last change is compared before writing.
    var shown: WikiPage?
}

/// Writing a wiki page in the user's editor: the text is kept as a draft until the forge has
/// taken it, and offered again when the same page is edited next. On forges whose pages have
/// labels the text starts with a `Labels:` line and a `---` line (`WikiTemplate`).
enum WikiWriter {
    /// Edits `page` (a new page titled `title` when nil; a draft kept from an earlier try wins)
    /// and sends it; returns the write in flight, or nil when nothing was sent.
    static func write(title: String, page: WikiPage?, view: ToolView, app: App) -> WikiWrite? {
        guard view.session.forge.wikiWriting != nil else {
            app.note("This forge's wiki cannot be written from Anvil; o opens it in the browser")
            return nil
        }
        let labelled = view.session.forge.wikiLabelWriting != nil
        let isNew = page == nil
        let (project, mount) = (view.project, view.tool.mountPoint)
        let key = DraftKey(
            forge: view.session.baseURL.absoluteString, kind: isNew ? .wikiNew : .wikiEdit,
            target: "\(project)/\(mount)/\(title)")
        let original =
            labelled
            ? WikiTemplate.text(title: title, wiki: view.toolLabel, labels: page?.labels ?? [], text: page?.text ?? "")
            : page?.text ?? ""
        guard let (written, hadDraft) = app.editDraft(key, original: original) else { return nil }
        guard written != original || hadDraft else {
            app.note("Unchanged: nothing saved")
            return nil
        }
        app.options.state?.saveDraft(key, text: written)
        let (text, labels) = labelled ? WikiTemplate.parse(written) : (written, nil)
        let write = WikiWrite(key: key, title: title, text: text, labels: labels, isNew: isNew, shown: page)
        send(write, checking: true, view: view, app: app)
        return write
    }

    /// Sends `write`; with `checking`, an edit is refused when the page changed since it was
    /// shown and a new page when one of its title exists (where the forge can tell).
    static func send(_ write: WikiWrite, checking: Bool, view: ToolView, app: App) {
        guard let writer = view.session.forge.wikiWriting else { return }
        let labelled = writer.wikiLabelWriting
        let (project, mount) = (view.project, view.tool.mountPoint)
        let expected = checking ? write.shown?.modified : nil
        let isNew = checking && write.isNew
        app.note("Saving \(write.title)…")
        app.load(for: view, cancellable: false) {
            guard let labelled else {
                return .wikiSaved(
                    try await writer.saveWikiPage(
                        project, mount: mount, title: write.title, text: write.text, isNew: write.isNew))
            }
            do {
                return .wikiSaved(
                    try await labelled.saveWikiPage(
                        project, mount: mount, title: write.title, text: write.text, labels: write.labels,
                        isNew: isNew, expectedModified: expected))
            } catch let conflict as EditConflict<WikiPage> {
                return .wikiConflict(conflict.current)
            }
        }
    }

    /// The page changed meanwhile (or, for a new one, exists): says what differs and asks
    /// whether to overwrite; yes runs `overwrite`, no keeps the draft.
    static func conflict(_ current: WikiPage, write: WikiWrite, app: App, overwrite: @escaping () -> Void) {
        let what = write.isNew ? "A page titled \(Sanitizer.clean(current.title)) exists already; it" : "The page"
        let changes = ArtifactDifference.between(write.isNew ? nil : write.shown, current)
        let question =
            write.isNew
            ? "\(what) differs from yours (\(changes.joined(separator: "; "))). Overwrite it?"
            : ArtifactDifference.question(what: what, changes: changes)
        app.confirm(question, no: "Not saved; \(app.draftKept(write.key))", yes: overwrite)
    }

    /// A write failed: the draft stays, with the reason.
    static func failed(_ error: ForgeError, write: WikiWrite, app: App) {
        app.options.state?.recordFailure(write.key, message: error.message)
        let again = write.isNew ? "C" : "e"
        app.note("Not saved, \(app.draftKept(write.key)) (\(again) to try again): \(error.message)", error: true)
    }
}

/// The text of a wiki page with labels in the editor: a `Labels:` line, a `---` line, then the
/// page's Markdown. Lines starting with `#` before the `---` are comments.
enum WikiTemplate {
    static func text(title: String, wiki: String, labels: [String], text: String) -> String {
        [
            "# \(title) in \(wiki). Lines starting with # above --- are ignored; the page goes below it.",
            "Labels: \(labels.joined(separator: ", "))",
            "---",
            text,
        ].joined(separator: "\n")
    }

    /// The page's text and labels. Without the header (no `Labels:` line before a `---` line:
    /// the user removed it) the whole text is the page and the labels stay as they are (nil).
    static func parse(_ written: String) -> (text: String, labels: [String]?) {
        let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
        var labels: [String]?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmedOfSpaces
            if trimmed == "---" {
                guard let labels else { break }
                return (lines[(index + 1)...].joined(separator: "\n"), labels)
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.lowercased().hasPrefix("labels:") {
                labels = LabelList.parse(String(trimmed.dropFirst("labels:".count)))
                continue
            }
            break
        }
        return (written, nil)
    }
}
