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
        if let editor = options.editor { return editor(initial) }
        guard let editText = options.editText else { return nil }
        return editText(initial).map { .saved($0) } ?? .abandoned
    }
}
