extension StringProtocol {
    /// Whether every character is white space (an empty string is blank). Plain Swift: Foundation's
    /// `trimmingCharacters` goes through NSString, which costs a thread's rows dearly.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
