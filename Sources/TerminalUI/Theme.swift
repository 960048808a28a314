import Text

/// A terminal colour as a theme names it.
public enum Color: Hashable, Sendable {
    /// The terminal's own default colour.
    case `default`
    /// 0-15 the named colours, 16-255 the extended palette.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes a theme may set.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let italic = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let reverse = Attributes(rawValue: 16)
    public static let standout = Attributes(rawValue: 32)
}

/// How one role is drawn.
public struct TextStyle: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named set of styles, one per role. Roles a theme does not mention draw as `normal`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [Role: TextStyle]

    public init(name: String, styles: [Role: TextStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: Role) -> TextStyle {
        styles[role] ?? styles[.normal] ?? TextStyle()
    }
}
