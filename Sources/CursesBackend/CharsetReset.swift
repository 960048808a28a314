/// The attribute capabilities without the way back from the alternate character set that
/// terminfo adds to them (`rmacs`: SI for tmux and screen, `ESC ( B` for xterm).
///
/// Anvil draws its lines with Unicode, never with the alternate character set, so once the
/// terminal is put in the normal set at start-up every further `rmacs` is wasted: ncurses sends one
/// with each attribute change through `sgr` and each reset through `sgr0`, a byte or three each,
/// several times in a one-line scroll.
struct CharsetReset {
    /// Enters the alternate character set (`smacs`).
    var enter: String
    /// Leaves it (`rmacs`).
    var exit: String

    /// `sgr0` without `rmacs` before or after the reset itself; nil when it has none.
    func trimmedReset(_ sgr0: String) -> String? {
        guard !exit.isEmpty, sgr0 != exit else { return nil }
        if sgr0.hasSuffix(exit) { return String(sgr0.dropLast(exit.count)) }
        if sgr0.hasPrefix(exit) { return String(sgr0.dropFirst(exit.count)) }
        return nil
    }

    /// `sgr` without the part that picks the character set from its ninth parameter
    /// (`%?%p9%t` smacs `%e` rmacs `%;`); nil when it has no such part.
    func trimmedSetAttributes(_ sgr: String) -> String? {
        guard !enter.isEmpty, !exit.isEmpty else { return nil }
        let choice = "%?%p9%t" + enter + "%e" + exit + "%;"
        guard let range = sgr.range(of: choice) else { return nil }
        var trimmed = sgr
        trimmed.removeSubrange(range)
        return trimmed
    }
}
