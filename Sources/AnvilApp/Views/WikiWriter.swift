import ForgeModel
import Foundation
import Store

/// Writing a wiki page in the user's editor: the text is kept as a draft until the forge has
/// taken it, and offered again when the same page is edited next.
enum WikiWriter {
    /// Edits `text` (a draft kept from an earlier try wins) and saves it as page `title` of the
    /// view's wiki; reports `.wikiSaved` to the view. Returns the draft of the save in flight, to
    /// delete once the forge took it, or nil when nothing was sent.
    static func write(title: String, text: String, isNew: Bool, view: ToolView, app: App) -> DraftKey? {
        guard let writer = view.session.forge as? any WikiWriting else {
            app.note("This forge's wiki cannot be written from Anvil; o opens it in the browser")
            return nil
        }
        let (project, mount) = (view.project, view.tool.mountPoint)
        let key = DraftKey(
            forge: view.session.baseURL.absoluteString, kind: isNew ? .wikiNew : .wikiEdit,
            target: "\(project)/\(mount)/\(title)")
        let saved = app.options.state?.draft(key)?.text
        let initial = saved ?? text
        guard let outcome = app.edit(initial) else {
            app.note("No editor available", error: true)
            return nil
        }
        let written: String
        switch outcome {
        case .saved(let text): written = text
        case .abandoned:
            app.note(saved == nil ? "Nothing saved" : "Nothing saved; the draft is kept")
            return nil
        case .failed(let reason, let text):
            if let text, text != initial { app.options.state?.saveDraft(key, text: text) }
            app.note("\(reason): nothing saved; the draft is kept", error: true)
            return nil
        }
        guard written != text || saved != nil else {
            app.note("Unchanged: nothing saved")
            return nil
        }
        app.options.state?.saveDraft(key, text: written)
        app.note("Saving \(title)…")
        app.load(for: view, cancellable: false) {
            .wikiSaved(try await writer.saveWikiPage(project, mount: mount, title: title, text: written, isNew: isNew))
        }
        return key
    }
}
