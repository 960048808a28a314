/// Whether to give links OSC 8 hyperlinks. A terminal that does not know the sequence may print
/// it, so Anvil decides conservatively: `osc8 = true` or `false` in the config settles it;
/// otherwise only a terminal that says who it is and is known to support them gets them
/// (iTerm2, WezTerm, kitty, foot, Ghostty, VS Code, Windows Terminal, VTE 0.50 and later such as
/// GNOME Terminal), and never inside tmux or screen, which may not pass them on.
public enum HyperlinkSupport {
    static let programs: Set<String> = ["iTerm.app", "WezTerm", "vscode", "ghostty"]
    static let terminals: Set<String> = ["xterm-kitty", "foot", "foot-extra", "xterm-ghostty", "wezterm"]

    public static func enabled(configured: Bool?, environment: [String: String]) -> Bool {
        if let configured { return configured }
        let term = environment["TERM"] ?? ""
        if environment["TMUX"] != nil || environment["STY"] != nil || term.hasPrefix("screen")
            || term.hasPrefix("tmux")
        {
            return false
        }
        if terminals.contains(term) { return true }
        if let program = environment["TERM_PROGRAM"], programs.contains(program) { return true }
        if environment["KITTY_WINDOW_ID"] != nil || environment["WT_SESSION"] != nil { return true }
        if let vte = environment["VTE_VERSION"].flatMap({ Int($0) }), vte >= 5000 { return true }
        return false
    }
}
