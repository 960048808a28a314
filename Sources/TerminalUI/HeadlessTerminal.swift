/// A terminal without a screen, for tests and `dump`: it keeps the last canvas presented and
/// plays back a script of events.
public final class HeadlessTerminal: TerminalDevice {
    public private(set) var width: Int
    public private(set) var height: Int
    /// The last canvas presented.
    public private(set) var screen: Canvas
    /// How many frames were presented.
    public private(set) var frames = 0
    private var script: [InputEvent]
    /// Called when the script is empty; returns the next event or nil for a time-out.
    public var whenIdle: (() -> InputEvent?)?

    public init(width: Int, height: Int, script: [InputEvent] = []) {
        self.width = width
        self.height = height
        self.screen = Canvas(width: width, height: height)
        self.script = script
    }

    /// Adds events to play back.
    public func feed(_ events: [InputEvent]) { script.append(contentsOf: events) }

    public func present(_ canvas: Canvas) {
        screen = canvas
        frames += 1
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        if !script.isEmpty {
            let event = script.removeFirst()
            if case .resize(let w, let h) = event {
                width = w
                height = h
            }
            return event
        }
        return whenIdle?()
    }

    /// How many times the whole screen was asked to be written again.
    public private(set) var fullRedraws = 0

    public func redrawAll() { fullRedraws += 1 }

    public func suspendScreen(_ body: () -> Void) { body() }

    /// What was copied to the clipboard, oldest first.
    public private(set) var clipboard: [String] = []

    public func copyToClipboard(_ text: String) -> Bool {
        clipboard.append(text)
        return true
    }

    public func shutdown() {}
}
