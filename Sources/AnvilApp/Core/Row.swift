import Synchronization
import Text

/// One display line of a view, and where it leads when it is opened.
public struct Row: Hashable, Sendable {
    /// The line; a deferred row's is made the first time it is read.
    public var line: StyledLine {
        get { deferred?.line ?? storedLine }
        set {
            storedLine = newValue
            deferred = nil
        }
    }
    public var target: Navigation?
    /// Rows that can take the cursor; by default those that lead somewhere.
    public var selectable: Bool
    /// A row only the interactive screen needs (a placeholder for an item not loaded yet, a hint
    /// about keys); `dump` leaves it out.
    public var onScreenOnly = false
    private var storedLine: StyledLine
    private var deferred: DeferredLine?

    public init(_ line: StyledLine, target: Navigation? = nil, selectable: Bool? = nil) {
        storedLine = line
        self.target = target
        self.selectable = selectable ?? (target != nil)
    }

    public init(_ text: String, _ role: Role = .normal, target: Navigation? = nil) {
        self.init(StyledLine(text, role), target: target)
    }

    /// A row whose line `deferred` makes when something first reads it (draws, searches or
    /// prints it).
    public init(_ deferred: DeferredLine, target: Navigation? = nil, selectable: Bool? = nil) {
        self.init(StyledLine(), target: target, selectable: selectable)
        self.deferred = deferred
    }

    public static let blank = Row(StyledLine())

    public static func == (a: Row, b: Row) -> Bool {
        a.target == b.target && a.selectable == b.selectable && a.onScreenOnly == b.onScreenOnly && a.line == b.line
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(target)
        hasher.combine(selectable)
        hasher.combine(onScreenOnly)
    }
}

/// A row's line made only when it is first read, then kept: of a long thread's post headers only
/// those drawn or searched are ever needed, and each made one costs a few hundred bytes.
open class DeferredLine: @unchecked Sendable {
    private let made = Mutex<StyledLine?>(nil)

    public init() {}

    /// The line, made on the first read.
    public final var line: StyledLine {
        if let line = made.withLock({ $0 }) { return line }
        let line = make()
        made.withLock { $0 = line }
        return line
    }

    /// Makes the line; called once (or, when two threads read it first together, twice alike).
    open func make() -> StyledLine { StyledLine() }
}
