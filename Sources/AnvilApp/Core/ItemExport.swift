import ForgeModel
import Foundation
import TerminalUI
import Text

/// The text of one item (a post, a ticket, a page) for `Y`, `|` and `:save`.
public struct ItemText: Hashable, Sendable {
    /// What the item is, for messages: `ticket #42`, `alice's post`, `Home`.
    public var name: String
    /// The text as the forge keeps it (Markdown).
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// `y`, `Y`, `|` and `:save`: the item under the cursor leaves Anvil by the clipboard, a shell
/// command or a file. What leaves is sanitised (no escape sequences) but keeps its line breaks.
struct ItemExport {
    let app: App

    /// `y`: copies the web address of the item under the cursor and shows it.
    func copyURL(_ url: String?) {
        guard let url else { return app.note("Nothing here has a web address", error: true) }
        copy(url, what: url)
    }

    /// `Y`: copies the item's text.
    func copyText(_ item: ItemText?) {
        guard let item else { return app.note("Nothing here has text to copy", error: true) }
        copy(Self.exported(item.text), what: "the text of \(item.name)")
    }

    private func copy(_ text: String, what: String) {
        guard app.options.clipboard else { return app.note("\(what) (copying is off: osc52 = false)") }
        if app.device.copyToClipboard(text) {
            app.note("Copied \(what)")
        } else {
            app.note("Cannot copy \(what): too long for the terminal's clipboard", error: true)
        }
    }

    /// `|`: asks for a shell command and gives it the item's text on its standard input.
    func pipe(_ item: ItemText?) {
        guard let item else { return app.note("Nothing here to pipe", error: true) }
        guard let run = app.options.pipe else { return app.note("Cannot run commands here", error: true) }
        app.ask("Pipe \(item.name) to: ") { [unowned app] command in
            let command = command.trimmedOfSpaces
            guard !command.isEmpty else { return app.note("Nothing run") }
            if let failure = run(command, Self.exported(item.text)) {
                app.note(failure, error: true)
            } else {
                app.note("Piped \(item.name) to \(command)")
            }
        }
    }

    /// `:save PATH`: writes the item's text to a file (`~` is the home directory).
    func save(_ item: ItemText?, to path: String) {
        guard let item else { return app.note("Nothing here to save", error: true) }
        let trimmed = path.trimmedOfSpaces
        guard !trimmed.isEmpty else { return app.note("Usage: :save PATH", error: true) }
        let full = Self.expand(trimmed, home: app.options.homeDirectory)
        do {
            try Data(Self.exported(item.text).utf8).write(to: URL(fileURLWithPath: full))
            app.note("Saved \(item.name) to \(full)")
        } catch {
            app.note("Cannot save to \(full): \(Self.reason(error))", error: true)
        }
    }

    /// The text as it leaves Anvil: control characters and escape sequences removed, line breaks
    /// kept, ending in one newline.
    static func exported(_ text: String) -> String {
        var clean = Sanitizer.clean(text, keepNewlines: true)
        while clean.hasSuffix("\n") { clean.removeLast() }
        return clean + "\n"
    }

    /// `~` and `~/…` read under `home`.
    static func expand(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// Why a write failed, in words (no file URL, no Foundation error codes).
    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain, let text = strerror(Int32(code)) {
            return String(cString: text)
        }
        let cocoa = (error as NSError).code
        switch cocoa {
        case NSFileNoSuchFileError, NSFileWriteNoPermissionError, NSFileWriteVolumeReadOnlyError:
            return cocoa == NSFileNoSuchFileError ? "No such file or directory" : "Permission denied"
        default: return (error as NSError).localizedDescription
        }
    }
}
