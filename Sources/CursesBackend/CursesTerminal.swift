import CCurses
import TerminalUI
import Text

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the curses terminal could not start.
public enum CursesTerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe or a file).
    case notATerminal(stream: String)
    /// `TERM` is not set.
    case terminalTypeNotSet
    /// `TERM` names a terminal the terminfo database does not know (or one too limited to use).
    case unknownTerminal(String)
    /// No terminfo database was found at all.
    case noTerminfoDatabase
    /// curses refused to start.
    case startFailed

    public var description: String {
        switch self {
        case .notATerminal(let stream): "standard \(stream) is not a terminal"
        case .terminalTypeNotSet: "TERM is not set; set it to your terminal's type (e.g. xterm-256color)"
        case .unknownTerminal(let term): "unknown terminal type '\(term)' (TERM); try TERM=xterm-256color"
        case .noTerminfoDatabase: "no terminfo database found; install ncurses-base or ncurses-term"
        case .startFailed: "cannot start the terminal screen"
        }
    }
}

/// The real terminal: draws canvases with ncursesw and reads keys, resizes and signals.
/// Every call must come from the one thread that created it.
public final class CursesTerminal: TerminalDevice {
    /// The theme in use; setting it remaps colours and redraws the whole screen.
    public var theme: Theme {
        didSet { applyTheme() }
    }
    public private(set) var width: Int
    public private(set) var height: Int

