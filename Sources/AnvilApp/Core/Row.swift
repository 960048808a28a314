import Text

/// One display line of a view, and where it leads when it is opened.
public struct Row: Hashable, Sendable {
    public var line: StyledLine
    public var target: Navigation?
    /// Rows that can take the cursor; by default those that lead somewhere.
    public var selectable: Bool
    /// A row only the interactive screen needs (a placeholder for an item not loaded yet, a hint
    /// about keys); `dump` leaves it out.
    public var onScreenOnly = false

    public init(_ line: StyledLine, target: Navigation? = nil, selectable: Bool? = nil) {
        self.line = line
        self.target = target
        self.selectable = selectable ?? (target != nil)
    }

    public init(_ text: String, _ role: Role = .normal, target: Navigation? = nil) {
        self.init(StyledLine(text, role), target: target)
    }

    public static let blank = Row(StyledLine())
}
