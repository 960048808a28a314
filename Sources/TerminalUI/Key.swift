/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower case: `.ctrl("r")`.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, backspace, delete, tab, backTab, insert
    case function(Int)
}

/// What the event loop wakes up for.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
    /// Something was posted to the mailbox (a network result).
    case wake
    /// SIGINT or SIGTERM: leave cleanly.
    case terminate
}

/// A terminal the app draws on and reads keys from. The curses backend is the real one; tests
/// use a headless one.
public protocol TerminalDevice: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Writes the cells that differ from what is on screen.
    func present(_ canvas: Canvas)
    /// Waits for the next event; nil after `timeoutMilliseconds` (never when nil).
    func nextEvent(timeoutMilliseconds: Int?) -> InputEvent?
    /// Leaves the screen to the terminal while `body` runs (an editor, a browser), then restores.
    func suspendScreen(_ body: () -> Void)
    /// Restores the terminal for good.
    func shutdown()
    /// Forgets what is on screen, so that the next `present` writes every cell again (`C-l`).
    func redrawAll()
    /// Puts `text` on the system clipboard through the terminal (OSC 52); false when this
    /// terminal cannot.
    func copyToClipboard(_ text: String) -> Bool
}

extension TerminalDevice {
    public func redrawAll() {}
    public func copyToClipboard(_ text: String) -> Bool { false }
}