    private let wake: WakeSignal
    /// Curses' screen, from `start()` until `shutdown()`.
    private var screen: OpaquePointer?
    /// Whether curses runs: `start()` was called and `shutdown()` was not.
    private var isActive = false
    /// Colours as asked for at init; whether the terminal has them is known at `start()`.
    private let colorsWanted: Bool
    private var colorsEnabled = false
    private var terminalDefaultColors = false
    private var resolver = ColorResolver(colorCount: 0)
    private var styles: [Role: CellStyle] = [:] { didSet { lastStyle = nil } }
    /// The style of the role drawn last: the cells of a row mostly share one.
    private var lastStyle: (role: Role, style: CellStyle)?
    private var pairs: [ColorPairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// The pair of text in the terminal's default colours (0 unless the terminal has them).
    private var plainPair: Int32 = 0
    private var shownCanvas: Canvas?
    private var pending: [InputEvent] = []
    /// Gives cells that carry a web address an OSC 8 hyperlink. Only for a terminal known to
    /// understand them: others may show the sequence as text.
    public var hyperlinks = false
    /// Anvil runs inside tmux: clipboard copies are sent a second time wrapped for tmux's
    /// passthrough, since tmux takes a bare OSC 52 only with `set-clipboard on`.
    public var insideTmux = false

    /// The terminal on the standard streams, its size read but curses not started yet (see
    /// `start()`), so that the first request can leave before curses reads its database. Throws
    /// when the streams are not a terminal or `TERM` is not set. `colorsEnabled` false (e.g.
    /// `NO_COLOR`) draws the theme's attributes only.
    public init(wake: WakeSignal, theme: Theme, colorsEnabled: Bool) throws(CursesTerminalError) {
        guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal(stream: "input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal(stream: "output") }
        guard let term = getenv("TERM"), term.pointee != 0 else { throw .terminalTypeNotSet }
        self.wake = wake
        self.theme = theme
        self.colorsWanted = colorsEnabled
        var rows: Int32 = 0
        var cols: Int32 = 0
        let known = ccurses_terminal_size(&rows, &cols) == 0
        self.width = known ? Int(cols) : 80
        self.height = known ? Int(rows) : 24
    }

    /// Starts curses on the terminal. Throws, without touching the screen, when `TERM` names a
    /// terminal the terminfo database does not know. When curses finds another size than the
    /// one read at init (`LINES` and `COLUMNS` win), the first event is a resize.
    public func start() throws(CursesTerminalError) {
        guard screen == nil else { return }
        // Only the character type: curses and wcwidth need it to read and measure UTF-8. The
        // other categories would cost a file each at start-up and change nothing Anvil shows.
        setlocale(LC_CTYPE, "")
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        // newterm reads the terminal's description once; only when it fails is it read again,
        // to tell a missing database from an unknown terminal.
        guard let screen = ccurses_start() else {
            switch ccurses_check_terminal() {
            case 1: throw .startFailed
            case -1: throw .noTerminfoDatabase
            default: throw .unknownTerminal(term)
            }
        }
        self.screen = screen
        isActive = true

        let window = ccurses_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        wtimeout(window, 0)
        curs_set(0)
        // The cursor is hidden and the caret is drawn, so no frame ends with a cursor move.
        leaveok(window, true)
        _ = ccurses_set_escdelay(25)

        var useColors = false
        var defaultColors = false
        if colorsWanted, has_colors() {
            useColors = start_color() == OK
            defaultColors = useColors && use_default_colors() == OK
        }
        colorsEnabled = useColors
        terminalDefaultColors = defaultColors
        resolver = ColorResolver(colorCount: useColors ? Int(ccurses_colors()) : 0)
        let (earlyWidth, earlyHeight) = (width, height)
        width = Int(getmaxx(window))
        height = Int(getmaxy(window))
        if width != earlyWidth || height != earlyHeight { pending.append(.resize(width: width, height: height)) }
        _ = ccurses_install_signals(wake.writeFileDescriptor)
        normalCharset = Self.dropCharsetResets()
        writeOut(normalCharset)
        applyTheme()
    }

    /// What puts the terminal in its normal character set (`rmacs`), when `sgr` and `sgr0` no
    /// longer do it at every attribute change: sent at start-up and after the terminal was lent.
    private var normalCharset = ""

    /// Takes `rmacs` out of the running terminal's `sgr0` and `sgr` (see ``CharsetReset``);
    /// returns `rmacs` when it did, else "".
    private static func dropCharsetResets() -> String {
        guard let exit = capability("rmacs"), let enter = capability("smacs") else { return "" }
        let charset = CharsetReset(enter: enter, exit: exit)
        var dropped = false
        if let trimmed = capability("sgr0").flatMap(charset.trimmedReset) {
            dropped = ccurses_shorten_string_capability("sgr0", trimmed) == 0 || dropped
        }
        if let trimmed = capability("sgr").flatMap(charset.trimmedSetAttributes) {
            dropped = ccurses_shorten_string_capability("sgr", trimmed) == 0 || dropped
        }
        return dropped ? exit : ""
    }

    /// The running terminal's string capability `name`, if it has one.
    private static func capability(_ name: String) -> String? {
        ccurses_string_capability(name).map { String(cString: $0) }
    }

    deinit { shutdown() }

    // MARK: Drawing

    /// Writes the cells that changed since the last call, then updates the terminal once.
    public func present(_ canvas: Canvas) {
        guard isActive else { return }
        let window = ccurses_stdscr()
        let runs = CanvasDiff.runs(from: shownCanvas, to: canvas)
        for run in runs where run.row < height {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                let column = run.column + offset
                guard column < width else { break }
                let wide = column + 1 < canvas.width && canvas[column + 1, run.row].isContinuation
                put(cell, row: run.row, column: column, wide: wide, window: window)
            }
        }
        wnoutrefresh(window)
        doupdate()
        if hyperlinks { writeHyperlinks(runs, old: shownCanvas, new: canvas) }
        shownCanvas = canvas
    }

    /// Curses knows nothing of hyperlinks: after it drew the frame, the changed cells that link
    /// somewhere, or did before, are written again in their style, inside OSC 8 when they link.
    /// The cursor and attributes curses left are saved and restored around it, so curses'
    /// picture of the terminal stays true.
    private func writeHyperlinks(_ runs: [CanvasDiff.Run], old: Canvas?, new canvas: Canvas) {
        let sameSize = old.map { $0.width == canvas.width && $0.height == canvas.height } ?? false
        var out = ""
        for run in runs where run.row < height {
            var column = run.column
            let end = min(run.column + run.cells.count, width)
            while column < end {
                let cell = canvas[column, run.row]
                let before = sameSize ? old?[column, run.row].hyperlink : nil
                guard !cell.isContinuation, cell.hyperlink != nil || before != nil else {
                    column += 1
                    continue
                }
                // A stretch of cells with one link and one role.
                var text = ""
                var last = column
                while last < end {
                    let next = canvas[last, run.row]
                    guard next.hyperlink == cell.hyperlink, next.role == cell.role else { break }
                    if !next.isContinuation {
                        let wide = last + 1 < canvas.width && canvas[last + 1, run.row].isContinuation
                        text += glyphs(of: next, wide: wide)
                    }
                    last += 1
                }
                let start = cell.hyperlink.flatMap(ControlSequences.hyperlinkStart)
                out += ControlSequences.move(row: run.row, column: column)
                out += ControlSequences.sgr(effectiveTheme.style(for: cell.role), resolver: resolver)
                out += (start ?? "") + text + (start == nil ? "" : ControlSequences.hyperlinkEnd)
                column = last
            }
        }
        guard !out.isEmpty else { return }
        writeOut(ControlSequences.saveCursor + out + ControlSequences.restoreCursor)
    }

    private var effectiveTheme: Theme { colorsEnabled ? theme : theme.withoutColors() }

    /// The characters curses is given for a cell (see `put`), as text.
    private func glyphs(of cell: Cell, wide: Bool) -> String {
        let characters = CellGlyph.characters(of: cell.text, canvasWidth: wide ? 2 : 1, width: { Int(wcwidth($0)) })
        var text = String(String.UnicodeScalarView(characters.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        if wide, let first = characters.first, wcwidth(first) == 1 { text += " " }
        return text
    }

    /// Writes bytes to the terminal past curses, after what curses wrote.
    private func writeOut(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(STDOUT_FILENO, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Copies `text` to the clipboard with OSC 52, which reaches the local terminal over SSH (and
    /// through tmux, see `insideTmux`); false when it is too long for one.
    public func copyToClipboard(_ text: String) -> Bool {
        guard isActive, let sequence = ControlSequences.clipboard(text) else { return false }
        writeOut(sequence + (insideTmux ? ControlSequences.tmuxPassthrough(sequence) : ""))
        return true
    }

    /// Writes one cell. Only the first scalar of the cluster and its combining marks are sent, and
    /// a character whose width the C library sees differently from the canvas is replaced, so a
    /// disagreement can never shift the rest of the row.
    private func put(_ cell: Cell, row: Int, column: Int, wide: Bool, window: UnsafeMutablePointer<WINDOW>?) {
        let style = style(for: cell.role)
        var pair = style.pair
        var cchar = cchar_t()
        // Most cells hold one printable ASCII character, which every locale prints one column
        // wide: written from the stack, without the arrays of the general case.
        if !wide, let byte = CellGlyph.printableASCII(cell.text) {
            var text: (wchar_t, wchar_t) = (wchar_t(byte), 0)
            withUnsafePointer(to: &text) { pointer in
                pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
                    _ = setcchar(&cchar, characters, style.attributes, 0, &pair)
                }
            }
            mvwadd_wch(window, Int32(row), Int32(column), &cchar)
            return
        }
        var characters = CellGlyph.characters(of: cell.text, canvasWidth: wide ? 2 : 1, width: { Int(wcwidth($0)) })
        let padAfter = wide && characters.count > 0 && wcwidth(characters[0]) == 1
        characters.append(0)
        setcchar(&cchar, characters, style.attributes, 0, &pair)
        mvwadd_wch(window, Int32(row), Int32(column), &cchar)
        if padAfter, column + 1 < width {
            var blank = cchar_t()
            setcchar(&blank, [0x20, 0], style.attributes, 0, &pair)
            mvwadd_wch(window, Int32(row), Int32(column + 1), &blank)
        }
    }

    private func style(for role: Role) -> CellStyle {
        if let lastStyle, lastStyle.role == role { return lastStyle.style }
        let style = styles[role] ?? styles[.normal] ?? CellStyle(attributes: 0, pair: 0)
        lastStyle = (role, style)
        return style
    }

    /// Forgets what is on screen: the next `present` writes every cell on a cleared terminal.
    public func redrawAll() { forceFullRedraw() }

    private func forceFullRedraw() {
        shownCanvas = nil
        clearok(ccurses_curscr(), true)
    }

    /// Rebuilds the per-role attributes and colour pairs from `theme`.
    private func applyTheme() {
        guard isActive else { return }
        let effective = colorsEnabled ? theme : theme.withoutColors()
        pairs = [:]
        nextPair = 1
        plainPair = 0
        if colorsEnabled, terminalDefaultColors {
            // Plain text gets a pair of its own (the terminal's default colours, so it looks the
            // same as pair 0): ncurses leaves a colour for it with ESC[39m or ESC[0m where it
            // would write the colour reset and sgr0 (ESC[39;49m ESC[m SI) to reach pair 0. Its
            // blanks (erase, scrolled-in lines) take that pair too, so none is rewritten.
            plainPair = allocatePair(ColorPairKey(foreground: -1, background: -1))
            var pair = plainPair
            var blank = cchar_t()
            setcchar(&blank, [0x20, 0], CCURSES_WA_NORMAL, 0, &pair)
            wbkgrndset(ccurses_stdscr(), &blank)
        }
        var result: [Role: CellStyle] = [:]
        for role in Role.allCases {
            let style = effective.style(for: role)
            result[role] = CellStyle(attributes: Self.attributes(style.attributes), pair: pair(for: style))
        }
        styles = result
        forceFullRedraw()
    }

    /// The colour pair drawing `style`'s colours, allocated on first use; 0 when colours are off
    /// or the terminal has no pairs left.
    private func pair(for style: TextStyle) -> Int32 {
        guard colorsEnabled else { return 0 }
        var key = ColorPairKey(
            foreground: resolver.resolve(style.foreground), background: resolver.resolve(style.background))
        if !terminalDefaultColors {
            // Without default colours pair 0 is white on black; spell that out.
            if key.foreground < 0 { key.foreground = 7 }
            if key.background < 0 { key.background = 0 }
            if key == ColorPairKey(foreground: 7, background: 0) { return 0 }
        } else if key == ColorPairKey(foreground: -1, background: -1) {
            return plainPair
        }
        return allocatePair(key)
    }

    /// The pair for `key`, initialised on first use; 0 when the terminal has no pairs left.
    private func allocatePair(_ key: ColorPairKey) -> Int32 {
        if let existing = pairs[key] { return existing }
        guard nextPair < ccurses_color_pairs(),
            init_extended_pair(nextPair, Int32(key.foreground), Int32(key.background)) == OK
        else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    static func attributes(_ attributes: Attributes) -> attr_t {
        var result = CCURSES_WA_NORMAL
        if attributes.contains(.bold) { result |= CCURSES_WA_BOLD }
        if attributes.contains(.dim) { result |= CCURSES_WA_DIM }
        if attributes.contains(.italic) { result |= CCURSES_WA_ITALIC }
        if attributes.contains(.underline) { result |= CCURSES_WA_UNDERLINE }
        if attributes.contains(.reverse) { result |= CCURSES_WA_REVERSE }
        if attributes.contains(.standout) { result |= CCURSES_WA_STANDOUT }
        return result
    }

    // MARK: Input

    /// Waits for a key, a resize, a wake-up or a termination request; nil after the timeout.
    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        guard isActive else { return .terminate }
        let deadline = timeoutMilliseconds.map { MonotonicClock.milliseconds() + $0 }
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            // ncurses may already hold bytes it read ahead; poll() cannot see those.
            if let event = readInput() { return event }
            var remaining: Int32 = -1
            if let deadline {
                let left = deadline - MonotonicClock.milliseconds()
                if left <= 0 { return nil }
                remaining = Int32(clamping: left)
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readFileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, remaining)
            if ready < 0 {
                if errno == EINTR { continue }
                return .terminate
            }
            if ready == 0 { return nil }
            if fds[1].revents != 0 { handleWakeBytes(wake.drain()) }
            if fds[0].revents & Int16(POLLIN) == 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away: nothing more will ever be typed.
                pending.append(.terminate)
            }
        }
    }

    /// Reads keys ncurses has ready without waiting; the first one Anvil knows, or a resize.
    private func readInput() -> InputEvent? {
        let window = ccurses_stdscr()
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return nil }
            let input: CursesInput =
                status == KEY_CODE_YES ? .keyCode(Int32(bitPattern: code)) : .character(UInt32(code))
            switch KeyDecoder.decode(input) {
            case .key(let key): return .key(key)
            case .resize: if let event = updateSize() { return event }
            case nil: continue
            }
        }
    }

    private func handleWakeBytes(_ bytes: [UInt8]) {
        var events: [InputEvent] = []
        if bytes.contains(UInt8(CCURSES_BYTE_TERMINATE)) { events.append(.terminate) }
        if bytes.contains(UInt8(CCURSES_BYTE_RESIZE)), let event = updateSize() { events.append(event) }
        let known = [CCURSES_BYTE_TERMINATE, CCURSES_BYTE_RESIZE].map { UInt8($0) }
        if bytes.contains(where: { !known.contains($0) }) { events.append(.wake) }
        pending.append(contentsOf: events)
    }

    /// Brings curses to the kernel's idea of the terminal size; a `.resize` event when it changed.
    private func updateSize() -> InputEvent? {
        let window = ccurses_stdscr()
        var rows: Int32 = 0
        var cols: Int32 = 0
        if ccurses_terminal_size(&rows, &cols) == 0, rows != getmaxy(window) || cols != getmaxx(window) {
            resizeterm(rows, cols)
        }
        let newWidth = Int(getmaxx(window))
        let newHeight = Int(getmaxy(window))
        guard newWidth != width || newHeight != height else { return nil }
        width = newWidth
        height = newHeight
        forceFullRedraw()
        return .resize(width: width, height: height)
    }

    /// Redraws the last frame on a cleared terminal (after the terminal was used by someone else).
    private func repaint() {
        let window = ccurses_stdscr()
        clearok(ccurses_curscr(), true)
        wnoutrefresh(window)
        doupdate()
    }

    // MARK: Leaving the screen

    /// Gives the terminal back while `body` runs (an editor), then restores the screen. Ctrl-C
    /// belongs to `body` meanwhile; a resize during `body` is reported afterwards.
    public func suspendScreen(_ body: () -> Void) {
        guard isActive else {
            body()
            return
        }
        ccurses_set_interrupt_ignored(true)
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        // Whatever ran may have left the alternate character set on.
        writeOut(normalCharset)
        ccurses_set_interrupt_ignored(false)
        curs_set(1)
        curs_set(0)
        if let event = updateSize() { pending.append(event) }
        repaint()
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) that asked the program to end, if one did: the
    /// process should then exit with 128 plus its number.
    public var terminationSignal: Int32? {
        let signal = ccurses_terminating_signal()
        return signal > 0 ? signal : nil
    }

    /// Restores the terminal and the signal handlers. Safe to call more than once.
    public func shutdown() {
        guard isActive, let screen else { return }
        isActive = false
        ccurses_restore_signals()
        endwin()
        delscreen(screen)
    }
}

/// Attributes and colour pair of one role, ready for `setcchar`.
struct CellStyle {
    var attributes: attr_t
    var pair: Int32
}

/// A foreground and background colour number; -1 is the terminal default.
struct ColorPairKey: Hashable {
    var foreground: Int
    var background: Int
}

/// Milliseconds on a clock that never jumps.
enum MonotonicClock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
