import TerminalUI

/// The KEYS and commands part of the man page (`doc/anvil.1`), generated from the action table and
/// the `:` commands so the page cannot drift from what the keys do (a test compares the two).
public enum ManualKeys {
    /// The marker lines around the generated part of the page.
    public static let beginMarker = ".\\\" BEGIN GENERATED KEYS: regenerate with `make man`"
    public static let endMarker = ".\\\" END GENERATED KEYS"

    /// The section titles of action scopes, in the order the page lists them.
    static func title(of scope: Action.Scope) -> String {
        switch scope {
        case .general: return "Everywhere"
        case .thread: return "In threads"
        case .tickets: return "In ticket lists"
        }
    }

    /// The roff text between the markers: one `.SS` per scope with each action's default keys,
    /// summary and name, then the `:` commands.
    public static func roff() -> String {
        var lines: [String] = []
        var scopes: [Action.Scope] = []
        for action in Action.allCases where !scopes.contains(action.scope) { scopes.append(action.scope) }
        for scope in scopes {
            lines.append(".SS " + title(of: scope))
            for action in Action.allCases where action.scope == scope {
                let keys = action.defaultKeys.map { "\\fB" + escape($0) + "\\fR" }.joined(separator: ", ")
                lines.append(".TP")
                lines.append(keys.isEmpty ? "(unbound)" : keys)
                lines.append(escape(action.summary) + " (\\fB" + escape(action.rawValue) + "\\fR)")
            }
        }
        lines.append(".SS Commands")
        for command in Commands.builtIn {
            let words = command.usage.split(separator: " ", maxSplits: 1).map(String.init)
            var usage = "\\fB:" + escape(words.first ?? "") + "\\fR"
            if words.count > 1 { usage += " \\fI" + escape(words[1]) + "\\fR" }
            lines.append(".TP")
            lines.append(usage)
            lines.append(escape(command.summary))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `page` with the text between the markers replaced by `roff()`, or nil when a marker is missing.
    public static func updating(_ page: String) -> String? {
        guard let begin = page.range(of: beginMarker + "\n"),
            let end = page.range(of: endMarker, range: begin.upperBound..<page.endIndex)
        else { return nil }
        return String(page[..<begin.upperBound]) + roff() + String(page[end.lowerBound...])
    }

    /// Escapes text for roff: backslashes, minus signs (so they stay ASCII hyphen-minus when
    /// copied), and a leading `.` or `'` that would start a request.
    static func escape(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
        return result
    }
}
