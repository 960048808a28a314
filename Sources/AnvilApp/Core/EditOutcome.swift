import Store

/// What became of text handed to the user's editor.
public enum EditOutcome: Hashable, Sendable {
    /// The editor exited normally; the file's text.
    case saved(String)
    /// Nothing came back (no editor could run, or the user gave up).
    case abandoned
    /// The editor exited with a failure; why, and what the file held then (kept as a draft).
    case failed(reason: String, text: String?)
}

extension App {
    /// Runs the user's editor on `initial`; nil when the app has no editor.
    func edit(_ initial: String) -> EditOutcome? {
        // The outbox sends a kept draft through the view's own path: its text is what was written.
        // Any other text means the view wanted something else: nothing is sent then.
        if let text = textToSend {
            textToSend = nil
            return text == initial ? .saved(text) : .abandoned
        }
        if let editor = options.editor { return editor(initial) }
        guard let editText = options.editText else { return nil }
        return editText(initial).map { .saved($0) } ?? .abandoned
    }
}

extension App {
    /// Edits the draft for `key` (or `original` when there is none) and keeps what was written as
    /// that draft. Nil, with a note, when nothing was written: no editor, the user gave up, or the
    /// editor failed (what its file held is kept as the draft). `hadDraft` says whether a draft
    /// was offered rather than `original`.
    func editDraft(_ key: DraftKey, original: String) -> (text: String, hadDraft: Bool)? {
        let saved = options.state?.draft(key)?.text
        let initial = saved ?? original
        guard let outcome = edit(initial) else {
            note("No editor available", error: true)
            return nil
        }
        switch outcome {
        case .saved(let text):
            return (text, saved != nil)
        case .abandoned:
            note(saved == nil ? "Nothing saved" : "Nothing saved; the draft is kept")
            return nil
        case .failed(let reason, let text):
            if let text, text != initial { options.state?.saveDraft(key, text: text) }
            note("\(reason): nothing saved; the draft is kept", error: true)
            return nil
        }
    }
}
