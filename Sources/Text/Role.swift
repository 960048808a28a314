/// What a piece of text on screen is. Themes give each role its colours and attributes;
/// nothing else decides how text looks.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case normal
    case title
    case status
    case error
    case cursor
    /// The arrow that marks the selected row when the cursor is an arrow.
    case pointer
    case tree
    case author
    case date
    case quote
    case code
    case link
    case heading
    case label
    case ticketOpen = "ticket-open"
    case ticketClosed = "ticket-closed"
    case unread
    case tagged
    case searchMatch = "search-match"
    case muted
    case emphasis
    case strong
    case strike
    case mention
    case reference
    case macro
    case key
    case prompt
    case placeholder
}

extension Role {
    /// The case's place among the cases, read from its tag: comparing or hashing a role through
    /// its raw text costs a string hash per cell.
    @inlinable
    public var ordinal: UInt8 { withUnsafeBytes(of: self) { $0[0] } }

    /// The cases' tags compared: the comparison a raw-value enum gets otherwise is, from another
    /// module, one of their raw texts.
    @inlinable
    public static func == (a: Role, b: Role) -> Bool { a.ordinal == b.ordinal }
}
