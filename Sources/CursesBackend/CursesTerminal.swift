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

/// The real terminal: ncursesw sets it up, reads keys, resizes and signals, and reads the
/// terminal's description; frames are written by a `ScreenWriter`, which scrolls with a scroll
/// region kept between frames and so writes fewer bytes than curses' own update.
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
    private var resolver = ColorResolver(colorCount: 0)
    /// Writes the frames, from `start()` on.
    private var writer: ScreenWriter?
    private var pending: [InputEvent] = []
    /// Gives cells that carry a web address an OSC 8 hyperlink. Only for a terminal known to
    /// understand them: others may show the sequence as text.
    public var hyperlinks = false {
        didSet {
            writer?.abilities.hyperlinks = hyperlinks
            forceFullRedraw()
        }
    }
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
        localeIsUTF8 = Self.multibyte(0x65E5) == [0xE6, 0x97, 0xA5]
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
        if colorsWanted, has_colors() {
            useColors = start_color() == OK
            // Curses' own clear (at start, after a resize) then leaves the default colours.
            if useColors { _ = use_default_colors() }
        }
        colorsEnabled = useColors
        resolver = ColorResolver(colorCount: useColors ? Int(ccurses_colors()) : 0)
        let (earlyWidth, earlyHeight) = (width, height)
        width = Int(getmaxx(window))
        height = Int(getmaxy(window))
        if width != earlyWidth || height != earlyHeight { pending.append(.resize(width: width, height: height)) }
        _ = ccurses_install_signals(wake.writeFileDescriptor)
        normalCharset = Self.dropCharsetResets()
        // Curses sends what starts the screen (alternate screen, keypad mode) on its first
        // update; after that it writes nothing until the end, and the writer draws.
        wnoutrefresh(window)
        doupdate()
        writeOut(normalCharset)
        writer = ScreenWriter(
            width: width, height: height, abilities: Self.abilities(colors: resolver, hyperlinks: hyperlinks),
            pens: [:],
            glyph: { [unowned self] cell, wide in self.glyphBytes(of: cell, wide: wide) })
        applyTheme()
    }

    /// What the running terminal can do, from its description and the tty's output settings.
    private static func abilities(colors: ColorResolver, hyperlinks: Bool) -> ScreenAbilities {
        var abilities = ScreenAbilities()
        abilities.hyperlinks = hyperlinks
        abilities.scrollRegion =
            capability("csr") != nil && capability("ind") == "\n" && capability("ri") == "\u{1B}M"
        abilities.columnAndRowMoves = capability("hpa") != nil && capability("vpa") != nil
        abilities.writesLastCell = ccurses_flag_capability("am") == 1 && ccurses_flag_capability("xenl") == 1
        var settings = termios()
        if tcgetattr(STDOUT_FILENO, &settings) == 0 {
            let both = tcflag_t(OPOST) | tcflag_t(ONLCR)
            abilities.newlineReturns = settings.c_oflag & both == both
        }
        abilities.directColor = colors.palette == .direct
        var attributes: Attributes = []
        let named: [(String, Attributes)] = [
            ("bold", .bold), ("dim", .dim), ("sitm", .italic), ("smul", .underline), ("rev", .reverse),
            ("smso", .standout),
        ]
        for (name, attribute) in named where capability(name) != nil { attributes.insert(attribute) }
        abilities.attributes = attributes
        return abilities
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
        guard isActive, var writer else { return }
        let bytes = writer.frame(canvas)
        self.writer = writer
        writeOut(bytes)
    }

    private var effectiveTheme: Theme { colorsEnabled ? theme : theme.withoutColors() }

    /// The characters curses is given for a cell (see `put`), as text.
    /// The bytes of a cell's characters in the locale's encoding: UTF-8 nearly always; in another
    /// locale what the C library encodes, and `?` for what that cannot.
    private func glyphBytes(of cell: Cell, wide: Bool) -> [UInt8] {
        let text = glyphs(of: cell, wide: wide)
        guard !localeIsUTF8 else { return Array(text.utf8) }
        return text.unicodeScalars.flatMap { Self.multibyte(wchar_t(bitPattern: $0.value)) ?? [0x3F] }
    }

    /// Whether the locale's character encoding is UTF-8 (set when curses starts).
    private var localeIsUTF8 = true

    /// `character` in the locale's multibyte encoding; nil when it has none.
    private static func multibyte(_ character: wchar_t) -> [UInt8]? {
        var state = mbstate_t()
        var buffer = [CChar](repeating: 0, count: 16)
        let count = wcrtomb(&buffer, character, &state)
        guard count != -1, count <= buffer.count else { return nil }
        return buffer[0..<count].map { UInt8(bitPattern: $0) }
    }

    private func glyphs(of cell: Cell, wide: Bool) -> String {
        let characters = CellGlyph.characters(of: cell.text, canvasWidth: wide ? 2 : 1, width: { Int(wcwidth($0)) })
        var text = String(String.UnicodeScalarView(characters.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        if wide, let first = characters.first, wcwidth(first) == 1 { text += " " }
        return text
    }

    /// Writes bytes to the terminal past curses, after what curses wrote.
    private func writeOut(_ text: String) { writeOut(Array(text.utf8)) }

    private func writeOut(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
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

    /// Forgets what is on screen: the next `present` writes every cell on a cleared terminal.
    public func redrawAll() { forceFullRedraw() }

    private func forceFullRedraw() {
        writer?.invalidate()
    }

    /// Gives the writer each role's pen from `theme`.
    private func applyTheme() {
        guard isActive else { return }
        let effective = effectiveTheme
        var pens: [Role: Pen] = [:]
        for role in Role.allCases {
            let style = effective.style(for: role)
            pens[role] = Pen(
                attributes: style.attributes, foreground: resolver.resolve(style.foreground),
                background: resolver.resolve(style.background))
        }
        writer?.setPens(pens)
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
                pollfd(fd: wake.eventFileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), remaining)
            if ready < 0 {
                if errno == EINTR { continue }
                return .terminate
            }
            if ready == 0 { return nil }
            if fds[1].revents != 0 || fds[2].revents != 0 { handleWakeBytes(wake.drain()) }
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
        if bytes.contains(UInt8(CCURSES_BYTE_CONTINUE)) {
            // Back from a stop: curses redrew its own (blank) screen.
            forceFullRedraw()
            events.append(updateSize() ?? .wake)
        }
        let known = [CCURSES_BYTE_TERMINATE, CCURSES_BYTE_RESIZE, CCURSES_BYTE_CONTINUE].map { UInt8($0) }
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
        // Curses clears its screen after a resize; let it do so now, not over the next frame.
        if is_wintouched(window) {
            wnoutrefresh(window)
            doupdate()
            forceFullRedraw()
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
        forceFullRedraw()
    }

    // MARK: Leaving the screen

    /// Resets what the writer keeps set (the scroll region, attributes) before curses leaves.
    private func releaseScreen() {
        guard var writer else { return }
        writeOut(writer.release())
        self.writer = writer
    }

    /// Gives the terminal back while `body` runs (an editor), then restores the screen. Ctrl-C
    /// belongs to `body` meanwhile; a resize during `body` is reported afterwards.
    public func suspendScreen(_ body: () -> Void) {
        guard isActive else {
            body()
            return
        }
        ccurses_set_interrupt_ignored(true)
        releaseScreen()
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
        releaseScreen()
        isActive = false
        ccurses_restore_signals()
        endwin()
        delscreen(screen)
    }
}

/// Milliseconds on a clock that never jumps.
enum MonotonicClock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
