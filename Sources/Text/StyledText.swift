/// A run of text with one role. The text is already sanitised.
public struct StyledSpan: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .normal) {
        self.text = text
        self.role = role
    }
}

/// One display line: spans drawn left to right, at most the width it was wrapped to.
public struct StyledLine: Hashable, Sendable {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan] = []) {
        self.spans = spans
    }

    public init(_ text: String, _ role: Role = .normal) {
        self.spans = [StyledSpan(text, role)]
    }

    /// The plain text of the line.
    public var text: String { spans.map(\.text).joined() }
}
